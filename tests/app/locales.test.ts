import fs from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { ROOT } from "../setup/base-db.ts";

const LANGS = ["en", "fr", "es", "ru", "zh", "ar"] as const;
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj: Record<string, unknown>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = String(v);
  }
  return out;
}

const load = (lang: string) =>
  flatten(JSON.parse(fs.readFileSync(path.join(ROOT, "app/locales", `${lang}.json`), "utf8")) as Record<string, unknown>);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const english = load("en");
const baseKeys = [...new Set(Object.keys(english).map((k) => k.replace(PLURAL, "")))];
const pluralBases = new Set(Object.keys(english).filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));

describe.each(LANGS)("UI strings in %s", (lang) => {
  const strings = load(lang);
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;

  test("every English key is translated (plurals in every form the language needs)", () => {
    const missing: string[] = [];
    for (const key of baseKeys) {
      if (pluralBases.has(key)) {
        for (const c of categories) if (!strings[`${key}_${c}`]) missing.push(`${key}_${c}`);
      } else if (!strings[key]) {
        missing.push(key);
      }
    }
    expect(missing).toEqual([]);
  });

  test("no key that English does not have, and the same placeholders", () => {
    const extra = Object.keys(strings).filter((k) => !baseKeys.includes(k.replace(PLURAL, "")));
    expect(extra).toEqual([]);
    for (const [key, value] of Object.entries(strings)) {
      const en = english[key] ?? english[`${key.replace(PLURAL, "")}_other`];
      expect(placeholders(value), `${lang}: ${key}`).toEqual(placeholders(en ?? ""));
    }
  });
});
