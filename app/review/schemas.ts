/**
 * The review forms: the secretariat's decision on a report, and comments on answers. One schema
 * for the server (conform's `parseWithZod`) and the browser. Messages are i18n keys. Browser-safe.
 */
import { z } from "zod";
import { REVIEW_DECISIONS } from "#app/reporting/lifecycle.ts";

/** The longest reason for completing a review while questions are still open. */
export const MAX_REASON = 2000;

export const ReviewDecisionSchema = z.object({
  intent: z.enum(REVIEW_DECISIONS, { error: "formErrors.chooseDecision" }),
  /** Why the review is complete while questions are still open. */
  reason: z.string({ error: "validation.invalid" }).trim().max(MAX_REASON, { error: "journey.review.reasonTooLong" }).optional(),
});
