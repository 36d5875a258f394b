import type { Question } from "#surveys/schema.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { textLimit } from "#app/reporting/answer-values.ts";

/** "Required when <other question> is <option>", in the page's language. */
function presentCondition(q: Question, siblings: Question[], lang: string) {
  if (!q.requiredWhen) return null;
  const { question: key, equals } = q.requiredWhen;
  const other = siblings.find((s) => s.key === key);
  if (!other) return null;
  const option = "options" in other ? other.options.find((o) => o.value === equals) : undefined;
  return {
    question: localText(other.label, lang).text,
    value: option ? localText(option.label, lang).text : String(equals),
  };
}

/**
 * A question as a page shows it: labels in the page's language (English fallback marked), "since
 * <period start>" filled with the report's cycle (`periodStart`; none: "since the start of the
 * reporting period").
 */
export function presentQuestion(q: Question, siblings: Question[], lang: string, periodStart?: string | null) {
  return {
    id: q.id,
    key: q.key,
    type: q.type,
    label: localText(q.label, lang, periodStart),
    help: q.help ? localText(q.help, lang, periodStart) : null,
    required: q.required,
    requiredWhen: presentCondition(q, siblings, lang),
    source: q.source ?? null,
    options:
      "options" in q
        ? q.options.map((o) => ({
            value: o.value,
            label: localText(o.label, lang),
            exclusive: o.exclusive === true,
            /** What the option means (a stage's written definition), shown under it. */
            hint: o.hint ? localText(o.hint, lang, periodStart) : null,
          }))
        : null,
    extraAnswers: q.type === "yes_no" ? (q.extraAnswers ?? []) : [],
    element: q.element ?? null,
    maxLength: q.type === "text" ? textLimit(q) : null,
    maxItems: q.type === "links" || q.type === "records" || q.type === "ranking" ? q.maxItems : null,
    /** A records question's fields (legal reference: title, article, year, link). */
    fields: q.type === "records" ? q.fields.map((f) => ({ key: f.key, kind: f.kind, maxLength: f.maxLength, label: localText(f.label, lang) })) : null,
    section: q.section ?? null,
    confidential: q.confidential === true,
  };
}
export type PresentedQuestion = ReturnType<typeof presentQuestion>;
