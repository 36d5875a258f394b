import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const TMP = path.join(ROOT, "tests/.tmp");

/**
 * A migrated and seeded database file built once per test run with the real scripts
 * (`db:migrate`, `db:seed`); tests copy it instead of seeding again. Its demo cycle (#1) asks the
 * status edition of the questionnaire, as a cycle started before the switch to anchored stages does
 * (`statusEdition: false`: the real scripts alone, as a fresh deployment runs them).
 */
export function buildBaseDatabase(file = path.join(TMP, "base.db"), { statusEdition = true }: { statusEdition?: boolean } = {}): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  const env = { ...process.env, DATABASE_PATH: file, NODE_ENV: "test" as const };
  const tsx = path.join(ROOT, "node_modules/.bin/tsx");
  execFileSync(tsx, ["db/migrate.ts"], { cwd: ROOT, env, stdio: "pipe" });
  // The demo cycle was started on the status edition; the seed then makes the stages edition current.
  if (statusEdition) execFileSync(tsx, ["tests/setup/seed-status-edition.ts"], { cwd: ROOT, env, stdio: "pipe" });
  execFileSync(tsx, ["scripts/seed.ts"], { cwd: ROOT, env, stdio: "pipe" });
  return file;
}
