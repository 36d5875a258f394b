/**
 * Report guards. A State's users reach only their State's reports (404 for another's, so its
 * existence is not revealed). The secretariat and admins read a report once it is submitted:
 * a draft belongs to its State until then (403).
 */
import { data } from "@remix-run/node";
import { getReportContext, type ReportContext } from "#app/reporting/reports.server.ts";
import { refuse, requireUser, notFound, type SessionUser } from "#app/accounts/auth.server.ts";
import { can } from "#app/accounts/permissions.ts";
import { hasBeenSubmitted, mayEdit } from "#app/reporting/lifecycle.ts";
import { isOpenForReporting } from "#app/cycles/cycle-status.ts";
import type { RequestHead } from "#app/utils/forms.server.ts";

export type ReportNeed = "read" | "edit" | "submit";

export function parseReportId(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d{1,12}$/.test(value) || !Number.isSafeInteger(id) || id <= 0) notFound("No such report");
  return id;
}

export function isEditable(ctx: ReportContext): boolean {
  return mayEdit(ctx.report.status) && isOpenForReporting(ctx.cycle.status);
}

export async function requireReport(request: RequestHead, reportIdParam: string | undefined, need: ReportNeed): Promise<{ user: SessionUser; ctx: ReportContext; own: boolean }> {
  const user = await requireUser(request);
  const id = parseReportId(reportIdParam);
  const ctx = await getReportContext(id);
  if (!ctx) notFound("No such report");
  const own = user.stateIso3 !== null && user.stateIso3 === ctx.report.stateIso3;
  const where = new URL(request.url).pathname;
  const canReadOwn = own && can(user.role, "read", "report", "own");
  const canReadAny = can(user.role, "read", "report", "any");
  if (!canReadOwn && !canReadAny) {
    // A State's user asking for another State's report.
    if (user.stateIso3 !== null) notFound("No such report");
    await refuse(user, "read:report", where);
  }
  if (!canReadOwn && !hasBeenSubmitted(ctx.report.status)) await refuse(user, "read:report:draft", where);
  if (need === "edit" || need === "submit") {
    const perm = need === "edit" ? "edit" : "submit";
    if (!own || !can(user.role, perm, "report", "own")) await refuse(user, `${perm}:report:own`, where);
    if (!isEditable(ctx)) {
      throw data({ message: "This report is not open for changes.", status: ctx.report.status }, { status: 409 });
    }
  }
  return { user, ctx, own };
}
