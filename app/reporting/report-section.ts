/**
 * The questions about the report as a whole (contact person, use of the Declaration, follow-up,
 * technical-assistance priorities) as one more part of the report, asked before the paragraphs:
 * the same form, autosave, revisions, conflicts and audit as a paragraph's questions, under the
 * ref REPORT_REF. Questionnaire versions compiled before them have none. Browser-safe.
 */
import { REPORT_REF } from "#surveys/report-ref.ts";
import type { Paragraph, Question, Questionnaire } from "#surveys/schema.ts";

export { REPORT_REF };

/** The report's own questions as a pseudo-paragraph (no text, no pillar), or null when the version has none. */
export function reportSection(q: Pick<Questionnaire, "reportQuestions">): Paragraph | null {
  if (!q.reportQuestions || q.reportQuestions.length === 0) return null;
  return {
    ref: REPORT_REF,
    position: -1,
    kind: "undertaking",
    pillar: null,
    pillarNumber: null,
    theme: null,
    themeNumber: null,
    text: { en: "" },
    questions: q.reportQuestions,
  };
}

/** Every part of a report a form saves, in task-list order: the report's own questions, then the paragraphs. */
export function reportParts(ctx: { questionnaire: Pick<Questionnaire, "reportQuestions">; paragraphs: Paragraph[] }): Paragraph[] {
  // Built once per paragraph list and questionnaire on the server, where both are cached
  // (every autosave asks): the same arrays give the same parts.
  const cached = partsCache.get(ctx.paragraphs);
  if (cached && cached.reportQuestions === ctx.questionnaire.reportQuestions) return cached.parts;
  const section = reportSection(ctx.questionnaire);
  const parts = section ? [section, ...ctx.paragraphs] : ctx.paragraphs;
  partsCache.set(ctx.paragraphs, { reportQuestions: ctx.questionnaire.reportQuestions, parts });
  return parts;
}

const partsCache = new WeakMap<Paragraph[], { reportQuestions: Questionnaire["reportQuestions"]; parts: Paragraph[] }>();

/** The first task's figures: how many of the report's own questions have an answer. */
export function reportTask(q: Pick<Questionnaire, "reportQuestions">, stored: ReadonlyMap<string, { value: unknown }>): { answered: number; total: number } | null {
  const questions = q.reportQuestions ?? [];
  if (questions.length === 0) return null;
  const answered = questions.filter((x) => {
    const v = stored.get(x.id)?.value;
    return v !== null && v !== undefined && (!Array.isArray(v) || v.length > 0) && (typeof v !== "string" || v.trim() !== "");
  }).length;
  return { answered, total: questions.length };
}

/** The report's own answered questions as label and readable value (check page, print view). */
export function reportAnswers(
  q: Pick<Questionnaire, "reportQuestions">,
  stored: ReadonlyMap<string, { value: unknown }>,
  text: (question: Question, value: unknown) => { label: string; value: string },
): { answers: { key: string; label: string; value: string }[] } | null {
  const questions = q.reportQuestions ?? [];
  if (questions.length === 0) return null;
  return {
    answers: questions.flatMap((x) => {
      const v = stored.get(x.id)?.value;
      if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return [];
      const shown = text(x, v);
      return shown.value === "" ? [] : [{ key: x.key, ...shown }];
    }),
  };
}
