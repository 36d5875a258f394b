import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { closeDb, getDb } from "#db/client.ts";
import { TMP } from "./base-db.ts";

/**
 * Give the calling test file its own copy of the seeded base database and point the
 * process-wide connection at it. Call in beforeAll (or at the top of a file).
 */
export function useTestDatabase(): string {
  closeDb();
  const file = path.join(TMP, `test-${process.pid}-${crypto.randomUUID()}.db`);
  const base = path.join(TMP, "base.db");
  const source = getDbFileFor(base);
  fs.copyFileSync(source, file);
  process.env.DATABASE_PATH = file;
  getDb();
  return file;
}

function getDbFileFor(base: string): string {
  if (!fs.existsSync(base)) throw new Error("tests/.tmp/base.db is missing: run the tests through vitest (its global setup builds it).");
  return base;
}
