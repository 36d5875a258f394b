import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { z } from "zod";
import { logAudit } from "#app/audit/audit.server.ts";
import { getQuestionnaireVersion } from "#app/questionnaires/questionnaires.server.ts";
import { getCycle, scopedParagraphs } from "#app/reporting/reports.server.ts";
import { requirePermission } from "#app/accounts/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { CONTENT_TYPES, exportStream } from "#app/review/export-writers.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { asJsonResponse } from "#app/utils/responses.ts";

const Query = z.object({ cycle: z.coerce.number().int().positive(), format: z.enum(["xlsx", "csv", "json"]) });

/** A cycle's submitted answers for the secretariat, streamed as XLSX, CSV or JSON. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  try {
    const user = await requirePermission(request, "review", "report", "any");
    const parsed = Query.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!parsed.success) return Response.json({ message: "Give ?cycle=<id>&format=xlsx|csv|json." }, { status: 400 });
    const cycle = await getCycle(parsed.data.cycle);
    const q = cycle ? await getQuestionnaireVersion(cycle.versionId) : undefined;
    if (!cycle || !q) return Response.json({ message: "No such cycle." }, { status: 404 });
    const { format } = parsed.data;
    await logAudit({ actorUserId: user.id, action: "export.downloaded", entityType: "cycle", entityId: cycle.id, newValue: { format }, ip: clientIp(context) });
    // Sheets read right to left for a user working in Arabic.
    const stream = exportStream(format, cycle, q, scopedParagraphs(q, cycle.scope), (await getLanguage(request)) === "ar");
    const filename = `kyoto-cycle-${cycle.id}-${new Date().toISOString().slice(0, 10)}.${format}`;
    return new Response(createReadableStreamFromReadable(stream), {
      headers: {
        "Content-Type": CONTENT_TYPES[format],
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    return asJsonResponse(error);
  }
}
