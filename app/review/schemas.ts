/**
 * The review forms: the secretariat's decision on a report, and comments on answers. One schema
 * for the server (conform's `parseWithZod`) and the browser. Messages are i18n keys. Browser-safe.
 */
import { z } from "zod";
import { REVIEW_DECISIONS } from "#app/reporting/lifecycle.ts";
import { MAX_COMMENT } from "#app/review/comment-limits.ts";

export { MAX_COMMENT };

/** The longest reason for completing a review while questions are still open. */
export const MAX_REASON = 2000;

export const ReviewDecisionSchema = z.object({
  intent: z.enum(REVIEW_DECISIONS, { error: "formErrors.chooseDecision" }),
  /** Why the review is complete while questions are still open. */
  reason: z.string({ error: "validation.invalid" }).trim().max(MAX_REASON, { error: "journey.review.reasonTooLong" }).optional(),
});

/** The longest comment. */

const commentBody = z
  .string({ error: "formErrors.commentLength" })
  .trim()
  .min(1, { error: "formErrors.commentLength" })
  .max(MAX_COMMENT, { error: "formErrors.commentLength" });
const threadId = z.coerce.number({ error: "validation.invalid" }).int({ error: "validation.invalid" }).positive({ error: "validation.invalid" });
const redirectTo = z.string().max(2000).optional();

/** Comment threads on answers: a new comment, a reply, or resolving a thread. */
export const CommentSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("comment"), questionId: z.string({ error: "validation.invalid" }).max(200), paragraphRef: z.string({ error: "validation.invalid" }).max(20), body: commentBody, redirectTo }),
    z.object({ intent: z.literal("reply"), threadId, body: commentBody, redirectTo }),
    z.object({ intent: z.literal("resolve"), threadId, redirectTo }),
  ],
  { error: "validation.invalid" },
);

/** Reminders from the inbox: to the chosen States, or to every State that has not submitted. */
export const RemindSchema = z.object({
  cycleId: z.coerce.number({ error: "review.remindInvalid" }).int({ error: "review.remindInvalid" }).positive({ error: "review.remindInvalid" }),
  target: z.enum(["chosen", "not_submitted"], { error: "review.remindInvalid" }),
  states: z
    .array(z.string().regex(/^[A-Z]{3}$/, { error: "review.remindInvalid" }), { error: "review.remindInvalid" })
    .max(193, { error: "review.remindInvalid" })
    .default([]),
});
