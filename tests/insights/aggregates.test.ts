/**
 * The insights aggregates and the chart specs built from them, on a small known dataset
 * (tests/setup/insights-data.ts): six accepted reports, one submitted, one draft.
 */
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { disclosedNarratives, groupThemeLevels, insightCycles, needsByParagraph, optionStates, reportsByGroup, statusCounts } from "#app/insights/aggregates.server.ts";
import { changeReportStatus } from "#app/review/review.server.ts";
import { searchNarratives } from "#app/insights/search.server.ts";
import { submitReport, type CycleRow } from "#app/reporting/reports.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { specToCsv, type ChartSpec } from "#app/insights/chart-spec.ts";
import { insightContext, overviewSpecs, paragraphSpecs, pillarSpecs, smallCellThreshold, trendSpec, type InsightContext } from "#app/insights/charts.server.tsx";
import { buildInsightsCycle, GP, NARRATIVE } from "#tests/setup/insights-data.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let cycle: CycleRow;
let reportIds: Record<string, number>;
let acceptedIds: number[];

beforeAll(async () => {
  useTestDatabase();
  const admin = (await findUserByEmail("admin@example.org"))!.id;
  const secretariat = (await findUserByEmail("secretariat@example.org"))!.id;
  ({ cycle, reportIds } = await buildInsightsCycle({ title: "Insights unit cycle", actorUserId: admin, reviewerUserId: secretariat }));
  acceptedIds = ["JPN", "CHN", "IND", "KEN", "NGA", "BRA"].map((s) => reportIds[s]!);
});

const ENV_KEY = "INSIGHTS_MIN_CELL";
const envBefore = process.env[ENV_KEY];
afterEach(() => {
  if (envBefore === undefined) delete process.env[ENV_KEY];
  else process.env[ENV_KEY] = envBefore;
});

/** Rows as { key: n } (states in brackets when asked), sorted for comparison. */
function byKey<T extends { key: string; status: string | null; n: number; states: number }>(rows: T[]) {
  return Object.fromEntries(rows.map((r) => [`${r.key}:${r.status}`, [r.n, r.states]]).sort(([a], [b]) => String(a).localeCompare(String(b))));
}
const asMap = (rows: { option: string; n: number }[]) => Object.fromEntries(rows.map((r) => [r.option, r.n]));

describe("aggregates count accepted reports only", () => {
  test("insightCycles lists the cycle with its six accepted reports", async () => {
    const info = (await insightCycles()).find((c) => c.id === cycle.id);
    expect(info).toMatchObject({ id: cycle.id, accepted: 6 });
    // The demo cycle has no accepted report: not listed.
    expect((await insightCycles()).map((c) => c.id)).not.toContain(1);
  });

  test("statusCounts by pillar: answers (n) and States", async () => {
    expect(byKey(await statusCounts(cycle.id, cycle.versionId, "pillar"))).toEqual({
      "1:fully_implemented": [1, 1],
      "1:in_progress": [3, 3],
      "1:largely_implemented": [4, 3],
      "1:not_applicable": [1, 1],
      "1:not_started": [1, 1],
      "1:planned": [1, 1],
      "2:fully_implemented": [3, 2],
      "2:in_progress": [4, 3],
      "2:largely_implemented": [1, 1],
      "2:not_applicable": [1, 1],
      "2:planned": [2, 2],
    });
  });

  test("statusCounts by paragraph, over the cycle, within a pillar and within one paragraph", async () => {
    const all = byKey(await statusCounts(cycle.id, cycle.versionId, "paragraph"));
    expect(all).toEqual({
      "21:fully_implemented": [1, 1],
      "21:in_progress": [2, 2],
      "21:largely_implemented": [1, 1],
      "21:not_applicable": [1, 1],
      "21:planned": [1, 1],
      "22:in_progress": [1, 1],
      "22:largely_implemented": [3, 3],
      "22:not_started": [1, 1],
      "35:fully_implemented": [2, 2],
      "35:in_progress": [3, 3],
      "35:planned": [1, 1],
      "36:fully_implemented": [1, 1],
      "36:in_progress": [1, 1],
      "36:largely_implemented": [1, 1],
      "36:not_applicable": [1, 1],
      "36:planned": [1, 1],
    });
    const pillar2 = byKey(await statusCounts(cycle.id, cycle.versionId, "paragraph", { pillar: 2 }));
    expect(pillar2).toEqual(Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith("35:") || k.startsWith("36:"))));
    expect(byKey(await statusCounts(cycle.id, cycle.versionId, "paragraph", { ref: "35" }))).toEqual({
      "35:fully_implemented": [2, 2],
      "35:in_progress": [3, 3],
      "35:planned": [1, 1],
    });
    // By theme: 35 and 36 are both theme 9.
    expect(byKey(await statusCounts(cycle.id, cycle.versionId, "theme", { pillar: 2 }))).toEqual({
      "9:fully_implemented": [3, 2],
      "9:in_progress": [4, 3],
      "9:largely_implemented": [1, 1],
      "9:not_applicable": [1, 1],
      "9:planned": [2, 2],
    });
  });

  test("groupThemeLevels: each State's level averaged over the theme, then over the group (not applicable left out)", async () => {
    const sort = (rows: { group: string; theme: number; level: number; states: number }[]) => [...rows].sort((a, b) => a.group.localeCompare(b.group) || a.theme - b.theme);
    expect(sort(await groupThemeLevels(cycle.id, cycle.versionId, 1))).toEqual([
      { group: "african", theme: 1, level: 1.5, states: 2 },
      { group: "african", theme: 2, level: 0, states: 1 },
      { group: "asia_pacific", theme: 1, level: 3, states: 3 },
      { group: "asia_pacific", theme: 2, level: 3, states: 3 },
      // Brazil's 21 is not applicable: no theme-1 cell for its group.
      { group: "latin_american_caribbean", theme: 2, level: 2, states: 1 },
    ]);
    expect(sort(await groupThemeLevels(cycle.id, cycle.versionId, 2))).toEqual([
      { group: "african", theme: 9, level: 1.25, states: 2 },
      { group: "asia_pacific", theme: 9, level: 2.5, states: 3 },
      { group: "latin_american_caribbean", theme: 9, level: 4, states: 1 },
    ]);
  });

  test("optionStates: each State once per option across the paragraphs in scope; 'none' and non-accepted reports left out", async () => {
    const measures = await optionStates(cycle.id, cycle.versionId, "measures");
    expect(asMap(measures)).toEqual({ legislative: 4, training: 3, policy_strategy: 1, programme: 1 });
    expect(measures.map((r) => r.n)).toEqual([4, 3, 1, 1]);
    expect(asMap(await optionStates(cycle.id, cycle.versionId, "measures", { pillar: 1 }))).toEqual({ legislative: 3, training: 3, policy_strategy: 1 });
    expect(asMap(await optionStates(cycle.id, cycle.versionId, "measures", { pillar: 2 }))).toEqual({ legislative: 2, training: 1, programme: 1 });
    expect(asMap(await optionStates(cycle.id, cycle.versionId, "measures", { ref: "21" }))).toEqual({ legislative: 2, training: 2, policy_strategy: 1 });
    expect(asMap(await optionStates(cycle.id, cycle.versionId, "challenges"))).toEqual({ financial_resources: 4, human_resources: 2, coordination: 1 });
    expect(asMap(await optionStates(cycle.id, cycle.versionId, "challenges", { ref: "35" }))).toEqual({ financial_resources: 3, human_resources: 2, coordination: 1 });
    expect(asMap(await optionStates(cycle.id, cycle.versionId, "ta_needed"))).toEqual({ capacity_building: 3, training: 2, funding: 2, research: 1 });
    expect(asMap(await optionStates(cycle.id, cycle.versionId, "ta_needed", { ref: "35" }))).toEqual({ capacity_building: 3, training: 2 });
    expect(asMap(await optionStates(cycle.id, cycle.versionId, "tools_needed"))).toEqual({ handbook: 2, model_law: 1 });
  });

  test("needsByParagraph: States asking for something, most first, ties by paragraph", async () => {
    expect(await needsByParagraph(cycle.id, cycle.versionId, "ta_needed")).toEqual([
      { ref: "35", theme: 9, n: 4 },
      { ref: "21", theme: 1, n: 2 },
      { ref: "22", theme: 2, n: 1 },
      { ref: "36", theme: 9, n: 1 },
    ]);
    expect(await needsByParagraph(cycle.id, cycle.versionId, "tools_needed")).toEqual([{ ref: "21", theme: 1, n: 2 }]);
  });

  test("reportsByGroup counts every report by status (the response-rate chart)", async () => {
    const rows = (await reportsByGroup(cycle.id)).map((r) => `${r.group}:${r.status}:${r.n}`).sort();
    expect(rows).toEqual(["african:accepted:2", "asia_pacific:accepted:3", "latin_american_caribbean:accepted:1", "weog:draft:1", "weog:submitted:1"]);
  });
});

describe("disclosure", () => {
  const gp = async (viewer: "public" | "commission" | "secretariat", refs?: string[]) =>
    (await disclosedNarratives([cycle.id], viewer, { questionKeys: ["good_practice"], refs })).map((r) => [r.paragraphRef, r.stateIso3, r.disclosure, r.value]);

  test("public sees only what was made public, the per-answer override included", async () => {
    expect(await gp("public")).toEqual([
      ["21", "KEN", "public", GP.kenPublic21],
      ["21", "NGA", "public", GP.ngaPublicOverride],
      ["35", "JPN", "public", GP.jpnPublic],
    ]);
  });

  test("commission sees public and commission", async () => {
    expect(await gp("commission")).toEqual([
      ["21", "KEN", "public", GP.kenPublic21],
      ["21", "NGA", "public", GP.ngaPublicOverride],
      ["35", "BRA", "commission", GP.braCommission],
      ["35", "CHN", "commission", GP.chnCommission],
      ["35", "JPN", "public", GP.jpnPublic],
    ]);
  });

  test("the secretariat sees every accepted narrative; never a submitted or draft one", async () => {
    const all = await gp("secretariat");
    expect(all).toEqual([
      ["21", "KEN", "public", GP.kenPublic21],
      ["21", "NGA", "public", GP.ngaPublicOverride],
      ["35", "BRA", "commission", GP.braCommission],
      ["35", "CHN", "commission", GP.chnCommission],
      ["35", "IND", "secretariat", GP.indSecretariat],
      ["35", "JPN", "public", GP.jpnPublic],
      ["35", "KEN", "secretariat", GP.kenSecretariatOverride],
      ["35", "NGA", "secretariat", GP.ngaSecretariat],
    ]);
    expect(JSON.stringify(all)).not.toContain(GP.deuSubmittedOnly);
    expect(JSON.stringify(all)).not.toContain(GP.fraDraftOnly);
  });

  test("secretariat-only narratives (by report or by override) never reach public or commission, whatever the filter", async () => {
    const secret = [GP.indSecretariat, GP.kenSecretariatOverride, GP.ngaSecretariat];
    for (const viewer of ["public", "commission"] as const) {
      const rows = await disclosedNarratives([cycle.id], viewer, { questionKeys: ["good_practice", "description", "challenges_text"], refs: ["21", "35"], reportIds: acceptedIds });
      for (const s of secret) expect(JSON.stringify(rows)).not.toContain(s);
      // India's challenges (report: secretariat) too.
      expect(JSON.stringify(rows)).not.toContain(NARRATIVE.indChallenges);
    }
    expect(await gp("public", ["35"])).toEqual([["35", "JPN", "public", GP.jpnPublic]]);
  });
});

describe("searchNarratives (FTS5)", () => {
  test("finds an accepted narrative by a word", async () => {
    const hits = await searchNarratives("restorative", acceptedIds);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ reportId: reportIds.JPN, questionId: "kyoto-2021.p21.description" });
    const practice = await searchNarratives("quillwort", acceptedIds);
    expect(practice.map((h) => [h.reportId, h.questionId])).toEqual([[reportIds.IND, "kyoto-2021.p35.good_practice"]]);
  });

  test("the snippet shows the whole word that matched and the words around it", async () => {
    // Trigram tokens are characters: snippet(..., 24) keeps about 24 characters, cut mid-word.
    const [hit] = await searchNarratives("restorative", acceptedIds);
    expect(hit!.snippet).toContain("[restorative]");
    expect(hit!.snippet).toContain("justice circles");
  });

  test("every word must match, in any order", async () => {
    expect((await searchNarratives("justice restorative", acceptedIds)).map((h) => h.reportId)).toEqual([reportIds.JPN]);
    expect(await searchNarratives("restorative kingfisher", acceptedIds)).toEqual([]);
  });

  test("a word only in a submitted or draft report's narrative is not found, even when its report id is passed", async () => {
    const everyId = Object.values(reportIds);
    for (const word of ["zebrafinch", "albatross", "kingfisher", "pelican"]) expect(await searchNarratives(word, everyId), word).toEqual([]);
  });

  test("only the given reports' hits are returned", async () => {
    expect(await searchNarratives("restorative", acceptedIds.filter((id) => id !== reportIds.JPN))).toEqual([]);
    expect(await searchNarratives("restorative", [])).toEqual([]);
  });

  test("a reopened report leaves the index; accepted again, it is back", async () => {
    const secretariat = (await findUserByEmail("secretariat@example.org"))!.id;
    const india = (await findUserByEmail("admin@example.org"))!.id;
    await changeReportStatus(reportIds.IND!, "reopen", secretariat, null);
    try {
      expect(await searchNarratives("forensic", acceptedIds)).toEqual([]);
    } finally {
      // Back to the State, submitted again as it was, and accepted again.
      await submitReport(reportIds.IND!, india, crypto.randomUUID(), null, { level: "secretariat", overrides: {} });
      await changeReportStatus(reportIds.IND!, "accept", secretariat, null);
    }
    expect((await searchNarratives("forensic", acceptedIds)).map((h) => [h.reportId, h.questionId])).toEqual([[reportIds.IND, "kyoto-2021.p35.challenges_text"]]);
  });

  test("a 2-character query falls back to a substring scan and still works (Chinese included)", async () => {
    expect((await searchNarratives("警务", acceptedIds)).map((h) => [h.reportId, h.questionId])).toEqual([[reportIds.CHN, "kyoto-2021.p35.description"]]);
    // Three characters and more go through the trigram index.
    expect((await searchNarratives("警务室", acceptedIds)).map((h) => h.reportId)).toEqual([reportIds.CHN]);
  });

  test("a query mixing a short and a long word still finds the narrative with both", async () => {
    expect((await searchNarratives("UN police", acceptedIds)).map((h) => h.reportId)).toEqual([reportIds.CHN]);
  });

  test("FTS syntax in a query never throws", async () => {
    const queries = ['"', '""', '"""', "*", "polic*", "NEAR(", "NEAR(police training)", "police OR", "AND", "(", ")", "-police", "^police", "body:police", "{body}: x", "'; drop table answers; --", "a\"b\"c", "💥💥💥", "%_%", "\\"];
    for (const q of queries) await expect(searchNarratives(q, acceptedIds), q).resolves.toBeInstanceOf(Array);
    // A quoted star is a literal: no prefix search on "polic".
    expect(await searchNarratives("polic*", acceptedIds)).toEqual([]);
    expect((await searchNarratives("NEAR(police", acceptedIds)).length).toBe(0);
  });
});

/* ------------------------------------------------------------------ chart specs */

const values = (spec: ChartSpec) => Object.fromEntries(spec.rows.map((r) => [r.key, r.values]));
const specOf = (specs: ChartSpec[], id: string) => {
  const s = specs.find((x) => x.id === id);
  if (!s) throw new Error(`No chart ${id} in ${specs.map((x) => x.id).join(", ")}`);
  return s;
};
const S0 = { not_started: 0, planned: 0, in_progress: 0, largely_implemented: 0, fully_implemented: 0, not_applicable: 0 };
async function context(viewer: "public" | "commission" | "secretariat"): Promise<InsightContext> {
  const c = await insightContext(String(cycle.id), "en", viewer);
  if (!c) throw new Error("no insight context");
  return c;
}

describe("chart specs and small-cell suppression", () => {
  test("no context for a cycle without accepted reports or a bad id", async () => {
    expect(await insightContext("1", "en", "public")).toBeNull();
    for (const bad of ["abc", "0", "-1", "1.5", "", undefined, "99999"]) expect(await insightContext(bad, "en", "public"), String(bad)).toBeNull();
  });

  test("the threshold comes from INSIGHTS_MIN_CELL (3 by default, 3 when invalid)", () => {
    delete process.env[ENV_KEY];
    expect(smallCellThreshold()).toBe(3);
    process.env[ENV_KEY] = "5";
    expect(smallCellThreshold()).toBe(5);
    for (const bad of ["0", "-2", "2.5", "abc"]) {
      process.env[ENV_KEY] = bad;
      expect(smallCellThreshold(), bad).toBe(3);
    }
  });

  test("public overview: cells from 1–2 States are null and the spec says it is suppressed", async () => {
    delete process.env[ENV_KEY];
    const c = await context("public");
    expect(c).toMatchObject({ viewer: "public", threshold: 3, states: 6 });
    const specs = await overviewSpecs(c);
    expect(specs.map((s) => s.id)).toEqual(["reports-by-group", "status-by-pillar", "ta-paragraphs", "tools-paragraphs", "ta-themes"]);

    expect(values(specOf(specs, "reports-by-group"))).toEqual({
      african: { started: 2, submitted: 2, accepted: 2 },
      asia_pacific: { started: 3, submitted: 3, accepted: 3 },
      eastern_european: { started: 0, submitted: 0, accepted: 0 },
      latin_american_caribbean: { started: 1, submitted: 1, accepted: 1 },
      weog: { started: 2, submitted: 1, accepted: 0 },
    });

    const pillars = specOf(specs, "status-by-pillar");
    expect(pillars.rows.map((r) => r.key)).toEqual(["1", "2"]);
    expect(values(pillars)).toEqual({
      "1": { not_started: null, planned: null, in_progress: 3, largely_implemented: 4, fully_implemented: null, not_applicable: null },
      "2": { not_started: 0, planned: null, in_progress: 4, largely_implemented: null, fully_implemented: null, not_applicable: null },
    });
    expect(pillars).toMatchObject({ suppressed: true, threshold: 3, states: 6 });

    const ta = specOf(specs, "ta-paragraphs");
    expect(values(ta)).toEqual({ "35": { n: 4 }, "21": { n: null }, "22": { n: null }, "36": { n: null } });
    expect(ta.suppressed).toBe(true);
    expect(ta.summary).toBe("Paragraph 35 comes first, with 4 States asking for assistance.");
    const tools = specOf(specs, "tools-paragraphs");
    expect(values(tools)).toEqual({ "21": { n: null } });
    expect(tools.suppressed).toBe(true);
  });

  test("public overview: the ta-themes chart suppresses themes whose requests come from fewer than 3 States", async () => {
    delete process.env[ENV_KEY];
    const themes = specOf(await overviewSpecs(await context("public")), "ta-themes");
    // Theme 9: paragraphs 35 (4 States) and 36 (1 State) → 5 requests from 4 States.
    // Theme 1: 2 requests from India and Kenya; theme 2: 1 request from Nigeria.
    expect(values(themes)).toEqual({ "9": { n: 5 }, "1": { n: null }, "2": { n: null } });
    expect(themes.suppressed).toBe(true);
  });

  test("public overview: a chart's summary never states a count its table hides", async () => {
    delete process.env[ENV_KEY];
    const tools = specOf(await overviewSpecs(await context("public")), "tools-paragraphs");
    expect(values(tools)["21"]).toEqual({ n: null });
    // The table says "fewer than 3": the summary must not say "2 States".
    expect(tools.summary).not.toMatch(/\b2 States\b/);
  });

  test("secretariat overview: nothing suppressed", async () => {
    delete process.env[ENV_KEY];
    const c = await context("secretariat");
    expect(c.threshold).toBe(0);
    const specs = await overviewSpecs(c);
    expect(values(specOf(specs, "status-by-pillar"))).toEqual({
      "1": { not_started: 1, planned: 1, in_progress: 3, largely_implemented: 4, fully_implemented: 1, not_applicable: 1 },
      "2": { not_started: 0, planned: 2, in_progress: 4, largely_implemented: 1, fully_implemented: 3, not_applicable: 1 },
    });
    expect(values(specOf(specs, "ta-paragraphs"))).toEqual({ "35": { n: 4 }, "21": { n: 2 }, "22": { n: 1 }, "36": { n: 1 } });
    expect(values(specOf(specs, "tools-paragraphs"))).toEqual({ "21": { n: 2 } });
    expect(values(specOf(specs, "ta-themes"))).toEqual({ "9": { n: 5 }, "1": { n: 2 }, "2": { n: 1 } });
    for (const s of specs) expect(s.suppressed, s.id).toBe(false);
  });

  test("commission viewers (State users) see unsuppressed figures too", async () => {
    delete process.env[ENV_KEY];
    const c = await context("commission");
    expect(c.threshold).toBe(0);
    for (const s of await paragraphSpecs(c, "35")) expect(s.suppressed, s.id).toBe(false);
  });

  test("public pillar page: status by paragraph, heat map by group × theme, options", async () => {
    delete process.env[ENV_KEY];
    const specs = await pillarSpecs(await context("public"), 1);
    expect(specs.map((s) => s.id)).toEqual(["status-by-paragraph", "heatmap-group-theme", "measures", "challenges", "ta-types"]);
    expect(values(specOf(specs, "status-by-paragraph"))).toEqual({
      "21": { not_started: 0, planned: null, in_progress: null, largely_implemented: null, fully_implemented: null, not_applicable: null },
      "22": { not_started: null, planned: 0, in_progress: null, largely_implemented: 3, fully_implemented: 0, not_applicable: 0 },
    });
    const heat = specOf(specs, "heatmap-group-theme");
    expect(heat.categories.map((x) => x.key)).toEqual(["1", "2"]);
    const heatValues = values(heat);
    expect(heatValues.african).toEqual({ "1": null, "2": null });
    expect(heatValues.asia_pacific).toEqual({ "1": 3, "2": 3 });
    expect(heatValues.latin_american_caribbean!["2"]).toBeNull();
    expect(heatValues.latin_american_caribbean!["1"]).toBeUndefined();
    expect(heat.suppressed).toBe(true);
    const measures = values(specOf(specs, "measures"));
    expect(measures.legislative).toEqual({ n: 3 });
    expect(measures.training).toEqual({ n: 3 });
    expect(measures.policy_strategy).toEqual({ n: null });
    expect(measures.judicial).toEqual({ n: 0 });
    const challenges = values(specOf(specs, "challenges"));
    expect(challenges.financial_resources).toEqual({ n: null });
    const ta = values(specOf(specs, "ta-types"));
    expect(ta).not.toHaveProperty("none");
    expect(ta.capacity_building).toEqual({ n: null }); // Kenya in 21 only, within pillar 1 (CHN, IND ask in 35).
    expect(ta.funding).toEqual({ n: null });
  });

  test("secretariat pillar page: the heat map shows every average", async () => {
    delete process.env[ENV_KEY];
    const specs = await pillarSpecs(await context("secretariat"), 2);
    const heat = values(specOf(specs, "heatmap-group-theme"));
    expect(heat.african).toEqual({ "9": 1.25 });
    expect(heat.asia_pacific).toEqual({ "9": 2.5 });
    expect(heat.latin_american_caribbean).toEqual({ "9": 4 });
    expect(values(specOf(specs, "status-by-paragraph"))).toEqual({
      "35": { ...S0, planned: 1, in_progress: 3, fully_implemented: 2 },
      "36": { ...S0, planned: 1, in_progress: 1, largely_implemented: 1, fully_implemented: 1, not_applicable: 1 },
    });
  });

  test("public paragraph page: only cells from 3 States or more", async () => {
    delete process.env[ENV_KEY];
    const specs = await paragraphSpecs(await context("public"), "35");
    expect(specs.map((s) => s.id)).toEqual(["status", "measures", "challenges", "ta-types", "tools"]);
    expect(values(specOf(specs, "status"))).toEqual({ "35": { ...S0, in_progress: 3, fully_implemented: null, planned: null } });
    const measures = values(specOf(specs, "measures"));
    expect([measures.legislative, measures.training, measures.programme]).toEqual([{ n: null }, { n: null }, { n: null }]);
    const challenges = values(specOf(specs, "challenges"));
    expect([challenges.financial_resources, challenges.human_resources, challenges.coordination]).toEqual([{ n: 3 }, { n: null }, { n: null }]);
    expect(values(specOf(specs, "ta-types")).capacity_building).toEqual({ n: 3 });
    expect(values(specOf(specs, "ta-types")).training).toEqual({ n: null });
    const tools = specOf(specs, "tools");
    expect(Object.values(values(tools)).every((v) => v.n === 0)).toBe(true);
    expect(tools.suppressed).toBe(false);
    for (const id of ["status", "measures", "challenges", "ta-types"]) expect(specOf(specs, id).suppressed, id).toBe(true);
  });

  test("secretariat paragraph page: the same cells, not suppressed", async () => {
    delete process.env[ENV_KEY];
    const specs = await paragraphSpecs(await context("secretariat"), "35");
    expect(values(specOf(specs, "status"))).toEqual({ "35": { ...S0, in_progress: 3, fully_implemented: 2, planned: 1 } });
    const measures = values(specOf(specs, "measures"));
    expect([measures.legislative, measures.training, measures.programme]).toEqual([{ n: 2 }, { n: 1 }, { n: 1 }]);
    for (const s of specs) expect(s.suppressed, s.id).toBe(false);
  });

  test("the threshold follows INSIGHTS_MIN_CELL", async () => {
    process.env[ENV_KEY] = "2";
    let c = await context("public");
    expect(c.threshold).toBe(2);
    let specs = await paragraphSpecs(c, "35");
    expect(values(specOf(specs, "status"))).toEqual({ "35": { ...S0, in_progress: 3, fully_implemented: 2, planned: null } });
    expect(values(specOf(specs, "measures")).legislative).toEqual({ n: 2 });
    expect(specOf(specs, "status")).toMatchObject({ threshold: 2, suppressed: true });

    process.env[ENV_KEY] = "1";
    c = await context("public");
    specs = [...(await paragraphSpecs(c, "35")), ...(await pillarSpecs(c, 1)), ...(await pillarSpecs(c, 2))];
    for (const s of specs) expect(s.suppressed, s.id).toBe(false);
    expect(values(specOf(specs, "status"))).toEqual({ "35": { ...S0, in_progress: 3, fully_implemented: 2, planned: 1 } });

    process.env[ENV_KEY] = "4";
    c = await context("public");
    specs = await paragraphSpecs(c, "35");
    expect(values(specOf(specs, "status"))).toEqual({ "35": { ...S0, in_progress: null, fully_implemented: null, planned: null } });
    expect(values(specOf(specs, "challenges")).financial_resources).toEqual({ n: null });
    // The secretariat is never suppressed, whatever the threshold.
    expect(values(specOf(await paragraphSpecs(await context("secretariat"), "35"), "status"))).toEqual({ "35": { ...S0, in_progress: 3, fully_implemented: 2, planned: 1 } });
  });

  test("a raised threshold hides the top paragraph's count in the summary as in the table", async () => {
    process.env[ENV_KEY] = "5";
    const ta = specOf(await overviewSpecs(await context("public")), "ta-paragraphs");
    expect(values(ta)["35"]).toEqual({ n: null });
    expect(ta.summary).not.toMatch(/\b4 States\b/);
  });
});

describe("trend over cycles", () => {
  test("a cycle's average from fewer than 3 States is suppressed in public, shown to the secretariat", async () => {
    delete process.env[ENV_KEY];
    expect(await trendSpec(await context("public"), { ref: "35" })).toBeNull();
    const admin = (await findUserByEmail("admin@example.org"))!.id;
    const secretariat = (await findUserByEmail("secretariat@example.org"))!.id;
    const later = await buildInsightsCycle({
      title: "Insights unit cycle, later",
      refs: ["35"],
      actorUserId: admin,
      reviewerUserId: secretariat,
      plans: [{ iso3: "POL", fate: "accepted", level: "public", answers: { "35.status": "fully_implemented" } }],
    });
    // Paragraph 35 in the first cycle: (2×4 + 3×2 + 1×1) / 6 = 2.5; in the later one, Poland alone: 4.
    const open = (await trendSpec(await context("secretariat"), { ref: "35" }))!;
    expect(open.rows.map((r) => [r.key, r.values.level])).toEqual([
      [String(cycle.id), 2.5],
      [String(later.cycle.id), 4],
    ]);
    const pub = (await trendSpec(await context("public"), { ref: "35" }))!;
    expect(pub.rows.map((r) => [r.key, r.values.level])).toEqual([
      [String(cycle.id), 2.5],
      [String(later.cycle.id), null],
    ]);
    expect(pub.suppressed).toBe(true);
  });
});

/* ------------------------------------------------------------------ CSV */

describe("specToCsv", () => {
  test("BOM, header of categories, a row per row, 'fewer than 3' for suppressed cells", async () => {
    delete process.env[ENV_KEY];
    const status = specOf(await paragraphSpecs(await context("public"), "35"), "status");
    const csv = specToCsv(status, "fewer than 3");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([",Not started,Planned,In progress,Largely implemented,Fully implemented,Not applicable", "Paragraph 35,0,fewer than 3,3,0,fewer than 3,0", ""]);
  });

  test("heat maps print their scale's decimals; empty cells stay empty", async () => {
    delete process.env[ENV_KEY];
    const heat = specOf(await pillarSpecs(await context("secretariat"), 2), "heatmap-group-theme");
    const lines = specToCsv(heat, "fewer than 3").slice(1).split("\r\n");
    expect(lines[0]).toBe(`,${heat.categories[0]!.label}`);
    expect(lines.slice(1, 6)).toEqual(["African States,1.3", "Asia-Pacific States,2.5", "Eastern European States,", "Latin American and Caribbean States,4", "Western European and other States,"]);
  });

  test("labels that would run as spreadsheet formulas are neutralised; quotes and commas are escaped", () => {
    const spec: ChartSpec = {
      id: "t",
      kind: "bar",
      title: "t",
      summary: "",
      unit: "States",
      states: 3,
      dataAsOf: null,
      categories: [
        { key: "n", label: "=SUM(A1:A9)", color: "" },
        { key: "m", label: 'Say "hi", then', color: "" },
      ],
      rows: [
        { key: "a", label: "=HYPERLINK(\"http://evil\",\"x\")", values: { n: 1, m: null } },
        { key: "b", label: "+1", values: { n: 2, m: 3 } },
        { key: "c", label: "-1", values: { n: 0, m: 0 } },
        { key: "d", label: "@cmd", values: { n: 4, m: 4 } },
        { key: "e", label: "\tTab", values: { n: 5 } },
        { key: "f", label: "Plain, with comma", values: { n: 6, m: 6 } },
      ],
    };
    const lines = specToCsv(spec, "fewer than 3").slice(1).split("\r\n");
    expect(lines).toEqual([
      `,'=SUM(A1:A9),"Say ""hi"", then"`,
      `"'=HYPERLINK(""http://evil"",""x"")",1,fewer than 3`,
      "'+1,2,3",
      "'-1,0,0",
      "'@cmd,4,4",
      "'\tTab,5,",
      `"Plain, with comma",6,6`,
      "",
    ]);
  });
});
