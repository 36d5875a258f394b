/**
 * The drafting workbench on the known insights dataset (tests/setup/insights-data.ts) with
 * good-practice consent added: the figures a draft states equal what the answers say, the
 * public version carries nothing the public may not read, the DOCX has the UN structure, and
 * regenerating after a new acceptance flags exactly the sections whose figures changed.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import type { CycleRow } from "#app/reporting/reports.server.ts";
import { generateDraft, type GeneratedDraft } from "#app/drafting/generate.server.ts";
import { draftDocx, documentModel } from "#app/drafting/document.server.ts";
import { buildDocx } from "#app/drafting/docx.server.ts";
import { createDraft, draftForExport, getDraft, regenerateDraft, saveSection, sectionRevisions, setPicks } from "#app/drafting/drafts.server.ts";
import { clusterTexts } from "#app/drafting/similarity.server.ts";
import { narratives, paragraphOptions, pillarOptions } from "#app/drafting/figures.server.ts";
import { disclosedNarratives } from "#app/insights/aggregates.server.ts";
import { countAuditEvents } from "#app/audit/audit.server.ts";
import { setReportExclusion } from "#app/insights/counted.server.ts";
import { buildInsightsCycle, GP, NARRATIVE, PLANS, type ReportPlan } from "#tests/setup/insights-data.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";
import { unzip, wordText } from "#tests/setup/zip.ts";

/** Consent to share good practices: KEN's public practice on 21 is NOT consented. */
const CONSENT: Record<string, Record<string, string>> = {
  JPN: { "35.good_practice_shareable": "yes" },
  CHN: { "35.good_practice_shareable": "yes" },
  IND: { "35.good_practice_shareable": "yes" },
  KEN: { "21.good_practice_shareable": "no", "35.good_practice_shareable": "yes" },
  NGA: { "21.good_practice_shareable": "yes", "35.good_practice_shareable": "yes" },
  BRA: { "35.good_practice_shareable": "yes" },
};
// The drafting dataset: the first eight plans (six accepted, Germany submitted, France's draft).
const plans: ReportPlan[] = PLANS.filter((p) => !["MEX", "ARG", "ITA"].includes(p.iso3)).map((p) => ({ ...p, answers: { ...p.answers, ...(CONSENT[p.iso3] ?? {}) } }));
const GROUP: Record<string, string> = { JPN: "asia_pacific", CHN: "asia_pacific", IND: "asia_pacific", KEN: "african", NGA: "african", BRA: "latin_american_caribbean", DEU: "weog", FRA: "weog" };
const STATUS_SETS: Record<string, string[]> = { implemented: ["fully_implemented", "largely_implemented"], underway: ["in_progress", "planned"], notstarted: ["not_started"] };

let cycle: CycleRow;
let reportIds: Record<string, number>;
let secretariat: number;

beforeAll(async () => {
  useTestDatabase();
  // Seven reports count here: let the public version show narratives from five (default 10).
  process.env.INSIGHTS_MIN_REPORTS = "5";
  const admin = (await findUserByEmail("admin@example.org"))!.id;
  secretariat = (await findUserByEmail("secretariat@example.org"))!.id;
  ({ cycle, reportIds } = await buildInsightsCycle({ title: "Drafting unit cycle", plans, actorUserId: admin, reviewerUserId: secretariat }));
});

/** What a figure must be, worked out from the plans (not from the code under test). */
function expected(key: string, accepted: ReportPlan[]): { n: number; den: number } {
  const has = (p: ReportPlan, k: string) => p.answers[k] !== undefined;
  let m: RegExpMatchArray | null;
  if (key === "respondents" || key === "annex.respondents") return { n: accepted.length, den: 193 };
  if ((m = key.match(/^respondents\.(.+)$/))) {
    const totals: Record<string, number> = { african: 54, asia_pacific: 54, eastern_european: 23, latin_american_caribbean: 33, weog: 29 };
    return { n: accepted.filter((p) => GROUP[p.iso3] === m![1]).length, den: totals[m[1]!]! };
  }
  if ((m = key.match(/^p(\d+)\.base$/))) {
    const n = accepted.filter((p) => has(p, `${m![1]}.status`)).length;
    return { n, den: n };
  }
  if ((m = key.match(/^p(\d+)\.(implemented|underway|notstarted)$/))) {
    const base = accepted.filter((p) => has(p, `${m![1]}.status`));
    return { n: base.filter((p) => STATUS_SETS[m![2]!]!.includes(String(p.answers[`${m![1]}.status`]))).length, den: base.length };
  }
  if ((m = key.match(/^pillar(\d)\.implemented$/))) {
    const refs = m[1] === "1" ? ["21", "22"] : ["35", "36"];
    const all = accepted.flatMap((p) => refs.filter((r) => has(p, `${r}.status`)).map((r) => String(p.answers[`${r}.status`])));
    return { n: all.filter((s) => STATUS_SETS.implemented!.includes(s)).length, den: all.length };
  }
  if ((m = key.match(/^p(\d+)\.(measures|challenges|ta_needed|tools_needed)\.(.+)$/))) {
    const base = accepted.filter((p) => has(p, `${m![1]}.status`)).length;
    return { n: accepted.filter((p) => ((p.answers[`${m![1]}.${m![2]}`] as string[] | undefined) ?? []).includes(m![3]!)).length, den: base };
  }
  throw new Error(`No expectation for figure ${key}`);
}

/** Every submitted report counts (ADR 011): the six accepted and Germany's submitted one. */
const acceptedPlans = () => plans.filter((p) => p.fate !== "draft");

describe("generated figures", () => {
  let draft: GeneratedDraft;
  beforeAll(async () => {
    draft = (await generateDraft({ cycleId: cycle.id, lang: "en", version: "internal" }))!;
  });

  test("every figure equals the count worked out from the answers, and every number in a sentence is one of its figures", () => {
    let checked = 0;
    for (const s of draft.sections.flatMap((x) => x.sentences)) {
      for (const f of s.figures) {
        if (f.key.endsWith(".good_practices")) continue;
        expect({ key: f.key, ...expected(f.key, acceptedPlans()) }).toEqual({ key: f.key, n: f.numerator, den: f.denominator });
        checked++;
      }
      if (s.figures.length === 0 || s.quote) continue;
      const allowed = new Set<number>([8]);
      for (const f of s.figures) {
        allowed.add(f.numerator).add(f.denominator);
        if (f.denominator) allowed.add(Math.round((f.numerator / f.denominator) * 100));
      }
      for (const ref of s.filter.ref ? [Number(s.filter.ref)] : []) allowed.add(ref);
      if (s.filter.pillar) allowed.add(2).add(s.filter.pillar); // "the 2 paragraphs covered in this part"
      const numbers = (s.text.match(/\d[\d,]*/g) ?? []).map((x) => Number(x.replace(/,/g, "")));
      for (const n of numbers) expect(allowed, `${n} in “${s.text}”`).toContain(n);
    }
    expect(checked).toBeGreaterThan(40);
  });

  test("sentences carry their denominator: “Of the 5 States that reported on paragraph 35, …”", () => {
    const p35 = draft.sections.find((s) => s.key === "para-35")!;
    expect(p35.sentences[0]!.text).toBe(
      "Of the 7 States that reported on paragraph 35, 3 (43 per cent) considered it fully or largely implemented, 4 (57 per cent) reported implementation planned or in progress and 0 (0 per cent) reported that it had not started (self-assessments).",
    );
    expect(p35.sentences[0]!.questions).toEqual(["kyoto-2021.p35.status"]);
    const intro = draft.sections.find((s) => s.key === "intro")!;
    expect(intro.sentences.map((s) => s.text)).toContain("Of the 193 Member States, 7 (4 per cent) submitted a report.");
    expect(intro.sentences.map((s) => s.text)).toContain("Of the 54 African States, 2 (4 per cent) submitted a report.");
  });

  test("structure: introduction, pillars, themes, paragraphs, empty conclusions and recommendations, annex by group", () => {
    const keys = draft.sections.map((s) => s.key);
    expect(keys[0]).toBe("intro");
    expect(keys.slice(-3)).toEqual(["conclusions", "recommendations", "annex"]);
    expect(keys.filter((k) => k.startsWith("para-"))).toEqual(["para-21", "para-22", "para-35", "para-36"]);
    expect(keys.indexOf("pillar-1")).toBeLessThan(keys.indexOf("para-21"));
    expect(draft.sections.find((s) => s.key === "conclusions")!.sentences).toEqual([]);
    const annex = draft.sections.find((s) => s.key === "annex")!.table!;
    expect(annex.find((r) => r.group === "African States")).toEqual({ group: "African States", count: 2, states: ["Kenya", "Nigeria"] });
    expect(annex.find((r) => r.group === "Western European and other States")!.count).toBe(1);
  });

  test("a pillar scope keeps only that pillar's paragraphs", async () => {
    const scoped = (await generateDraft({ cycleId: cycle.id, lang: "en", version: "internal", scope: { pillar: 2 } }))!;
    expect(scoped.sections.filter((s) => s.key.startsWith("para-")).map((s) => s.key)).toEqual(["para-35", "para-36"]);
  });

  test("six languages: numbers and per cent in UN style of each", async () => {
    const texts: Record<string, string> = {};
    for (const lang of ["fr", "es", "ru", "zh", "ar"]) {
      const d = (await generateDraft({ cycleId: cycle.id, lang, version: "internal" }))!;
      texts[lang] = d.sections.find((s) => s.key === "para-35")!.sentences[0]!.text;
    }
    expect(texts.fr).toContain("3 (43 pour cent)");
    expect(texts.es).toContain("3 (43 por ciento)");
    expect(texts.zh).toContain("43%");
    expect(texts.ar).toContain("في المائة");
    expect(texts.ru).toContain("пункте 35");
  });
});

describe("whole-draft reads equal the insights aggregates", () => {
  test("pillarOptions gives, per paragraph, what optionStates gives for that paragraph", async () => {
    for (const [pillar, refs] of [[1, ["21", "22"]], [2, ["35", "36"]]] as const) {
      for (const key of ["measures", "challenges", "ta_needed", "tools_needed"]) {
        const all = await pillarOptions(cycle.id, cycle.versionId, key, pillar);
        for (const ref of refs) {
          const one = await paragraphOptions(cycle.id, cycle.versionId, key, ref);
          const asMap = (rows: { option: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.option, r.n]));
          expect(asMap(all.get(ref) ?? []), `${key} ${ref}`).toEqual(asMap(one));
        }
      }
    }
  });

  test("uncapped narratives are the insights' disclosed narratives, for every viewer", async () => {
    for (const viewer of ["public", "commission", "secretariat"] as const) {
      const ours = (await narratives(cycle.id, viewer, ["good_practice", "description"])).map((r) => `${r.reportId}|${r.questionId}|${r.disclosure}`).sort();
      const theirs = (await disclosedNarratives([cycle.id], viewer, { questionKeys: ["good_practice", "description"] })).map((r) => `${r.reportId}|${r.questionId}|${r.disclosure}`).sort();
      expect(ours, viewer).toEqual(theirs);
      expect(ours.length).toBeGreaterThan(0);
    }
  });
});

describe("public version", () => {
  test("no non-consented, Commission-only or secretariat-only narrative anywhere in the DOCX; small counts hidden; no comments", async () => {
    const result = (await draftDocx({ cycleId: cycle.id, lang: "en", version: "public" }))!;
    const parts = await unzip(result.buffer);
    const everything = [...parts.entries()].filter(([name]) => name.endsWith(".xml") || name.endsWith(".rels")).map(([, b]) => b.toString("utf8")).join("\n");
    for (const secret of [GP.chnCommission, GP.indSecretariat, GP.kenPublic21, GP.kenSecretariatOverride, GP.ngaSecretariat, GP.braCommission, GP.fraDraftOnly, NARRATIVE.indChallenges]) {
      expect(everything).not.toContain(secret.slice(0, 20));
    }
    const doc = wordText(parts.get("word/document.xml")!.toString("utf8"));
    // Public and consented: Japan's or Germany's (the representative of paragraph 35's practices).
    expect([GP.jpnPublic, GP.deuSubmitted].some((g) => doc.includes(g))).toBe(true);
    expect(doc).toContain(GP.ngaPublicOverride);
    expect(doc).toContain("fewer than 3");
    expect(doc).not.toMatch(/\b[12] \(\d+ per cent\)/); // 1 or 2 States never shown as such
    expect(doc).not.toContain("INTERNAL");
    expect(parts.has("word/comments.xml") ? wordText(parts.get("word/comments.xml")!.toString("utf8")) : "").toBe("");
    // Alt text of the charts: the public chart summaries.
    const alts = [...parts.get("word/document.xml")!.toString("utf8").matchAll(/<wp:docPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]);
    expect(alts.length).toBeGreaterThanOrEqual(2);
    for (const alt of alts) expect(alt).toContain("Implementation status by paragraph");
  });

  test("even picked, a secretariat-only practice stays internal; the internal version marks it", async () => {
    const id = (await createDraft({ cycleId: cycle.id, kind: "report", lang: "en", scope: {} }, secretariat, null))!;
    await setPicks(id, "35", [{ reportId: reportIds.IND!, questionId: "kyoto-2021.p35.good_practice" }], secretariat, null);
    await regenerateDraft(id, secretariat, null);
    const draft = (await getDraft(id))!;
    const internal = (await draftForExport(draft, "internal"))!;
    const pub = (await draftForExport(draft, "public"))!;
    const text = (g: typeof internal) => g.gen.sections.flatMap((s) => s.sentences.map((x) => x.text)).join("\n");
    expect(text(internal)).toContain(GP.indSecretariat);
    expect(text(pub)).not.toContain(GP.indSecretariat);
    const internalDoc = await buildDocx(await documentModel(internal.gen, { edits: internal.edits, charts: false }));
    const xml = wordText((await unzip(internalDoc.buffer)).get("word/document.xml")!.toString("utf8"));
    expect(xml).toContain(`“${GP.indSecretariat}” (India; original in English; secretariat only)`);
  });

  test("edited text quoting a hidden narrative loses that paragraph in the public version only", async () => {
    const id = (await createDraft({ cycleId: cycle.id, kind: "report", lang: "en", scope: {} }, secretariat, null))!;
    const draft = (await getDraft(id))!;
    const section = draft.sections.find((s) => s.key === "para-35")!;
    await saveSection(id, section.id, `Our own summary of paragraph 35.\n\nIndia: ${GP.indSecretariat}.`, section.revision, secretariat, null);
    const stored = (await getDraft(id))!;
    const pub = (await draftForExport(stored, "public"))!;
    const model = await documentModel(pub.gen, { edits: pub.edits, charts: false });
    expect(model.sections.find((s) => s.key === "para-35")!.text).toBe("Our own summary of paragraph 35.");
    const internal = (await draftForExport(stored, "internal"))!;
    const internalModel = await documentModel(internal.gen, { edits: internal.edits, charts: false });
    expect(internalModel.sections.find((s) => s.key === "para-35")!.text).toContain(GP.indSecretariat);
  });
});

describe("DOCX", () => {
  test("word/document.xml: UN front matter, headings, numbered paragraphs, an image per pillar, provenance comments", async () => {
    const result = (await draftDocx({ cycleId: cycle.id, lang: "en", version: "internal" }))!;
    expect(result.stats.images).toBe(2);
    const parts = await unzip(result.buffer);
    const xml = parts.get("word/document.xml")!.toString("utf8");
    const paragraphs = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const headings = (level: number) => paragraphs.filter((p) => p.includes(`<w:pStyle w:val="Heading${level}"/>`)).map(wordText);
    expect(headings(1)).toEqual(["I. Introduction", "II. Advancing crime prevention", "III. Advancing the criminal justice system", "IV. Conclusions", "V. Recommendations", "Annex. States that submitted a report, by regional group"]);
    // With the curated short titles of paragraphs.json (issue 12).
    expect(headings(3)).toEqual([
      "Paragraph 21: Crime prevention strategies addressing root causes",
      "Paragraph 22: Evidence-based crime prevention",
      "Paragraph 35: Detention conditions",
      "Paragraph 36: Prison overcrowding and alternatives to imprisonment",
    ]);
    expect(wordText(xml)).toContain("Report of the Secretary-General");
    expect(wordText(xml)).toContain("[date]");
    expect(wordText(parts.get("word/header1.xml")!.toString("utf8"))).toContain("E/CN.15/");
    expect(wordText(parts.get("word/header1.xml")!.toString("utf8"))).toContain("INTERNAL DRAFT");
    expect(paragraphs.filter((p) => p.includes("<w:numPr>")).length).toBeGreaterThanOrEqual(4 + 2 + 2);
    // Each pillar part (from its heading to the next level-1 heading) holds a drawing.
    for (const pillar of ["II. Advancing crime prevention", "III. Advancing the criminal justice system"]) {
      const start = paragraphs.findIndex((p) => wordText(p) === pillar);
      const end = paragraphs.findIndex((p, i) => i > start && p.includes('w:val="Heading1"'));
      expect(paragraphs.slice(start, end).some((p) => p.includes("<w:drawing>"))).toBe(true);
    }
    expect([...parts.keys()].filter((k) => k.startsWith("word/media/")).length).toBe(2);
    const comments = wordText(parts.get("word/comments.xml")!.toString("utf8"));
    expect(comments).toContain("Questions: kyoto-2021.p35.status");
    expect(comments).toContain("States that reported on the paragraph = 7 of 7");
    expect(wordText(parts.get("word/footnotes.xml")!.toString("utf8"))).toContain("76/181");
  });
});

describe("edit and regenerate", () => {
  test("regenerating after a new acceptance keeps edited text and flags exactly the sections whose figures changed", async () => {
    const id = (await createDraft({ cycleId: cycle.id, kind: "report", lang: "en", scope: {} }, secretariat, null))!;
    const before = (await getDraft(id))!;
    const p21 = before.sections.find((s) => s.key === "para-21")!;
    const audits = await countAuditEvents("draft.section.saved");
    const saved = await saveSection(id, p21.id, "The secretariat's own words on paragraph 21.", p21.revision, secretariat, null);
    expect(saved).toEqual({ ok: true, revision: 2 });
    expect(await countAuditEvents("draft.section.saved")).toBe(audits + 1);
    expect(await saveSection(id, p21.id, "A stale edit.", 1, secretariat, null)).toMatchObject({ ok: false, conflict: { revision: 2 } });
    expect((await sectionRevisions(p21.id)).map((r) => r.revision)).toEqual([2]);

    expect(await regenerateDraft(id, secretariat, null)).toEqual([]);
    // The secretariat excludes Germany's submitted report (it answered paragraphs 21 and 35).
    await setReportExclusion(reportIds.DEU!, "A test submission", secretariat, null);
    const flagged = await regenerateDraft(id, secretariat, null);
    expect(flagged).toEqual(["intro", "pillar-1", "para-21", "pillar-2", "para-35", "annex"]);
    const after = (await getDraft(id))!;
    const p21after = after.sections.find((s) => s.key === "para-21")!;
    expect(p21after.text).toBe("The secretariat's own words on paragraph 21.");
    expect(p21after.changes).toContainEqual({ key: "p21.base", label: "States that reported on the paragraph", old: "7 / 7", new: "6 / 6" });
    expect(after.sections.find((s) => s.key === "para-22")!.changes).toBeNull();
    // Unedited sections read the new sentences.
    expect(after.sections.find((s) => s.key === "para-35")!.generated[0]!.text).toMatch(/^Of the 6 States that reported on paragraph 35/);
  });
});

describe("similar narratives", () => {
  test("groups near-duplicates, Chinese segmented, deterministic, with a representative", () => {
    const texts = [
      "Community policing units were created in every district to prevent crime.",
      "Youth football leagues keep young people away from gangs.",
      "New community policing units in each district prevent crime locally.",
      "社区警务室 在每个区 设立 社区警务 预防犯罪",
      "在每个区设立社区警务室以预防犯罪",
      "Football leagues for young people keep them away from gangs and crime.",
    ];
    const groups = clusterTexts(texts);
    const sets = groups.map((g) => g.members);
    expect(sets).toContainEqual([0, 2]);
    expect(sets).toContainEqual([1, 5]);
    expect(sets).toContainEqual([3, 4]);
    expect(clusterTexts(texts)).toEqual(groups);
    for (const g of groups) expect(g.members).toContain(g.representative);
  });
});
