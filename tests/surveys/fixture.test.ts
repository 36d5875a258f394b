/**
 * A second, made-up declaration (no headings, lettered subparagraphs, an instrument of its own)
 * compiles from its folder alone: no code knows about it.
 */
import { describe, expect, it } from "vitest";
import { compileSurveyFolder } from "#surveys/load.server.ts";
import { FIXTURE } from "./helpers.ts";

describe("a second declaration from a new folder", () => {
  const q = compileSurveyFolder(FIXTURE);
  const para = (ref: string) => q.paragraphs.find((p) => p.ref === ref)!;

  it("makes lettered subparagraphs items of their own, with refs like 1(a)", () => {
    expect(q.paragraphs.map((p) => p.ref)).toEqual(["1", "1(a)", "1(b)", "1(c)", "2", "3"]);
    expect(para("1").text.en).toBe("We commit ourselves to:");
    expect(para("1(a)").text.en).toBe("Develop local crime prevention strategies with municipalities;");
  });

  it("keeps nested (i), (ii) items and wrapped lines inside their subparagraph", () => {
    expect(para("1(b)").text.en).toBe(
      "Strengthen the collection of data on crime and victimization, in particular on violence against women and girls, " +
        "including: (i) surveys of households; (ii) administrative records of the police;",
    );
  });

  it("rejoins a paragraph split by a footnote and drops the marker", () => {
    expect(para("2").text.en).toBe(
      "We will promote the ECOWAS Model Rules on Community Policing and evaluate their effectiveness every five years, " +
        "taking into account the views of residents and civil society;",
    );
  });

  it("takes kinds from the config and has no pillars or themes", () => {
    expect(q.paragraphs.map((p) => p.kind)).toEqual(["action", "action", "action", "action", "action", "follow-up"]);
    expect(q.pillars).toEqual([]);
    expect(q.themes).toEqual([]);
    for (const p of q.paragraphs) expect(p).toMatchObject({ pillar: null, theme: null, pillarNumber: null, themeNumber: null });
  });

  it("asks the configured templates and rules, on the subparagraphs rather than their chapeau", () => {
    expect(para("1").questions).toEqual([]);
    expect(para("3").questions).toEqual([]);
    expect(para("1(a)").questions.map((x) => x.id)).toEqual(["model-declaration.p1(a).status", "model-declaration.p1(a).description"]);
    // Only the rules the config enables: "data" yes, "gender" (women and girls) no.
    expect(para("1(b)").questions.map((x) => x.key)).toEqual(["status", "description", "data_collected", "data_shared", "data_disaggregated"]);
    expect(para("1(c)").questions.map((x) => x.key)).toContain("std_mandela_applied");
  });

  it("uses an instrument the config itself defines", () => {
    const applied = para("2").questions.find((x) => x.key === "std_ecowas_policing_applied")!;
    expect(applied).toMatchObject({
      type: "yes_no",
      label: { en: "Has your country applied the ECOWAS Model Rules on Community Policing?" },
      source: { rule: "instrument.ecowas_policing", words: "ECOWAS Model Rules on Community Policing" },
    });
    // The name exists only in English, so the label is not half-translated.
    expect(Object.keys(applied.label)).toEqual(["en"]);
    expect(para("2").questions.map((x) => x.key)).toContain("eval_done");
  });
});
