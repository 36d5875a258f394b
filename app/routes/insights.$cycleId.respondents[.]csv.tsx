import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireInsightContext } from "#app/insights/page.server.ts";
import { respondentList, respondentsCsv } from "#app/insights/respondents.server.ts";
import { asJsonResponse } from "#app/utils/responses.ts";

/** Public: the respondents page's list as CSV (regional group, State, ISO code), in the reader's language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const c = await requireInsightContext(request, params.cycleId);
    return new Response(respondentsCsv(c, await respondentList(c)), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="respondents-cycle-${c.cycle.id}.csv"`,
        "Cache-Control": c.viewer === "public" ? "public, max-age=300" : "private, no-cache",
      },
    });
  } catch (error) {
    return asJsonResponse(error);
  }
}
