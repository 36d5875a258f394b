/**
 * "Not applicable" (issue 11, item 9): a paragraph whose status is "not applicable" keeps only
 * that status and its reason; its other answers are cleared on save and never stored (the
 * server enforces it in `saveAnswers`, whatever the form, autosave or workbook sent). The page
 * hides those questions. Written against paragraph answers by question key, so the anchored
 * stages of issue 12 (which keep a "not applicable" choice with a reason) can change the test
 * here and nowhere else. Browser-safe.
 */

/** The status answer's value that marks a paragraph not applicable. */
export const NOT_APPLICABLE_VALUE = "not_applicable";

/** The questions a not-applicable paragraph keeps: its status and the reason given. */
export const KEPT_WHEN_NOT_APPLICABLE: ReadonlySet<string> = new Set(["status", "stage", "na_reason"]);

/**
 * Whether a paragraph's answers (question key → value) say it is not applicable: its status (the
 * status edition) or its stage when the paragraph is asked as a whole (the stages edition). A
 * paragraph asked per element is never not applicable as a whole: each element keeps its own
 * "not applicable" stage and reason, and the paragraph's other answers stay.
 */
export function isNotApplicable(paragraphAnswers: Readonly<Record<string, unknown>>): boolean {
  return paragraphAnswers.status === NOT_APPLICABLE_VALUE || paragraphAnswers.stage === NOT_APPLICABLE_VALUE;
}

/** Whether a question of a not-applicable paragraph is cleared (everything but status and reason). */
export function clearedWhenNotApplicable(questionKey: string): boolean {
  return !KEPT_WHEN_NOT_APPLICABLE.has(questionKey);
}

/** The key of a question id (`kyoto-2021.p35.status` → `status`, `kyoto-2021.p81.data.stage` → `data.stage`): ids are `<instrument>.p<ref>.<key>`, and neither the instrument nor the ref holds a dot. */
export function questionKeyOf(questionId: string): string {
  const first = questionId.indexOf(".");
  const second = questionId.indexOf(".", first + 1);
  return second < 0 ? questionId.slice(first + 1) : questionId.slice(second + 1);
}
