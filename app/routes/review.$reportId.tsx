import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { DiffTable } from "#app/reporting/components/diff-table.tsx";
import { Threads, threadsView } from "#app/review/components/threads.tsx";
import { OutlineSections } from "#app/questionnaires/components/outline-sections.tsx";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";
import { getAnswers } from "#app/reporting/reports.server.ts";
import { changeReportStatus, diffSubmissions, focalPointsOf, listSubmissions, listThreads, TransitionError } from "#app/review/review.server.ts";
import { answerText } from "#app/reporting/answer-text.ts";
import { requirePermission } from "#app/accounts/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage, i18next } from "#app/utils/i18n.server.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { sendClarificationMail } from "#app/mail/mail.server.ts";
import { outline } from "#app/questionnaires/outline.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";
import { reportHeader } from "#app/reporting/report-view.server.ts";
import { eventsFrom, isReviewDecision, mayEdit, REPORT_TRANSITIONS, REVIEW_DECISIONS } from "#app/reporting/lifecycle.ts";

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
        disclosure: q.type === "text" && a ? a.disclosure ?? ctx.report.disclosure : null,
        threads: threads.filter((th) => th.questionId === q.id),
      };
    }),
  }));
  const submissions = await listSubmissions(ctx.report.id);
  const questions = new Map(ctx.paragraphs.flatMap((p) => p.questions.map((q) => [q.id, q] as const)));
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
  return {
    header: await reportHeader(ctx, lang),
    status: ctx.report.status,
    submissions: submissions.map((s) => ({ id: s.id, submittedAt: s.submittedAt.toISOString(), contentHash: s.contentHash })),
    changes,
    openThreads: threads.filter((th) => !th.resolved).length,
    sections,
  };
}

const Decision = z.object({ intent: z.enum(REVIEW_DECISIONS) });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "review", "report", "any");
  const { ctx } = await requireReport(request, params.reportId, "read");
  const parsed = Decision.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw data({ message: "Choose: request clarification, accept or reopen." }, { status: 400 });
  const ip = clientIp(context);
  try {
    await changeReportStatus(ctx.report.id, parsed.data.intent, user.id, ip);
    // The report went back to the State: tell its focal points.
    if (mayEdit(REPORT_TRANSITIONS[parsed.data.intent].to)) {
      for (const fp of await focalPointsOf([ctx.report.stateIso3])) await sendClarificationMail(fp, ctx.report.id, ctx.cycle.title);
    }
  } catch (error) {
    if (error instanceof TransitionError) throw data({ message: error.message }, { status: 409 });
    throw error;
  }
  return redirect(`/review/${ctx.report.id}?done=${parsed.data.intent}`);
}

export default function ReviewReport() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
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
      <Form method="post" className="button-row decision-bar">
        {decisions.length > 0 ? (
          decisions.map((decision) => (
            <button key={decision} type="submit" name="intent" value={decision} className={decision === "accept" ? "button" : "button button--secondary"}>
              {decision === "request_clarification" ? t("review.requestClarification", { count: d.openThreads }) : decision === "accept" ? t("review.accept") : t("review.reopen")}
            </button>
          ))
        ) : (
          <p className="muted">{t("review.waitingForState")}</p>
        )}
      </Form>
      {d.changes ? (
        <section aria-labelledby="changes-h" className="panel">
          <h2 id="changes-h">{t("review.changesTitle", { count: d.changes.length })}</h2>
          {d.changes.length === 0 ? (
            <p>{t("review.noChanges")}</p>
          ) : (
            <DiffTable rows={d.changes.map((c) => ({ key: c.questionId, label: c.label, before: c.before, after: c.after }))} />
          )}
        </section>
      ) : null}
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
