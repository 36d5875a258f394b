import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { OutlineSections } from "#app/questionnaires/components/outline-sections.tsx";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";
import { getAnswers, getSubmission } from "#app/reporting/reports.server.ts";
import { answerText } from "#app/reporting/answer-text.ts";
import { reportAnswers } from "#app/reporting/report-section.ts";
import { ReportAnswers } from "#app/reporting/components/report-task.tsx";
import { getLanguage, i18next } from "#app/utils/i18n.server.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { outline } from "#app/questionnaires/outline.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";
import { reportHeader } from "#app/reporting/report-view.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.header.stateName} — ${data.header.cycleTitle}` : "Kyoto Reporting" }];

/** The national report laid out for print: the browser's "Save as PDF" makes the PDF (Arabic shaped, right to left). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = await requireReport(request, params.reportId, "read");
  const lang = await getLanguage(request);
  const tr = await i18next.getFixedT(lang);
  const stored = await getAnswers(ctx.report.id);
  const submission = await getSubmission(ctx.report.id);
  return {
    header: await reportHeader(ctx, lang),
    title: localText(ctx.questionnaire.title, lang),
    submission: submission ? { submittedAt: submission.submittedAt.toISOString(), contentHash: submission.contentHash, by: submission.submittedByName } : null,
    report: reportAnswers(ctx.questionnaire, stored, (q, v) => ({ label: localText(q.label, lang, ctx.cycle.periodStart).text, value: answerText(q, v, lang, tr) })),
    sections: outline(ctx.questionnaire, ctx.paragraphs, lang, (p) => ({
      ref: p.ref,
      text: localText(p.text, lang),
      answers: p.questions
        .filter((q) => stored.get(q.id))
        .map((q) => ({ id: q.id, label: localText(q.label, lang, ctx.cycle.periodStart).text, value: answerText(q, stored.get(q.id)!.value, lang, tr) }))
        .filter((a) => a.value !== ""),
    })),
  };
}

export default function PrintReport() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
  return (
    <article className="print-report">
      <p className="no-print notice">{t("print.hint")}</p>
      <header>
        <p className="muted">
          <LocalTextSpan value={d.title} />
        </p>
        <h1>{t("print.title", { state: d.header.stateName })}</h1>
        <p>{d.header.cycleTitle}</p>
        <p>
          {t(`reportStatus.${d.header.status}`)}
          {d.submission ? ` · ${t("print.submitted", { date: fmt.format(new Date(d.submission.submittedAt)), by: d.submission.by })}` : ""}
        </p>
        {d.submission ? (
          <p className="muted">
            {t("receipt.hash")}: <code>{d.submission.contentHash}</code>
          </p>
        ) : null}
      </header>
      <ReportAnswers data={d.report} />
      <OutlineSections
        sections={d.sections}
        renderThemeItems={(items) =>
          items.map((p) => (
            <div key={p.ref} className="print-paragraph">
              <h4>{t("paragraph.title", { ref: p.ref })}</h4>
              <LocalTextSpan value={p.text} as="p" className="print-paragraph__text" />
              {p.answers.length === 0 ? (
                <p className="muted">{t("check.noAnswers")}</p>
              ) : (
                <dl className="summary-list">
                  {p.answers.map((a) => (
                    <div key={a.id}>
                      <dt>{a.label}</dt>
                      <dd>{a.value}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </div>
          ))
        }
      />
    </article>
  );
}
