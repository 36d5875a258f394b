/**
 * The pages translate with app/utils/translate.ts (server and browser alike); e-mail, charts
 * and exports with i18next. Every key of every language, with the values a page passes, must
 * come out the same from both, or a French page would say one thing and its e-mail another.
 */
import { createInstance, type i18n as I18n } from "i18next";
import { beforeAll, describe, expect, test } from "vitest";
import { RESOURCES } from "#app/utils/i18n.server.ts";
import { i18nConfig, SUPPORTED_LANGUAGES } from "#app/utils/i18n.ts";
import { createTranslate } from "#app/utils/translate.ts";

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

const strings = (lang: string, ns: string) => (RESOURCES as Record<string, Record<string, unknown>>)[lang]?.[ns];
const english = flatten(RESOURCES.en as Record<string, unknown>);
const keys = [...new Set(Object.keys(english).map((k) => k.replace(PLURAL, "")))];
const placeholdersOf = (key: string) =>
  [...new Set(Object.entries(english).filter(([k]) => k === key || k.replace(PLURAL, "") === key).flatMap(([, v]) => [...v.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!)))];

/** What pages pass: no options, text and number values, every plural form, a value left out. */
function optionSets(key: string): Record<string, unknown>[] {
  const names = placeholdersOf(key).filter((n) => n !== "count");
  const text = Object.fromEntries(names.map((n) => [n, `«${n}»`]));
  const numbers = Object.fromEntries(names.map((n) => [n, 12345.5]));
  const sets: Record<string, unknown>[] = [{}, text, numbers];
  for (const count of [0, 1, 2, 3, 5, 11, 21, 101, 1.5, 1000000]) sets.push({ ...numbers, count });
  if (names.length > 0) {
    sets.push({ ...text, [names[0]!]: undefined });
    sets.push({ ...text, [names[0]!]: null });
    sets.push({ ...text, [names[0]!]: 0 });
    sets.push(Object.fromEntries(names.slice(1).map((n) => [n, "x"])));
  }
  return sets;
}

describe.each(SUPPORTED_LANGUAGES)("pages and i18next say the same in %s", (lang) => {
  let i18n: I18n;
  beforeAll(async () => {
    i18n = createInstance();
    const resources = Object.fromEntries(Object.entries(RESOURCES).map(([l, s]) => [l, { common: s }]));
    await i18n.init({ ...i18nConfig, lng: lang, resources });
  });

  test("every key, with every kind of value a page passes", () => {
    const translate = createTranslate([lang, "en"], strings);
    const differences: string[] = [];
    let compared = 0;
    for (const key of keys) {
      for (const options of optionSets(key)) {
        const expected = i18n.t(key, options as never) as unknown as string;
        const actual = translate(key, options);
        compared++;
        if (actual !== expected) differences.push(`${key} ${JSON.stringify(options)}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
      }
    }
    expect(compared).toBeGreaterThan(keys.length * 3);
    expect(differences.slice(0, 10)).toEqual([]);
  });

  test("a key that does not exist: its default value, interpolated, or the key itself", () => {
    const translate = createTranslate([lang, "en"], strings);
    for (const [key, options] of [
      ["nowhere.toBeFound", {}],
      ["nowhere.toBeFound", { defaultValue: "Saved {{n}} of {{total, number}}", n: 3, total: 4096 }],
    ] as const) {
      expect(translate(key, options)).toBe(i18n.t(key, options as never));
    }
  });
});

test("the browser's translator tells of a key whose namespace is not at hand, and shows the key meanwhile", () => {
  const missing: string[] = [];
  const translate = createTranslate(["fr"], (lang, ns) => (ns === "nav" ? strings(lang, ns) : undefined), (key) => missing.push(key));
  expect(translate("nav.signIn")).toBe("Se connecter");
  expect(translate("insights.title")).toBe("insights.title");
  expect(missing).toEqual(["insights.title"]);
});
