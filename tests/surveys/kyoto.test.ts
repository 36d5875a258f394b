/**
 * The Kyoto Declaration compiled from the real published text: structure, cleaning, the page-break
 * traps, ids and version, and the paragraph-specific questions.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileSurveyFolder, loadSurveyFolder, type SurveyFolder } from "#surveys/load.server.ts";
import {
  CompileError,
  compileQuestionnaire,
  compileWithWarnings,
  LANGUAGES,
  questionnaireSchema,
  translationCompleteness,
  type Questionnaire,
} from "#surveys/index.ts";
import { allStrings, KYOTO } from "./helpers.ts";

let folder: SurveyFolder;
let q: Questionnaire;
const rawText = readFileSync(path.join(KYOTO, "source.txt"), "utf8");

beforeAll(() => {
  folder = loadSurveyFolder(KYOTO);
  q = compileQuestionnaire(folder.sourceText, folder.config, folder.translations, folder.supplement);
});

const para = (ref: string) => {
  const p = q.paragraphs.find((x) => x.ref === ref);
  if (!p) throw new Error(`no paragraph ${ref}`);
  return p;
};
const refsWhere = (pred: (p: Questionnaire["paragraphs"][number]) => boolean) => q.paragraphs.filter(pred).map((p) => p.ref);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe("structure", () => {
  it("is a valid questionnaire with the declaration's 97 paragraphs, in order", () => {
    expect(questionnaireSchema.safeParse(q).success).toBe(true);
    expect(q.id).toBe("kyoto-2021");
    expect(q.paragraphs.map((p) => p.ref)).toEqual(range(1, 97));
    expect(q.paragraphs.map((p) => p.position)).toEqual(range(0, 96).map(Number));
  });

  it("has undertakings 1–20, 75 actions 21–95 and follow-up 96–97", () => {
    expect(refsWhere((p) => p.kind === "undertaking")).toEqual(range(1, 20));
    expect(refsWhere((p) => p.kind === "action")).toEqual(range(21, 95));
    expect(refsWhere((p) => p.kind === "action")).toHaveLength(75);
    expect(refsWhere((p) => p.kind === "follow-up")).toEqual(["96", "97"]);
  });

  it("skips the resolution's own operative paragraphs 1–13", () => {
    expect(para("1").text.en).toMatch(/^We express deep concern about the negative impact of crime/);
    expect(para("13").text.en).toMatch(/^We express grave concern about the situation arising from the coronavirus/);
    for (const p of q.paragraphs) expect(p.text.en).not.toMatch(/Expresses its satisfaction|Also requests the Secretary-General/);
  });

  it("keeps paragraphs 1–3 apart although no blank line separates them", () => {
    expect(para("1").text.en).toMatch(/the environment and cultural heritage;$/);
    expect(para("2").text.en).toMatch(/^We also express deep concern that crime is becoming/);
    expect(para("2").text.en).toMatch(/new and emerging forms of crime;$/);
    expect(para("3").text.en).toMatch(/^We undertake to contribute to achieving the 2030 Agenda/);
    expect(para("3").text.en).toMatch(/effectively prevent and combat crime;$/);
  });

  it("has the four pillars with their paragraph ranges", () => {
    expect(q.pillars.map((p) => p.title.en)).toEqual([
      "Advancing crime prevention",
      "Advancing the criminal justice system",
      "Promoting the rule of law",
      "Promoting international cooperation and technical assistance to prevent and address all forms of crime",
    ]);
    const ranges: [number, number, number][] = [
      [1, 21, 30],
      [2, 31, 47],
      [3, 48, 59],
      [4, 60, 95],
    ];
    for (const [n, from, to] of ranges) expect(refsWhere((p) => p.pillarNumber === n)).toEqual(range(from, to));
    for (const p of q.paragraphs.filter((x) => x.pillarNumber !== null)) {
      expect(p.pillar).toBe(q.pillars[p.pillarNumber! - 1]!.title.en);
    }
  });

  it("has the 23 thematic headings with their pillar and paragraph ranges", () => {
    const expected: [string, number, number, number][] = [
      ["Addressing the causes, including the root causes, of crime", 1, 21, 21],
      ["Evidence-based crime prevention", 1, 22, 23],
      ["Addressing the economic dimension of crime", 1, 24, 25],
      ["Tailor-made crime prevention strategies", 1, 26, 26],
      ["Mainstreaming a gender perspective into crime prevention", 1, 27, 28],
      ["Children and youth in crime prevention", 1, 29, 29],
      ["Youth empowerment for crime prevention", 1, 30, 30],
      ["Safeguarding victims' rights and protecting witnesses and reporting persons", 2, 31, 34],
      ["Improving prison conditions", 2, 35, 36],
      ["Reducing reoffending through rehabilitation and reintegration", 2, 37, 42],
      ["Mainstreaming a gender perspective into criminal justice systems", 2, 43, 44],
      ["Addressing the vulnerabilities of children and youth in contact with the criminal justice system", 2, 45, 46],
      ["Improving criminal investigation processes", 2, 47, 47],
      ["Access to justice and equal treatment before the law", 3, 48, 48],
      ["Access to legal aid", 3, 49, 49],
      ["National sentencing policies", 3, 50, 50],
      ["Effective, accountable, impartial and inclusive institutions", 3, 51, 52],
      ["Effective anti-corruption efforts", 3, 53, 58],
      ["Social, educational and other measures", 3, 59, 59],
      ["International cooperation, including through capacity-building and technical assistance", 4, 60, 67],
      ["International cooperation to deprive criminals of their proceeds of crime", 4, 68, 72],
      ["Terrorism in all its forms and manifestations", 4, 73, 78],
      ["New, emerging and evolving forms of crime", 4, 79, 95],
    ];
    expect(q.themes).toHaveLength(23);
    expected.forEach(([title, pillar, from, to], i) => {
      const theme = q.themes[i]!;
      expect(theme).toMatchObject({ number: i + 1, pillarNumber: pillar, title: { en: title } });
      expect(refsWhere((p) => p.themeNumber === theme.number)).toEqual(range(from, to));
      expect(refsWhere((p) => p.theme === title)).toEqual(range(from, to));
    });
  });

  it("puts undertakings and follow-up outside any pillar or theme", () => {
    for (const ref of [...range(1, 20), "96", "97"]) {
      expect(para(ref)).toMatchObject({ pillar: null, pillarNumber: null, theme: null, themeNumber: null });
    }
  });

  it("reports no warnings", () => {
    expect(compileWithWarnings(folder.sourceText, folder.config, folder.translations, folder.supplement).warnings).toEqual([]);
  });
});

describe("cleaning", () => {
  it("leaves no markup or footnote marker in any text, title or label", () => {
    // One expectation over the offending strings (tens of thousands of strings: one expect each is slow on a busy machine).
    const offending = allStrings(q).filter((s) => /[*\\]|\[|\]\(#\)|[\u00B9\u00B2\u00B3\u2070\u2074-\u2079]|<\/?sup>/.test(s) || /\s{2,}|^\s|\s$/.test(s));
    expect(offending).toEqual([]);
  });

  it("turns links and escaped parentheses into plain text and drops footnote markers", () => {
    expect(para("35").text.en).toMatch(/\(the Nelson Mandela Rules\), as well as the United Nations Rules for the Treatment of Women Prisoners/);
    expect(para("35").text.en).toMatch(/\(the Bangkok Rules\);$/);
    expect(para("73").text.en).toContain("Global Counter-Terrorism Strategy in all its aspects");
    expect(para("13").text.en).toContain("transformed the modi operandi of criminals");
    expect(para("20").text.en).toContain("the Protocols thereto, the United Nations Convention against Corruption, the three");
  });

  // Paragraphs cut by a page break, with footnote bodies in between (or only a blank line, 65).
  const splits: [string, string, string, string][] = [
    ["29", "Address the needs and protect the rights of children and youth", "such as sexual abuse and exploitation of children and trafficking in persons, noting the particular vulnerabilities of children", "as well as by terrorist groups;"],
    ["37", "Promote a rehabilitative environment in correctional facilities", "effective treatment programmes based on an individual assessment", "develop the necessary skills for reintegration;"],
    ["45", "Establish or strengthen juvenile justice systems", "as well as their vulnerabilities and the causes, including the root causes", "Administration of Juvenile Justice (the Beijing Rules);"],
    ["65", "Continue to enhance international cooperation through technical assistance", "build upon ongoing initiatives and good practices such as the Global Programme", "Implementation of the Doha Declaration;"],
    ["80", "Examine trends and the evolution of methods employed", "within the framework of the Commission on Crime Prevention and Criminal Justice", "other relevant global and regional forums;"],
    ["87", "Adopt effective measures to prevent and combat crimes that affect the environment", "in timber and timber products, in hazardous wastes and other wastes", "need to deprive criminals of proceeds of crime;"],
    ["95", "Promote, at the national, regional and international levels", "the principles of international law, public-private partnerships with the digital industry", "international cooperation to combat cybercrime;"],
  ];
  it.each(splits)("reassembles paragraph %s across the page break", (ref, start, middle, end) => {
    const text = para(ref).text.en;
    expect(text.startsWith(start)).toBe(true);
    expect(text).toContain(middle);
    expect(text.endsWith(end)).toBe(true);
    // The start and the end are the text's own words…
    expect(rawText).toContain(`${ref}. ${start}`);
    expect(rawText).toContain(end);
    // …and no footnote body got in between.
    expect(text).not.toMatch(/General Assembly resolution|Treaty Series|Ibid\.|Vienna, 2017/);
  });
});

describe("questions", () => {
  it("asks the shipped version anchored stages per element, and no longer asks whether a good practice may be shared", () => {
    expect(folder.config.questions[0]!.templates).toEqual(["stages"]);
    const keys35 = para("35").questions.map((x) => x.key);
    // Each element: its stage, the reason when not applicable, and its measures with their dates of adoption.
    expect(keys35.slice(0, 6)).toEqual(["conditions.stage", "conditions.na_reason", "conditions.adoption", "staff.stage", "staff.na_reason", "staff.adoption"]);
    const adoption = para("35").questions.find((x) => x.key === "conditions.adoption")!;
    expect(adoption).toMatchObject({ type: "records", required: false, element: "conditions" });
    expect(adoption.type === "records" && adoption.fields.map((f) => [f.key, f.kind])).toEqual([["title", "text"], ["adopted_on", "date"]]);
    expect(adoption.help!.en).toContain("{sincePeriodStart}");
    // Every stage option carries its written definition, in the six languages.
    const stage = para("35").questions.find((x) => x.key === "conditions.stage")!;
    for (const o of stage.type === "single_choice" ? stage.options : []) expect(Object.keys(o.hint ?? {}).sort()).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
    expect(keys35).not.toContain("status");
    for (const p of q.paragraphs) expect(p.questions.map((x) => x.key)).not.toContain("good_practice_shareable");
  });
});

/** The first edition of the questionnaire (one six-level status per paragraph), which reports started before the switch keep. */
describe("questions of the status edition", () => {
  let q: Questionnaire;
  beforeAll(() => {
    q = compileQuestionnaire(folder.sourceText, { ...folder.config, questions: [{ ...folder.config.questions[0]!, templates: ["common"] }] }, folder.translations, folder.supplement);
  });
  const para = (ref: string) => q.paragraphs.find((x) => x.ref === ref)!;
  const COMMON = [
    "status",
    "na_reason",
    "measures",
    "description",
    "good_practice",
    "good_practice_shareable",
    "challenges",
    "challenges_text",
    "ta_needed",
    "tools_needed",
    "tools_needed_text",
    "evidence",
  ];

  it("asks the common set about every action, and nothing about undertakings or follow-up", () => {
    for (const p of q.paragraphs) {
      const keys = p.questions.map((x) => x.key);
      if (p.kind === "action") expect(keys.slice(0, COMMON.length)).toEqual(COMMON);
      else expect(keys).toEqual([]);
    }
  });

  it("gives stable ids <instrument>.p<ref>.<key>, unique across the questionnaire", () => {
    const ids = q.paragraphs.flatMap((p) => p.questions.map((x) => x.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("kyoto-2021.p35.status");
    for (const p of q.paragraphs) for (const x of p.questions) expect(x.id).toBe(`kyoto-2021.p${p.ref}.${x.key}`);
  });

  it("requires only status, and a reason when status is not applicable", () => {
    const p35 = para("35").questions;
    expect(p35.filter((x) => x.required).map((x) => x.key)).toEqual(["status"]);
    expect(p35.find((x) => x.key === "na_reason")).toMatchObject({
      type: "text",
      required: false,
      requiredWhen: { question: "status", equals: "not_applicable" },
    });
    const status = p35.find((x) => x.key === "status");
    expect(status?.type === "single_choice" && status.options.map((o) => o.value)).toEqual([
      "not_started",
      "planned",
      "in_progress",
      "largely_implemented",
      "fully_implemented",
      "not_applicable",
    ]);
    expect(p35.find((x) => x.key === "description")).toMatchObject({ type: "text", maxLength: 20000 });
    expect(p35.find((x) => x.key === "evidence")).toMatchObject({ type: "links", maxItems: 20 });
  });

  it("labels the common set and its options in all six languages", () => {
    for (const x of para("21").questions.filter((x) => !x.source)) {
      for (const lang of LANGUAGES) expect(x.label[lang], `${x.key} ${lang}`).toBeTruthy();
      if ("options" in x) for (const o of x.options) for (const lang of LANGUAGES) expect(o.label[lang], `${x.key}.${o.value} ${lang}`).toBeTruthy();
    }
  });

  it("derives paragraph-specific questions for at least 25 actions, each from words of its paragraph or its footnotes", () => {
    const fromRules = (x: Questionnaire["paragraphs"][number]["questions"][number]) => x.source && x.source.rule !== "supplement";
    const withRules = q.paragraphs.filter((p) => p.questions.some(fromRules));
    expect(withRules.length).toBeGreaterThanOrEqual(25);
    for (const p of withRules) {
      expect(p.kind).toBe("action");
      const keys = p.questions.map((x) => x.key);
      expect(new Set(keys).size).toBe(keys.length);
      const readable = [p.text.en, ...(p.footnotes ?? []).map((f) => f.text)].join("\n");
      for (const x of p.questions.filter(fromRules)) {
        expect(x.source!.words.length).toBeGreaterThan(0);
        expect(readable, `${x.id} ← "${x.source!.words}"`).toContain(x.source!.words);
        expect(x.required).toBe(false);
      }
    }
  });

  it("asks about the standards and tools each paragraph names", () => {
    const keysOf = (ref: string) => para(ref).questions.map((x) => x.key);
    expect(keysOf("35")).toEqual(expect.arrayContaining(["std_mandela_applied", "std_mandela_how", "std_bangkok_applied"]));
    expect(keysOf("36")).toContain("std_tokyo_applied");
    expect(keysOf("45")).toContain("std_beijing_rules_applied");
    expect(keysOf("49")).toEqual(expect.arrayContaining(["std_legal_aid_applied", "std_legal_aid_tools_applied"]));
    expect(keysOf("22")).toEqual(expect.arrayContaining(["std_iccs_applied", "data_collected", "data_disaggregated", "eval_done"]));
    expect(keysOf("61")).toEqual(expect.arrayContaining(["std_sherloc_applied", "std_mla_writer_applied", "std_cna_directory_applied"]));
    expect(keysOf("53")).toEqual(expect.arrayContaining(["std_uncac_applied", "std_untoc_applied"]));
    expect(keysOf("82")).toContain("std_smuggling_protocol_applied");
    expect(keysOf("63")).toContain("networks_which");
    expect(keysOf("41")).toContain("agreements_which");
    expect(keysOf("31")).toEqual(expect.arrayContaining(["victims_measures", "gender_mainstreamed"]));
    expect(keysOf("86")).toEqual(expect.arrayContaining(["children_measures", "victims_measures"]));
    // "trafficking networks" are criminal networks, not networks a State takes part in.
    expect(keysOf("81")).not.toContain("networks_which");
    const mandela = para("35").questions.find((x) => x.key === "std_mandela_applied")!;
    expect(mandela).toMatchObject({ type: "yes_no", source: { rule: "instrument.mandela" } });
    // Led by the paragraph's subject, so that the same question in two paragraphs says which one it is.
    expect(mandela.label.en).toBe("Detention conditions: Has your country applied the Nelson Mandela Rules?");
    expect(mandela.label.fr).toBe("Conditions de détention : Votre pays a-t-il appliqué les Règles Nelson Mandela ?");
    for (const lang of LANGUAGES) expect(mandela.label[lang]).toBeTruthy();
  });
});

describe("version and translations", () => {
  it("compiles to the same questionnaire and version on every run", () => {
    const again = compileSurveyFolder(KYOTO);
    expect(again).toEqual(q);
    expect(again.version).toBe(q.version);
    expect(q.version).toMatch(/^[0-9a-f]{16,64}$/);
  });

  it("changes version when a text or a question changes", () => {
    const { sourceText, config, translations, supplement } = folder;
    const edited = compileQuestionnaire(sourceText.replace("cybercrime;", "cyber-crime;"), config, translations, supplement);
    expect(edited.version).not.toBe(q.version);
    const fewer = compileQuestionnaire(sourceText, { ...config, limits: { ...config.limits, textMaxLength: 5000 } }, translations, supplement);
    expect(fewer.version).not.toBe(q.version);
  });

  it("translates the pillar titles from the translation files", () => {
    for (const p of q.pillars) for (const lang of LANGUAGES) expect(p.title[lang], `${p.number} ${lang}`).toBeTruthy();
    expect(q.pillars[0]!.title.fr).toBe("Faire progresser la prévention de la criminalité");
  });

  it("applies translation files to paragraphs and question labels, and measures completeness", () => {
    const { sourceText, config } = folder;
    const { questionnaire, warnings } = compileWithWarnings(sourceText, config, {
      fr: {
        paragraphs: { "35": "Améliorer les conditions de détention…", "999": "nowhere" },
        pillars: {},
        themes: { "9": "Améliorer les conditions carcérales" },
        questions: { "kyoto-2021.p35.description": "Décrivez les mesures prises en matière de détention." },
        options: {},
      },
    });
    const p35 = questionnaire.paragraphs.find((p) => p.ref === "35")!;
    expect(p35.text.fr).toBe("Améliorer les conditions de détention…");
    expect(p35.questions.find((x) => x.key === "description")!.label.fr).toBe("Décrivez les mesures prises en matière de détention.");
    expect(questionnaire.themes[8]!.title.fr).toBe("Améliorer les conditions carcérales");
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('paragraph "999" matches nothing')]);

    const fr = translationCompleteness(questionnaire).find((c) => c.language === "fr")!;
    expect(fr.paragraphs).toEqual({ translated: 1, total: 97, share: 1 / 97 });
    expect(fr.questionLabels.share).toBe(1);
    expect(fr.themes.translated).toBe(1);
    const en = translationCompleteness(q).find((c) => c.language === "en")!;
    expect([en.paragraphs.share, en.questionLabels.share, en.pillars.share, en.themes.share]).toEqual([1, 1, 1, 1]);
  });

  it("refuses the text without a start marker: the resolution's paragraphs would collide with the declaration's", () => {
    const { sourceText, config } = folder;
    const noStart = { ...config, source: { ...config.source, start: undefined } };
    expect(() => compileQuestionnaire(sourceText, noStart)).toThrow(CompileError);
    expect(() => compileQuestionnaire(sourceText, noStart)).toThrow(/line 106: paragraph 1 appears a second time \(first at line 60\).*source\.start/);
  });
});
