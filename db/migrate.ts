/**
 * Applies the committed drizzle-kit migrations. Run by `npm run db:migrate` and once by the
 * server before it listens. SQLite-specific (pragmas): see decision 002.
 */
import { fileURLToPath } from "node:url";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { closeDb, getDb, type DB } from "./client.ts";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

export function runMigrations(db: DB): void {
  // drizzle-kit's table rebuilds say `PRAGMA foreign_keys=OFF` inside the migration
  // transaction, where SQLite ignores it; ON DELETE CASCADE would then fire on DROP TABLE
  // (drizzle-orm #4938, #5782). So foreign keys go off around the whole migration…
  db.$client.pragma("foreign_keys = OFF");
  try {
    migrate(db, { migrationsFolder });
    // …and the result is checked before they come back on.
    const violations = db.$client.pragma("foreign_key_check") as unknown[];
    if (violations.length > 0) {
      throw new Error(`Migration left ${violations.length} foreign key violation(s): ${JSON.stringify(violations.slice(0, 5))}`);
    }
  } finally {
    db.$client.pragma("foreign_keys = ON");
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMigrations(getDb());
  console.log(`Database migrated: ${process.env.DATABASE_PATH ?? "./data/kyoto.db"}`);
  closeDb();
}
