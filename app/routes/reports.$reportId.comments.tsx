import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { CommentForm } from "#app/review/components/threads.tsx";
import { CommentSchema } from "#app/review/schemas.ts";
import { addComment, listThreads, resolveThread } from "#app/review/review.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { safeRedirectPath } from "#app/utils/redirect.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";

export const meta: MetaFunction = () => [{ title: "Comment — Kyoto Reporting" }];

/** Nothing to show on its own: the threads live on the paragraph and review pages. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = await requireReport(request, params.reportId, "read");
  return redirect(`/reports/${ctx.report.id}`);
}

/**
 * Comment threads on answers. Whoever may read the report may comment: the State's users on
 * their own report, the secretariat once it is submitted. Another State's report is a 404.
 * A comment that fails validation answers 400 with conform's reply: with JavaScript the
 * thread's form shows it in place; without, this route's page shows the form again.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "read");
  const submission = parseWithZod(await readForm(request), { schema: CommentSchema });
  const fallback = `/reports/${ctx.report.id}`;
  if (submission.status !== "success") {
    const sent = submission.payload.redirectTo;
    return data({ result: submission.reply(), back: safeRedirectPath(typeof sent === "string" ? sent : undefined, fallback) }, { status: 400 });
  }
  const v = submission.value;
  const ip = clientIp(context);
  const back = safeRedirectPath(v.redirectTo, fallback);
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

/** Without JavaScript, a refused comment lands here: the form again, with what was typed and why. */
export default function CommentNotSent() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const { reportId } = useParams();
  const sent = (actionData?.result.initialValue ?? {}) as Record<string, unknown>;
  const text = (k: string) => (typeof sent[k] === "string" ? (sent[k] as string) : "");
  const back = actionData?.back ?? "/";
  return (
    <>
      <h1>{t("formErrors.commentNotSent")}</h1>
      {actionData && (text("intent") === "comment" || text("intent") === "reply") ? (
        <CommentForm
          id="comment-again"
          action={`/reports/${reportId}/comments`}
          lastResult={actionData.result}
          hidden={{ intent: text("intent"), questionId: text("questionId"), paragraphRef: text("paragraphRef"), threadId: text("threadId"), redirectTo: back }}
          label={t(text("intent") === "reply" ? "threads.reply" : "threads.newComment")}
          submit={t(text("intent") === "reply" ? "threads.sendReply" : "threads.send")}
          rows={4}
        />
      ) : actionData ? (
        <p className="error-summary" role="alert">
          {t("validation.invalid")}
        </p>
      ) : null}
      <p>
        <Link to={back}>{t("formErrors.backToReport")}</Link>
      </p>
    </>
  );
}
