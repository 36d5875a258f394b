import { data } from "@remix-run/node";
import { anySyntheticData } from "#app/insights/aggregates.server.ts";
import { scopedParagraphs } from "#app/reporting/reports.server.ts";
import { getUser } from "#app/accounts/auth.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { insightContext, methodologyNotes, minReports, viewerOf, type InsightContext } from "#app/insights/charts.server.tsx";
import { localText, roman } from "#app/questionnaires/labels.ts";

/** Public insights pages share this: the cycle (404 when no report of it counts), the viewer, the frame. */
export async function requireInsightContext(request: Request, cycleId: string | undefined): Promise<InsightContext> {
  const lang = await getLanguage(request);
  const viewer = viewerOf(await getUser(request));
  const c = await insightContext(cycleId, lang, viewer);
  if (!c) throw data({ message: "No insights for this cycle." }, { status: 404 });
  return c;
}

export async function frameData(c: InsightContext) {
  const inScope = new Set(scopedParagraphs(c.q, c.cycle.scope).map((p) => p.pillarNumber));
  return {
    synthetic: await anySyntheticData(),
    cycle: { id: c.cycle.id, title: c.cycle.title },
    pillars: c.q.pillars.filter((p) => inScope.has(p.number)).map((p) => ({ number: p.number, label: `${roman(p.number)}. ${localText(p.title, c.lang).text}` })),
    states: c.states,
    dataAsOf: c.dataAsOf,
    viewer: c.viewer,
    published: c.published,
    minReports: minReports(),
    notes: methodologyNotes(c),
  };
}
