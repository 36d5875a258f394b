/**
 * The one database connection of a process. SQLite-specific settings live here and in
 * db/migrate.ts only (see docs/decisions/002-sqlite-first-postgres-ready.md).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema/index.ts";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(): string {
  return process.env.DATABASE_PATH ?? "./data/kyoto.db";
}

/** Open a connection with the project's settings. Callers other than tests use `getDb()`. */
export function openDatabase(file: string = databasePath()): DB {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // SQLite-only: pragmas.
  const sqlite = new Database(file, { timeout: 5000 });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  return drizzle(sqlite, { schema }) as DB;
}

const globalForDb = globalThis as unknown as { __kyotoDb?: DB };

/** The process-wide connection, opened once and kept across dev-server reloads. */
export function getDb(): DB {
  globalForDb.__kyotoDb ??= openDatabase();
  return globalForDb.__kyotoDb;
}

/** For tests and scripts that switch databases. */
export function closeDb(): void {
  globalForDb.__kyotoDb?.$client.close();
  globalForDb.__kyotoDb = undefined;
}
