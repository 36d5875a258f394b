import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { confirmUnchangedAction } from "#app/reporting/confirm.server.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";
import { clientIp } from "#app/utils/context.ts";

/** "Confirm unchanged" (task list and paragraph page): confirms carried-over answers as they are. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  return confirmUnchangedAction(request, params.reportId, clientIp(context));
}

/** Nothing to show here: back to the task list (after the same guard). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = await requireReport(request, params.reportId, "read");
  return redirect(`/reports/${ctx.report.id}`);
}
