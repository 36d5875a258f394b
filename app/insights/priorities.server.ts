import { countedRows } from "#app/insights/aggregates.server.ts";
import { publishIndependent } from "#app/insights/figures.ts";
import type { ChartRow, ChartSpec } from "#app/insights/chart-spec.ts";
import { CATEGORY_COLORS } from "#app/insights/palette.ts";
import { PRIORITIES_KEY, tallyPriorities } from "#app/insights/priorities.ts";
import { rankingSummary, rankPublished } from "#app/insights/ranking.ts";
import { paragraphLabel, shortLabel, specBase, type InsightContext } from "#app/insights/charts.server.tsx";

/**
 * "Technical-assistance priorities": per cent of the States that named their priorities naming a
 * paragraph among their top three, the ten most named (by published shares; see ranking.ts). Cells from fewer States than the
 * threshold are hidden (publishIndependent, as for the other "any" tallies); nothing is shown
 * before INSIGHTS_MIN_REPORTS States count. Null when the cycle's version does not ask it.
 */
export async function prioritiesSpec(c: InsightContext): Promise<ChartSpec | null> {
  if (!c.published || !c.q.reportQuestions?.some((q) => q.key === PRIORITIES_KEY)) return null;
  const t = c.t;
  const rows = await countedRows(c.cycle.id, c.cycle.versionId, [PRIORITIES_KEY]);
  const refs = c.q.paragraphs.filter((p) => p.kind === "action" && p.questions.length > 0).map((p) => p.ref);
  const published = publishIndependent(tallyPriorities(rows, refs), { minCell: c.threshold, minGroup: c.minReports });
  const n = published[0]?.n ?? 0;
  const chartRows: ChartRow[] = published
    .filter((r) => (r.counts.any ?? 1) > 0)
    .map((r) => {
      const label = paragraphLabel(c.q, r.key, c.lang);
      const short = shortLabel(label);
      const count = r.counts.any ?? null;
      return {
        key: r.key,
        label: short,
        ...(short !== label ? { title: label } : {}),
        href: `/insights/${c.cycle.id}/paragraphs/${r.key}`,
        n: r.n,
        counts: { any: count },
        values: { any: count === null || !n ? null : Math.round((count / n) * 1000) / 10 },
      };
    });
  return specBase(c, {
    id: "ta-priorities",
    kind: "bar",
    title: t("priorities.chartTitle"),
    // Ranked and summed up from published figures only (ranking.ts): hidden rows follow in paragraph order, unnamed.
    summary: !n
      ? t("priorities.none")
      : rankingSummary(chartRows, "any", t, {
          empty: t("priorities.none"),
          top: (top) => t("priorities.summary", { label: top.title ?? top.label, count: top.counts!.any!, n, percent: Math.round(top.values.any!) }),
        }),
    unit: t("priorities.unit"),
    percent: true,
    categories: [{ key: "any", label: t("priorities.category"), color: CATEGORY_COLORS[5]! }],
    rows: rankPublished(chartRows, "any").slice(0, 10),
  });
}
