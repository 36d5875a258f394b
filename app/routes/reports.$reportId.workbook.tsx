import type { LoaderFunctionArgs } from "@remix-run/node";
import { getMemberState } from "#app/states/member-states.server.ts";
import { getAnswers } from "#app/reporting/reports.server.ts";
import { getLanguage, i18next } from "#app/utils/i18n.server.ts";
import { asJsonResponse } from "#app/utils/responses.ts";
import { buildQuestionnaireWorkbook } from "#app/reporting/workbook.server.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";

/** The questionnaire as an XLSX workbook, prefilled with the answers so far (the State's users). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  try {
    const { ctx, own } = await requireReport(request, params.reportId, "read");
    if (!own) return Response.json({ message: "Only the State's own users download its workbook." }, { status: 403 });
    const lang = await getLanguage(request);
    const t = await i18next.getFixedT(lang);
    const state = await getMemberState(ctx.report.stateIso3, lang);
    const buffer = await buildQuestionnaireWorkbook(ctx, await getAnswers(ctx.report.id), lang, t, state?.name ?? ctx.report.stateIso3);
    return new Response(new Uint8Array(buffer), {
      headers: {
        "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Content-Disposition": `attachment; filename="kyoto-report-${ctx.report.id}-${ctx.report.stateIso3}.xlsx"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return asJsonResponse(error);
  }
}
