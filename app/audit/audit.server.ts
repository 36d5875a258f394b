import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, type DB } from "#db/client.ts";
import { prepared } from "#db/prepared.ts";
import { auditEvents, users } from "#db/schema/index.ts";

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0] | DB;

export interface AuditInput {
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: string | number;
  reportId?: number | null;
  paragraphRef?: string | null;
  questionId?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  outcome?: "success" | "refused" | "failure";
  ip?: string | null;
  at?: Date;
}

/** Write one audit row. Pass the transaction of the change it records. */
export function recordAudit(tx: Tx, e: AuditInput): void {
  // Prepared once on the process connection. `tx` is a transaction on that same connection
  // (better-sqlite3 transactions belong to the connection), so the row joins it.
  prepared(getDb(), "audit-insert", (d) =>
    d
      .insert(auditEvents)
      .values({
        at: sql.placeholder("at"),
        actorUserId: sql.placeholder("actorUserId"),
        action: sql.placeholder("action"),
        entityType: sql.placeholder("entityType"),
        entityId: sql.placeholder("entityId"),
        reportId: sql.placeholder("reportId"),
        paragraphRef: sql.placeholder("paragraphRef"),
        questionId: sql.placeholder("questionId"),
        oldValue: sql.placeholder("oldValue"),
        newValue: sql.placeholder("newValue"),
        outcome: sql.placeholder("outcome"),
        ip: sql.placeholder("ip"),
      })
      .prepare(),
  ).run({
    at: e.at ?? new Date(),
    actorUserId: e.actorUserId,
    action: e.action,
    entityType: e.entityType,
    entityId: String(e.entityId),
    reportId: e.reportId ?? null,
    paragraphRef: e.paragraphRef ?? null,
    questionId: e.questionId ?? null,
    oldValue: e.oldValue ?? null,
    newValue: e.newValue ?? null,
    outcome: e.outcome ?? "success",
    ip: e.ip ?? null,
  });
  void tx;
}

/** For events outside any other change (sign-in attempts, refused authorisations). */
export async function logAudit(e: AuditInput): Promise<void> {
  recordAudit(getDb(), e);
}

export async function listReportHistory(reportId: number, opts: { paragraphRef?: string | null; limit?: number } = {}) {
  const where = opts.paragraphRef
    ? and(eq(auditEvents.reportId, reportId), eq(auditEvents.paragraphRef, opts.paragraphRef))
    : eq(auditEvents.reportId, reportId);
  return getDb()
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      paragraphRef: auditEvents.paragraphRef,
      questionId: auditEvents.questionId,
      oldValue: auditEvents.oldValue,
      newValue: auditEvents.newValue,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(opts.limit ?? 500)
    .all();
}

export async function countAuditEvents(action?: string): Promise<number> {
  const q = getDb().select({ n: sql<number>`count(*)` }).from(auditEvents);
  return (action ? q.where(eq(auditEvents.action, action)) : q).get()!.n;
}
