/**
 * The statuses of the secretariat's inbox: one per Member State of a cycle, whether or not it
 * has opened its report. Browser-safe (the inbox filter lists them). A State without a report
 * is "not started"; a draft is "in progress"; after that the inbox shows the report's status.
 */
import { hasBeenSubmitted, type ReportStatus } from "#app/reporting/lifecycle.ts";

export const INBOX_STATUSES = ["not_started", "in_progress", "submitted", "clarification_requested", "accepted"] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

export function inboxStatus(status: ReportStatus | null): InboxStatus {
  if (!status) return "not_started";
  return hasBeenSubmitted(status) ? (status as Exclude<ReportStatus, "draft">) : "in_progress";
}

/** The report status behind an inbox status (null when the State has no report). */
export function reportStatusOf(status: InboxStatus): ReportStatus | null {
  return status === "not_started" ? null : status === "in_progress" ? "draft" : status;
}

/** The State has submitted its report at least once (for response rates and deadline lists). */
export function inboxSubmitted(status: InboxStatus): boolean {
  const s = reportStatusOf(status);
  return s !== null && hasBeenSubmitted(s);
}
