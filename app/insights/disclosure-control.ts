/**
 * Statistical disclosure control for everything published about one cycle (ADR 011).
 * Browser-safe and pure: cells with their true values, the linear relations that hold between
 * published numbers (a row adds up to its denominator; a pillar's group table adds up to its
 * paragraph table), and a threshold in; the set of cells to hide out.
 *
 * - Primary suppression: a cell from 1 to `minCell - 1` States is hidden, and so is every cell
 *   marked `hide` (e.g. the cells of a regional group too small to be shown at all).
 * - Complementary suppression: while some hidden cell's value follows from the published
 *   numbers by linear algebra (the differencing attack), hide one more cell of a relation that
 *   gives it away, the smallest non-zero one first (so that every hidden cell can move by one
 *   State in both directions without going negative).
 * - Unanimity: a set of answers that all fell on one option ("5 of 5 States") tells each of
 *   those States' answer, since who reported is public. Each unit (a regional group's answers
 *   in one paragraph, or a paragraph's when there are no groups) whose true answers all sit on
 *   one option keeps at least one other option open: none of the cells counting the unit at
 *   that option is a published 0 or a hidden cell pinned at 0. When all are closed, a 0 that
 *   closes one is hidden (and then protected like any hidden cell), so "all of them chose it"
 *   never follows from what is published.
 */

export interface SdcCell {
  id: string;
  value: number;
  /** Hidden whatever its value (a withheld group's cells). */
  hide?: boolean;
  /** Published whatever happens if at all possible (denominators); hidden only as a last resort. */
  fixed?: boolean;
  /**
   * How many answered (a denominator), not what anybody answered: participation is public (the
   * respondents list), so such a cell need not stay ambiguous; it still takes part in the attack.
   */
  participation?: boolean;
  /**
   * What anybody can tell the cell is at most, whatever is hidden: e.g. a regional group's
   * answers within a pillar are at most its States reporting times the pillar's paragraphs
   * (each State answers a paragraph once), and the number of States reporting is published.
   */
  max?: number;
}

/** Σ coef × cell = 0 over published cells (a total is a cell with coefficient -1). */
export interface SdcRelation {
  terms: [id: string, coef: number][];
}

/**
 * A set of answers nobody may see all alike: e.g. one regional group's answers in one
 * paragraph. `options[k]` lists the ids of the cells that count the unit's answers at option k
 * (the paragraph's cell, the group's cell in the pillar and over the cycle); `values[k]` is
 * how many of the unit's answers truly fell on option k.
 */
export interface SdcUnit {
  options: string[][];
  values: number[];
}

export interface SdcInput {
  cells: SdcCell[];
  relations: SdcRelation[];
  minCell: number;
  /** Sets of answers that must not be shown unanimous (see SdcUnit); none = the rule is off. */
  units?: SdcUnit[];
}

const EPS = 1e-9;

/**
 * The hidden cells whose value follows exactly from the published numbers through the
 * relations (hidden cells as unknowns; a hidden cell is implied when its unit vector lies in
 * the row space of the relations restricted to the hidden cells).
 */
export function impliedCells(hidden: Set<string>, relations: SdcRelation[]): string[] {
  const vars = [...hidden];
  const index = new Map(vars.map((v, i) => [v, i]));
  const rows: number[][] = [];
  for (const r of relations) {
    const row = new Array<number>(vars.length).fill(0);
    let any = false;
    for (const [id, coef] of r.terms) {
      const i = index.get(id);
      if (i === undefined) continue;
      row[i]! += coef;
      any = true;
    }
    if (any && row.some((x) => Math.abs(x) > EPS)) rows.push(row);
  }
  // Reduced row echelon form.
  const pivots: number[] = [];
  let rank = 0;
  for (let col = 0; col < vars.length && rank < rows.length; col++) {
    let best = -1;
    for (let r = rank; r < rows.length; r++) if (Math.abs(rows[r]![col]!) > EPS && (best < 0 || Math.abs(rows[r]![col]!) > Math.abs(rows[best]![col]!))) best = r;
    if (best < 0) continue;
    [rows[rank], rows[best]] = [rows[best]!, rows[rank]!];
    const pivotRow = rows[rank]!;
    const p = pivotRow[col]!;
    for (let k = 0; k < vars.length; k++) pivotRow[k]! /= p;
    for (let r = 0; r < rows.length; r++) {
      if (r === rank) continue;
      const f = rows[r]![col]!;
      if (Math.abs(f) <= EPS) continue;
      const row = rows[r]!;
      for (let k = 0; k < vars.length; k++) row[k]! -= f * pivotRow[k]!;
    }
    pivots.push(col);
    rank++;
  }
  const implied: string[] = [];
  for (let r = 0; r < rank; r++) {
    const row = rows[r]!;
    const nonZero = row.reduce((n, x) => n + (Math.abs(x) > EPS ? 1 : 0), 0);
    if (nonZero === 1) implied.push(vars[pivots[r]!]!);
  }
  return implied;
}

/**
 * The hidden cells whose value follows from the relations once every cell is known to be
 * non-negative (bounds propagated relation by relation until nothing changes): e.g. a hidden
 * cell whose only hidden partners must be 0 because another relation pins them there.
 */
export function boundedCells(hidden: Set<string>, values: Map<string, number>, relations: SdcRelation[], max?: Map<string, number>): string[] {
  const { lo, hi } = bounds(hidden, values, relations, max);
  return [...hidden].filter((id) => hi.get(id)! - lo.get(id)! < 1 - EPS);
}

/** The least and greatest value each hidden cell can take, bounds propagated as in boundedCells. */
export function bounds(hidden: Set<string>, values: Map<string, number>, relations: SdcRelation[], max?: Map<string, number>): { lo: Map<string, number>; hi: Map<string, number> } {
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const id of hidden) {
    lo.set(id, 0);
    hi.set(id, max?.get(id) ?? Infinity);
  }
  const relevant = relations.filter((r) => r.terms.some(([id]) => hidden.has(id)));
  for (let pass = 0; pass < 50; pass++) {
    let changed = false;
    for (const r of relevant) {
      // Σ coef × x over hidden = -Σ coef × value over published.
      let rhs = 0;
      const h: [string, number][] = [];
      for (const [id, coef] of r.terms) {
        if (hidden.has(id)) h.push([id, coef]);
        else rhs -= coef * (values.get(id) ?? 0);
      }
      // Σ over the others of their least and greatest contribution, infinities counted apart.
      let minSum = 0;
      let maxSum = 0;
      let minInf = 0;
      let maxInf = 0;
      const contrib = h.map(([o, c]) => {
        const a = c * lo.get(o)!;
        const b = c * hi.get(o)!;
        const mn = Math.min(a, b);
        const mx = Math.max(a, b);
        if (Number.isFinite(mn)) minSum += mn;
        else minInf++;
        if (Number.isFinite(mx)) maxSum += mx;
        else maxInf++;
        return [mn, mx] as const;
      });
      h.forEach(([id, coef], k) => {
        const [mn, mx] = contrib[k]!;
        const minOthers = Number.isFinite(mn) ? (minInf ? -Infinity : minSum - mn) : minInf > 1 ? -Infinity : minSum;
        const maxOthers = Number.isFinite(mx) ? (maxInf ? Infinity : maxSum - mx) : maxInf > 1 ? Infinity : maxSum;
        const x1 = (rhs - maxOthers) / coef;
        const x2 = (rhs - minOthers) / coef;
        const newLo = Math.max(lo.get(id)!, Math.min(x1, x2));
        const newHi = Math.min(hi.get(id)!, Math.max(x1, x2));
        if (Number.isFinite(newLo) && newLo > lo.get(id)! + EPS) {
          lo.set(id, newLo);
          changed = true;
        }
        if (Number.isFinite(newHi) && newHi < hi.get(id)! - EPS) {
          hi.set(id, newHi);
          changed = true;
        }
      });
    }
    if (!changed) break;
  }
  return { lo, hi };
}

/**
 * For each unit whose true answers all sit on one option: when every other option is closed
 * (a cell counting the unit there is a published 0, or hidden and pinned at 0), the cells
 * closing the other option easiest to open (fewest closing cells). Empty when no unit shows
 * unanimous.
 */
export function unanimousClosers(units: SdcUnit[], hidden: Set<string>, values: Map<string, number>, hi: Map<string, number>): string[][] {
  const closes = (id: string) => (hidden.has(id) ? (hi.get(id) ?? Infinity) < 1 - EPS : values.get(id) === 0);
  const out: string[][] = [];
  for (const u of units) {
    const chosen = u.values.flatMap((v, k) => (v > 0 ? [k] : []));
    if (chosen.length !== 1) continue;
    const others = u.options.filter((_, k) => k !== chosen[0]);
    const closers = others.map((ids) => ids.filter(closes));
    if (closers.length === 0 || closers.some((c) => c.length === 0)) continue;
    out.push(closers.sort((a, b) => a.length - b.length)[0]!);
  }
  return out;
}

/** The cells to hide (primary, complementary, and what keeps unanimous answers from showing). */
export function protect({ cells, relations, minCell, units = [] }: SdcInput): Set<string> {
  const byId = new Map(cells.map((c) => [c.id, c]));
  const values = new Map(cells.map((c) => [c.id, c.value]));
  const max = new Map(cells.filter((c) => c.max !== undefined).map((c) => [c.id, c.max!]));
  const hidden = new Set<string>();
  for (const c of cells) if (c.hide || (!c.fixed && c.value >= 1 && c.value < minCell)) hidden.add(c.id);
  const relationsOf = new Map<string, SdcRelation[]>();
  for (const r of relations) for (const [id] of r.terms) relationsOf.set(id, [...(relationsOf.get(id) ?? []), r]);
  const order = (a: SdcCell, b: SdcCell) => rank(a) - rank(b) || a.value - b.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  /** One more published cell to hide so that the hidden `target` no longer follows from the others. */
  const pickFor = (target: string): SdcCell => {
    let pick: SdcCell | undefined;
    // First the relations where it is the most alone (the one that pins it has it as its only
    // hidden cell): one more hidden cell there breaks the subtraction.
    const own = [...(relationsOf.get(target) ?? [])].sort((a, b) => a.terms.filter(([id]) => hidden.has(id)).length - b.terms.filter(([id]) => hidden.has(id)).length);
    for (const r of own) {
      pick = r.terms.filter(([id]) => !hidden.has(id)).map(([id]) => byId.get(id)!).filter((c) => c && !c.fixed).sort(order)[0];
      if (pick) break;
    }
    // When they are all hidden already, those of the relations that pin their hidden
    // partners, and so on outwards.
    const seen = new Set<string>([target]);
    let frontier = pick ? [] : [target];
    while (!pick && frontier.length) {
      const candidates = new Set<string>();
      const next: string[] = [];
      for (const id of frontier)
        for (const r of relationsOf.get(id) ?? [])
          for (const [other] of r.terms) {
            if (!hidden.has(other)) candidates.add(other);
            else if (!seen.has(other)) {
              seen.add(other);
              next.push(other);
            }
          }
      pick = [...candidates].map((id) => byId.get(id)!).filter(Boolean).sort(order)[0];
      frontier = next;
    }
    if (!pick) throw new Error(`Disclosure control: cannot protect ${target}`);
    return pick;
  };
  // Each round hides one more cell; at most every cell.
  for (let round = 0; round <= cells.length; round++) {
    const b = bounds(hidden, values, relations, max);
    const pinned = [...hidden].filter((id) => b.hi.get(id)! - b.lo.get(id)! < 1 - EPS);
    // Only a count of States' answers needs protecting: a hidden 0 may follow from a published 0
    // total, and how many answered is participation (public), not an answer.
    const implied = [...new Set([...impliedCells(hidden, relations), ...pinned])].filter((id) => values.get(id)! >= 1 && !byId.get(id)!.participation);
    if (implied.length) {
      hidden.add(pickFor(implied.sort()[0]!).id);
      continue;
    }
    // Nothing hidden is worked out; now no unit may show all its answers on one option.
    const closers = unanimousClosers(units, hidden, values, b.hi);
    if (closers.length === 0) return hidden;
    const closer = closers[0]!;
    const shown = closer.map((id) => byId.get(id)!).filter((c) => c && !hidden.has(c.id) && !c.fixed).sort(order)[0];
    const pinnedZero = closer.filter((id) => hidden.has(id)).sort()[0];
    if (!shown && !pinnedZero) throw new Error(`Disclosure control: cannot open ${closer.join(", ")}`);
    hidden.add(shown ? shown.id : pickFor(pinnedZero!).id);
  }
  return hidden;
}

function rank(c: SdcCell): number {
  return (c.fixed ? 2 : 0) + (c.value === 0 ? 1 : 0);
}
