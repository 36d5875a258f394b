/**
 * The differencing attack on random datasets: an attacker who reads every published number of
 * a cycle (paragraph tables with their denominators, group tables per pillar) and knows how
 * they add up (rows to denominators, groups to paragraphs, counts never negative) must not
 * recover any hidden cell.
 */
import { describe, expect, test } from "vitest";
import { boundedCells, impliedCells, protect, type SdcRelation } from "#app/insights/disclosure-control.ts";
import { averageShares, publishIndependent, publishSingle, type AnswerRow, type FigureRow, type ParagraphInfo } from "#app/insights/figures.ts";

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

const OPTIONS = ["a", "b", "c", "d"];
const GROUPS = ["g1", "g2", "g3"];

function dataset(seed: number) {
  const r = rng(seed);
  const paragraphs: ParagraphInfo[] = [
    { ref: "1", pillar: 1, theme: 1 },
    { ref: "2", pillar: 1, theme: 1 },
    { ref: "3", pillar: 1, theme: 2 },
    { ref: "4", pillar: 2, theme: 3 },
    { ref: "5", pillar: 2, theme: 3 },
  ];
  const states = 4 + Math.floor(r() * 26);
  const rows: AnswerRow[] = [];
  // Skewed options so that small cells are common; groups of unequal size.
  const weights = OPTIONS.map(() => r());
  for (let s = 0; s < states; s++) {
    const group = GROUPS[r() < 0.5 ? 0 : r() < 0.7 ? 1 : 2]!;
    for (const p of paragraphs) {
      if (r() < 0.15) continue;
      let x = r() * weights.reduce((a, b) => a + b, 0);
      let o = 0;
      while (x > weights[o]! && o < OPTIONS.length - 1) x -= weights[o++]!;
      rows.push({ state: `S${s}`, group, ref: p.ref, key: "status", value: OPTIONS[o] });
    }
  }
  return { paragraphs, rows };
}

/**
 * What the attacker does: every published number is a constant, every hidden one an unknown
 * (a withheld group's whole row included), and the relations anybody can write down.
 */
function attack(paragraphs: ParagraphInfo[], byParagraph: FigureRow[], byScope: Map<number, FigureRow[]>, truth: Map<string, number>) {
  const published = new Map<string, number>();
  const hidden = new Set<string>();
  const put = (id: string, v: number | null) => (v === null ? hidden.add(id) : published.set(id, v));
  const relations: SdcRelation[] = [];
  for (const row of byParagraph) {
    put(`n:${row.key}`, row.n);
    for (const o of OPTIONS) put(`p:${row.key}:${o}`, row.counts[o] ?? null);
    relations.push({ terms: [...OPTIONS.map((o): [string, number] => [`p:${row.key}:${o}`, 1]), [`n:${row.key}`, -1]] });
  }
  for (const [pl, groups] of byScope) {
    const shown = new Map(groups.map((g) => [g.key, g]));
    for (const g of GROUPS) {
      const row = shown.get(g);
      put(`m:${pl}:${g}`, row ? row.n : null);
      for (const o of OPTIONS) put(`g:${pl}:${g}:${o}`, row ? (row.counts[o] ?? null) : null);
      relations.push({ terms: [...OPTIONS.map((o): [string, number] => [`g:${pl}:${g}:${o}`, 1]), [`m:${pl}:${g}`, -1]] });
    }
    const refs = paragraphs.filter((p) => pl === 0 || p.pillar === pl).map((p) => p.ref);
    for (const o of OPTIONS) relations.push({ terms: [...GROUPS.map((g): [string, number] => [`g:${pl}:${g}:${o}`, 1]), ...refs.map((r): [string, number] => [`p:${r}:${o}`, -1])] });
    relations.push({ terms: [...GROUPS.map((g): [string, number] => [`m:${pl}:${g}`, 1]), ...refs.map((r): [string, number] => [`n:${r}`, -1])] });
  }
  // The whole cycle's group table adds up the pillars'.
  const pillars = [...byScope.keys()].filter((k) => k !== 0);
  for (const g of GROUPS) {
    for (const o of OPTIONS) relations.push({ terms: [[`g:0:${g}:${o}`, 1], ...pillars.map((pl): [string, number] => [`g:${pl}:${g}:${o}`, -1])] });
    relations.push({ terms: [[`m:0:${g}`, 1], ...pillars.map((pl): [string, number] => [`m:${pl}:${g}`, -1])] });
  }
  // A hidden cell recovered by linear algebra or by bounds; its true value must be what was found.
  const values = new Map([...published]);
  // A hidden 0 may follow from a published 0 total: it says nothing about any State. How many
  // answered (n, m) is participation, public anyway (ADR 011): only answer cells must hold.
  const recovered = [...new Set([...impliedCells(hidden, relations), ...boundedCells(hidden, values, relations)])].filter((id) => truth.get(id)! >= 1 && (id.startsWith("p:") || id.startsWith("g:")));
  // The published numbers are the true ones.
  for (const [id, v] of published) expect(v, id).toBe(truth.get(id));
  return { hidden, recovered };
}

function truthOf(paragraphs: ParagraphInfo[], rows: AnswerRow[]) {
  const all = publishSingle(rows, "status", paragraphs, OPTIONS, GROUPS, { minCell: 0, minGroup: 0 });
  const truth = new Map<string, number>();
  for (const r of all.byParagraph) {
    truth.set(`n:${r.key}`, r.n!);
    for (const o of OPTIONS) truth.set(`p:${r.key}:${o}`, r.counts[o]!);
  }
  for (const [pl, gs] of [...all.byPillarGroup, [0, all.byGroup] as const])
    for (const g of gs) {
      truth.set(`m:${pl}:${g.key}`, g.n!);
      for (const o of OPTIONS) truth.set(`g:${pl}:${g.key}:${o}`, g.counts[o]!);
    }
  return truth;
}

describe("statistical disclosure control", () => {
  test("a row's last hidden cell would be its denominator minus the shown ones: a second one is hidden", () => {
    const relations: SdcRelation[] = [{ terms: [["a", 1], ["b", 1], ["c", 1], ["n", -1]] }];
    const hidden = protect({ cells: [{ id: "a", value: 1 }, { id: "b", value: 7 }, { id: "c", value: 4 }, { id: "n", value: 12, fixed: true }], relations, minCell: 3 });
    expect([...hidden].sort()).toEqual(["a", "c"]);
    expect(impliedCells(hidden, relations)).toEqual([]);
  });

  test("a hidden cell whose partner must be 0 is found by bounds, and protected", () => {
    // a + b = 2 and b + c = 0 (c shown as 0): b = 0, so a = 2.
    const relations: SdcRelation[] = [
      { terms: [["a", 1], ["b", 1], ["r1", -1]] },
      { terms: [["b", 1], ["c", 1], ["r2", -1]] },
    ];
    const values = new Map([["r1", 2], ["r2", 0], ["c", 0]]);
    expect(boundedCells(new Set(["a", "b"]), values, relations).sort()).toEqual(["a", "b"]);
  });

  test("for 300 random datasets, no hidden cell follows from what is published (paragraph, group and pillar tables, withheld groups)", { timeout: 120_000 }, () => {
    let hiddenSeen = 0;
    let withheldSeen = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const { paragraphs, rows } = dataset(seed);
      const truth = truthOf(paragraphs, rows);
      const out = publishSingle(rows, "status", paragraphs, OPTIONS, GROUPS, { minCell: 3, minGroup: 4 });
      const { hidden, recovered } = attack(paragraphs, out.byParagraph, new Map([...out.byPillarGroup, [0, out.byGroup]]), truth);
      expect(recovered, `seed ${seed}`).toEqual([]);
      // Every published cell is at least the threshold, or 0.
      for (const id of hidden) if (truth.get(id)! >= 1) hiddenSeen++;
      for (const r of out.byParagraph) for (const o of OPTIONS) if (r.counts[o] !== null) expect(r.counts[o] === 0 || r.counts[o]! >= 3, `seed ${seed}`).toBe(true);
      withheldSeen += [...out.byPillarGroup.values(), out.byGroup].reduce((a, gs) => a + (GROUPS.length - gs.length), 0);
    }
    // The datasets do exercise the rules.
    expect(hiddenSeen).toBeGreaterThan(1000);
    expect(withheldSeen).toBeGreaterThan(50);
  });

  test("averages of shares come from published numbers only: two datasets that publish the same tables average the same", () => {
    // Same denominators, same shown cells; the hidden ones differ (1+4 vs 4+1).
    const rowsA: FigureRow[] = [{ key: "1", n: 10, counts: { a: null, b: 5, c: null, d: 0 } }];
    expect(averageShares(rowsA, ["a", "b", "c", "d"], "single", 3)).toEqual({ shares: { a: 25, b: 50, c: 25, d: 0 }, paragraphs: 1 });
  });
});

describe("unanimity: no published figure tells that every State answered alike (ADR 011)", () => {
  const answers = (ref: string, key: string, values: Record<string, number>, group = "g1") => {
    const out: AnswerRow[] = [];
    let s = 0;
    for (const [value, count] of Object.entries(values)) for (let i = 0; i < count; i++) out.push({ state: `${ref}-${value}-${s++}`, group, ref, key, value });
    return out;
  };
  const para: ParagraphInfo[] = [{ ref: "21", pillar: 1, theme: 1 }];

  test("yes/no: \"150 of 150 States: yes\" is not shown, the row keeps its n", () => {
    const out = publishSingle(answers("21", "untoc", { yes: 150 }), "untoc", para, ["yes", "no"], [], { minCell: 3, minGroup: 0 });
    expect(out.byParagraph[0]).toEqual({ key: "21", n: 150, counts: { yes: null, no: null } });
    // The secretariat still sees it.
    expect(publishSingle(answers("21", "untoc", { yes: 150 }), "untoc", para, ["yes", "no"], [], { minCell: 0, minGroup: 0 }).byParagraph[0]!.counts).toEqual({ yes: 150, no: 0 });
    // A split answer is shown as before.
    expect(publishSingle(answers("21", "untoc", { yes: 140, no: 10 }), "untoc", para, ["yes", "no"], [], { minCell: 3, minGroup: 0 }).byParagraph[0]!.counts).toEqual({ yes: 140, no: 10 });
  });

  test("single choice: \"5 of 5 chose a\" hides it with one of its zeros (the other zero stays: nobody chose c)", () => {
    const out = publishSingle(answers("21", "status", { a: 5 }), "status", para, ["a", "b", "c"], [], { minCell: 3, minGroup: 0 });
    const counts = out.byParagraph[0]!.counts;
    expect(counts.a).toBeNull();
    expect(Object.values(counts).filter((v) => v === null)).toHaveLength(2);
  });

  test("a regional group whose every answer in a pillar fell on one option is not shown so, even where the paragraph row is split", () => {
    const rows = [...answers("21", "status", { a: 6 }, "g1"), ...answers("21", "status", { a: 3, b: 4 }, "g2")];
    const out = publishSingle(rows, "status", para, ["a", "b", "c"], ["g1", "g2"], { minCell: 3, minGroup: 0 });
    const g1 = out.byGroup.find((g) => g.key === "g1")!;
    // "6 of 6 answers: a" (and b: 0, c: 0) would tell each State of g1 what it answered.
    expect(g1.counts.a === 6 && g1.counts.b === 0 && g1.counts.c === 0).toBe(false);
    expect(g1.counts.a).toBeNull();
  });

  test("multiple choice: ticked by all (or all but fewer than the threshold) is hidden; so is a row where everybody answered none", () => {
    const row = (n: number, counts: Record<string, number>): FigureRow => ({ key: "21", n, counts });
    const opts = { minCell: 3, minGroup: 0 };
    expect(publishIndependent([row(10, { law: 10, plan: 5, data: 9, other: 0 })], opts, "options")[0]!.counts).toEqual({ law: null, plan: 5, data: null, other: 0 });
    expect(publishIndependent([row(10, { law: 0, plan: 0 })], opts, "options")[0]!.counts).toEqual({ law: null, plan: null });
    // A small row shows nothing of what it ticked.
    expect(publishIndependent([row(2, { law: 0, plan: 2 })], opts, "options")[0]!.counts).toEqual({ law: null, plan: null });
    // "Asked for any assistance": 0 of 10 means all ten answered "none".
    expect(publishIndependent([row(10, { any: 0 }), row(10, { any: 10 }), row(10, { any: 6 })], opts, "binary").map((r) => r.counts.any)).toEqual([null, null, 6]);
  });
});
