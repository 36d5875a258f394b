import type { ReportContext } from "#app/reporting/reports.server.ts";
import { getMemberState } from "#app/states/member-states.server.ts";
import type { ReportHeaderData } from "#app/reporting/components/report-header.tsx";

export async function reportHeader(ctx: ReportContext, lang: string): Promise<ReportHeaderData> {
  const state = await getMemberState(ctx.report.stateIso3, lang);
  return {
    reportId: ctx.report.id,
    stateName: state?.name ?? ctx.report.stateIso3,
    cycleTitle: ctx.cycle.title,
    status: ctx.report.status,
    deadline: ctx.cycle.deadline,
    periodStart: ctx.cycle.periodStart,
  };
}
