import crypto from "node:crypto";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ReportHeader } from "#app/reporting/components/report-header.tsx";
import { noticeSubmitted } from "#app/review/notices.server.ts";
import { receiptNumber } from "#app/reporting/receipt.ts";
import { answersByKey, getAnswers, getSubmission, progressOf, ReportLockedError, SubmitTokenError, submitReport } from "#app/reporting/reports.server.ts";
import { isAnswered, paragraphState } from "#app/reporting/answer-schemas.ts";
import { answerText } from "#app/reporting/answer-text.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage, i18next } from "#app/utils/i18n.server.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { can } from "#app/accounts/permissions.ts";
import { isEditable, requireReport } from "#app/reporting/report-access.server.ts";
import { reportHeader } from "#app/reporting/report-view.server.ts";
import { disclosureOf } from "#app/reporting/disclosure.ts";
import { mayEdit } from "#app/reporting/lifecycle.ts";
import { SubmitReportSchema } from "#app/reporting/submit-schema.ts";
import { useErrorText } from "#app/components/ui/form.tsx";
import { DisclosureSummary } from "#app/reporting/components/disclosure-choice.tsx";
import { reportAnswers, REPORT_REF } from "#app/reporting/report-section.ts";
import { ReportAnswers } from "#app/reporting/components/report-task.tsx";
import { myParagraphs, workView } from "#app/reporting/handover.server.ts";
import { ContributorHandover, HandoverNotice, ReadyForm, WorkNote } from "#app/reporting/components/handover.tsx";

export const meta: MetaFunction = () => [{ title: "Check your answers — Kyoto Reporting" }];

/** Every answer on one page; what is missing, with links; the focal point submits from here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ctx, own } = await requireReport(request, params.reportId, "read");
  const lang = await getLanguage(request);
  const tr = await i18next.getFixedT(lang);
  const stored = await getAnswers(ctx.report.id);
  const paragraphs = ctx.paragraphs.map((p) => {
    const byKey = answersByKey(p, stored);
    const { state, missing } = paragraphState(p.questions, byKey);
    return {
      ref: p.ref,
      state,
      missing: missing.map((q) => ({ key: q.key, label: localText(q.label, lang, ctx.cycle.periodStart).text })),
      answers: p.questions
        .filter((q) => isAnswered(byKey[q.key]))
        .map((q) => ({
          key: q.key,
          id: q.id,
          narrative: q.type === "text",
          disclosure: q.type === "text" ? disclosureOf(stored.get(q.id)?.disclosure) : null,
          label: localText(q.label, lang, ctx.cycle.periodStart).text,
          value: answerText(q, byKey[q.key], lang, tr),
        })),
    };
  });
  const submission = await getSubmission(ctx.report.id);
  const canHandover = own && can(user.role, "handover", "paragraph", "own") && isEditable(ctx);
  const work = workView(ctx, user.id);
  const mine = canHandover ? myParagraphs(ctx, user.id) : [];
  return {
    work,
    canHandover,
    mine: { count: mine.length, ready: mine.filter((ref) => work[ref]?.ready).length },
    header: await reportHeader(ctx, lang),
    progress: progressOf(ctx.paragraphs, stored),
    paragraphs,
    canSubmit: own && can(user.role, "submit", "report", "own") && isEditable(ctx),
    submitToken: crypto.randomUUID(),
    submission: submission ? { ...submission, submittedAt: submission.submittedAt.toISOString(), number: receiptNumber(ctx.report.stateIso3, ctx.cycle.id, submission.id) } : null,
    status: ctx.report.status,
    canChange: own && can(user.role, "edit", "report", "own") && isEditable(ctx),
    // The report's own questions: shown, never required.
    report: reportAnswers(ctx.questionnaire, stored, (q, v) => ({ label: localText(q.label, lang, ctx.cycle.periodStart).text, value: answerText(q, v, lang, tr) })),
  };
}

/** Submit (focal point only): all required answers present, then frozen with a receipt. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "submit");
  const submission = parseWithZod(await readForm(request), { schema: SubmitReportSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), missing: 0 }, { status: 400 });
  const { token } = submission.value;
  const stored = await getAnswers(ctx.report.id);
  const progress = progressOf(ctx.paragraphs, stored);
  if (progress.requiredMissing > 0) {
    return data({ result: submission.reply(), missing: progress.requiredMissing, message: "report.cannotSubmitMissing" }, { status: 400 });
  }
  try {
    const receipt = await submitReport(ctx.report.id, user.id, token, clientIp(context));
    // The receipt by e-mail, once (a double click brings the same submission back).
    if (receipt.fresh) await noticeSubmitted(ctx, receipt);
  } catch (error) {
    if (error instanceof ReportLockedError) throw data({ message: error.message }, { status: 409 });
    if (error instanceof SubmitTokenError) throw data({ message: error.message }, { status: 409 });
    throw error;
  }
  return redirect(`/reports/${ctx.report.id}/check?submitted=1`);
}

export default function CheckAnswers() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const missing = d.paragraphs.filter((p) => p.missing.length > 0);
  const [form, fields] = useForm({
    id: "submit-form",
    lastResult: actionData?.result,
    constraint: getZodConstraint(SubmitReportSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SubmitReportSchema }),
    shouldValidate: "onSubmit",
  });
  const problems = [...(form.errors ?? []), ...(fields.token.errors ?? [])];
  return (
    <>
      <ReportHeader data={d.header} current="check" />
      {d.submission && !mayEdit(d.status) ? (
        <section className="receipt" aria-labelledby="receipt-h">
          <h1 id="receipt-h">{t("receipt.title")}</h1>
          <dl>
            <div>
              <dt>{t("receipt.submittedAt")}</dt>
              <dd>
                {new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "long", timeZone: "UTC" }).format(new Date(d.submission.submittedAt))}
              </dd>
            </div>
            <div>
              <dt>{t("journey.receiptNumber")}</dt>
              <dd data-testid="receipt-number">{d.submission.number}</dd>
            </div>
            <div>
              <dt>{t("receipt.submittedBy")}</dt>
              <dd>{d.submission.submittedByName}</dd>
            </div>
            <div>
              <dt>{t("receipt.answers")}</dt>
              <dd>{d.submission.answerCount}</dd>
            </div>
            <div>
              <dt>{t("receipt.hash")}</dt>
              <dd>
                <code data-testid="content-hash">{d.submission.contentHash}</code>
              </dd>
            </div>
          </dl>
          <p>{t("receipt.frozen")}</p>
        </section>
      ) : (
        <h1>{t("check.title")}</h1>
      )}
      <HandoverNotice />
      {d.canHandover ? <ContributorHandover reportId={d.header.reportId} mine={d.mine.count} readyCount={d.mine.ready} /> : null}
      {actionData?.missing ? (
        <p className="error-summary" role="alert">
          {t("report.cannotSubmitMissing", { count: actionData.missing })}
        </p>
      ) : null}
      {problems.length > 0 ? (
        <p className="error-summary" role="alert" id={form.errorId}>
          {problems.map(errorText).join(" ")}
        </p>
      ) : null}
      {missing.length > 0 ? (
        <div className="error-summary" role="region" aria-labelledby="missing-h">
          <h2 id="missing-h">{t("check.missingTitle", { count: d.progress.requiredMissing })}</h2>
          <ul>
            {missing.flatMap((p) =>
              p.missing.map((m) => (
                <li key={`${p.ref}-${m.key}`}>
                  <Link to={`/reports/${d.header.reportId}/${p.ref}#q-${m.key}`}>
                    {t("paragraph.title", { ref: p.ref })}: {m.label}
                  </Link>
                </li>
              )),
            )}
          </ul>
        </div>
      ) : null}
      <ReportAnswers data={d.report} changeTo={d.canSubmit ? `/reports/${d.header.reportId}/${REPORT_REF}` : null} />
      {d.paragraphs.map((p) => (
        <section key={p.ref} className="check-section" aria-labelledby={`check-${p.ref}`}>
          <h2 id={`check-${p.ref}`}>
            {t("paragraph.title", { ref: p.ref })} <span className={`tag tag--${p.state}`}>{t(`paragraphState.${p.state}`)}</span>
          </h2>
          <WorkNote work={d.work[p.ref]} />
          {p.answers.length === 0 ? (
            <p className="muted">{t("check.noAnswers")}</p>
          ) : (
            <dl className="summary-list">
              {p.answers.map((a) => (
                <div key={a.key}>
                  <dt>{a.label}</dt>
                  <dd>
                    {a.value}
                    {d.canChange ? (
                      <>
                        {" "}
                        <Link className="summary-list__change" to={`/reports/${d.header.reportId}/${p.ref}#q-${a.key}`}>
                          {t("handover.change")}
                          <span className="visually-hidden"> {a.label}</span>
                        </Link>
                      </>
                    ) : null}
                    {a.disclosure ? <DisclosureSummary level={a.disclosure} change={d.canChange ? `/reports/${d.header.reportId}/${p.ref}#disclose-${a.key}` : null} label={a.label} /> : null}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {d.canChange ? (
            <div className="button-row">
              <Link to={`/reports/${d.header.reportId}/${p.ref}`}>{t("check.change", { ref: p.ref })}</Link>
              {d.canHandover ? <ReadyForm reportId={d.header.reportId} paragraphRef={p.ref} from="check" ready={d.work[p.ref]?.ready != null} /> : null}
            </div>
          ) : null}
        </section>
      ))}
      {d.canSubmit ? (
        <Form method="post" className="submit-box" {...getFormProps(form)}>
          <h2>{t("check.submitTitle")}</h2>
          <p>{t("check.submitIntro")}</p>
          <p className="hint">{t("consent.submitHint")}</p>
          <input type="hidden" name={fields.token.name} value={d.submitToken} />
          <button type="submit" className="button" disabled={d.progress.requiredMissing > 0}>
            {t("check.submit")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
