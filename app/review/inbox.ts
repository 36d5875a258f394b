/** The secretariat's inbox views (browser-safe): what needs action first, each status, or every State. */
import { INBOX_STATUSES, reportStatusOf, type InboxStatus } from "#app/review/inbox-status.ts";
import { awaitsReview } from "#app/reporting/lifecycle.ts";

export const INBOX_VIEWS = ["needs_action", ...INBOX_STATUSES, "all"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];

/** Submitted (and resubmitted) reports wait for the secretariat. */
export function needsAction(r: { status: InboxStatus }): boolean {
  const status = reportStatusOf(r.status);
  return status !== null && awaitsReview(status);
}

/** How many rows each view of the inbox holds. */
export function inboxCounts(rows: { status: InboxStatus }[]): Record<InboxView, number> {
  const counts = Object.fromEntries(INBOX_VIEWS.map((v) => [v, 0])) as Record<InboxView, number>;
  for (const r of rows) {
    counts[r.status]++;
    if (needsAction(r)) counts.needs_action++;
    counts.all++;
  }
  return counts;
}
