/**
 * The report lifecycle: its statuses, the moves between them and every question the code asks
 * about a status ("may the State still edit it?", "may the secretariat export it?", "does it
 * count in the insights?"). This is the ONE module that spells them out; db/schema, the
 * server and the components import it (browser-safe: it imports nothing).
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted
 *     ▲                 │   ▲                 │
 *     │     request_clarification  submit     reopen
 *     │                 ▼   │                 │
 *     └ (never back)  clarification_requested ◀┘
 *
 * Reporting is voluntary and sovereign: the secretariat never rejects a report, it can only
 * ask (request clarification, reopen) or accept. The State holds its report while it is a
 * draft or under clarification; nobody else edits it.
 */

export const REPORT_STATUSES = ["draft", "submitted", "clarification_requested", "accepted"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A report opens as a draft of its State. */
export const INITIAL_REPORT_STATUS: ReportStatus = "draft";

/** What moves a report from one status to another, who does it, and where it may start. */
export const REPORT_TRANSITIONS = {
  /** The State's focal point submits (first time or after clarification). */
  submit: { from: ["draft", "clarification_requested"], to: "submitted", by: "state" },
  /** The secretariat asks the State to clarify; the report goes back to the State. */
  request_clarification: { from: ["submitted"], to: "clarification_requested", by: "secretariat" },
  /** The secretariat completes its review (quality assurance: counting does not depend on it). */
  accept: { from: ["submitted"], to: "accepted", by: "secretariat" },
  /** The secretariat reopens an accepted report: it goes back to the State. */
  reopen: { from: ["accepted"], to: "clarification_requested", by: "secretariat" },
} as const satisfies Record<string, { from: readonly ReportStatus[]; to: ReportStatus; by: "state" | "secretariat" }>;

export type ReportEvent = keyof typeof REPORT_TRANSITIONS;
/** The secretariat's decisions on a report (the transitions it makes), in button order. */
export const REVIEW_DECISIONS = ["request_clarification", "accept", "reopen"] as const satisfies readonly ReportEvent[];
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export function isReviewDecision(event: ReportEvent): event is ReviewDecision {
  return REPORT_TRANSITIONS[event].by === "secretariat";
}

/** Whether `event` may happen to a report in `status`. */
export function allows(event: ReportEvent, status: ReportStatus): boolean {
  return (REPORT_TRANSITIONS[event].from as readonly ReportStatus[]).includes(status);
}

/** The status a report reaches through `event`, or null when the move is not allowed from `status`. */
export function next(event: ReportEvent, status: ReportStatus): ReportStatus | null {
  return allows(event, status) ? REPORT_TRANSITIONS[event].to : null;
}

/** The events that may happen to a report in `status` (e.g. the decision buttons to show). */
export function eventsFrom(status: ReportStatus): ReportEvent[] {
  return (Object.keys(REPORT_TRANSITIONS) as ReportEvent[]).filter((e) => allows(e, status));
}

/* ------------------------------------------------------------------ predicates */

/** The State holds the report: its users may edit answers (the cycle must also be open). */
export function mayEdit(status: ReportStatus): boolean {
  return allows("submit", status);
}

/** The State's focal point may submit it (the cycle must also be open). */
export function maySubmit(status: ReportStatus): boolean {
  return allows("submit", status);
}

/**
 * The secretariat asked the State questions and handed the report back (after a request for
 * clarification or a reopening): the task list says so.
 */
export function isBackWithState(status: ReportStatus): boolean {
  return hasBeenSubmitted(status) && mayEdit(status);
}

/** The secretariat has a decision to take on it (request clarification or accept). */
export function awaitsReview(status: ReportStatus): boolean {
  return allows("accept", status) || allows("request_clarification", status);
}

/**
 * Submitted at least once: no longer a private draft. The secretariat may read it, comment on
 * it and export it; it counts as "submitted" in response rates.
 */
export function hasBeenSubmitted(status: ReportStatus): boolean {
  return status !== "draft";
}

/** Exported by the secretariat (never drafts). */
export function isExportable(status: ReportStatus): boolean {
  return hasBeenSubmitted(status);
}

/**
 * Counted in the insights, and in their search index: every report once submitted, with its
 * latest submitted version (the review is quality assurance and gates nothing; a report under
 * clarification counts with its last submission). The secretariat may still exclude one with a
 * recorded reason (ADR 011).
 */
export function isCountedInAggregates(status: ReportStatus): boolean {
  return hasBeenSubmitted(status);
}

/**
 * An earlier cycle's report whose answers may pre-fill a new report: one the State submitted
 * as it stood (a report under clarification is not, since the State was asked to change it).
 */
export function mayPrefillFrom(status: ReportStatus): boolean {
  return status === "submitted" || status === "accepted";
}

/** The statuses for which `predicate` holds, for SQL `IN (…)` filters. */
export function statusesWhere(predicate: (s: ReportStatus) => boolean): ReportStatus[] {
  return REPORT_STATUSES.filter(predicate);
}

export const SUBMITTED_STATUSES = statusesWhere(hasBeenSubmitted);
export const EXPORTABLE_STATUSES = statusesWhere(isExportable);
export const AGGREGATED_STATUSES = statusesWhere(isCountedInAggregates);
export const PREFILL_SOURCE_STATUSES = statusesWhere(mayPrefillFrom);
