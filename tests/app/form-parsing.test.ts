/**
 * One way to validate (ADR 008): every all-or-nothing form is parsed with conform + zod
 * (`parseWithZod`). This fails when a module of app/ parses a posted form by hand — a plain
 * `schema.safeParse(Object.fromEntries(form))`, a hand-read `intent`, or a form body read and
 * never given to `parseWithZod` — outside the exceptions ADR 008 lists.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The documented exceptions (ADR 008, "One way to validate"), each with its reason. */
const EXCEPTIONS: Record<string, string> = {
  "app/utils/forms.server.ts": "reads form bodies (readForm) and the one hand-read intent (formIntent) for pages with several forms",
  "app/reporting/answer-save.server.ts": "per-answer save (paragraph form post and autosave): answer by answer with the per-question schemas, so one bad answer never costs the good ones",
};

/** Feature functions a route hands its form to, each of which parses with conform. */
const DELEGATES: Record<string, string> = {
  parseCycleForm: "app/cycles/cycle-form.server.ts",
};

const RULES = [
  { what: "a plain safeParse of the whole form", re: /\.safeParse\(\s*Object\.fromEntries\((?![^;]*searchParams)/ },
  { what: "a plain safeParse of hand-picked form fields", re: /\.safeParse\(\s*\{[^}]*\b(?:form|formData)\.get(?:All)?\(/ },
  { what: "a hand-read intent", re: /\.get(?:All)?\(\s*["'`]intent["'`]\s*\)/ },
];
const READS_FORM = /\breadForm\(|\brequest\.formData\(\)/;
const PARSES = new RegExp(`\\bparseWithZod\\(|\\b(?:${Object.keys(DELEGATES).join("|")})\\(`);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** What is wrong with one module's source (empty when it parses forms the one way). */
function offences(source: string): string[] {
  const found = source.split("\n").flatMap((line, i) => RULES.filter((r) => r.re.test(line)).map((r) => `${i + 1}: ${r.what}`));
  if (READS_FORM.test(source) && !PARSES.test(source)) found.push("reads a form and never parses it with parseWithZod");
  return found;
}

describe("forms are parsed the one way", () => {
  test("no module of app/ parses a posted form by hand, outside the documented exceptions", () => {
    const bad = files(path.join(ROOT, "app"))
      .map((f) => path.relative(ROOT, f).split(path.sep).join("/"))
      .filter((rel) => !(rel in EXCEPTIONS))
      .flatMap((rel) => offences(readFileSync(path.join(ROOT, rel), "utf8")).map((o) => `${rel}:${o}`));
    expect(bad).toEqual([]);
  });

  test("each exception and delegate still exists, and each delegate parses with conform", () => {
    for (const rel of Object.keys(EXCEPTIONS)) expect(statSync(path.join(ROOT, rel)).isFile(), rel).toBe(true);
    for (const rel of Object.values(DELEGATES)) expect(readFileSync(path.join(ROOT, rel), "utf8")).toMatch(/\bparseWithZod\(/);
  });

  test("the rules fire on what they are meant to catch", () => {
    const action = (body: string) => `export async function action({ request }) {\n  const form = await readForm(request);\n${body}\n}`;
    expect(offences(action("  const parsed = Schema.safeParse(Object.fromEntries(form));"))).toEqual(["3: a plain safeParse of the whole form", "reads a form and never parses it with parseWithZod"]);
    expect(offences(action(`  const parsed = Remind.safeParse({ cycleId: form.get("cycleId"), states: form.getAll("states") });`))).toContain("3: a plain safeParse of hand-picked form fields");
    expect(offences(action(`  if (form.get("intent") === "apply") return apply();\n  parseWithZod(form, { schema });`))).toEqual(["3: a hand-read intent"]);
    expect(offences(action("  const { lng } = Object.fromEntries(form);"))).toEqual(["reads a form and never parses it with parseWithZod"]);
    // The one way passes: conform's parse, the shared intent helper, or a listed delegate.
    expect(offences(action("  if (formIntent(form) === \"end-session\") return end();\n  const submission = parseWithZod(form, { schema });"))).toEqual([]);
    expect(offences(action("  const { submission } = await parseCycleForm(form);"))).toEqual([]);
    // Search parameters are not a posted form.
    expect(offences("const f = Filters.safeParse(Object.fromEntries(new URL(request.url).searchParams));")).toEqual([]);
  });
});
