import crypto from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReportHeader } from "#app/components/report-header.tsx";
import { answersByKey, getAnswers, getSubmission, progressOf, ReportLockedError, submitReport } from "#app/models/reports.server.ts";
import { formatLinks, isAnswered, paragraphState, type LinkValue } from "#app/schemas/answers.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage, i18next } from "#app/utils/i18n.server.ts";
import { localText } from "#app/utils/labels.ts";
import { can } from "#app/utils/permissions.ts";
import { isEditable, requireReport } from "#app/utils/report-access.server.ts";
import { reportHeader } from "#app/utils/report-view.server.ts";
import type { Question } from "#surveys/schema.ts";

export const meta: MetaFunction = () => [{ title: "Check your answers — Kyoto Reporting" }];

function show(q: Question, value: unknown, lang: string, yes: string, no: string): string {
  if (q.type === "yes_no") return value === "yes" ? yes : no;
  if ("options" in q) {
    const values = Array.isArray(value) ? (value as string[]) : [String(value)];
    return values.map((v) => localText(q.options.find((o) => o.value === v)?.label ?? { en: v }, lang).text).join("; ");
  }
  if (q.type === "links") return formatLinks(value as LinkValue[]);
  return String(value);
}

/** Every answer on one page; what is missing, with links; the focal point submits from here. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ctx, own } = await requireReport(request, params.reportId, "read");
  const lang = await getLanguage(request);
  const tr = await i18next.getFixedT(lang);
  const t = { yes: tr("question.yes"), no: tr("question.no") };
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
        .map((q) => ({ key: q.key, label: localText(q.label, lang).text, value: show(q, byKey[q.key], lang, t.yes, t.no) })),
    };
  });
  const submission = await getSubmission(ctx.report.id);
  return {
    header: await reportHeader(ctx, lang),
    progress: progressOf(ctx.paragraphs, stored),
    paragraphs,
    canSubmit: own && can(user.role, "submit", "report", "own") && isEditable(ctx),
    submitToken: crypto.randomUUID(),
    submission: submission ? { ...submission, submittedAt: submission.submittedAt.toISOString() } : null,
    status: ctx.report.status,
  };
}

/** Submit (focal point only): all required answers present, then frozen with a receipt. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "submit");
  const form = await readForm(request);
  const token = String(form.get("token") ?? "");
  if (!/^[0-9a-f-]{36}$/.test(token)) throw data({ message: "The form has expired: reload the page and submit again." }, { status: 400 });
  const stored = await getAnswers(ctx.report.id);
  const progress = progressOf(ctx.paragraphs, stored);
  if (progress.requiredMissing > 0) {
    return data({ message: "report.cannotSubmitMissing", count: progress.requiredMissing }, { status: 400 });
  }
  try {
    await submitReport(ctx.report.id, user.id, token, clientIp(context));
  } catch (error) {
    if (error instanceof ReportLockedError) throw data({ message: error.message }, { status: 409 });
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
      {d.submission ? (
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
                  <dd>{a.value}</dd>
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
        <Form method="post" className="submit-box">
          <h2>{t("check.submitTitle")}</h2>
          <p>{t("check.submitIntro")}</p>
          <input type="hidden" name="token" value={d.submitToken} />
          <button type="submit" className="button" disabled={d.progress.requiredMissing > 0}>
            {t("check.submit")}
          </button>
        </Form>
      ) : null}
    </>
  );
}
