/**
 * The exact integer attack on small random cycles (ADR 011). The attacker knows everything
 * published for one cycle — each paragraph's table (n and the shown option counts), each
 * regional group's table per pillar and over the whole cycle (its answer count and shown
 * option counts), and how many States of each group report (the overview's response chart,
 * published even for a withheld group) — and that all of it comes from one hidden table:
 * x[group][paragraph][option] ≥ 0, whole numbers, with at most as many answers per group and
 * paragraph as the group has States reporting.
 *
 * For every hidden non-zero cell it then searches, exactly (depth-first over whole numbers with
 * bounds propagation, complete), for a table consistent with everything published in which the
 * cell takes another value than its true one. If none exists the cell is disclosed and the test
 * fails. It fails too when a published cell equals its row's n ("5 of 5 States"), or when a
 * regional group whose answers in a paragraph truly all fell on one option could be shown to have
 * answered so (no consistent table puts one of them elsewhere): who reported is public, so that
 * tells each of those States' answer. Unlike the linear attack of disclosure-control.test.ts this one uses integrality, the
 * group sizes and the hidden group × paragraph table, not only the published relations.
 */
import { describe, expect, test } from "vitest";
import { publishSingle, type AnswerRow, type FigureRow, type ParagraphInfo } from "#app/insights/figures.ts";

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OPTIONS = ["a", "b", "c"];
const GROUPS = ["g1", "g2", "g3"];
const PARAGRAPHS: ParagraphInfo[] = [
  { ref: "1", pillar: 1, theme: 1 },
  { ref: "2", pillar: 1, theme: 2 },
  { ref: "3", pillar: 2, theme: 3 },
];
const MIN_CELL = 3;
const MIN_GROUP = 4;
const SEEDS = 60;

/** A small cycle: 6 to 14 States in three groups of unequal size, skewed answers, some paragraphs unanswered. */
function dataset(seed: number) {
  const r = rng(seed);
  const states = 6 + Math.floor(r() * 9);
  const weights = OPTIONS.map(() => r() ** 2 + 0.05);
  const rows: AnswerRow[] = [];
  const groupOf: string[] = [];
  for (let s = 0; s < states; s++) {
    const group = GROUPS[r() < 0.5 ? 0 : r() < 0.6 ? 1 : 2]!;
    groupOf.push(group);
    for (const p of PARAGRAPHS) {
      if (r() < 0.15) continue;
      let x = r() * weights.reduce((a, b) => a + b, 0);
      let o = 0;
      while (x > weights[o]! && o < OPTIONS.length - 1) x -= weights[o++]!;
      rows.push({ state: `S${s}`, group, ref: p.ref, key: "status", value: OPTIONS[o] });
    }
  }
  return { rows, statesIn: Object.fromEntries(GROUPS.map((g) => [g, groupOf.filter((x) => x === g).length])) as Record<string, number> };
}

/* ------------------------------------------------------------------ the model */

/** A sum of hidden-table entries (indices into x) with the bounds the attacker knows for it. */
interface Constraint {
  vars: number[];
  lo: number;
  hi: number;
}

const index = (g: number, p: number, o: number) => (g * PARAGRAPHS.length + p) * OPTIONS.length + o;
const SIZE = GROUPS.length * PARAGRAPHS.length * OPTIONS.length;

/** Which entries of x make up a published (or hidden) cell, by its id as figures.ts names them. */
function cellVars(id: string): number[] {
  const parts = id.split(":");
  const refs = (sc: number) => PARAGRAPHS.map((p, i) => [p, i] as const).filter(([p]) => sc === 0 || p.pillar === sc).map(([, i]) => i);
  const out: number[] = [];
  const all = (gs: number[], ps: number[], os: number[]) => {
    for (const g of gs) for (const p of ps) for (const o of os) out.push(index(g, p, o));
  };
  const G = GROUPS.map((_, i) => i);
  const O = OPTIONS.map((_, i) => i);
  if (parts[0] === "n") all(G, [PARAGRAPHS.findIndex((p) => p.ref === parts[1])], O);
  else if (parts[0] === "p") all(G, [PARAGRAPHS.findIndex((p) => p.ref === parts[1])], [OPTIONS.indexOf(parts[2]!)]);
  else if (parts[0] === "m") all([GROUPS.indexOf(parts[2]!)], refs(Number(parts[1])), O);
  else if (parts[0] === "g") all([GROUPS.indexOf(parts[2]!)], refs(Number(parts[1])), [OPTIONS.indexOf(parts[3]!)]);
  return out;
}

/** Every cell of the published family, with its published value or null when hidden. */
function publishedCells(byParagraph: FigureRow[], byScope: Map<number, FigureRow[]>): Map<string, number | null> {
  const cells = new Map<string, number | null>();
  for (const row of byParagraph) {
    cells.set(`n:${row.key}`, row.n);
    for (const o of OPTIONS) cells.set(`p:${row.key}:${o}`, row.counts[o] ?? null);
  }
  for (const [sc, groups] of byScope) {
    const shown = new Map(groups.map((g) => [g.key, g]));
    for (const g of GROUPS) {
      const row = shown.get(g);
      cells.set(`m:${sc}:${g}`, row ? row.n : null);
      for (const o of OPTIONS) cells.set(`g:${sc}:${g}:${o}`, row ? (row.counts[o] ?? null) : null);
    }
  }
  return cells;
}

/* ------------------------------------------------------------------ the search */

class SearchTooLarge extends Error {}
let nodes = 0;
let budget = 0;
let budgetLimit = 0;
const BUDGET = 300_000;

/** Tighten the bounds until nothing changes; false when some constraint cannot hold. */
function propagate(lo: Int32Array, hi: Int32Array, constraints: Constraint[]): boolean {
  for (let changed = true; changed; ) {
    changed = false;
    for (const c of constraints) {
      let sumLo = 0;
      let sumHi = 0;
      for (const v of c.vars) {
        sumLo += lo[v]!;
        sumHi += hi[v]!;
      }
      if (sumLo > c.hi || sumHi < c.lo) return false;
      for (const v of c.vars) {
        const newHi = Math.min(hi[v]!, c.hi - (sumLo - lo[v]!));
        const newLo = Math.max(lo[v]!, c.lo - (sumHi - hi[v]!));
        if (newLo > newHi) return false;
        if (newHi < hi[v]!) {
          sumHi -= hi[v]! - newHi;
          hi[v] = newHi;
          changed = true;
        }
        if (newLo > lo[v]!) {
          sumLo += newLo - lo[v]!;
          lo[v] = newLo;
          changed = true;
        }
      }
    }
  }
  return true;
}

/**
 * A whole-number table within the bounds that meets every constraint, or null: complete
 * depth-first search. Values are tried nearest a reference table first (the true one: a
 * protected cell's other value is usually a State or two moved elsewhere, so it is found in a
 * few nodes); the order changes how fast, never whether, a table is found.
 */
function solve(lo: Int32Array, hi: Int32Array, constraints: Constraint[], near: Int32Array): Int32Array | null {
  nodes++;
  if (++budget > budgetLimit) throw new SearchTooLarge();
  if (!propagate(lo, hi, constraints)) return null;
  let pick = -1;
  for (let v = 0; v < lo.length; v++) if (lo[v]! < hi[v]! && (pick < 0 || hi[v]! - lo[v]! < hi[pick]! - lo[pick]!)) pick = v;
  if (pick < 0) return lo.slice();
  const values: number[] = [];
  for (let value = lo[pick]!; value <= hi[pick]!; value++) values.push(value);
  values.sort((a, b) => Math.abs(a - near[pick]!) - Math.abs(b - near[pick]!) || a - b);
  for (const value of values) {
    const l = lo.slice();
    const h = hi.slice();
    l[pick] = value;
    h[pick] = value;
    const found = solve(l, h, constraints, near);
    if (found) return found;
  }
  return null;
}

/**
 * The attack on one published cycle: for each hidden cell whose true value is at least 1, a
 * consistent table where it is lower, or one where it is higher. Returns the cells for which
 * neither exists (disclosed), and the other value found for each protected one.
 */
const isAnswerCell = (id: string) => id.startsWith("p:") || id.startsWith("g:");

/**
 * A published cell equal to its row's n (n ≥ 1): "5 of 5 States" for a paragraph, or a group's
 * every answer in a scope on one option. Each State of that row is then known to have answered
 * it (who reported is public), so the rule must never publish one.
 */
function unanimousCells(cells: Map<string, number | null>): string[] {
  const out: string[] = [];
  for (const [id, v] of cells) {
    if (v === null || v < 1 || !isAnswerCell(id)) continue;
    const parts = id.split(":");
    const n = parts[0] === "p" ? cells.get(`n:${parts[1]}`) : cells.get(`m:${parts[1]}:${parts[2]}`);
    if (n === v) out.push(`${id}=${v}`);
  }
  return out;
}

function attack(cells: Map<string, number | null>, statesIn: Record<string, number>, truth: Map<string, number>, near: Int32Array) {
  const base: Constraint[] = [];
  for (const [id, v] of cells) if (v !== null) base.push({ vars: cellVars(id), lo: v, hi: v });
  // At most one answer per State of the group in each paragraph.
  GROUPS.forEach((g, gi) => PARAGRAPHS.forEach((_, pi) => base.push({ vars: OPTIONS.map((_, oi) => index(gi, pi, oi)), lo: 0, hi: statesIn[g]! })));
  const start = () => [new Int32Array(SIZE), Int32Array.from({ length: SIZE }, () => 1_000)] as const;
  const disclosed: string[] = [];
  const undecided: string[] = [];
  const alternatives = new Map<string, number>();
  for (const [id, v] of cells) {
    const t = truth.get(id)!;
    // Answers are what is protected: option cells. How many answered (n, m) is participation,
    // public anyway (the respondents list, the response chart), and may follow from it.
    if (v !== null || t < 1 || !isAnswerCell(id)) continue;
    const vars = cellVars(id);
    let other: number | null = null;
    // Both directions with a small budget first (a protected cell's other value is usually
    // near), then with the full one: a direction is settled when a table is found or the
    // search is exhausted (proven impossible).
    const ranges = [
      { lo: t + 1, hi: 1_000_000, proven: false },
      { lo: 0, hi: t - 1, proven: false },
    ];
    for (const limit of [2_000, BUDGET]) {
      for (const range of ranges) {
        if (other !== null || range.proven) continue;
        const [lo, hi] = start();
        budget = 0;
        budgetLimit = limit;
        let x: Int32Array | null;
        try {
          x = solve(lo, hi, [...base, { vars, lo: range.lo, hi: range.hi }], near);
        } catch (error) {
          if (!(error instanceof SearchTooLarge)) throw error;
          continue;
        }
        if (!x) {
          range.proven = true;
          continue;
        }
        other = vars.reduce((a, i) => a + x[i]!, 0);
        // The table found really is consistent with everything published.
        for (const [cid, cv] of cells) if (cv !== null) expect(cellVars(cid).reduce((a, i) => a + x[i]!, 0), cid).toBe(cv);
      }
    }
    const proven = ranges.filter((r) => r.proven).length;
    if (other !== null) alternatives.set(id, other);
    else if (proven === 2) disclosed.push(`${id}=${t}`);
    else undecided.push(`${id}=${t}`);
  }
  // Unanimity: a regional group whose States' answers in a paragraph all fell on one option
  // (each State of it is known to the attacker by the respondents list). Unless some consistent
  // table puts one of the group's answers there on another option, every State of the group
  // that answered the paragraph is known to have chosen that option.
  GROUPS.forEach((g, gi) =>
    PARAGRAPHS.forEach((p, pi) => {
      const chosen = OPTIONS.flatMap((_, oi) => (near[index(gi, pi, oi)]! > 0 ? [oi] : []));
      if (chosen.length !== 1) return;
      const vars = OPTIONS.flatMap((_, oi) => (oi === chosen[0] ? [] : [index(gi, pi, oi)]));
      let settled: "found" | "none" | null = null;
      for (const limit of [2_000, BUDGET]) {
        if (settled) break;
        const [lo, hi] = start();
        budget = 0;
        budgetLimit = limit;
        try {
          const x = solve(lo, hi, [...base, { vars, lo: 1, hi: 1_000_000 }], near);
          settled = x ? "found" : "none";
          if (x) for (const [cid, cv] of cells) if (cv !== null) expect(cellVars(cid).reduce((a, i) => a + x[i]!, 0), cid).toBe(cv);
        } catch (error) {
          if (!(error instanceof SearchTooLarge)) throw error;
        }
      }
      const id = `unanimous:${g}:${p.ref}:${OPTIONS[chosen[0]!]}`;
      if (settled === "none") disclosed.push(id);
      else if (settled === null) undecided.push(id);
      else unanimousSafe++;
    }),
  );
  return { disclosed, undecided, alternatives };
}
let unanimousSafe = 0;

function tableOf(rows: AnswerRow[]): Int32Array {
  const x = new Int32Array(SIZE);
  for (const r of rows) x[index(GROUPS.indexOf(r.group), PARAGRAPHS.findIndex((p) => p.ref === r.ref), OPTIONS.indexOf(String(r.value)))]!++;
  return x;
}

function truthOf(rows: AnswerRow[]): Map<string, number> {
  const x = new Int32Array(SIZE);
  for (const r of rows) x[index(GROUPS.indexOf(r.group), PARAGRAPHS.findIndex((p) => p.ref === r.ref), OPTIONS.indexOf(String(r.value)))]!++;
  const ids = [
    ...PARAGRAPHS.flatMap((p) => [`n:${p.ref}`, ...OPTIONS.map((o) => `p:${p.ref}:${o}`)]),
    ...[0, 1, 2].flatMap((sc) => GROUPS.flatMap((g) => [`m:${sc}:${g}`, ...OPTIONS.map((o) => `g:${sc}:${g}:${o}`)])),
  ];
  return new Map(ids.map((id) => [id, cellVars(id).reduce((a, i) => a + x[i]!, 0)]));
}

describe("the exact integer attack", () => {
  test("the model reproduces what is published: the true table is consistent with it", () => {
    const { rows } = dataset(1);
    const truth = truthOf(rows);
    const out = publishSingle(rows, "status", PARAGRAPHS, OPTIONS, GROUPS, { minCell: 0, minGroup: 0 });
    for (const [id, v] of publishedCells(out.byParagraph, new Map([...out.byPillarGroup, [0, out.byGroup]]))) expect(v, id).toBe(truth.get(id));
  });

  test("a cell hidden alone in its row is found by the search (the attack can succeed)", () => {
    // Paragraph 1 publishes n and every option but one: that one is its n minus the others.
    const { rows, statesIn } = dataset(2);
    const truth = truthOf(rows);
    const out = publishSingle(rows, "status", PARAGRAPHS, OPTIONS, GROUPS, { minCell: 0, minGroup: 0 });
    const cells = publishedCells(out.byParagraph, new Map([...out.byPillarGroup, [0, out.byGroup]]));
    const target = OPTIONS.map((o) => `p:1:${o}`).find((id) => truth.get(id)! >= 1)!;
    cells.set(target, null);
    expect(attack(cells, statesIn, truth, tableOf(rows)).disclosed.filter((d) => !d.startsWith("unanimous:"))).toEqual([`${target}=${truth.get(target)}`]);
  });

  test("for 60 random small cycles, every hidden answer cell can take another value in some table consistent with everything published, and no set of answers shows unanimous", { timeout: 120_000 }, () => {
    nodes = 0;
    let hiddenSeen = 0;
    let primarySeen = 0;
    let withheldSeen = 0;
    let unanimousCycles = 0;
    unanimousSafe = 0;
    const started = Date.now();
    for (let seed = 1; seed <= SEEDS; seed++) {
      const t0 = Date.now();
      const n0 = nodes;
      const { rows, statesIn } = dataset(seed);
      const truth = truthOf(rows);
      const out = publishSingle(rows, "status", PARAGRAPHS, OPTIONS, GROUPS, { minCell: MIN_CELL, minGroup: MIN_GROUP });
      const byScope = new Map([...out.byPillarGroup, [0, out.byGroup]]);
      const cells = publishedCells(out.byParagraph, byScope);
      // What is published is true, and every shown count is 0 or at least the threshold.
      for (const [id, v] of cells) {
        if (v === null) continue;
        expect(v, `seed ${seed} ${id}`).toBe(truth.get(id));
        if (!id.startsWith("n:") && !id.startsWith("m:")) expect(v === 0 || v >= MIN_CELL, `seed ${seed} ${id}`).toBe(true);
      }
      const { disclosed, undecided, alternatives } = attack(cells, statesIn, truth, tableOf(rows));
      // No hidden answer is worked out, and no State's answer follows from a unanimous row or
      // group (published, or pinned through the other tables).
      expect(unanimousCells(cells), `seed ${seed}`).toEqual([]);
      if (process.env.ATTACK_TRACE && disclosed.length) console.log(JSON.stringify({ statesIn, cells: Object.fromEntries(cells), truth: Object.fromEntries(truth) }));
      expect(disclosed, `seed ${seed}`).toEqual([]);
      if (out.byParagraph.some((r) => r.n && OPTIONS.some((o) => truth.get(`p:${r.key}:${o}`) === r.n))) unanimousCycles++;
      // A cell is protected only when another consistent table was found: none left undecided.
      expect(undecided, `seed ${seed}`).toEqual([]);
      hiddenSeen += alternatives.size;
      primarySeen += [...alternatives.keys()].filter((id) => truth.get(id)! < MIN_CELL).length;
      withheldSeen += [...byScope.values()].reduce((a, gs) => a + (GROUPS.length - gs.length), 0);
      if (process.env.ATTACK_TRACE) console.log(`seed ${seed}: ${Date.now() - t0} ms, ${nodes - n0} nodes, ${alternatives.size} hidden`);
    }
    // The datasets exercise the rules: many hidden cells, small ones among them, withheld groups.
    expect(hiddenSeen).toBeGreaterThan(300);
    expect(primarySeen).toBeGreaterThan(100);
    expect(withheldSeen).toBeGreaterThan(50);
    // …and unanimous answers: paragraphs where every State chose the same, groups that did.
    expect(unanimousCycles).toBeGreaterThan(0);
    expect(unanimousSafe).toBeGreaterThan(50);
    console.log(
      `integer attack, ${SEEDS} cycles: ${hiddenSeen} hidden non-zero answer cells (${primarySeen} below ${MIN_CELL}) can take another value; ` +
        `${unanimousCycles} cycles with a truly unanimous paragraph, ${unanimousSafe} group × paragraph answer sets truly unanimous and not shown so; nothing disclosed; ${nodes} search nodes in ${Date.now() - started} ms`,
    );
  });
});
