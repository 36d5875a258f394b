import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { disclosureOf } from "#app/reporting/disclosure.ts";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { DiffTable } from "#app/reporting/components/diff-table.tsx";
import { Threads, threadsView } from "#app/review/components/threads.tsx";
import { OutlineSections } from "#app/questionnaires/components/outline-sections.tsx";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";
import { getAnswers } from "#app/reporting/reports.server.ts";
import { changeReportStatus, diffSubmissions, listSubmissions, listThreads, TransitionError } from "#app/review/review.server.ts";
import { answerText } from "#app/reporting/answer-text.ts";
import { requirePermission } from "#app/accounts/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage, i18next } from "#app/utils/i18n.server.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { outline } from "#app/questionnaires/outline.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";
import { reportHeader } from "#app/reporting/report-view.server.ts";
import { allows, eventsFrom, isReviewDecision, mayEdit, REPORT_TRANSITIONS } from "#app/reporting/lifecycle.ts";
import { noticeClarification, noticeReviewComplete } from "#app/review/notices.server.ts";
import { ReviewDecisionSchema } from "#app/review/schemas.ts";
import { ExclusionPanel } from "#app/review/components/exclusion-panel.tsx";
import { exclusionAction, exclusionView } from "#app/review/exclusion.server.ts";
import { ErrorSummary, FieldError, summaryItems, useErrorText, withoutKey } from "#app/components/ui/form.tsx";
import { reportAnswers, reportParts } from "#app/reporting/report-section.ts";
import { ReportAnswers } from "#app/reporting/components/report-task.tsx";

export const meta: MetaFunction = () => [{ title: "Review a report — Kyoto Reporting" }];

/** The secretariat reviews one submitted report: answers by pillar → theme → paragraph, threads, decisions. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const reviewer = await requirePermission(request, "review", "report", "any");
  const { ctx } = await requireReport(request, params.reportId, "read");
  const lang = await getLanguage(request);
  const tr = await i18next.getFixedT(lang);
  const stored = await getAnswers(ctx.report.id);
  const threads = threadsView(await listThreads(ctx.report.id), reviewer.role);
  const questionLabels = new Map<string, string>();
  const sections = outline(ctx.questionnaire, ctx.paragraphs, lang, (p) => ({
    ref: p.ref,
    text: localText(p.text, lang),
    answers: p.questions.map((q) => {
      questionLabels.set(q.id, `${p.ref} — ${localText(q.label, lang).text}`);
      const a = stored.get(q.id);
      return {
        id: q.id,
        label: localText(q.label, lang).text,
        value: a ? answerText(q, a.value, lang, tr) : null,
        disclosure: q.type === "text" && a ? disclosureOf(a.disclosure) : null,
        threads: threads.filter((th) => th.questionId === q.id),
      };
    }),
  }));
  const submissions = await listSubmissions(ctx.report.id);
  const report = reportAnswers(ctx.questionnaire, stored, (q, v) => ({ label: localText(q.label, lang, ctx.cycle.periodStart).text, value: answerText(q, v, lang, tr) }));
  const questions = new Map(reportParts(ctx).flatMap((p) => p.questions.map((q) => [q.id, q] as const)));
  const changes =
    submissions.length >= 2
      ? diffSubmissions(submissions[1]!.content, submissions[0]!.content).map((c) => {
          const q = questions.get(c.questionId);
          return {
            questionId: c.questionId,
            label: questionLabels.get(c.questionId) ?? c.questionId,
            before: q && c.before !== null ? answerText(q, c.before, lang, tr) : "—",
            after: q && c.after !== null ? answerText(q, c.after, lang, tr) : "—",
          };
        })
      : null;
  const confirming = new URL(request.url).searchParams.get("confirm") === "complete" && allows("accept", ctx.report.status);
  return {
    report,
    header: await reportHeader(ctx, lang),
    status: ctx.report.status,
    exclusion: await exclusionView(ctx.report.id),
    exclusionOpen: new URL(request.url).searchParams.get("exclusion") === "1",
    confirming,
    confirmable: allows("accept", ctx.report.status),
    // Open threads, each linking straight to its question on this page.
    openThreadList: threads
      .filter((th) => !th.resolved)
      .map((th) => ({ id: th.id, questionId: th.questionId, label: questionLabels.get(th.questionId) ?? th.questionId, last: th.comments.at(-1)?.body ?? "" })),
    submissions: submissions.map((s) => ({ id: s.id, submittedAt: s.submittedAt.toISOString(), contentHash: s.contentHash })),
    changes,
    openThreads: threads.filter((th) => !th.resolved).length,
    sections,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "review", "report", "any");
  const { ctx } = await requireReport(request, params.reportId, "read");
  const form = await readForm(request);
  const ip = clientIp(context);
  // Leave the report out of the insights, or put it back: its own form, with a recorded reason.
  const exclusion = await exclusionAction(ctx.report.id, form, user.id, ip);
  if (exclusion) return exclusion;
  const submission = parseWithZod(form, { schema: ReviewDecisionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const decision = submission.value;
  const open = (await listThreads(ctx.report.id)).filter((th) => th.resolvedAt === null);
  const completing = decision.intent === "accept";
  // Review complete with questions still open needs the officer's reason.
  if (completing && open.length > 0 && !decision.reason) return data({ result: submission.reply({ fieldErrors: { reason: ["journey.review.reasonRequired"] } }) }, { status: 400 });
  try {
    await changeReportStatus(ctx.report.id, decision.intent, user.id, ip, completing && open.length > 0 ? decision.reason : undefined);
    // The report went back to the State: tell its focal points, with a link to each open question.
    if (mayEdit(REPORT_TRANSITIONS[decision.intent].to)) await noticeClarification(ctx, open);
    else if (completing) await noticeReviewComplete(ctx);
  } catch (error) {
    if (error instanceof TransitionError) throw data({ message: error.message }, { status: 409 });
    throw error;
  }
  return redirect(`/review/${ctx.report.id}?done=${decision.intent}`);
}

export default function ReviewReport() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [form, fields] = useForm({
    id: "review-decision",
    lastResult: actionData && !("form" in actionData) ? actionData.result : undefined,
    constraint: getZodConstraint(ReviewDecisionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewDecisionSchema }),
    shouldValidate: "onSubmit",
  });
  const reasonErrors = fields.reason.errors;
  const confirming = d.confirming || Boolean(reasonErrors?.length);
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  const decisions = eventsFrom(d.status).filter(isReviewDecision);
  return (
    <>
      <p>
        <Link to="/review">{t("review.backToInbox")}</Link>
      </p>
      <h1>
        {d.header.stateName} — {d.header.cycleTitle}
      </h1>
      <p>
        <span className={`tag tag--${d.status}`}>{t(`reportStatus.${d.status}`)}</span>{" "}
        {d.submissions[0] ? t("review.lastSubmitted", { date: fmt.format(new Date(d.submissions[0].submittedAt)) }) : null} ·{" "}
        <Link to={`/reports/${d.header.reportId}/history`}>{t("report.history")}</Link> ·{" "}
        <Link to={`/reports/${d.header.reportId}/print`}>{t("print.link")}</Link>
      </p>
      {fields.intent.errors?.length ? (
        <p className="error-summary" role="alert">
          {fields.intent.errors.map(errorText).join(" ")}
        </p>
      ) : null}
      <Form method="post" className="button-row decision-bar">
        {decisions.length > 0 ? (
          decisions.map((decision) =>
            // Review complete is a confirmation step (a link to it: works without JavaScript).
            decision === "accept" ? (
              confirming ? null : (
                <Link key={decision} to="?confirm=complete#confirm-complete" className="button">
                  {t("journey.review.complete")}
                </Link>
              )
            ) : (
              <button key={decision} type="submit" name="intent" value={decision} className="button button--secondary">
                {decision === "request_clarification" ? t("review.requestClarification", { count: d.openThreads }) : t("review.reopen")}
              </button>
            ),
          )
        ) : (
          <p className="muted">{t("review.waitingForState")}</p>
        )}
      </Form>
      {confirming && d.confirmable ? (
        <section id="confirm-complete" className="panel confirm-panel" aria-labelledby="confirm-complete-h">
          <h2 id="confirm-complete-h">{t("journey.review.confirmTitle")}</h2>
          <p>{t("journey.review.confirmIntro")}</p>
          {d.openThreadList.length === 0 ? (
            <p>{t("journey.review.noOpenThreads")}</p>
          ) : (
            <>
              <p>{t("journey.review.openThreads", { count: d.openThreadList.length })}</p>
              <ul>
                {d.openThreadList.map((th) => (
                  <li key={th.id}>
                    <a href={`#a-${th.questionId}`}>{th.label}</a>
                    {th.last ? <span className="muted"> — “{th.last.length > 140 ? `${th.last.slice(0, 140)}…` : th.last}”</span> : null}
                  </li>
                ))}
              </ul>
            </>
          )}
          <Form method="post" {...getFormProps(form)}>
            <ErrorSummary items={summaryItems([[{ id: "reason", errors: reasonErrors }, t("journey.review.reasonLabel")]])} />
            {d.openThreadList.length > 0 ? (
              <div className={`field${reasonErrors?.length ? " field--error" : ""}`}>
                <label htmlFor="reason" className="field__label">
                  {t("journey.review.reasonLabel")}
                </label>
                <p id="reason-hint" className="hint">
                  {t("journey.review.reasonHint")}
                </p>
                <FieldError id={fields.reason.errorId} errors={reasonErrors} />
                <textarea {...withoutKey(getTextareaProps(fields.reason, { ariaDescribedBy: "reason-hint" }))} id="reason" rows={3} />
              </div>
            ) : null}
            <div className="button-row">
              <button type="submit" name="intent" value="accept" className="button">
                {t("journey.review.confirm")}
              </button>
              <Link to=".">{t("journey.review.cancel")}</Link>
            </div>
          </Form>
        </section>
      ) : null}
      <ExclusionPanel exclusion={d.exclusion} open={d.exclusionOpen} lastResult={actionData && "form" in actionData ? actionData.result : undefined} />
      {d.changes ? (
        <section aria-labelledby="changes-h" className="panel">
          <h2 id="changes-h">{t("review.changesTitle", { count: d.changes.length })}</h2>
          {d.changes.length === 0 ? (
            <p>{t("review.noChanges")}</p>
          ) : (
            <DiffTable label={t("review.changesTitle", { count: d.changes.length })} rows={d.changes.map((c) => ({ key: c.questionId, label: c.label, before: c.before, after: c.after }))} />
          )}
        </section>
      ) : null}
      <ReportAnswers data={d.report} headingLevel={2} />
      <OutlineSections
        sections={d.sections}
        renderThemeItems={(items) =>
          items.map((p) => (
            <article key={p.ref} className="review-paragraph" aria-labelledby={`p-${p.ref}`}>
              <h4 id={`p-${p.ref}`}>{t("paragraph.title", { ref: p.ref })}</h4>
              <details>
                <summary>{t("review.paragraphText")}</summary>
                <LocalTextSpan value={p.text} as="p" />
              </details>
              <dl className="summary-list">
                {p.answers
                  .filter((a) => a.value !== null || a.threads.length > 0)
                  .map((a) => (
                    <div key={a.id} id={`a-${a.id}`}>
                      <dt>{a.label}</dt>
                      <dd>
                        {a.value ?? <span className="muted">{t("conflict.empty")}</span>}
                        {a.disclosure ? <span className="muted"> — {t(`disclosure.levels.${a.disclosure}`)}</span> : null}
                        <Threads reportId={d.header.reportId} questionId={a.id} paragraphRef={p.ref} threads={a.threads} canComment />
                      </dd>
                    </div>
                  ))}
              </dl>
            </article>
          ))
        }
      />
    </>
  );
}
