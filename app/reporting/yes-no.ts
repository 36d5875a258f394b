/**
 * The answers a yes/no question takes: yes, no, and where the questionnaire allows them the
 * extra answers "partially", "not a party", "not known". Browser-safe; one place for the values
 * and their i18n keys, used by the form, its validation, the workbook and the exports.
 */
import type { Question } from "#surveys/schema.ts";

const KEYS: Record<string, string> = {
  yes: "question.yes",
  no: "question.no",
  partially: "measure.yesNo.partially",
  not_party: "measure.yesNo.notParty",
  not_known: "measure.yesNo.notKnown",
};

/** English labels, for exports whose codebook is in English. */
export const YES_NO_ENGLISH: Record<string, string> = {
  "question.yes": "Yes",
  "question.no": "No",
  "measure.yesNo.partially": "Partially",
  "measure.yesNo.notParty": "Not a party",
  "measure.yesNo.notKnown": "Not known",
};

/** The values a yes/no question accepts, in the order they are shown. */
export function yesNoValues(q: Extract<Question, { type: "yes_no" }>): [string, ...string[]] {
  return ["yes", "no", ...(q.extraAnswers ?? [])];
}

/** The i18n key of a yes/no value. */
export function yesNoKey(value: string): string {
  return KEYS[value] ?? value;
}
