/**
 * Backups and restores of the SQLite file, and the lock file that says a server holds it.
 * SQLite-specific, like client.ts and migrate.ts (decision 002). The command-line entry
 * points are db/backup-cli.ts (`npm run db:backup`) and db/restore-cli.ts (`npm run db:restore`).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { migrationsFolder } from "./migrate.ts";

// ---------------------------------------------------------------------------------------------
// Checking a database file

export interface FileCheck {
  ok: boolean;
  /** `PRAGMA integrity_check`: ["ok"] when sound. */
  integrity: string[];
  /** Rows of `PRAGMA foreign_key_check` (at most 20). */
  foreignKeyViolations: number;
  /** Migrations the file has applied, and how they compare with this code's. */
  schema: SchemaVersion;
  problems: string[];
}

export interface SchemaVersion {
  /** Journal tag of the last migration the file has applied, or null for a file without any. */
  applied: string | null;
  appliedCount: number;
  /** Migrations this code knows and the file has not applied yet (the server applies them at start). */
  pending: number;
  /** The file has applied a migration this code does not know: it came from a newer version. */
  unknown: boolean;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function journal(): JournalEntry[] {
  const raw = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as { entries: JournalEntry[] };
  return raw.entries;
}

function schemaVersion(db: Database.Database): SchemaVersion {
  const known = journal();
  const hasTable = db.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!hasTable) return { applied: null, appliedCount: 0, pending: known.length, unknown: false };
  const rows = db.prepare("select created_at as at from __drizzle_migrations order by created_at").all() as { at: number }[];
  const byWhen = new Map(known.map((e) => [e.when, e]));
  const unknown = rows.some((r) => !byWhen.has(Number(r.at)));
  const last = rows.length ? byWhen.get(Number(rows[rows.length - 1]!.at)) : undefined;
  const appliedWhens = new Set(rows.map((r) => Number(r.at)));
  return {
    applied: last?.tag ?? (rows.length ? `unknown (${rows[rows.length - 1]!.at})` : null),
    appliedCount: rows.length,
    pending: known.filter((e) => !appliedWhens.has(e.when)).length,
    unknown,
  };
}

/** Opens a file read-only and checks it: integrity, foreign keys, schema version. */
export function checkDatabaseFile(file: string): FileCheck {
  const problems: string[] = [];
  if (!fs.existsSync(file)) {
    return { ok: false, integrity: [], foreignKeyViolations: 0, schema: { applied: null, appliedCount: 0, pending: 0, unknown: false }, problems: [`${file} does not exist.`] };
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  } catch (error) {
    return {
      ok: false,
      integrity: [],
      foreignKeyViolations: 0,
      schema: { applied: null, appliedCount: 0, pending: 0, unknown: false },
      problems: [`${file} is not a database SQLite can open: ${(error as Error).message}`],
    };
  }
  try {
    let integrity: string[];
    try {
      integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (error) {
      integrity = [(error as Error).message];
    }
    if (integrity.length !== 1 || integrity[0] !== "ok") problems.push(`integrity_check: ${integrity.slice(0, 5).join("; ")}`);
    let foreignKeyViolations = 0;
    let schema: SchemaVersion = { applied: null, appliedCount: 0, pending: 0, unknown: false };
    if (problems.length === 0) {
      foreignKeyViolations = (db.pragma("foreign_key_check") as unknown[]).length;
      if (foreignKeyViolations > 0) problems.push(`foreign_key_check: ${foreignKeyViolations} violation(s)`);
      schema = schemaVersion(db);
      if (schema.appliedCount === 0) problems.push("the file holds no migrated Kyoto Reporting database (no __drizzle_migrations rows)");
      if (schema.unknown) problems.push(`the file was migrated by a newer version of the application (last migration ${schema.applied}); upgrade the application first`);
    }
    return { ok: problems.length === 0, integrity, foreignKeyViolations, schema, problems };
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Backups

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  check: FileCheck;
  /** Older backups removed to keep the last N. */
  removed: string[];
}

function stamp(date: Date): string {
  // 2026-12-01T04-30-05-123Z: sorts as time, no colons (portable file names).
  return date.toISOString().replace(/[:.]/g, "-");
}

/** Backup files of one database in a folder, newest first. */
export function listBackups(dir: string, prefix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const pattern = new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z\\.db$`);
  return fs
    .readdirSync(dir)
    .filter((f) => pattern.test(f))
    .sort()
    .reverse()
    .map((f) => path.join(dir, f));
}

function fsyncPath(p: string, flags: string = "r"): void {
  const fd = fs.openSync(p, flags);
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Online backup of an open database into `dir` as `<prefix>-<UTC timestamp>.db`: SQLite's
 * backup API writes a `.partial` file, which is fsynced, checked (integrity_check,
 * foreign_key_check, schema version) and only then renamed into place; then the folder is
 * fsynced and backups beyond the last `keep` are removed.
 *
 * `oneStep` copies every page in one step, under one read transaction: the copy is the
 * database as of that instant even while another process writes (a stepwise backup from a
 * second connection restarts at every foreign write and may never finish under load). The
 * server uses stepwise copying on its own connection (its writes are applied to the copy as
 * they happen, and the event loop keeps serving between steps).
 */
export async function backupDatabase(
  source: Database.Database,
  options: { dir: string; keep: number; prefix?: string; oneStep?: boolean; now?: Date },
): Promise<BackupResult> {
  const started = Date.now();
  const dir = path.resolve(options.dir);
  fs.mkdirSync(dir, { recursive: true });
  const prefix = options.prefix ?? (path.basename(source.name, path.extname(source.name)) || "kyoto");
  const file = path.join(dir, `${prefix}-${stamp(options.now ?? new Date())}.db`);
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await source.backup(partial, options.oneStep ? { progress: () => 0x7fffffff } : undefined);
    // A standalone file in rollback-journal mode: opening it never leaves -wal/-shm files
    // behind (the server switches a restored file back to WAL when it opens it).
    const copy = new Database(partial);
    try {
      copy.pragma("journal_mode = DELETE");
    } finally {
      copy.close();
    }
    fsyncPath(partial);
    const check = checkDatabaseFile(partial);
    if (!check.ok) throw new Error(`The backup copy failed its checks: ${check.problems.join("; ")}`);
    fs.renameSync(partial, file);
    fsyncPath(dir);
    const removed = listBackups(dir, prefix).slice(Math.max(1, options.keep));
    for (const old of removed) fs.rmSync(old, { force: true });
    return { file, bytes: fs.statSync(file).size, ms: Date.now() - started, check, removed };
  } catch (error) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(partial + suffix, { force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Which server holds a database: `<database>.lock`, written by the server when it starts

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export const lockFileOf = (dbFile: string) => `${path.resolve(dbFile)}.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live server that holds this database, or null (no lock file, or its process is gone). */
export function lockHolder(dbFile: string): LockHolder | null {
  let holder: LockHolder;
  try {
    holder = JSON.parse(fs.readFileSync(lockFileOf(dbFile), "utf8")) as LockHolder;
  } catch {
    return null;
  }
  if (!Number.isInteger(holder.pid)) return null;
  // Another machine's process cannot be probed: count it as live (SQLite must stay on one host anyway).
  if (holder.host !== os.hostname()) return holder;
  return alive(holder.pid) && holder.pid !== process.pid ? holder : null;
}

/**
 * Taken by the server before it opens the database; refused while another live server holds
 * it. A lock left by a process that died (kill -9, power loss) is taken over.
 */
export function acquireServerLock(dbFile: string): () => void {
  const holder = lockHolder(dbFile);
  if (holder) {
    throw new Error(
      `Another server (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}) holds ${path.resolve(dbFile)}. ` +
        `Stop it first, or remove ${lockFileOf(dbFile)} if that process is gone.`,
    );
  }
  const lock = lockFileOf(dbFile);
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const mine: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  fs.writeFileSync(lock, JSON.stringify(mine) + "\n");
  return () => {
    try {
      const current = JSON.parse(fs.readFileSync(lock, "utf8")) as LockHolder;
      if (current.pid === process.pid) fs.rmSync(lock, { force: true });
    } catch {
      // already gone
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Restore

export interface RestoreResult {
  target: string;
  /** Where the replaced database (and its -wal/-shm) went, or null when there was none. */
  replacedAside: string | null;
  check: FileCheck;
}

export class RestoreRefused extends Error {}

/**
 * Replaces `target` with a checked copy of `backupFile`. Refused while a server holds the
 * target, or when the backup fails its checks or comes from a newer application. The replaced
 * database and its -wal/-shm files are renamed to `<target>.replaced-<timestamp>` (never
 * deleted); the new file is written beside the target, fsynced and renamed over it.
 */
export function restoreDatabase(backupFile: string, target: string, now = new Date()): RestoreResult {
  const source = path.resolve(backupFile);
  const dest = path.resolve(target);
  if (source === dest) throw new RestoreRefused("The backup file is the database itself.");
  const holder = lockHolder(dest);
  if (holder) {
    throw new RestoreRefused(`A server (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}) holds ${dest}: stop it before restoring.`);
  }
  const check = checkDatabaseFile(source);
  if (!check.ok) throw new RestoreRefused(`${source} cannot be restored: ${check.problems.join("; ")}`);

  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const incoming = `${dest}.restoring`;
  fs.copyFileSync(source, incoming);
  fsyncPath(incoming);
  let replacedAside: string | null = null;
  if (fs.existsSync(dest)) {
    replacedAside = `${dest}.replaced-${stamp(now)}`;
    // The WAL belongs to the old file: left in place it would be replayed into the restored one.
    for (const suffix of ["", "-wal", "-shm"]) {
      if (fs.existsSync(dest + suffix)) fs.renameSync(dest + suffix, replacedAside + suffix);
    }
  } else {
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(dest + suffix, { force: true });
  }
  fs.renameSync(incoming, dest);
  fsyncPath(path.dirname(dest));
  return { target: dest, replacedAside, check };
}
