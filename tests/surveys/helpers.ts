/** Shared paths and loaders for the surveys tests. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const KYOTO = path.join(ROOT, "surveys/kyoto-2021");
export const FIXTURE = path.join(ROOT, "tests/surveys/fixtures/model-declaration");

const created: string[] = [];

/** A temporary instrument folder holding the given files (paths relative to the folder). */
export function tempFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "surveys-test-"));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** Every string anywhere inside a value. */
export function allStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(allStrings);
  return [];
}

/** Remove the folders tempFolder made (call in afterAll). */
export function removeTempFolders(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
