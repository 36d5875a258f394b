/**
 * `npm run audit:verify`: checks the audit trail's hash chain of DATABASE_PATH (read-only; a
 * backup can be checked the same way) from its first event to its last. Prints the head (the
 * hash to keep elsewhere) and exits 0, or names the first broken link and exits 1.
 */
import Database from "better-sqlite3";
import { verifyChain } from "#app/audit/chain.server.ts";
import { databasePath } from "#db/client.ts";

const file = process.argv[2] ?? databasePath();
let db: Database.Database;
try {
  db = new Database(file, { readonly: true, fileMustExist: true });
} catch (error) {
  console.error(`Cannot open ${file}: ${(error as Error).message}`);
  process.exit(2);
}
const started = Date.now();
const r = verifyChain(db);
db.close();
const took = `${Date.now() - started} ms`;
if (r.broken) {
  console.error(
    `Audit chain of ${file} is BROKEN at event #${r.broken.id}${r.broken.seq !== null ? ` (position ${r.broken.seq})` : ""}: ${r.broken.reason}.\n` +
      `The ${r.sealed} event(s) before it check out${r.head ? ` (up to position ${r.head.seq}, hash ${r.head.hash})` : ""}. Checked in ${took}.`,
  );
  process.exit(1);
}
console.log(
  `Audit chain of ${file}: ${r.sealed} sealed event(s) check out` +
    (r.head ? `; head at position ${r.head.seq} (event #${r.head.id}, ${new Date(r.head.at).toISOString()}), hash ${r.head.hash}` : "") +
    `; ${r.open} open event(s) (autosave bursts still going on, sealed when they end or the server stops). Checked in ${took}.`,
);
