/**
 * The review page's exclusion form (ADR 011): the secretariat leaves a submitted report out of
 * the insights with a recorded reason, or puts it back with one. The change itself (and its
 * audit row) is `setReportExclusion` of the insights, which own what counts.
 */
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect } from "@remix-run/node";
import { formIntent } from "#app/utils/forms.server.ts";
import { ExclusionError, reportExclusion, setReportExclusion } from "#app/insights/counted.server.ts";
import { decodeExclusionReason, encodeExclusionReason, ExclusionSchema, type ExclusionState } from "#app/insights/exclusion.ts";

export async function exclusionView(reportId: number): Promise<ExclusionState | null> {
  const e = await reportExclusion(reportId);
  return e ? { at: e.at.toISOString(), by: e.by, ...decodeExclusionReason(e.reason) } : null;
}

/**
 * Handles the form when its intent is `exclude` or `include` (null otherwise: another form of
 * the page). 400 with the fields' errors; 409 when the report is already in the asked state
 * (e.g. a second tab); a redirect back to the page when done.
 */
export async function exclusionAction(reportId: number, form: FormData, actorUserId: number, ip: string | null) {
  const intent = formIntent(form);
  if (intent !== "exclude" && intent !== "include") return null;
  const submission = parseWithZod(form, { schema: ExclusionSchema });
  if (submission.status !== "success") return data({ form: "exclusion" as const, result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const current = await reportExclusion(reportId);
  if ((v.intent === "include") !== Boolean(current)) {
    return data({ form: "exclusion" as const, result: submission.reply({ formErrors: [v.intent === "include" ? "exclusion.errors.alreadyIncluded" : "exclusion.errors.alreadyExcluded"] }) }, { status: 409 });
  }
  try {
    if (v.intent === "exclude") await setReportExclusion(reportId, encodeExclusionReason(v.kind, v.note), actorUserId, ip);
    else await setReportExclusion(reportId, null, actorUserId, ip, v.note);
  } catch (error) {
    if (error instanceof ExclusionError) throw data({ message: error.message }, { status: 409 });
    throw error;
  }
  return redirect(`/review/${reportId}?done=${v.intent === "exclude" ? "excluded" : "included"}#exclusion`);
}
