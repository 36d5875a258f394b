/**
 * The curated supplement (paragraphs.json): validated with errors by file and line, merged by the
 * compiler; the Kyoto supplement covers all 75 action paragraphs. Footnotes are attached to the
 * paragraph citing them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { LANGUAGES, type Questionnaire } from "#surveys/index.ts";
import { compileSurveyFolder, SurveyFolderError } from "#surveys/load.server.ts";
import { KYOTO, removeTempFolders, tempFolder } from "./helpers.ts";

let q: Questionnaire;
beforeAll(() => {
  q = compileSurveyFolder(KYOTO);
});
afterAll(removeTempFolders);
const para = (ref: string) => q.paragraphs.find((p) => p.ref === ref)!;
const actions = () => q.paragraphs.filter((p) => p.kind === "action");

describe("the Kyoto supplement", () => {
  it("gives every action paragraph a short title in all six languages, and no other paragraph one", () => {
    expect(actions()).toHaveLength(75);
    for (const p of actions()) for (const lang of LANGUAGES) expect(p.shortTitle?.[lang], `¶${p.ref} ${lang}`).toBeTruthy();
    for (const p of q.paragraphs.filter((x) => x.kind !== "action")) expect(p.shortTitle).toBeUndefined();
    expect(para("81").shortTitle).toMatchObject({ en: "Trafficking in persons", fr: "Traite des personnes", zh: "贩运人口" });
    // Short enough for a chart axis or a task list.
    for (const p of actions()) expect(p.shortTitle!.en.length, `¶${p.ref}`).toBeLessThanOrEqual(70);
  });

  it("splits the compound paragraphs into their distinct actions", () => {
    expect(para("81").elements?.map((e) => e.key)).toEqual(["data", "technical_assistance", "vulnerability", "networks", "demand", "impunity", "investigations", "victims"]);
    expect(para("49").elements).toHaveLength(6);
    expect(para("87").elements).toHaveLength(5);
    expect(para("50").elements).toBeUndefined();
  });

  it("names SDG targets where a paragraph clearly serves one", () => {
    expect(para("57").sdgTargets).toEqual(["16.10.1"]);
    expect(para("84").sdgTargets).toEqual(["16.4.2"]);
    expect(actions().filter((p) => p.sdgTargets).length).toBeGreaterThanOrEqual(30);
  });

  it("adds the questions the rules cannot derive, labelled in six languages, tied to their element", () => {
    const q33 = para("33").questions.find((x) => x.key === "witness_protection_programme")!;
    expect(q33).toMatchObject({ type: "yes_no", element: "witnesses", extraAnswers: ["partially", "not_known"], source: { rule: "supplement" } });
    for (const key of ["torture_offence", "whistleblower_law", "journalists_cases", "beneficial_ownership_register", "tracing_systematic", "conventions_legal_basis"]) {
      const found = q.paragraphs.flatMap((p) => p.questions).find((x) => x.key === key)!;
      for (const lang of LANGUAGES) expect(found.label[lang], `${key} ${lang}`).toBeTruthy();
    }
  });

  it("keeps footnotes, attached to the paragraph that cites them", () => {
    expect(para("51").footnotes).toEqual([{ marker: "15", text: expect.stringMatching(/^These documents include the Basic Principles on the Independence of the Judiciary/) }]);
    expect(para("25").footnotes?.map((f) => f.marker)).toEqual(["7"]);
    expect(para("35").footnotes?.map((f) => f.marker)).toEqual(["8", "9"]);
    // ¶87 cites footnote 18 before its page break, whose body sits between the two halves.
    expect(para("87").footnotes?.map((f) => f.marker)).toEqual(["18"]);
    const cited = q.paragraphs.flatMap((p) => (p.footnotes ?? []).map((f) => f.marker));
    expect(new Set(cited).size).toBe(cited.length);
  });

  it("makes None exclusive in the technical-assistance list", () => {
    const ta = para("21").questions.find((x) => x.key === "ta_needed")!;
    expect(ta.type === "multiple_choice" && ta.options.filter((o) => o.exclusive).map((o) => o.value)).toEqual(["none"]);
  });
});

describe("paragraphs.json errors name the file and the line", () => {
  const folder = (supplement: string) =>
    tempFolder({
      "source.txt": readFileSync(path.join(KYOTO, "source.txt"), "utf8"),
      "config.json": readFileSync(path.join(KYOTO, "config.json"), "utf8"),
      "paragraphs.json": supplement,
    });
  const failure = (dir: string) => {
    try {
      compileSurveyFolder(dir);
    } catch (error) {
      return error as SurveyFolderError;
    }
    throw new Error("compiled");
  };

  it("points a schema error at its line", () => {
    const dir = folder(`{\n  "paragraphs": {\n    "21": {\n      "shortTitle": { "en": "Root causes" },\n      "sdgTargets": ["SDG 16"]\n    }\n  }\n}\n`);
    const error = failure(dir);
    expect(error).toBeInstanceOf(SurveyFolderError);
    expect(error.file).toBe(path.join(dir, "paragraphs.json"));
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/line 5: paragraphs\.21\.sdgTargets\.0/);
  });

  it("refuses a paragraph that is not in the text and an unknown rule, at the paragraph's line", () => {
    const missing = failure(folder(`{\n  "paragraphs": {\n    "21": { "shortTitle": { "en": "A" } },\n    "120": { "shortTitle": { "en": "B" } }\n  }\n}\n`));
    expect(missing.line).toBe(4);
    expect(missing.message).toMatch(/paragraph 120 is not in the text/);
    const rule = failure(folder(`{\n  "paragraphs": {\n    "38": { "shortTitle": { "en": "A" }, "disableRules": ["victim"] }\n  }\n}\n`));
    expect(rule.line).toBe(3);
    expect(rule.message).toMatch(/unknown rule "victim"/);
  });

  it("refuses a question tied to an element the paragraph does not have", () => {
    const error = failure(
      folder(`{\n  "paragraphs": {\n    "33": {\n      "shortTitle": { "en": "A" },\n      "questions": [\n        { "key": "x", "type": "text", "label": { "en": "X?" }, "element": "nope" }\n      ]\n    }\n  }\n}\n`),
    );
    expect(error.line).toBe(6);
    expect(error.message).toMatch(/no element "nope"/);
  });
});
