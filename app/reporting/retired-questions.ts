/**
 * Questions older questionnaire versions ask that reporting no longer shows or accepts.
 * `good_practice_shareable` ("May this good practice be shared?") is replaced by the one
 * disclosure choice next to each narrative answer (app/reporting/disclosure.ts; migration 0015
 * folded its answers into that choice). Its stored answers stay, read by nothing.
 * Browser-safe.
 */
import type { Paragraph } from "#surveys/schema.ts";

export const RETIRED_QUESTION_KEYS: ReadonlySet<string> = new Set(["good_practice_shareable"]);

/** A paragraph as reporting asks it: without retired questions. */
export function withoutRetiredQuestions(p: Paragraph): Paragraph {
  return p.questions.some((q) => RETIRED_QUESTION_KEYS.has(q.key)) ? { ...p, questions: p.questions.filter((q) => !RETIRED_QUESTION_KEYS.has(q.key)) } : p;
}
