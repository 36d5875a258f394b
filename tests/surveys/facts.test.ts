import path from "node:path";
import { describe, expect, test } from "vitest";
import { compileSurveyFolder } from "#surveys/load.server.ts";
import { PERIOD_PLACEHOLDER } from "#surveys/compiler/templates.ts";
import { ROOT } from "../setup/base-db.ts";

const kyoto = compileSurveyFolder(path.join(ROOT, "surveys/kyoto-2021"));
const model = compileSurveyFolder(path.join(ROOT, "tests/surveys/fixtures/model-declaration"));
const FACT_KEYS = ["fact_authorities", "fact_authorities_other", "fact_legal_refs", "fact_ta_received", "fact_ta_helped", "fact_ta_offer", "fact_stakeholders", "fact_indicator"];

describe("structured facts per paragraph (issue 12, item 4)", () => {
  const asked = kyoto.paragraphs.filter((p) => p.questions.length > 0);

  test("every asked paragraph ends with the eight facts, optional, in the facts section", () => {
    expect(asked).toHaveLength(75);
    for (const p of asked) {
      const facts = p.questions.filter((q) => q.section === "facts");
      expect(facts.map((q) => q.key), `¶${p.ref}`).toEqual(FACT_KEYS);
      expect(facts.every((q) => !q.required && !q.requiredWhen)).toBe(true);
      // After the paragraph's own questions.
      expect(p.questions.slice(-FACT_KEYS.length).map((q) => q.key)).toEqual(FACT_KEYS);
    }
    expect(kyoto.paragraphs.filter((p) => p.kind !== "action").every((p) => p.questions.length === 0)).toBe(true);
  });

  test("the lists the issue names, with None exclusive and alone in each list that has one", () => {
    const p81 = kyoto.paragraphs.find((p) => p.ref === "81")!;
    const q = (key: string) => p81.questions.find((x) => x.key === key)!;
    const values = (key: string) => ("options" in q(key) ? (q(key) as { options: { value: string }[] }).options.map((o) => o.value) : []);
    expect(values("fact_authorities")).toEqual(["justice_ministry", "interior_police", "prosecution", "judiciary", "prisons_probation", "fiu", "anti_corruption", "statistics_office", "other", "none"]);
    expect(values("fact_ta_received")).toEqual(["unodc", "other_provider", "none"]);
    expect(values("fact_stakeholders")).toEqual(["civil_society", "academia", "nhri", "private_sector", "other", "none"]);
    for (const p of asked) {
      for (const question of p.questions) {
        if (question.type !== "multiple_choice") continue;
        const none = question.options.filter((o) => o.value === "none" || o.exclusive);
        for (const o of none) expect(o.exclusive, `${question.id} ${o.value}`).toBe(true);
      }
    }
  });

  test("legal references and the indicator are records: the year of adoption tells baseline from new measures", () => {
    const p35 = kyoto.paragraphs.find((p) => p.ref === "35")!;
    const refs = p35.questions.find((x) => x.key === "fact_legal_refs")!;
    expect(refs.type).toBe("records");
    if (refs.type !== "records") return;
    expect(refs.fields.map((f) => [f.key, f.kind])).toEqual([["title", "text"], ["article", "text"], ["year", "year"], ["link", "link"]]);
    expect(refs.fields.find((f) => f.key === "year")!.label.en).toBe("Year adopted");
    const indicator = p35.questions.find((x) => x.key === "fact_indicator")!;
    expect(indicator).toMatchObject({ type: "records", maxItems: 1 });
  });

  test("the labels exist in the six languages", () => {
    for (const question of kyoto.paragraphs.find((p) => p.ref === "21")!.questions.filter((q) => q.section === "facts")) {
      expect(Object.keys(question.label).sort(), question.key).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
    }
  });

  test("an instrument whose config asks for no facts gets none (the model declaration)", () => {
    expect(model.paragraphs.flatMap((p) => p.questions).some((q) => q.section === "facts")).toBe(false);
    expect(model.reportQuestions).toBeUndefined();
  });
});

describe("questions about the report as a whole (issue 12, item 5) and the assistance priorities", () => {
  const report = kyoto.reportQuestions!;

  test("contact person, use of the Declaration, follow-up proposals and priorities, with report ids", () => {
    expect(report.map((q) => [q.id, q.type])).toEqual([
      ["kyoto-2021.report.contact", "records"],
      ["kyoto-2021.report.declaration_use", "text"],
      ["kyoto-2021.report.follow_up_proposals", "text"],
      ["kyoto-2021.report.ta_priorities", "ranking"],
    ]);
    expect(report.every((q) => !q.required)).toBe(true);
    expect(report.find((q) => q.key === "contact")!.confidential).toBe(true);
    expect(report.find((q) => q.key === "declaration_use")!.help!.en).toMatch(/2021\/20, operative paragraph 7/);
  });

  test("priorities: up to three of the 75 action paragraphs, named by their short titles", () => {
    const ranking = report.find((q) => q.key === "ta_priorities")!;
    expect(ranking.type).toBe("ranking");
    if (ranking.type !== "ranking") return;
    expect(ranking.maxItems).toBe(3);
    expect(ranking.options).toHaveLength(75);
    expect(ranking.options.find((o) => o.value === "81")!.label.en).toBe("¶81 · Trafficking in persons");
    expect(ranking.options.find((o) => o.value === "81")!.label.fr).toMatch(/^¶81 · /);
  });

  test("the questions say 'since' the period start through the placeholder the app fills", () => {
    const p35 = kyoto.paragraphs.find((p) => p.ref === "35")!;
    for (const key of ["measures", "description", "fact_ta_received"]) {
      const label = p35.questions.find((q) => q.key === key)!.label;
      for (const text of Object.values(label)) expect(text, key).toContain(PERIOD_PLACEHOLDER);
    }
    expect(report.find((q) => q.key === "declaration_use")!.label.en).toContain(PERIOD_PLACEHOLDER);
  });
});
