import crypto from "node:crypto";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
import { DISCLOSURE_LEVELS } from "#app/reporting/disclosure.ts";
import { hasBeenSubmitted, mayEdit } from "#app/reporting/lifecycle.ts";
import { sentOverride, SubmitReportSchema } from "#app/reporting/submit-schema.ts";
import { ErrorSummary, FieldError, summaryItems, useErrorText } from "#app/components/ui/form.tsx";

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
          disclosure: stored.get(q.id)?.disclosure ?? null,
          label: localText(q.label, lang, ctx.cycle.periodStart).text,
          value: answerText(q, byKey[q.key], lang, tr),
        })),
    };
  });
  const submission = await getSubmission(ctx.report.id);
  return {
    header: await reportHeader(ctx, lang),
    progress: progressOf(ctx.paragraphs, stored),
    paragraphs,
    canSubmit: own && can(user.role, "submit", "report", "own") && isEditable(ctx),
    submitToken: crypto.randomUUID(),
    submission: submission ? { ...submission, submittedAt: submission.submittedAt.toISOString(), number: receiptNumber(ctx.report.stateIso3, ctx.cycle.id, submission.id) } : null,
    status: ctx.report.status,
    disclosure: ctx.report.disclosure,
  };
}

/** Submit (focal point only): all required answers present, then frozen with a receipt. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "submit");
  const submission = parseWithZod(await readForm(request), { schema: SubmitReportSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), missing: 0 }, { status: 400 });
  const { token, disclosure, disclose } = submission.value;
  const narrativeIds = new Set(ctx.paragraphs.flatMap((p) => p.questions.filter((q) => q.type === "text").map((q) => q.id)));
  if (Object.keys(disclose).some((id) => !narrativeIds.has(id))) {
    return data({ result: submission.reply({ formErrors: ["formErrors.notNarrative"] }), missing: 0 }, { status: 400 });
  }
  const stored = await getAnswers(ctx.report.id);
  const progress = progressOf(ctx.paragraphs, stored);
  if (progress.requiredMissing > 0) {
    return data({ result: submission.reply(), missing: progress.requiredMissing, message: "report.cannotSubmitMissing" }, { status: 400 });
  }
  try {
    const receipt = await submitReport(ctx.report.id, user.id, token, clientIp(context), { level: disclosure, overrides: disclose });
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
  // What was sent comes back on an error (also without JavaScript).
  const sent = actionData?.result.initialValue;
  const chosenLevel = typeof sent?.disclosure === "string" ? sent.disclosure : d.disclosure;
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
      <ErrorSummary items={summaryItems([[{ id: `disclosure-${DISCLOSURE_LEVELS[0]}`, errors: fields.disclosure.errors }, t("disclosure.legend")]])} />
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
      {d.paragraphs.map((p) => (
        <section key={p.ref} className="check-section" aria-labelledby={`check-${p.ref}`}>
          <h2 id={`check-${p.ref}`}>
            {t("paragraph.title", { ref: p.ref })} <span className={`tag tag--${p.state}`}>{t(`paragraphState.${p.state}`)}</span>
          </h2>
          {p.answers.length === 0 ? (
            <p className="muted">{t("check.noAnswers")}</p>
          ) : (
            <dl className="summary-list">
              {p.answers.map((a) => (
                <div key={a.key}>
                  <dt>{a.label}</dt>
                  <dd>
                    {a.value}
                    {a.narrative && d.canSubmit ? (
                      <span className="disclosure-override">
                        <label htmlFor={`disclose-${a.id}`}>{t("disclosure.overrideLabel")}</label>{" "}
                        <select id={`disclose-${a.id}`} name={`disclose.${a.id}`} form={form.id} defaultValue={sentOverride(sent, a.id) ?? a.disclosure ?? ""}>
                          <option value="">{t("disclosure.asReport")}</option>
                          {DISCLOSURE_LEVELS.map((l) => (
                            <option key={l} value={l}>
                              {t(`disclosure.levels.${l}`)}
                            </option>
                          ))}
                        </select>
                      </span>
                    ) : a.narrative && hasBeenSubmitted(d.status) ? (
                      <span className="muted"> — {t(`disclosure.levels.${a.disclosure ?? d.disclosure}`)}</span>
                    ) : null}
                  </dd>
                </div>
              ))}
            </dl>
          )}
          {d.canSubmit ? (
            <p>
              <Link to={`/reports/${d.header.reportId}/${p.ref}`}>{t("check.change", { ref: p.ref })}</Link>
            </p>
          ) : null}
        </section>
      ))}
      {d.canSubmit ? (
        <Form method="post" className="submit-box" {...getFormProps(form)}>
          <h2>{t("check.submitTitle")}</h2>
          <p>{t("check.submitIntro")}</p>
          <fieldset className={`field${fields.disclosure.errors?.length ? " field--error" : ""}`} aria-describedby={fields.disclosure.errors?.length ? fields.disclosure.errorId : undefined}>
            <legend className="field__label">{t("disclosure.legend")}</legend>
            <p className="hint">{t("disclosure.hint")}</p>
            <FieldError id={fields.disclosure.errorId} errors={fields.disclosure.errors} />
            {DISCLOSURE_LEVELS.map((l) => (
              <div className="choice" key={l}>
                <input type="radio" id={`disclosure-${l}`} name={fields.disclosure.name} value={l} defaultChecked={l === chosenLevel} />
                <label htmlFor={`disclosure-${l}`}>
                  {t(`disclosure.levels.${l}`)} — <span className="muted">{t(`disclosure.explain.${l}`)}</span>
                </label>
              </div>
            ))}
          </fieldset>
          <input type="hidden" name={fields.token.name} value={d.submitToken} />
          <button type="submit" className="button" disabled={d.progress.requiredMissing > 0}>
            {t("check.submit")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
