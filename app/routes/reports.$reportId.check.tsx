import crypto from "node:crypto";
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
import { z } from "zod";

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
      missing: missing.map((q) => ({ key: q.key, label: localText(q.label, lang).text })),
      answers: p.questions
        .filter((q) => isAnswered(byKey[q.key]))
        .map((q) => ({
          key: q.key,
          id: q.id,
          narrative: q.type === "text",
          disclosure: stored.get(q.id)?.disclosure ?? null,
          label: localText(q.label, lang).text,
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

const DisclosureForm = z.object({
  disclosure: z.enum(DISCLOSURE_LEVELS),
  overrides: z.record(z.string(), z.enum(DISCLOSURE_LEVELS)),
});

/** Submit (focal point only): all required answers present, then frozen with a receipt. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "submit");
  const form = await readForm(request);
  for (const name of ["token", "disclosure"]) {
    if (form.getAll(name).length > 1) throw data({ message: `"${name}" was sent more than once: send it once.` }, { status: 400 });
  }
  const token = String(form.get("token") ?? "");
  if (!/^[0-9a-f-]{36}$/.test(token)) throw data({ message: "The form has expired: reload the page and submit again." }, { status: 400 });
  const stored = await getAnswers(ctx.report.id);
  const progress = progressOf(ctx.paragraphs, stored);
  if (progress.requiredMissing > 0) {
    return data({ message: "report.cannotSubmitMissing", count: progress.requiredMissing }, { status: 400 });
  }
  const narrativeIds = new Set(ctx.paragraphs.flatMap((p) => p.questions.filter((q) => q.type === "text").map((q) => q.id)));
  const overrides: Record<string, string> = {};
  for (const [name, value] of form) {
    if (!name.startsWith("disclose.") || value === "") continue;
    const id = name.slice("disclose.".length);
    if (!narrativeIds.has(id)) throw data({ message: `"${id.slice(0, 80)}" is not a narrative question of this report.` }, { status: 400 });
    overrides[id] = String(value);
  }
  const choice = DisclosureForm.safeParse({ disclosure: form.get("disclosure"), overrides });
  if (!choice.success) throw data({ message: "Choose who may read the narrative answers: public, commission or secretariat." }, { status: 400 });
  try {
    const submission = await submitReport(ctx.report.id, user.id, token, clientIp(context), { level: choice.data.disclosure, overrides: choice.data.overrides });
    // The receipt by e-mail, once (a double click brings the same submission back).
    if (submission.fresh) await noticeSubmitted(ctx, submission);
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
  const missing = d.paragraphs.filter((p) => p.missing.length > 0);
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
      {actionData ? (
        <p className="error-summary" role="alert">
          {t(actionData.message, { count: actionData.count })}
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
                        <select id={`disclose-${a.id}`} name={`disclose.${a.id}`} form="submit-form" defaultValue={a.disclosure ?? ""}>
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
        <Form method="post" className="submit-box" id="submit-form">
          <h2>{t("check.submitTitle")}</h2>
          <p>{t("check.submitIntro")}</p>
          <fieldset className="field">
            <legend className="field__label">{t("disclosure.legend")}</legend>
            <p className="hint">{t("disclosure.hint")}</p>
            {DISCLOSURE_LEVELS.map((l) => (
              <div className="choice" key={l}>
                <input type="radio" id={`disclosure-${l}`} name="disclosure" value={l} defaultChecked={l === d.disclosure} />
                <label htmlFor={`disclosure-${l}`}>
                  {t(`disclosure.levels.${l}`)} — <span className="muted">{t(`disclosure.explain.${l}`)}</span>
                </label>
              </div>
            ))}
          </fieldset>
          <input type="hidden" name="token" value={d.submitToken} />
          <button type="submit" className="button" disabled={d.progress.requiredMissing > 0}>
            {t("check.submit")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
