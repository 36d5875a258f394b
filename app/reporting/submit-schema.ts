/**
 * The check-and-submit form (reports.$reportId.check): one schema for the server (conform's
 * `parseWithZod`) and the browser. Messages are i18n keys. Browser-safe.
 */
import { z } from "zod";
import { DISCLOSURE_LEVELS } from "#app/reporting/disclosure.ts";

/** The one-time submit token the page carries (a UUID in lower case). */
export const SUBMIT_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The prefix of a per-answer disclosure field: `disclose.<question id>`. */
export const DISCLOSE_PREFIX = "disclose.";

/**
 * Conform reads `disclose.kyoto-2021.p21.description` as nested objects (question ids hold
 * dots); this joins the keys back into question ids. Empty choices ("as the report") drop out.
 */
function questionIdMap(value: unknown, prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value === undefined || value === null) return out;
  if (typeof value !== "object" || Array.isArray(value) || value instanceof Blob) {
    if (value !== "") out[prefix] = value;
    return out;
  }
  for (const [k, v] of Object.entries(value)) questionIdMap(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

export const SubmitReportSchema = z.object({
  token: z.string({ error: "formErrors.expired" }).regex(SUBMIT_TOKEN, { error: "formErrors.expired" }),
  disclosure: z.enum(DISCLOSURE_LEVELS, { error: "formErrors.chooseDisclosure" }),
  /** Per narrative answer, a level other than the report's (question id → level). */
  disclose: z.preprocess((v) => questionIdMap(v), z.record(z.string().max(200), z.enum(DISCLOSURE_LEVELS, { error: "formErrors.chooseDisclosure" }))),
});
export type SubmitReportForm = z.infer<typeof SubmitReportSchema>;

/** The value a per-answer select was sent with (conform's nested initial value), to show it again. */
export function sentOverride(initialValue: unknown, questionId: string): string | undefined {
  let at: unknown = (initialValue as Record<string, unknown> | undefined)?.disclose;
  for (const key of questionId.split(".")) at = at && typeof at === "object" ? (at as Record<string, unknown>)[key] : undefined;
  return typeof at === "string" ? at : undefined;
}

/** Start the State's report for a cycle (the reports list). */
export const OpenReportSchema = z.object({
  cycleId: z.coerce.number({ error: "formErrors.chooseCycle" }).int({ error: "formErrors.chooseCycle" }).positive({ error: "formErrors.chooseCycle" }),
});
