/**
 * The layer rules of eslint.config.js fire where they should and stay quiet where they should
 * not: each fixture in tests/fixtures/layers is linted, with the project's own config, as if
 * it were the file its first line names.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const DIR = path.join(ROOT, "tests/fixtures/layers");

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith(".txt"))
  .map((file) => {
    const text = readFileSync(path.join(DIR, file), "utf8");
    const as = /^\/\/ lint as: (\S+)$/m.exec(text)?.[1];
    const expectation = /^\/\/ (fires|clean): (.+)$/m.exec(text);
    if (!as || !expectation) throw new Error(`${file}: needs "// lint as: <path>" and "// fires: <message>" or "// clean: <why>"`);
    return { file, text, as, fires: expectation[1] === "fires" ? expectation[2]! : null };
  });

const eslint = new ESLint({ cwd: ROOT });

async function layerMessages(text: string, filePath: string) {
  const [result] = await eslint.lintText(text, { filePath: path.join(ROOT, filePath) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules", () => {
  test("every rule has a fixture that makes it fire", () => {
    const fired = fixtures.filter((f) => f.fires).map((f) => f.fires!);
    for (const rule of [
      "A component never imports a *.server module",
      "Features and components never import a route",
      "surveys/ is a standalone compiler",
      "db/ never imports app/",
      "app/utils is plumbing: it never imports a feature",
      "A vocabulary module is browser-safe",
      "Pages translate with useTranslation from #app/utils/translation.tsx",
    ]) {
      expect(fired.some((m) => m.startsWith(rule)), rule).toBe(true);
    }
  });

  test.each(fixtures.map((f) => [f.file, f] as const))("%s", async (_name, f) => {
    const messages = await layerMessages(f.text, f.as);
    if (f.fires) {
      expect(messages).toHaveLength(1);
      expect(messages[0]).toContain(f.fires);
    } else {
      expect(messages).toEqual([]);
    }
  });
});
