import type { LoaderFunctionArgs } from "@remix-run/node";
import { scopedParagraphs } from "#app/reporting/reports.server.ts";
import { pageSpecs, type InsightPage } from "#app/insights/charts.server.tsx";
import { chartDownload } from "#app/insights/render.server.ts";
import { requireInsightContext } from "#app/insights/page.server.ts";
import { asJsonResponse } from "#app/utils/responses.ts";

/**
 * Public: a chart's data (CSV) or a standalone image (SVG, PNG), built from the same spec as the page that shows
 * it. `?page=overview|standards|pillar-<n>|paragraph-<ref>&chart=<id>&format=csv|svg|png`.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const c = await requireInsightContext(request, params.cycleId);
    const page = new URL(request.url).searchParams.get("page") ?? "overview";
    const inScope = scopedParagraphs(c.q, c.cycle.scope);
    let which: InsightPage;
    const pillar = /^pillar-(\d+)$/.exec(page);
    const paragraph = /^paragraph-([0-9a-z()]+)$/.exec(page);
    if (page === "overview") which = { kind: "overview" };
    else if (page === "standards") which = { kind: "standards" };
    else if (pillar && inScope.some((p) => String(p.pillarNumber) === pillar[1])) which = { kind: "pillar", pillar: Number(pillar[1]) };
    else if (paragraph && inScope.some((p) => p.ref === paragraph[1])) which = { kind: "paragraph", ref: paragraph[1]! };
    else return Response.json({ message: "Unknown page." }, { status: 404 });
    const specs = await pageSpecs(c, which);
    return (await chartDownload(request, specs, c)) ?? Response.json({ message: "Give ?chart=<id>&format=csv|svg|png." }, { status: 400 });
  } catch (error) {
    return asJsonResponse(error);
  }
}
