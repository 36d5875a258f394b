/**
 * Statements prepared once per connection, for the hot paths (every request reads the
 * session; every autosave reads the report and writes an answer and an audit row). drizzle
 * builds and prepares SQL on every call otherwise, which costs more than running it.
 */
import type Database from "better-sqlite3";
import type { DB } from "./client.ts";

const cache = new WeakMap<DB, Map<string, unknown>>();

export function prepared<T>(db: DB, name: string, build: (db: DB) => T): T {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (!statement) {
    statement = build(db);
    statements.set(name, statement);
  }
  return statement;
}

const rawCache = new WeakMap<object, Map<string, Database.Statement>>();

/**
 * A raw better-sqlite3 statement, prepared once per connection, for the autosave path (issue
 * 16): even a prepared drizzle query maps its parameters and every result row through the
 * schema's column objects on each call, which cost more than the query itself at hundreds of
 * saves a second. Callers convert the few columns they read (instants are integer
 * milliseconds, JSON is text, booleans 0/1) and keep the SQL in their feature's query module.
 */
export function statement<Row = unknown, Params extends unknown[] = unknown[]>(db: DB, source: string): Database.Statement<Params, Row> {
  const client = db.$client;
  let statements = rawCache.get(client);
  if (!statements) rawCache.set(client, (statements = new Map()));
  let s = statements.get(source);
  if (!s) statements.set(source, (s = client.prepare(source)));
  return s as unknown as Database.Statement<Params, Row>;
}

const runners = new WeakMap<object, Database.Transaction<(work: () => unknown) => unknown>>();

/**
 * Runs `work` in one `BEGIN IMMEDIATE` transaction of the connection (nested: a savepoint), with
 * better-sqlite3's transaction function made once per connection. drizzle's `db.transaction`
 * builds a transaction object over the whole schema on every call; queries made on `db`
 * inside `work` join this transaction, since they run on the same connection.
 */
export function immediateTransaction<T>(db: DB, work: () => T): T {
  const client = db.$client;
  let run = runners.get(client);
  if (!run) runners.set(client, (run = client.transaction((w: () => unknown) => w())));
  return run.immediate(work) as T;
}
