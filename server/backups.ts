/**
 * Scheduled backups in the server: every BACKUP_INTERVAL_MINUTES into BACKUP_DIR, keeping the
 * last BACKUP_KEEP; off when BACKUP_DIR is unset. Stepwise online backup on the server's own
 * connection (its writes go into the copy as they happen; requests are served between steps).
 */
import type Database from "better-sqlite3";
import { backupDatabase } from "../db/backup.ts";

export interface BackupSchedule {
  dir?: string;
  intervalMinutes: number;
  keep: number;
}

export function startBackupSchedule(db: Database.Database, s: BackupSchedule, log: (line: string) => void, afterEach?: () => string): { stop: () => Promise<void> } {
  if (!s.dir) {
    log("backups: off (BACKUP_DIR is not set)");
    return { stop: async () => {} };
  }
  const dir = s.dir;
  log(`backups: every ${s.intervalMinutes} min into ${dir}, keeping the last ${s.keep}`);
  let running: Promise<void> | null = null;
  const run = () => {
    if (running) {
      log("backup: skipped (the previous one is still running)");
      return;
    }
    running = backupDatabase(db, { dir, keep: s.keep })
      .then((r) => {
        const extra = afterEach ? `; ${afterEach()}` : "";
        log(`backup: ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${r.ms} ms, integrity_check ok${r.removed.length ? `, removed ${r.removed.length} older` : ""})${extra}`);
      })
      .catch((error: unknown) => log(`backup FAILED: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(run, s.intervalMinutes * 60_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      if (running) await running;
    },
  };
}
