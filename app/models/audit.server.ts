import { and, desc, eq, sql } from "drizzle-orm";
import { getDb, type DB } from "#db/client.ts";
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
  tx.insert(auditEvents)
    .values({
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
    })
    .run();
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
