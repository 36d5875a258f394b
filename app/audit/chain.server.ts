/**
 * The audit trail's hash chain (decision 010). Each sealed event has a position `seq` and
 * `hash` = SHA-256(`prev_hash` + "\n" + its canonical content), where the content holds the
 * values the event records (resolved from answer revisions) and `prev_hash` is the hash of
 * the event at `seq - 1` (64 zeros for the first). Changing, removing or reordering a sealed
 * event, or a value it points at, breaks the chain from there on.
 *
 * These functions take a better-sqlite3 connection, so `npm run audit:verify` can check a
 * file opened read-only (a backup, say) as well as the server's own database.
 */
import crypto from "node:crypto";
import type Database from "better-sqlite3";

export const GENESIS = "0".repeat(64);

// Statements prepared once per connection (sealing runs inside every autosave's transaction);
// the audit writer (audit.server.ts) shares the cache.
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();
export function stmt(db: Database.Database, source: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let s = cache.get(source);
  if (!s) cache.set(source, (s = db.prepare(source)));
  return s;
}

/** An event row with the values of the revisions it points at. */
export interface ChainRow {
  id: number;
  at: number;
  last_at: number | null;
  actor_user_id: number | null;
  action: string;
  entity_type: string;
  entity_id: string;
  report_id: number | null;
  paragraph_ref: string | null;
  question_id: string | null;
  old_value: string | null;
  new_value: string | null;
  outcome: string;
  ip: string | null;
  old_revision_id: number | null;
  new_revision_id: number | null;
  old_revision_value: string | null;
  new_revision_value: string | null;
  saves: number;
  seq: number | null;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * The value of revision `r`, in SQL. A revision's value is stored once: while it is the
 * answer's current revision it lives in `answers.value` only (the revision row holds null),
 * and when the answer moves on the trigger `answers_keep_superseded_value` copies it into the
 * revision row (decision 010, "Each value once").
 */
export const revisionValueSql = (r: string) =>
  `coalesce(${r}.value, (select ans.value from answers ans where ans.report_id = ${r}.report_id and ans.question_id = ${r}.question_id and ans.revision = ${r}.revision))`;

export const CHAIN_SELECT = `select a.id, a.at, a.last_at, a.actor_user_id, a.action, a.entity_type, a.entity_id, a.report_id,
  a.paragraph_ref, a.question_id, a.old_value, a.new_value, a.outcome, a.ip, a.old_revision_id, a.new_revision_id,
  ${revisionValueSql("o")} as old_revision_value, ${revisionValueSql("n")} as new_revision_value, a.saves, a.seq, a.prev_hash, a.hash
  from audit_events a
  left join answer_revisions o on o.id = a.old_revision_id
  left join answer_revisions n on n.id = a.new_revision_id`;

const parse = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

/** The old and new value an event records: from its revisions when it has them, else inline. */
export function resolvedValues(row: ChainRow): { oldValue: unknown; newValue: unknown } {
  return {
    oldValue: row.old_revision_id !== null ? parse(row.old_revision_value) : parse(row.old_value),
    newValue: row.new_revision_id !== null ? parse(row.new_revision_value) : parse(row.new_value),
  };
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export interface ChainContent {
  seq: number;
  at: number;
  lastAt: number | null;
  actorUserId: number | null;
  action: string;
  entityType: string;
  entityId: string;
  reportId: number | null;
  paragraphRef: string | null;
  questionId: string | null;
  oldValue: unknown;
  newValue: unknown;
  outcome: string;
  ip: string | null;
  saves: number;
}

/** What an event records, as the chain and the audit log download both name it (values resolved). */
export function eventFields(row: ChainRow) {
  return {
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    reportId: row.report_id,
    paragraphRef: row.paragraph_ref,
    questionId: row.question_id,
    ...resolvedValues(row),
    outcome: row.outcome,
    ip: row.ip,
  };
}

export function contentOf(row: ChainRow, seq: number): ChainContent {
  return { seq, at: row.at, lastAt: row.last_at, actorUserId: row.actor_user_id, ...eventFields(row), saves: row.saves };
}

export function chainHash(prevHash: string, content: ChainContent): string {
  return crypto.createHash("sha256").update(`${prevHash}\n${canonicalJson(content)}`).digest("hex");
}

export function chainHead(db: Database.Database): { seq: number; hash: string } | null {
  const row = stmt(db, "select seq, hash from audit_events where seq is not null order by seq desc limit 1").get() as
    | { seq: number; hash: string }
    | undefined;
  return row ?? null;
}

/** Seals one open event: the next position in the chain. Run inside a write transaction. */
export function sealEvent(db: Database.Database, id: number): void {
  const row = stmt(db, `${CHAIN_SELECT} where a.id = ? and a.seq is null`).get(id) as ChainRow | undefined;
  if (!row) return;
  const head = chainHead(db);
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS;
  const hash = chainHash(prevHash, contentOf(row, seq));
  stmt(db, "update audit_events set seq = ?, prev_hash = ?, hash = ? where id = ? and seq is null").run(seq, prevHash, hash, id);
}

/**
 * Seals open events: all of them (server start and stop), or those whose burst of autosaves
 * ended (no save for `gapMs`, or open for `spanMs`), in the order they were written.
 */
export function sealOpenEvents(db: Database.Database, opts: { now?: number; gapMs?: number; spanMs?: number } = {}): number {
  const run = () => {
    const ids =
      opts.now === undefined
        ? (stmt(db, "select id from audit_events where seq is null order by id").all() as { id: number }[]).map((r) => r.id)
        : (
            stmt(db, "select id from audit_events where seq is null and (coalesce(last_at, at) <= ? or at <= ?) order by id").all(
              opts.now - (opts.gapMs ?? 0),
              opts.now - (opts.spanMs ?? 0),
            ) as { id: number }[]
          ).map((r) => r.id);
    for (const id of ids) sealEvent(db, id);
    return ids.length;
  };
  return db.inTransaction ? run() : db.transaction(run).immediate();
}

export interface ChainReport {
  sealed: number;
  open: number;
  head: { seq: number; hash: string; id: number; at: number } | null;
  broken: { id: number; seq: number | null; reason: string } | null;
}

/** Walks the whole chain in order and names the first broken link. */
export function verifyChain(db: Database.Database): ChainReport {
  const page = db.prepare(`${CHAIN_SELECT} where a.seq > ? order by a.seq limit 2000`);
  let expectedSeq = 1;
  let prevHash = GENESIS;
  let sealed = 0;
  let head: ChainReport["head"] = null;
  for (;;) {
    const rows = page.all(expectedSeq - 1) as ChainRow[];
    if (rows.length === 0) break;
    for (const row of rows) {
      const fail = (reason: string): ChainReport => ({ sealed, open: countOpen(db), head, broken: { id: row.id, seq: row.seq, reason } });
      if (row.seq !== expectedSeq) return fail(`expected position ${expectedSeq}, found ${row.seq}: ${row.seq! - expectedSeq} event(s) before it are missing`);
      if (row.prev_hash !== prevHash) return fail(`its previous-event hash ${row.prev_hash} is not the hash of event at position ${expectedSeq - 1} (${prevHash})`);
      const hash = chainHash(prevHash, contentOf(row, row.seq));
      if (hash !== row.hash) return fail(`its content (or a value it points at) was changed: hash ${hash}, stored ${row.hash}`);
      prevHash = hash;
      sealed++;
      head = { seq: row.seq, hash, id: row.id, at: row.at };
      expectedSeq++;
    }
  }
  const stray = db.prepare("select id from audit_events where seq is null and hash is not null order by id limit 1").pluck().get() as number | undefined;
  if (stray !== undefined) return { sealed, open: countOpen(db), head, broken: { id: stray, seq: null, reason: "it carries a hash but no position: it was taken out of the chain" } };
  return { sealed, open: countOpen(db), head, broken: null };
}

function countOpen(db: Database.Database): number {
  return db.prepare("select count(*) from audit_events where seq is null").pluck().get() as number;
}
