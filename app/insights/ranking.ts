/**
 * Rankings ("the paragraphs where most States ask for assistance", "most named priorities")
 * that disclose nothing the suppression hides (ADR 011). A hidden cell must not show through
 * the order of the rows nor through the sentence that sums the chart up:
 * - rows with a published value come first, by that value (then by its published count),
 *   highest first; rows whose value is hidden come after them, in the order they were given
 *   (paragraph order), never by what they hold;
 * - the summary names a leader, a count or a share only when they are published, and says
 *   that the other rows are hidden; when no row is published it names none.
 * Browser-safe, no database.
 */
import type { ChartRow } from "#app/insights/chart-spec.ts";

type Ranked = Pick<ChartRow, "values" | "counts">;

/** The rows ranked by their published `category` value; hidden rows after, in the given order. */
export function rankPublished<R extends Ranked>(rows: readonly R[], category: string): R[] {
  const value = (r: R) => r.values[category] ?? null;
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const va = value(a.row);
      const vb = value(b.row);
      if (va === null || vb === null) return va === null && vb === null ? a.i - b.i : va === null ? 1 : -1;
      return vb - va || (b.row.counts?.[category] ?? 0) - (a.row.counts?.[category] ?? 0) || a.i - b.i;
    })
    .map((x) => x.row);
}

/**
 * Who leads a ranking, from published values only: `empty` (no row), `hidden` (no row's value
 * is published: nothing may be ranked or named), or the first published row and whether
 * some rows are hidden (then it leads only among the published ones).
 */
export type RankingLead<R> = { kind: "empty" } | { kind: "hidden" } | { kind: "published"; row: R; someHidden: boolean };

export function rankingLead<R extends Ranked>(rows: readonly R[], category: string): RankingLead<R> {
  if (rows.length === 0) return { kind: "empty" };
  const ranked = rankPublished(rows, category);
  const first = ranked[0]!;
  if ((first.values[category] ?? null) === null) return { kind: "hidden" };
  return {
    kind: "published",
    row: first,
    someHidden: ranked.some((r) => (r.values[category] ?? null) === null),
  };
}

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * The sentence that sums up a ranking: `top` names the published leader (its label, count and
 * share are published); "among the published figures" when some rows are hidden; when none is
 * published, that they are not ranked. `rows` are all the rows that could rank (not only the
 * ones shown), so "some hidden" is true whenever the leader leads among published rows only.
 */
export function rankingSummary<R extends Ranked>(rows: readonly R[], category: string, t: T, texts: { empty: string; top: (row: R) => string }): string {
  const lead = rankingLead(rows, category);
  if (lead.kind === "empty") return texts.empty;
  if (lead.kind === "hidden") return t("figures.rankAllHidden");
  return lead.someHidden ? `${texts.top(lead.row)} ${t("figures.rankSomeHidden")}` : texts.top(lead.row);
}
