/**
 * Statements prepared once per connection, for the hot paths (every request reads the
 * session; every autosave reads the report and writes an answer and an audit row). drizzle
 * builds and prepares SQL on every call otherwise, which costs more than running it.
 */
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
