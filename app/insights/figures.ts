/**
 * The figures of the insights pages, as pure functions: counted answers in, tallies with their
 * numerators and denominators out, then protected by statistical disclosure control (ADR 011).
 * Browser-safe, no database: the drafting workbench and the public API reuse them.
 *
 * Units: every count is a number of States. A paragraph row says how many States answered the
 * question there (`n`, the denominator) and how many chose each option. Comparisons across
 * pillars and themes average the per-paragraph shares, so a pillar of 36 paragraphs weighs the
 * same as one of 12.
 */
import { protect, type SdcCell, type SdcRelation, type SdcUnit } from "#app/insights/disclosure-control.ts";

/** One counted answer: a State's value for one question key in one paragraph. */
export interface AnswerRow {
  state: string;
  group: string;
  ref: string;
  key: string;
  value: unknown;
}

export interface ParagraphInfo {
  ref: string;
  pillar: number;
  theme: number | null;
}

/** A row of a table: `n` States answered; `counts[option]` of them chose it (null = hidden). */
export interface FigureRow {
  key: string;
  n: number | null;
  /** For group rows: how many States the row is built from. */
  states?: number;
  counts: Record<string, number | null>;
}

export interface PublishOptions {
  /** Cells from 1 to minCell - 1 States are hidden; 0 = nothing hidden (the secretariat). */
  minCell: number;
  /** A regional group with fewer States answering than this is not shown; 0 = every group. */
  minGroup: number;
}

export const NOT_APPLICABLE = "not_applicable";

const isAnswered = (v: unknown) => v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && v.length === 0);

/** States per paragraph and option of a single-choice (or yes/no) question. */
export function tallySingle(rows: AnswerRow[], key: string, refs: string[], options: string[]): { key: string; n: number; counts: Record<string, number> }[] {
  const byRef = new Map(refs.map((r) => [r, { key: r, n: 0, counts: Object.fromEntries(options.map((o) => [o, 0])) as Record<string, number> }]));
  for (const r of rows) {
    if (r.key !== key || !isAnswered(r.value)) continue;
    const row = byRef.get(r.ref);
    const v = String(r.value);
    if (!row || !(v in row.counts)) continue;
    row.n++;
    row.counts[v]!++;
  }
  return [...byRef.values()];
}

/**
 * States per paragraph that ticked each option of a multiple-choice question, of the States
 * that answered it there ("none" is an answer, never an option shown). `skip` leaves out the
 * States whose paragraph is not applicable.
 */
export function tallyMulti(rows: AnswerRow[], key: string, refs: string[], options: string[], skip?: Set<string>): FigureRow[] {
  const byRef = new Map(refs.map((r) => [r, { key: r, n: 0, counts: Object.fromEntries(options.map((o) => [o, 0])) as Record<string, number> }]));
  for (const r of rows) {
    if (r.key !== key || !Array.isArray(r.value) || r.value.length === 0) continue;
    if (skip?.has(`${r.state}|${r.ref}`)) continue;
    const row = byRef.get(r.ref);
    if (!row) continue;
    row.n++;
    for (const o of new Set(r.value as string[])) if (o in row.counts) row.counts[o]!++;
  }
  return [...byRef.values()];
}

/** "state|ref" of every paragraph a State marked not applicable. */
export function notApplicable(rows: AnswerRow[]): Set<string> {
  // The status (status edition) or the stage of a paragraph asked as a whole (stages edition); an element's stage is `data.stage`.
  return new Set(rows.filter((r) => (r.key === "status" || r.key === "stage") && r.value === NOT_APPLICABLE).map((r) => `${r.state}|${r.ref}`));
}

/** For each paragraph: how many States asked for anything (a multiple-choice question other than "none"), of those that answered. */
export function tallyAny(rows: AnswerRow[], key: string, refs: string[], skip?: Set<string>): FigureRow[] {
  const byRef = new Map(refs.map((r) => [r, { key: r, n: 0, counts: { any: 0 } as Record<string, number> }]));
  for (const r of rows) {
    if (r.key !== key || !Array.isArray(r.value) || r.value.length === 0) continue;
    if (skip?.has(`${r.state}|${r.ref}`)) continue;
    const row = byRef.get(r.ref);
    if (!row) continue;
    row.n++;
    if ((r.value as string[]).some((v) => v !== "none")) row.counts.any!++;
  }
  return [...byRef.values()];
}

/** Per regional group: State × paragraph answers at each option within `refs`, and from how many States. */
export function tallyGroups(rows: AnswerRow[], key: string, refs: string[], options: string[], groups: readonly string[]): { key: string; n: number; states: number; counts: Record<string, number> }[] {
  const inScope = new Set(refs);
  const byGroup = new Map(groups.map((g) => [g, { key: g, n: 0, states: new Set<string>(), counts: Object.fromEntries(options.map((o) => [o, 0])) as Record<string, number> }]));
  for (const r of rows) {
    if (r.key !== key || !inScope.has(r.ref) || !isAnswered(r.value)) continue;
    const row = byGroup.get(r.group);
    const v = String(r.value);
    if (!row || !(v in row.counts)) continue;
    row.n++;
    row.states.add(r.state);
    row.counts[v]!++;
  }
  return [...byGroup.values()].map((g) => ({ key: g.key, n: g.n, states: g.states.size, counts: g.counts }));
}

/**
 * A single-choice question's published tables for one cycle: by paragraph, and by regional
 * group within each pillar, protected together (the group tables of a pillar add up to its
 * paragraphs' table, option by option). Groups below `minGroup` States are withheld: their
 * cells are hidden, and so protected, since they are what the other groups leave over.
 */
export function publishSingle(
  rows: AnswerRow[],
  key: string,
  paragraphs: ParagraphInfo[],
  options: string[],
  groups: readonly string[],
  opts: PublishOptions,
): { byParagraph: FigureRow[]; byPillarGroup: Map<number, FigureRow[]>; byGroup: FigureRow[] } {
  const refs = paragraphs.map((p) => p.ref);
  const table = tallySingle(rows, key, refs, options);
  // Scope 0 is every paragraph (the groups over the whole cycle); the others are pillars.
  const pillars = [...new Set(paragraphs.map((p) => p.pillar))].filter((pl) => pl !== 0);
  const scopes = new Map<number, string[]>([[0, refs], ...pillars.map((pl): [number, string[]] => [pl, paragraphs.filter((p) => p.pillar === pl).map((p) => p.ref)])]);
  const groupTables = new Map([...scopes].map(([sc, inScope]) => [sc, groups.length ? tallyGroups(rows, key, inScope, options, groups) : []]));
  const withheldIn = (g: { states: number }) => opts.minGroup > 0 && g.states < opts.minGroup;
  const result = (shown: (id: string, v: number) => number | null) => {
    const byScope = new Map(
      [...groupTables].map(([sc, gs]) => [
        sc,
        gs.filter((g) => !withheldIn(g)).map((g) => ({ key: g.key, n: shown(`m:${sc}:${g.key}`, g.n), states: g.states, counts: Object.fromEntries(options.map((o) => [o, shown(`g:${sc}:${g.key}:${o}`, g.counts[o]!)])) })),
      ]),
    );
    const byGroup = byScope.get(0) ?? [];
    byScope.delete(0);
    return {
      byParagraph: table.map((r) => ({ key: r.key, n: shown(`n:${r.key}`, r.n), counts: Object.fromEntries(options.map((o) => [o, shown(`p:${r.key}:${o}`, r.counts[o]!)])) })),
      byPillarGroup: byScope,
      byGroup,
    };
  };
  if (opts.minCell <= 0) return result((_id, v) => v);

  const cells: SdcCell[] = [];
  const relations: SdcRelation[] = [];
  // Each State answers a paragraph once, and how many States of each group report is public:
  // a group's cells within a scope are at most its States times the scope's paragraphs. (The
  // States answering here are at most those reporting, so this bound is never looser than the
  // one anybody can compute.)
  const statesOf = new Map<string, Set<string>>();
  for (const r of rows) if (r.key === key) statesOf.set(r.group, (statesOf.get(r.group) ?? new Set()).add(r.state));
  const allStates = new Set(rows.filter((r) => r.key === key).map((r) => r.state)).size;
  for (const r of table) {
    cells.push({ id: `n:${r.key}`, value: r.n, fixed: true, participation: true, max: allStates });
    for (const o of options) cells.push({ id: `p:${r.key}:${o}`, value: r.counts[o]!, max: allStates });
    relations.push({ terms: [...options.map((o): [string, number] => [`p:${r.key}:${o}`, 1]), [`n:${r.key}`, -1]] });
  }
  for (const [sc, gs] of groupTables) {
    if (gs.length === 0) continue;
    const inScope = scopes.get(sc)!;
    for (const g of gs) {
      const withheld = withheldIn(g);
      const max = (statesOf.get(g.key)?.size ?? 0) * inScope.length;
      cells.push({ id: `m:${sc}:${g.key}`, value: g.n, fixed: !withheld, hide: withheld, participation: true, max });
      for (const o of options) cells.push({ id: `g:${sc}:${g.key}:${o}`, value: g.counts[o]!, hide: withheld, max });
      relations.push({ terms: [...options.map((o): [string, number] => [`g:${sc}:${g.key}:${o}`, 1]), [`m:${sc}:${g.key}`, -1]] });
    }
    for (const o of options) {
      relations.push({ terms: [...gs.map((g): [string, number] => [`g:${sc}:${g.key}:${o}`, 1]), ...inScope.map((ref): [string, number] => [`p:${ref}:${o}`, -1])] });
    }
    relations.push({ terms: [...gs.map((g): [string, number] => [`m:${sc}:${g.key}`, 1]), ...inScope.map((ref): [string, number] => [`n:${ref}`, -1])] });
  }
  // The whole cycle's group table is the sum of the pillars' group tables.
  if (groups.length && pillars.length) {
    for (const g of groups) {
      for (const o of options) relations.push({ terms: [[`g:0:${g}:${o}`, 1], ...pillars.map((pl): [string, number] => [`g:${pl}:${g}:${o}`, -1])] });
      relations.push({ terms: [[`m:0:${g}`, 1], ...pillars.map((pl): [string, number] => [`m:${pl}:${g}`, -1])] });
    }
  }
  // Unanimity (ADR 011): each regional group's answers in each paragraph (or, without groups,
  // each paragraph's) must not all show on one option.
  const units: SdcUnit[] = [];
  const byUnit = new Map<string, number>();
  for (const r of rows) if (r.key === key && isAnswered(r.value)) byUnit.set(`${r.group}|${r.ref}|${String(r.value)}`, (byUnit.get(`${r.group}|${r.ref}|${String(r.value)}`) ?? 0) + 1);
  for (const p of paragraphs) {
    if (groups.length === 0) {
      const row = table.find((r) => r.key === p.ref)!;
      units.push({ options: options.map((o) => [`p:${p.ref}:${o}`]), values: options.map((o) => row.counts[o]!) });
      continue;
    }
    const scopesOf = [0, ...(p.pillar !== 0 && scopes.has(p.pillar) ? [p.pillar] : [])];
    for (const g of groups) {
      const values = options.map((o) => byUnit.get(`${g}|${p.ref}|${o}`) ?? 0);
      units.push({ options: options.map((o) => [`p:${p.ref}:${o}`, ...scopesOf.map((sc) => `g:${sc}:${g}:${o}`)]), values });
    }
  }
  const hidden = protect({ cells, relations, minCell: opts.minCell, units });
  return result((id, v) => (hidden.has(id) ? null : v));
}

/**
 * A table whose cells are linked by nothing but their own denominators (each option of a
 * multiple-choice question stands alone): "k of n States ticked it". Hidden (ADR 011):
 * - k from 1 to minCell − 1 (a small cell), and n − k from 1 to minCell − 1 (the few that did
 *   not tick it are as small a group);
 * - k = n ≥ 1: every State that answered ticked it, so each one's answer is known;
 * - every cell of a row with n from 1 to minCell − 1 (a small group whatever it ticked);
 * - `options` (the options of one multiple-choice question): every option of a row whose
 *   options are all 0, since every State there answered "none";
 * - `binary` (a yes/no tally such as "asked for any assistance", whose complement is an answer
 *   too: "none"): also k = 0 with n ≥ 1.
 * `count` (the default) is a lone count of its n (e.g. "named the paragraph among its top three").
 */
export function publishIndependent(table: FigureRow[], opts: PublishOptions, kind: "count" | "options" | "binary" = "count"): FigureRow[] {
  if (opts.minCell <= 0) return table;
  const small = (v: number) => v >= 1 && v < opts.minCell;
  return table.map((r) => {
    const n = r.n ?? 0;
    const values = Object.values(r.counts);
    const wholeRow = n >= 1 && (n < opts.minCell || (kind === "options" && values.every((v) => v === 0)));
    const hide = (k: number | null) => k === null || wholeRow || small(k) || (n >= 1 && (k === n || small(n - k) || (kind === "binary" && k === 0)));
    return { ...r, counts: Object.fromEntries(Object.entries(r.counts).map(([o, v]) => [o, hide(v) ? null : v])) };
  });
}

/** A share in per cent (0–100), or null when the numerator is hidden or there is no denominator. */
export function share(count: number | null | undefined, n: number | null | undefined): number | null {
  if (count === null || count === undefined || !n) return null;
  return (count / n) * 100;
}

/**
 * The average of per-paragraph shares (per cent) for each option, computed from PUBLISHED
 * figures only, so it can reveal nothing they hide: a hidden cell of a row that adds up to its
 * denominator counts as an equal part of what the row's shown cells leave over; a hidden cell
 * of an independent table counts as half the threshold. Rows nobody answered are left out.
 */
export function averageShares(rows: FigureRow[], options: string[], kind: "single" | "independent", minCell: number): { shares: Record<string, number>; paragraphs: number } {
  const used = rows.filter((r) => r.n);
  const shares: Record<string, number> = Object.fromEntries(options.map((o) => [o, 0]));
  if (used.length === 0) return { shares, paragraphs: 0 };
  for (const r of used) {
    const hiddenOptions = options.filter((o) => r.counts[o] === null);
    const leftOver = r.n! - options.reduce((a, o) => a + (r.counts[o] ?? 0), 0);
    for (const o of options) {
      const v = r.counts[o];
      const count = v !== null && v !== undefined ? v : kind === "single" ? leftOver / hiddenOptions.length : minCell / 2;
      shares[o]! += (count / r.n!) * 100;
    }
  }
  for (const o of options) shares[o] = shares[o]! / used.length;
  return { shares, paragraphs: used.length };
}

/** The States that have a counted report in every one of the given cycles (the like-for-like panel). */
export function panelOf(statesByCycle: string[][]): Set<string> {
  if (statesByCycle.length === 0) return new Set();
  let panel = new Set(statesByCycle[0]);
  for (const s of statesByCycle.slice(1)) {
    const next = new Set(s);
    panel = new Set([...panel].filter((x) => next.has(x)));
  }
  return panel;
}
