import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { refuse } from "#app/accounts/auth.server.ts";
import { can } from "#app/accounts/permissions.ts";
import { markReady, myParagraphs, withdrawReady } from "#app/reporting/handover.server.ts";
import { backTo, HandoverSchema } from "#app/reporting/handover.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";

/** Nothing to show here: the hand-over forms live on the paragraph and check pages. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = await requireReport(request, params.reportId, "read");
  return redirect(`/reports/${ctx.report.id}/check`);
}

/** A contributor marks paragraphs ready for the focal point, or takes a mark back. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "edit");
  if (!can(user.role, "handover", "paragraph", "own")) await refuse(user, "handover:paragraph:own", new URL(request.url).pathname);
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: HandoverSchema });
  if (submission.status !== "success") throw data({ message: "Choose a paragraph of this report to mark ready (intent: ready, not-ready or ready-all)." }, { status: 400 });
  const v = submission.value;
  const back = backTo(ctx.report.id, v.from);
  if (v.intent !== "ready-all" && !ctx.paragraphs.some((p) => p.ref === v.ref)) throw data({ message: `Paragraph ${v.ref} is not part of this report.` }, { status: 400 });
  const ip = clientIp(context);
  if (v.intent === "ready") return redirect(`${back}?ready=${markReady(ctx, [v.ref], user.id, ip).length}`);
  if (v.intent === "not-ready") {
    withdrawReady(ctx, v.ref, user.id, ip);
    return redirect(`${back}?unready=1`);
  }
  return redirect(`${back}?ready=${markReady(ctx, myParagraphs(ctx, user.id), user.id, ip).length}`);
}
