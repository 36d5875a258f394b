import type { ActionFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { z } from "zod";
import { addComment, listThreads, resolveThread } from "#app/review/review.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { safeRedirectPath } from "#app/utils/redirect.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";

const CommentForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("comment"), questionId: z.string().max(200), paragraphRef: z.string().max(20), body: z.string().trim().min(1).max(5000), redirectTo: z.string().optional() }),
  z.object({ intent: z.literal("reply"), threadId: z.coerce.number().int().positive(), body: z.string().trim().min(1).max(5000), redirectTo: z.string().optional() }),
  z.object({ intent: z.literal("resolve"), threadId: z.coerce.number().int().positive(), redirectTo: z.string().optional() }),
]);

/**
 * Comment threads on answers. Whoever may read the report may comment: the State's users on
 * their own report, the secretariat once it is submitted. Another State's report is a 404.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "read");
  const parsed = CommentForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw data({ message: "Write a comment of 1 to 5,000 characters." }, { status: 400 });
  const v = parsed.data;
  const ip = clientIp(context);
  const back = safeRedirectPath(v.redirectTo, `/reports/${ctx.report.id}`);
  if (v.intent === "comment") {
    const paragraph = ctx.paragraphs.find((p) => p.ref === v.paragraphRef);
    if (!paragraph || !paragraph.questions.some((q) => q.id === v.questionId)) throw data({ message: "No such question in this report." }, { status: 400 });
    await addComment({ reportId: ctx.report.id, questionId: v.questionId, paragraphRef: v.paragraphRef, authorId: user.id, body: v.body, threadId: null, ip });
  } else if (v.intent === "reply") {
    const thread = (await listThreads(ctx.report.id)).find((th) => th.id === v.threadId);
    if (!thread) throw data({ message: "No such thread in this report." }, { status: 404 });
    await addComment({ reportId: ctx.report.id, questionId: thread.questionId, paragraphRef: thread.paragraphRef, authorId: user.id, body: v.body, threadId: v.threadId, ip });
  } else {
    const outcome = await resolveThread(ctx.report.id, v.threadId, user, ip);
    if (outcome === "missing") throw data({ message: "No such open thread in this report." }, { status: 404 });
    if (outcome === "other_side") throw data({ message: "Only the side that opened this thread can resolve it; you can reply to it." }, { status: 403 });
  }
  return redirect(back);
}
