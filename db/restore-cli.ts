/**
 * `npm run db:restore -- <backup file>`: replaces DATABASE_PATH with a backup after checking
 * it (integrity_check, foreign_key_check, schema version). Refused while a server holds the
 * database (its `<database>.lock`); the replaced file is kept as `<database>.replaced-<time>`.
 */
import { parseArgs } from "node:util";
import { RestoreRefused, restoreDatabase } from "./backup.ts";
import { databasePath } from "./client.ts";

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
if (positionals.length !== 1) {
  console.error("Usage: npm run db:restore -- <backup file>   (restores into DATABASE_PATH, default ./data/kyoto.db)");
  process.exit(2);
}
try {
  const r = restoreDatabase(positionals[0]!, databasePath());
  console.log(`Restored ${positionals[0]} into ${r.target} (integrity_check ok, no foreign key violations, schema ${r.check.schema.applied}).`);
  if (r.check.schema.pending > 0) console.log(`The server applies ${r.check.schema.pending} newer migration(s) when it starts.`);
  console.log(r.replacedAside ? `The replaced database is kept as ${r.replacedAside}.` : "There was no database to replace.");
} catch (error) {
  console.error(error instanceof RestoreRefused ? `Restore refused: ${error.message}` : `Restore failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
