/**
 * The derived questions of the Kyoto questionnaire measured against a reading of all 75 action
 * paragraphs (issue 12, item 7). For each paragraph: the named instruments (standards,
 * conventions, tools, mechanisms — in its text or its footnotes) it must ask about, the specific
 * questions it must have, and the rule hits it must not have.
 *
 * Precision: of the rule hits (one per rule and paragraph), the share that is not a false positive
 *   (an instrument the paragraph does not name, or a hit on the must-not list).
 * Recall: of the named instruments and required specific questions, the share asked about.
 * Both must be at least 95 per cent.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compileQuestionnaire, type Questionnaire } from "#surveys/index.ts";
import { loadSurveyFolder } from "#surveys/load.server.ts";
import { KYOTO } from "./helpers.ts";

interface Expectation {
  /** Instrument ids (rule `instrument.<id>`) the paragraph names. */
  instruments?: string[];
  /** Keys of specific questions the paragraph must have (curated in paragraphs.json). */
  questions?: string[];
  /** Rule ids that would be false positives here. */
  not?: string[];
}

const EXPECTED: Record<string, Expectation> = {
  "21": {},
  "22": { instruments: ["iccs"] },
  "23": {},
  "24": {},
  "25": { instruments: ["seized_assets_study"] },
  "26": {},
  "27": {},
  "28": {},
  "29": {},
  "30": {},
  "31": {},
  "32": {},
  "33": { questions: ["witness_protection_programme", "reporting_persons_law"] },
  "34": {},
  "35": { instruments: ["mandela", "bangkok"] },
  "36": { instruments: ["tokyo"] },
  // "an individual assessment of the needs and risks of offenders" is not an evaluation.
  "37": { not: ["evaluation"] },
  // "the rights of victims and offenders" in a paragraph on reintegrating offenders.
  "38": { not: ["victims"] },
  "39": {},
  "40": {},
  "41": {},
  "42": {},
  "43": { instruments: ["beijing_platform"] },
  "44": {},
  "45": { instruments: ["beijing_rules"] },
  "46": {},
  // The guidelines published in 2021 as the Principles on Effective Interviewing.
  "47": { instruments: ["interviewing_principles"] },
  "48": {},
  "49": { instruments: ["legal_aid", "legal_aid_tools"] },
  "50": {},
  // The five standards of footnote 15.
  "51": { instruments: ["judiciary_independence", "bangalore", "lawyers_role", "prosecutors_role", "istanbul_declaration"] },
  "52": { questions: ["torture_offence"] },
  "53": { instruments: ["uncac", "untoc"] },
  // "the collection and assessment of data to analyse corruption" is not an evaluation.
  "54": { not: ["evaluation"] },
  "55": {},
  "56": { questions: ["whistleblower_law"] },
  "57": { questions: ["journalists_cases"] },
  "58": {},
  "59": {},
  // The review mechanisms, not the Conventions themselves.
  "60": { instruments: ["untoc_review", "uncac_review"], not: ["instrument.untoc", "instrument.uncac"] },
  "61": { instruments: ["sherloc", "mla_writer", "cna_directory"] },
  // The Conventions as a legal basis for cooperation, not their implementation.
  "62": { questions: ["conventions_legal_basis"], not: ["instrument.untoc", "instrument.uncac"] },
  "63": {},
  "64": { instruments: ["interpol"] },
  "65": { instruments: ["doha_programme"] },
  "66": {},
  "67": {},
  "68": { instruments: ["untoc", "uncac"] },
  "69": { instruments: ["uncac"] },
  "70": {},
  "71": {},
  "72": { questions: ["beneficial_ownership_register"] },
  "73": { instruments: ["ct_instruments", "ct_strategy"] },
  "74": {},
  "75": {},
  "76": {},
  "77": {},
  "78": {},
  "79": { instruments: ["untoc", "untoc_protocols"] },
  "80": {},
  // "trafficking networks" are criminal networks.
  "81": { not: ["networks"] },
  "82": { instruments: ["untoc", "smuggling_protocol"] },
  "83": {},
  "84": { questions: ["tracing_systematic"] },
  "85": {},
  "86": {},
  "87": { instruments: ["cites"] },
  // Data on falsified medical products are not about people: no sex and age.
  "88": { not: ["data.disaggregated"] },
  "89": { instruments: ["untoc", "cultural_property_1970", "cultural_property_guidelines"] },
  "90": {},
  "91": {},
  "92": {},
  "93": {},
  "94": {},
  "95": {},
};

let q: Questionnaire;
beforeAll(() => {
  const f = loadSurveyFolder(KYOTO);
  q = compileQuestionnaire(f.sourceText, f.config, f.translations, f.supplement);
});

function ruleHits(p: Questionnaire["paragraphs"][number]): string[] {
  return [...new Set(p.questions.flatMap((x) => (x.source && x.source.rule !== "supplement" ? [x.source.rule] : [])))];
}

function measure() {
  let hits = 0;
  let falsePositives: string[] = [];
  let expected = 0;
  let missed: string[] = [];
  for (const p of q.paragraphs.filter((x) => x.kind === "action")) {
    const e = EXPECTED[p.ref]!;
    const found = ruleHits(p);
    hits += found.length;
    for (const rule of found) {
      const isInstrument = rule.startsWith("instrument.");
      if ((isInstrument && !(e.instruments ?? []).includes(rule.slice("instrument.".length))) || (e.not ?? []).includes(rule)) {
        falsePositives = [...falsePositives, `¶${p.ref} ${rule}`];
      }
    }
    const keys = new Set(p.questions.map((x) => x.key));
    for (const id of e.instruments ?? []) {
      expected++;
      if (!found.includes(`instrument.${id}`)) missed = [...missed, `¶${p.ref} ${id}`];
    }
    for (const key of e.questions ?? []) {
      expected++;
      if (!keys.has(key)) missed = [...missed, `¶${p.ref} ${key}`];
    }
  }
  return { hits, falsePositives, expected, missed, precision: (hits - falsePositives.length) / hits, recall: (expected - missed.length) / expected };
}

describe("derived questions of the Kyoto questionnaire against a reading of its 75 action paragraphs", () => {
  it("has an expectation for every action paragraph, 21–95", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(q.paragraphs.filter((p) => p.kind === "action").map((p) => p.ref).sort());
  });

  it("reaches at least 95 per cent precision of derived questions and recall of named instruments", () => {
    const m = measure();
    console.info(
      `derived-question precision ${((m.precision * 100).toFixed(1))} per cent (${m.hits - m.falsePositives.length} of ${m.hits} rule hits); ` +
        `named-instrument recall ${(m.recall * 100).toFixed(1)} per cent (${m.expected - m.missed.length} of ${m.expected})`,
    );
    expect(m.falsePositives, "false positives").toEqual([]);
    expect(m.missed, "misses").toEqual([]);
    expect(m.precision).toBeGreaterThanOrEqual(0.95);
    expect(m.recall).toBeGreaterThanOrEqual(0.95);
  });

  it("names the paragraph's subject in derived labels, so the same Convention reads differently in each paragraph", () => {
    const labels = ["53", "68", "79", "82", "89"].map((ref) => q.paragraphs.find((p) => p.ref === ref)!.questions.find((x) => x.key === "std_untoc_applied")!.label.en);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels[3]).toBe(
      "Smuggling of migrants: Has your country taken measures to implement the United Nations Convention against Transnational Organized Crime?",
    );
  });

  it("offers partially, not a party and not known on a Convention; not a party is not offered for a tool", () => {
    const p82 = q.paragraphs.find((p) => p.ref === "82")!.questions;
    expect(p82.find((x) => x.key === "std_untoc_applied")).toMatchObject({ type: "yes_no", extraAnswers: ["partially", "not_party", "not_known"] });
    const p61 = q.paragraphs.find((p) => p.ref === "61")!.questions;
    expect(p61.find((x) => x.key === "std_sherloc_applied")).toMatchObject({ type: "yes_no", extraAnswers: ["not_known"] });
    // "May this good practice be shared?" is no longer asked: the disclosure choice beside each narrative answer replaced it.
    expect(q.paragraphs.find((p) => p.ref === "21")!.questions.find((x) => x.key === "good_practice_shareable")).toBeUndefined();
  });
});
