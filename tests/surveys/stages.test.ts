/**
 * Anchored stages per element and the leading-verb rule (issue 12, item 2), and the supplement's
 * texts in six languages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileWithWarnings, LANGUAGES, parseSurveyConfig, translationCompleteness, type Questionnaire } from "#surveys/index.ts";
import { leadingVerbs, measureFor, STAGE_OPTIONS } from "#surveys/compiler/stages.ts";
import { loadSurveyFolder } from "#surveys/load.server.ts";
import { KYOTO, removeTempFolders } from "./helpers.ts";

/** The Kyoto folder with its action paragraphs asked the `stages` set. */
function kyotoWithStages(): { questionnaire: Questionnaire; warnings: { message: string }[] } {
  const f = loadSurveyFolder(KYOTO);
  const config = { ...f.config, questions: [{ kinds: ["action" as const], templates: ["stages"], rules: true }] };
  return compileWithWarnings(f.sourceText, config, f.translations, f.supplement);
}

let q: Questionnaire;
let warnings: { message: string }[];
beforeAll(() => {
  ({ questionnaire: q, warnings } = kyotoWithStages());
});
afterAll(removeTempFolders);
const para = (ref: string) => q.paragraphs.find((p) => p.ref === ref)!;
const keys = (ref: string) => para(ref).questions.map((x) => x.key);

describe("anchored stages", () => {
  it("asks ¶81 one stage per element, with stable ids, each with its 'not applicable' reason", () => {
    const stages = para("81").questions.filter((x) => x.key.endsWith(".stage"));
    expect(stages.map((x) => x.id)).toEqual([
      "kyoto-2021.p81.data.stage",
      "kyoto-2021.p81.technical_assistance.stage",
      "kyoto-2021.p81.vulnerability.stage",
      "kyoto-2021.p81.networks.stage",
      "kyoto-2021.p81.demand.stage",
      "kyoto-2021.p81.impunity.stage",
      "kyoto-2021.p81.investigations.stage",
      "kyoto-2021.p81.victims.stage",
    ]);
    for (const s of stages) expect(s).toMatchObject({ type: "single_choice", required: true, element: s.key.split(".")[0] });
    // The element leads the label, in every language.
    expect(stages[0]!.label).toMatchObject({ en: "Data collection and sharing: At what stage is this action in your country?", fr: expect.stringMatching(/^Collecte et partage de données : À quel stade/) });
    const reason = para("81").questions.find((x) => x.key === "victims.na_reason")!;
    expect(reason).toMatchObject({ type: "text", required: false, requiredWhen: { question: "victims.stage", equals: "not_applicable" }, maxLength: 500 });
    // No six-level status any more.
    expect(keys("81")).not.toContain("status");
  });

  it("asks a paragraph without elements once, keyed `stage`", () => {
    const q25 = para("25");
    expect(q25.elements).toBeUndefined();
    // The stage, the reason when not applicable, the measures with their dates of adoption.
    expect(keys("25").slice(0, 4)).toEqual(["stage", "na_reason", "adoption", "measures"]);
    expect(q25.questions[0]!.id).toBe("kyoto-2021.p25.stage");
  });

  it("offers the stages with a written definition of each in six languages", () => {
    const stage = para("25").questions[0]!;
    if (stage.type !== "single_choice") throw new Error("stage is single choice");
    expect(stage.options.map((o) => o.value)).toEqual(["no_action", "planned", "adopted", "in_operation", "evaluated", "not_applicable", "not_known"]);
    for (const o of stage.options) for (const lang of LANGUAGES) expect(o.hint?.[lang], `${o.value} ${lang}`).toBeTruthy();
    expect(stage.options.find((o) => o.value === "adopted")!.label.en).toBe("Adopted in law or policy");
    expect(stage.options.find((o) => o.value === "adopted")!.hint!.en).toMatch(/not yet applied in practice/);
    // Two stages never share a definition.
    expect(new Set(STAGE_OPTIONS.map((o) => o.hint!.fr)).size).toBe(STAGE_OPTIONS.length);
  });
});

describe("the leading-verb rule", () => {
  it("reads the leading verbs, coordinated ones included", () => {
    expect(leadingVerbs("Recognize the fundamental role of effective international cooperation")).toEqual(["recognize"]);
    expect(leadingVerbs("Consider, review and implement efficient measures")).toEqual(["consider", "review", "implement"]);
    expect(leadingVerbs("Examine trends and the evolution of methods")).toEqual(["examine"]);
    expect(leadingVerbs("Identify, analyse and counter any links")).toEqual(["identify", "analyse", "counter"]);
  });

  it("keeps a stage wherever an action verb leads, and asks the rest a fitting question", () => {
    expect(measureFor("Recognize asset recovery as an important element")).toBe("considered");
    expect(measureFor("Acknowledge and stress the role of civil society")).toBe("considered");
    expect(measureFor("Examine trends and the evolution of methods")).toBe("examined");
    expect(measureFor("Study and examine the links")).toBe("examined");
    expect(measureFor("Consider, review and implement efficient measures")).toBe("stage");
    expect(measureFor("Strengthen efforts to prevent trafficking")).toBe("stage");
    expect(measureFor("When resolving corruption-related cases")).toBe("stage");
    expect(measureFor("Recognize the role", "stage")).toBe("stage");
  });

  it("gives ¶67 and ¶70 ('Recognize') and ¶80 ('Examine') a yes / partially / no / not known question instead of a stage", () => {
    for (const [ref, key] of [
      ["67", "considered"],
      ["70", "considered"],
      ["80", "examined"],
    ] as const) {
      const first = para(ref).questions[0]!;
      expect(first, `¶${ref}`).toMatchObject({ id: `kyoto-2021.p${ref}.${key}`, type: "yes_no", required: true, extraAnswers: ["partially", "not_known"] });
      expect(keys(ref)).not.toContain("stage");
      expect(keys(ref)).not.toContain("na_reason");
      for (const lang of LANGUAGES) expect(first.label[lang], `¶${ref} ${lang}`).toBeTruthy();
    }
    expect(para("67").questions[0]!.label.en).toBe("Has your country taken this into account in its policy since the start of the reporting period?");
    expect(para("80").questions[0]!.label.en).toBe("Has your country examined this since the start of the reporting period?");
  });

  it("lets the supplement override the rule (¶90 'Undertake efforts to better understand' is examined), and only those four paragraphs ask no stage", () => {
    expect(para("90").questions[0]!.id).toBe("kyoto-2021.p90.examined");
    const withoutStage = q.paragraphs.filter((p) => p.kind === "action" && !p.questions.some((x) => x.key === "stage" || x.key.endsWith(".stage")));
    expect(withoutStage.map((p) => p.ref)).toEqual(["67", "70", "80", "90"]);
  });

  it("refuses an unknown measure in the supplement", async () => {
    const { paragraphSupplementSchema } = await import("#surveys/config.ts");
    expect(paragraphSupplementSchema.safeParse({ shortTitle: { en: "X" }, measure: "noted" }).success).toBe(false);
    expect(paragraphSupplementSchema.safeParse({ shortTitle: { en: "X" }, measure: "examined" }).success).toBe(true);
  });
});

describe("the supplement in six languages", () => {
  it("has every element text and short title in all six languages (no warning)", () => {
    for (const p of q.paragraphs) {
      for (const e of p.elements ?? []) for (const lang of LANGUAGES) expect(e.text[lang], `¶${p.ref} ${e.key} ${lang}`).toBeTruthy();
    }
    expect(warnings.filter((w) => w.message.startsWith("paragraphs.json"))).toEqual([]);
    expect(para("81").elements![7]!.text).toMatchObject({ es: "Proteger a las víctimas de la trata", zh: "保护贩运活动被害人" });
  });

  it("requires English and warns about a missing language, naming paragraph, element and languages", () => {
    const f = loadSurveyFolder(KYOTO);
    const supplement = structuredClone(f.supplement);
    const e = supplement.paragraphs["81"]!.elements![0]!;
    e.text = { en: e.text.en, fr: e.text.fr! };
    const { warnings: w } = compileWithWarnings(f.sourceText, parseSurveyConfig({ ...f.config }), f.translations, supplement);
    expect(w.map((x) => x.message)).toContain('paragraphs.json: paragraph 81: element "data" has no es, ru, zh, ar text');
  });

  it("reports the completeness of short titles, elements and stage definitions per language", () => {
    const c = translationCompleteness(q);
    for (const lang of c) {
      expect(lang.elements, lang.language).toMatchObject({ translated: 147, total: 147 });
      expect(lang.shortTitles.share).toBe(1);
      expect(lang.hints.share).toBe(1);
      expect(lang.hints.total).toBeGreaterThan(0);
    }
  });
});
