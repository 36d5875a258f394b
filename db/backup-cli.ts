/**
 * `npm run db:backup [-- --dir <dir>] [--keep <n>]`: an online backup of DATABASE_PATH (the
 * server may keep running) into <dir> (BACKUP_DIR, else ./data/backups), checked, the last
 * <n> (BACKUP_KEEP, else 14) kept. Prints the file; exit 1 when the backup failed.
 */
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { backupDatabase } from "./backup.ts";
import { databasePath } from "./client.ts";

const { values } = parseArgs({ options: { dir: { type: "string" }, keep: { type: "string" } } });
const dir = values.dir ?? process.env.BACKUP_DIR ?? "./data/backups";
const keep = Number(values.keep ?? process.env.BACKUP_KEEP ?? 14);
if (!Number.isInteger(keep) || keep < 1) {
  console.error(`--keep must be a whole number ≥ 1 (got "${values.keep ?? process.env.BACKUP_KEEP}")`);
  process.exit(2);
}
const file = databasePath();
let db: Database.Database;
try {
  db = new Database(file, { fileMustExist: true, timeout: 5000 });
} catch (error) {
  console.error(`Cannot open ${file}: ${(error as Error).message}`);
  process.exit(1);
}
try {
  const r = await backupDatabase(db, { dir, keep, oneStep: true });
  console.log(
    `Backup of ${file}: ${r.file} (${(r.bytes / 1024 / 1024).toFixed(1)} MB in ${r.ms} ms; integrity_check ok, ` +
      `${r.check.foreignKeyViolations} foreign key violations, schema ${r.check.schema.applied})` +
      (r.removed.length ? `; removed ${r.removed.length} older backup(s) to keep the last ${keep}` : ""),
  );
} catch (error) {
  console.error(`Backup of ${file} failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  db.close();
}
