import { useTranslation } from "#app/utils/translation.tsx";
import type { PresentedQuestion } from "#app/questionnaires/present-question.ts";
import type { AnswerValue } from "#app/reporting/answer-values.ts";

/** A structured fact of a paragraph (responsible authorities, legal references…): optional, folded. */
export function isFact(q: Pick<PresentedQuestion, "section">): boolean {
  return q.section === "facts";
}

function answered(v: AnswerValue): boolean {
  return v !== null && (!Array.isArray(v) || v.length > 0) && (typeof v !== "string" || v.trim() !== "");
}

/**
 * "Facts (optional)": the paragraph's structured facts, folded under the paragraph's questions
 * (a native details element: opens without JavaScript). Opened when one of them has an error or
 * a conflict, so the error summary's links land on a visible field.
 */
export function FactsSection({ questions, values, open, children }: { questions: PresentedQuestion[]; values: AnswerValue[]; open: boolean; children: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const facts = questions.map((q, i) => ({ q, v: values[i] ?? null })).filter((x) => isFact(x.q));
  if (facts.length === 0) return null;
  const done = facts.filter((x) => answered(x.v)).length;
  const fmt = new Intl.NumberFormat(i18n.language);
  return (
    <details className="facts panel" open={open || undefined}>
      <summary>
        <span className="facts__title">{t("facts.title")}</span> <span className="hint">{t("facts.answered", { count: done, answered: fmt.format(done), total: fmt.format(facts.length) })}</span>
      </summary>
      <p className="hint">{t("facts.intro")}</p>
      {children}
    </details>
  );
}

/** The heading and introduction of the report's own questions (the first task). */
export function ReportSectionIntro() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("reportSection.title")}</h1>
      <p>{t("reportSection.intro")}</p>
    </>
  );
}
