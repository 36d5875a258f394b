/**
 * The statuses of a reporting cycle: prepared (draft), open for reporting, closed. A State may
 * edit and submit its report only while the cycle is open (and the report lifecycle allows it,
 * see app/reporting/lifecycle.ts). Browser-safe vocabulary (imports nothing): db/schema, the
 * server and components import it.
 */

export const CYCLE_STATUSES = ["draft", "open", "closed"] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const INITIAL_CYCLE_STATUS: CycleStatus = "draft";

/** States may report (edit, submit) in this cycle. */
export function isOpenForReporting(status: CycleStatus): boolean {
  return status === "open";
}

/** The statuses in which States may report, for SQL `IN (…)` filters. */
export const REPORTING_CYCLE_STATUSES: CycleStatus[] = CYCLE_STATUSES.filter(isOpenForReporting);
