/** The burden a cycle's scope implies (issue 12, item 10), counted on the Kyoto questionnaire. */
import { describe, expect, it } from "vitest";
import { questionsWhere, scopeCount, type ScopeParagraph } from "#app/cycles/scope-count.ts";
import { compileSurveyFolder } from "#surveys/load.server.ts";
import { KYOTO } from "#tests/surveys/helpers.ts";

const q = compileSurveyFolder(KYOTO);
const paragraphs: ScopeParagraph[] = q.paragraphs
  .filter((p) => p.questions.length > 0)
  .map((p) => ({ ref: p.ref, pillar: p.pillarNumber, theme: p.themeNumber, questions: p.questions.length }));
const all = q.paragraphs.reduce((n, p) => n + p.questions.length, 0);

describe("scope count", () => {
  it("counts the whole declaration, one pillar, themes and a list of paragraphs", () => {
    expect(scopeCount(paragraphs, { kind: "all", pillars: [], themes: [], paragraphs: "" })).toEqual({ paragraphs: 75, questions: all });
    const pillarOne = scopeCount(paragraphs, { kind: "pillars", pillars: ["1"], themes: [], paragraphs: "" });
    expect(pillarOne.paragraphs).toBe(10); // ¶21–30
    expect(pillarOne.questions).toBe(questionsWhere(paragraphs, (p) => Number(p.ref) >= 21 && Number(p.ref) <= 30));
    expect(pillarOne.questions).toBeLessThan(all / 3);
    expect(scopeCount(paragraphs, { kind: "themes", pillars: [], themes: ["9"], paragraphs: "" }).paragraphs).toBe(2); // prison conditions, ¶35–36
    const listed = scopeCount(paragraphs, { kind: "paragraphs", pillars: [], themes: [], paragraphs: "21, 35-36" });
    expect(listed).toEqual({ paragraphs: 3, questions: ["21", "35", "36"].reduce((n, r) => n + q.paragraphs.find((p) => p.ref === r)!.questions.length, 0) });
    // A list being typed that does not parse yet counts nothing rather than failing.
    expect(scopeCount(paragraphs, { kind: "paragraphs", pillars: [], themes: [], paragraphs: "21, abc" })).toEqual({ paragraphs: 0, questions: 0 });
  });
});
