/**
 * The check-and-submit form (reports.$reportId.check): one schema for the server (conform's
 * `parseWithZod`) and the browser. Messages are i18n keys. Browser-safe. Who may read each
 * narrative answer is chosen next to it on the paragraph page, not here.
 */
import { z } from "zod";

/** The one-time submit token the page carries (a UUID in lower case). */
export const SUBMIT_TOKEN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const SubmitReportSchema = z.object({
  token: z.string({ error: "formErrors.expired" }).regex(SUBMIT_TOKEN, { error: "formErrors.expired" }),
});
export type SubmitReportForm = z.infer<typeof SubmitReportSchema>;

/** Start the State's report for a cycle (the reports list). */
export const OpenReportSchema = z.object({
  cycleId: z.coerce.number({ error: "formErrors.chooseCycle" }).int({ error: "formErrors.chooseCycle" }).positive({ error: "formErrors.chooseCycle" }),
});
