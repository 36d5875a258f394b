/**
 * The audit trail: writing events (in the caller's transaction), reading them with their
 * values resolved, and the hash chain that makes tampering evident (decision 010).
 *
 * Answer changes store each value once, in `answer_revisions`; an event points at the
 * revision before and after. Consecutive autosaves of one answer by one user, each within
 * COALESCE_GAP_MS of the last, are folded into one open event (at most COALESCE_SPAN_MS long);
 * the event is sealed into the chain when the burst ends. Every other event is sealed as it
 * is written.
 */
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type Database from "better-sqlite3";
import { getDb, type DB } from "#db/client.ts";
import { answerRevisions, auditEvents, users } from "#db/schema/index.ts";
import { CHAIN_SELECT, chainHash, revisionValueSql, chainHead, GENESIS, eventFields, sealEvent, sealOpenEvents, stmt, verifyChain, type ChainRow } from "#app/audit/chain.server.ts";

export { verifyChain, type ChainReport } from "#app/audit/chain.server.ts";

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0] | DB;

/** Autosaves of one answer by one user closer together than this are one event. */
export const COALESCE_GAP_MS = 5 * 60_000;
/** …and one event covers at most this long a burst. */
export const COALESCE_SPAN_MS = 60 * 60_000;

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
  /**
   * For `answer.changed`: the answer's revision before and after. With them the values are
   * stored once as answer revisions and consecutive autosaves are folded into one event.
   */
  oldRevision?: number;
  newRevision?: number;
  outcome?: "success" | "refused" | "failure";
  ip?: string | null;
  at?: Date;
}

/** Before an answer change, ended bursts are looked for at most this often (its own is always checked). */
const ANSWER_SWEEP_EVERY_MS = 1_000;
/** When each connection last looked for ended bursts (event time). */
const lastSweep = new WeakMap<Database.Database, number>();

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));


const INSERT_EVENT = `insert into audit_events (at, actor_user_id, action, entity_type, entity_id, report_id, paragraph_ref, question_id,
  old_value, new_value, outcome, ip, old_revision_id, new_revision_id, saves, last_at, seq, prev_hash, hash)
  values (@at, @actorUserId, @action, @entityType, @entityId, @reportId, @paragraphRef, @questionId,
  @oldValue, @newValue, @outcome, @ip, @oldRevisionId, @newRevisionId, 1, null, @seq, @prevHash, @hash)`;

/**
 * Write one audit event. Pass the transaction of the change it records: `tx` runs on the
 * process connection (better-sqlite3 transactions belong to the connection), so the event
 * joins it. Outside a transaction the event gets its own.
 */
export function recordAudit(tx: Tx, e: AuditInput): void {
  void tx;
  const db = getDb().$client;
  const write = () => {
    const at = (e.at ?? new Date()).getTime();
    const answerChange = e.action === "answer.changed" && e.reportId != null && e.questionId != null && e.oldRevision !== undefined && e.newRevision !== undefined;
    // Bursts of autosaves that ended are sealed before anything else joins the chain. An answer
    // change joins it only when its own burst ends, so before one the sweep runs at most once a
    // second (with 500 editors it read every open event at every save: issue 16).
    const last = lastSweep.get(db);
    if (!answerChange || last === undefined || at < last || at - last >= ANSWER_SWEEP_EVERY_MS) {
      lastSweep.set(db, at);
      const hasOpen = stmt(db, "select 1 from audit_events where seq is null limit 1").get();
      if (hasOpen) sealOpenEvents(db, { now: at, gapMs: COALESCE_GAP_MS, spanMs: COALESCE_SPAN_MS });
    }
    if (answerChange) {
      recordAnswerChange(db, e, at);
      return;
    }
    const row = {
      at,
      actorUserId: e.actorUserId,
      action: e.action,
      entityType: e.entityType,
      entityId: String(e.entityId),
      reportId: e.reportId ?? null,
      paragraphRef: e.paragraphRef ?? null,
      questionId: e.questionId ?? null,
      oldValue: json(e.oldValue),
      newValue: json(e.newValue),
      outcome: e.outcome ?? "success",
      ip: e.ip ?? null,
      oldRevisionId: null,
      newRevisionId: null,
    };
    const head = chainHead(db);
    const seq = (head?.seq ?? 0) + 1;
    const prevHash = head?.hash ?? GENESIS;
    const hash = chainHash(prevHash, {
      seq,
      at,
      lastAt: null,
      actorUserId: row.actorUserId,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      reportId: row.reportId,
      paragraphRef: row.paragraphRef,
      questionId: row.questionId,
      // As a reader will parse them back from the stored JSON.
      oldValue: row.oldValue === null ? null : JSON.parse(row.oldValue),
      newValue: row.newValue === null ? null : JSON.parse(row.newValue),
      outcome: row.outcome,
      ip: row.ip,
      saves: 1,
    });
    stmt(db, INSERT_EVENT).run({ ...row, seq, prevHash, hash });
  };
  if (db.inTransaction) write();
  else db.transaction(write).immediate();
}

/** The open event of one answer (report, question), if any: see `recordAnswerChange`. */
export const OPEN_ANSWER_EVENT = `select a.id, a.actor_user_id as actor, a.at, coalesce(a.last_at, a.at) as lastAt, a.new_revision_id as newRevisionId, r.revision as newRevision
  from audit_events a indexed by audit_events_open left join answer_revisions r on r.id = a.new_revision_id
  where a.report_id = ? and a.question_id = ? and a.seq is null and a.action = 'answer.changed'`;

/**
 * An answer change: fold it into its author's open event for this answer, or open a new one.
 * The open event is found through the partial index of open events (SQLite's `indexed by`; a
 * port names it in its own way, ADR 002): left to itself the planner takes `seq is null` on the
 * unique index of positions for one row and reads every open event, which made each save cost
 * as much as the number of open bursts (108,000 in the demo data: minutes; 500 under load).
 */
function recordAnswerChange(db: Database.Database, e: AuditInput, at: number): void {
  const reportId = e.reportId!;
  const questionId = e.questionId!;
  const open = stmt(db, OPEN_ANSWER_EVENT).get(reportId, questionId) as { id: number; actor: number | null; at: number; lastAt: number; newRevisionId: number | null; newRevision: number | null } | undefined;

  const continues = open !== undefined && open.newRevisionId !== null && open.newRevision === e.oldRevision;
  if (
    open &&
    continues &&
    e.actorUserId !== null &&
    open.actor === e.actorUserId &&
    at - open.lastAt < COALESCE_GAP_MS &&
    at - open.at < COALESCE_SPAN_MS
  ) {
    // The intermediate value is not kept: the event ends on the latest one, which is the
    // answer's current value and so lives in the answer only (value null here).
    stmt(db, "update answer_revisions set value = null, revision = ?, created_at = ? where id = ?").run(e.newRevision, at, open.newRevisionId);
    stmt(db, "update audit_events set last_at = ?, saves = saves + 1, ip = ?, paragraph_ref = coalesce(?, paragraph_ref) where id = ?").run(
      at,
      e.ip ?? null,
      e.paragraphRef ?? null,
      open.id,
    );
    return;
  }
  if (open) sealEvent(db, open.id);

  let oldRevisionId: number | null = null;
  if (open && continues) oldRevisionId = open.newRevisionId;
  else if (e.oldRevision! > 0) {
    const existing = stmt(db, "select id from answer_revisions where report_id = ? and question_id = ? and revision = ?").pluck().get(reportId, questionId, e.oldRevision) as
      | number
      | undefined;
    // A prefilled answer, or one changed before revisions were kept: its value is recorded now.
    oldRevisionId = existing ?? insertRevision(db, reportId, questionId, e.oldRevision!, e.oldValue, at, null);
  }
  // The new value is the answer's current one: stored in the answer only, until superseded.
  const newRevisionId = insertRevision(db, reportId, questionId, e.newRevision!, null, at, e.actorUserId);
  stmt(db, INSERT_EVENT).run({
    at,
    actorUserId: e.actorUserId,
    action: e.action,
    entityType: e.entityType,
    entityId: String(e.entityId),
    reportId,
    paragraphRef: e.paragraphRef ?? null,
    questionId,
    oldValue: null,
    newValue: null,
    outcome: e.outcome ?? "success",
    ip: e.ip ?? null,
    oldRevisionId,
    newRevisionId,
    seq: null,
    prevHash: null,
    hash: null,
  });
}

function insertRevision(db: Database.Database, reportId: number, questionId: string, revision: number, value: unknown, at: number, by: number | null): number {
  return Number(
    stmt(db, "insert into answer_revisions (report_id, question_id, revision, value, created_at, created_by) values (?, ?, ?, ?, ?, ?)").run(
      reportId,
      questionId,
      revision,
      json(value),
      at,
      by,
    ).lastInsertRowid,
  );
}

/** For events outside any other change (sign-in attempts, refused authorisations). */
export async function logAudit(e: AuditInput): Promise<void> {
  recordAudit(getDb(), e);
}

/** Seal every open event (server start and stop): nothing more is folded into them. */
export function sealAllOpenAuditEvents(): number {
  return sealOpenEvents(getDb().$client);
}

/** Seal the events whose burst of autosaves has ended (the server runs this every minute). */
export function sealEndedAuditEvents(now = Date.now()): number {
  return sealOpenEvents(getDb().$client, { now, gapMs: COALESCE_GAP_MS, spanMs: COALESCE_SPAN_MS });
}

const oldRevision = alias(answerRevisions, "old_revision");
const newRevision = alias(answerRevisions, "new_revision");

/**
 * A report's history, newest first, with each event's old and new value resolved (from the
 * answer revisions it points at, or the event itself). An answer change folded from several
 * autosaves has `saves` > 1 and runs from `at` to `lastAt`.
 */
export async function listReportHistory(reportId: number, opts: { paragraphRef?: string | null; limit?: number } = {}) {
  const where = opts.paragraphRef
    ? and(eq(auditEvents.reportId, reportId), eq(auditEvents.paragraphRef, opts.paragraphRef))
    : eq(auditEvents.reportId, reportId);
  const rows = getDb()
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      lastAt: auditEvents.lastAt,
      saves: auditEvents.saves,
      action: auditEvents.action,
      paragraphRef: auditEvents.paragraphRef,
      questionId: auditEvents.questionId,
      inlineOld: auditEvents.oldValue,
      inlineNew: auditEvents.newValue,
      oldRevisionId: auditEvents.oldRevisionId,
      newRevisionId: auditEvents.newRevisionId,
      revisionOld: sql<unknown>`${sql.raw(revisionValueSql("old_revision"))}`.mapWith((v: string | null) => (v === null ? null : (JSON.parse(v) as unknown))),
      revisionNew: sql<unknown>`${sql.raw(revisionValueSql("new_revision"))}`.mapWith((v: string | null) => (v === null ? null : (JSON.parse(v) as unknown))),
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(oldRevision, eq(oldRevision.id, auditEvents.oldRevisionId))
    .leftJoin(newRevision, eq(newRevision.id, auditEvents.newRevisionId))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(opts.limit ?? 500)
    .all();
  return rows.map(({ inlineOld, inlineNew, oldRevisionId, newRevisionId, revisionOld, revisionNew, lastAt, ...r }) => ({
    ...r,
    lastAt: lastAt ?? r.at,
    oldValue: oldRevisionId !== null ? revisionOld : inlineOld,
    newValue: newRevisionId !== null ? revisionNew : inlineNew,
  }));
}

export type HistoryEvent = Awaited<ReturnType<typeof listReportHistory>>[number];

export async function countAuditEvents(action?: string): Promise<number> {
  const q = getDb().select({ n: sql<number>`count(*)` }).from(auditEvents);
  return (action ? q.where(eq(auditEvents.action, action)) : q).get()!.n;
}

/** The whole chain, checked (what `npm run audit:verify` prints). */
export function verifyAuditChain() {
  return verifyChain(getDb().$client);
}

export interface AuditLogSummary {
  sealed: number;
  open: number;
  head: { seq: number; hash: string } | null;
}

export function auditLogSummary(): AuditLogSummary {
  const db = getDb().$client;
  const counts = stmt(db, "select count(seq) as sealed, count(*) - count(seq) as open from audit_events").get() as { sealed: number; open: number };
  return { ...counts, head: chainHead(db) };
}

/**
 * The audit log as JSON Lines, a page at a time (for a streamed download): sealed events in
 * chain order, then the open ones. Each line carries the event with its values resolved and
 * its `prevHash` and `hash`, so a copy can be checked against the chain later.
 */
export function auditLogPage(after: { seq: number } | { openAfterId: number }, limit = 1000): { lines: string[]; next: typeof after | null } {
  const db = getDb().$client;
  const rows =
    "seq" in after
      ? (stmt(db, `${CHAIN_SELECT} where a.seq > ? order by a.seq limit ?`).all(after.seq, limit) as ChainRow[])
      : (stmt(db, `${CHAIN_SELECT} where a.seq is null and a.id > ? order by a.id limit ?`).all(after.openAfterId, limit) as ChainRow[]);
  const emails = stmt(db, "select email from users where id = ?").pluck();
  const lines = rows.map((row) => {
    return JSON.stringify({
      seq: row.seq,
      id: row.id,
      at: new Date(row.at).toISOString(),
      lastAt: row.last_at === null ? null : new Date(row.last_at).toISOString(),
      saves: row.saves,
      actorUserId: row.actor_user_id,
      actorEmail: row.actor_user_id === null ? null : ((emails.get(row.actor_user_id) as string | undefined) ?? null),
      ...eventFields(row),
      prevHash: row.prev_hash,
      hash: row.hash,
      open: row.seq === null,
    });
  });
  let next: typeof after | null = null;
  if ("seq" in after) next = rows.length === limit ? { seq: rows[rows.length - 1]!.seq! } : { openAfterId: 0 };
  else if (rows.length === limit) next = { openAfterId: rows[rows.length - 1]!.id };
  return { lines, next };
}
