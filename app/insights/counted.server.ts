/**
 * What counts in the insights (ADR 011): every submitted report, with its latest submitted
 * version, unless the secretariat excluded it with a recorded reason. The review is quality
 * assurance and gates nothing: a report under clarification counts with its last submission.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type DB } from "#db/client.ts";
import { answers, countedAnswers, reports, users } from "#db/schema/index.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import { indexReportNarratives } from "#app/insights/search.server.ts";
import { isAnswered } from "#app/reporting/answer-schemas.ts";
import { AGGREGATED_STATUSES, hasBeenSubmitted, SUBMITTED_STATUSES } from "#app/reporting/lifecycle.ts";

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0] | DB;

/** The SQL condition on `reports` for a report that counts in a cycle (the lifecycle's predicate, not excluded). */
export const counted = (cycleId: number) => and(eq(reports.cycleId, cycleId), inArray(reports.status, AGGREGATED_STATUSES), isNull(reports.excludedAt));

/**
 * At submission, in the submission's transaction: the report's answers as submitted become
 * its counted version (replacing the previous one), and its narratives are re-indexed.
 */
export function recordCountedVersion(tx: Tx, reportId: number): void {
  tx.delete(countedAnswers).where(eq(countedAnswers.reportId, reportId)).run();
  const rows = tx
    .select({ questionId: answers.questionId, paragraphRef: answers.paragraphRef, value: answers.value, prefilled: answers.prefilledFromCycleId })
    .from(answers)
    .where(eq(answers.reportId, reportId))
    .all();
  for (const r of rows) {
    if (!isAnswered(r.value as never)) continue;
    tx.insert(countedAnswers).values({ reportId, questionId: r.questionId, paragraphRef: r.paragraphRef, value: r.value, carriedOver: r.prefilled !== null }).run();
  }
  indexReportNarratives(tx, reportId);
}

export class ExclusionError extends Error {}

/**
 * The secretariat leaves a submitted report out of the aggregates (a duplicate, a test…), with
 * a reason (see exclusion.ts for its form), or puts it back (`reason` null) saying why
 * (`includeNote`). Audited in the same transaction. A draft counts nowhere and cannot be excluded.
 */
export async function setReportExclusion(reportId: number, reason: string | null, actorUserId: number, ip: string | null, includeNote?: string): Promise<void> {
  const db = getDb();
  db.transaction((tx) => {
    const report = tx.select({ status: reports.status, excludedAt: reports.excludedAt, excludedReason: reports.excludedReason }).from(reports).where(eq(reports.id, reportId)).get();
    if (!report) throw new ExclusionError(`No report ${reportId}`);
    if (!hasBeenSubmitted(report.status)) throw new ExclusionError("Only a submitted report can be excluded from the insights.");
    const now = new Date();
    tx.update(reports)
      .set(reason ? { excludedAt: now, excludedReason: reason, excludedBy: actorUserId } : { excludedAt: null, excludedReason: null, excludedBy: null })
      .where(eq(reports.id, reportId))
      .run();
    recordAudit(tx, {
      actorUserId,
      action: reason ? "report.excluded" : "report.included",
      entityType: "report",
      entityId: reportId,
      reportId,
      oldValue: { excludedReason: report.excludedReason },
      newValue: reason ? { excludedReason: reason } : { excludedReason: null, reason: includeNote ?? null },
      ip,
      at: now,
    });
  });
}

/** Whether a report is excluded from the insights: since when, by whom, why (null when it counts or is a draft). */
export async function reportExclusion(reportId: number): Promise<{ at: Date; reason: string; by: string | null } | null> {
  const row = getDb()
    .select({ at: reports.excludedAt, reason: reports.excludedReason, by: users.name })
    .from(reports)
    .leftJoin(users, eq(users.id, reports.excludedBy))
    .where(eq(reports.id, reportId))
    .get();
  return row?.at ? { at: row.at, reason: row.reason ?? "", by: row.by ?? null } : null;
}

/** How many submitted reports of a cycle the secretariat excluded, with their reasons. */
export async function exclusions(cycleId: number): Promise<{ count: number; reasons: string[] }> {
  const rows = getDb()
    .select({ reason: reports.excludedReason })
    .from(reports)
    .where(and(eq(reports.cycleId, cycleId), sql`${reports.excludedAt} is not null`, inArray(reports.status, SUBMITTED_STATUSES)))
    .all();
  return { count: rows.length, reasons: rows.map((r) => r.reason ?? "") };
}
