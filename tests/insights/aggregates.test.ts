/**
 * The insights figures on a small known dataset (tests/setup/insights-data.ts): ten counted
 * reports (seven accepted, two submitted, one under clarification), one draft. Every expected
 * figure below is worked out by hand from the plans.
 */
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { countedRows, disclosedNarratives, insightCycles, reportsByGroup, respondents } from "#app/insights/aggregates.server.ts";
import { setReportExclusion } from "#app/insights/counted.server.ts";
import { searchNarratives } from "#app/insights/search.server.ts";
import { submitReport, type CycleRow } from "#app/reporting/reports.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { specToCsv, type ChartSpec } from "#app/insights/chart-spec.ts";
import { insightContext, overviewSpecs, paragraphSpecs, pillarSpecs, standardsSpecs, trendSpec, type InsightContext } from "#app/insights/charts.server.tsx";
import { buildInsightsCycle, GP, NARRATIVE, PLANS } from "#tests/setup/insights-data.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let cycle: CycleRow;
let reportIds: Record<string, number>;
let countedIds: number[];
let admin = 0;
/** Reports of the tiny cycles: excluded before the trend test, so that they do not shrink its panel. */
const tinyReports: number[] = [];
let secretariat = 0;

const COUNTED = ["JPN", "CHN", "IND", "KEN", "NGA", "BRA", "DEU", "MEX", "ARG", "ITA"];

beforeAll(async () => {
  useTestDatabase();
  delete process.env.INSIGHTS_MIN_CELL;
  delete process.env.INSIGHTS_MIN_REPORTS;
  admin = (await findUserByEmail("admin@example.org"))!.id;
  secretariat = (await findUserByEmail("secretariat@example.org"))!.id;
  ({ cycle, reportIds } = await buildInsightsCycle({ title: "Insights unit cycle", actorUserId: admin, reviewerUserId: secretariat }));
  countedIds = COUNTED.map((s) => reportIds[s]!);
});

const envBefore = { cell: process.env.INSIGHTS_MIN_CELL, reports: process.env.INSIGHTS_MIN_REPORTS };
afterEach(() => {
  for (const [k, v] of [["INSIGHTS_MIN_CELL", envBefore.cell], ["INSIGHTS_MIN_REPORTS", envBefore.reports]] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function context(viewer: "public" | "commission" | "secretariat", id = cycle.id): Promise<InsightContext> {
  const c = await insightContext(String(id), "en", viewer);
  if (!c) throw new Error("no insight context");
  return c;
}
const specOf = (specs: ChartSpec[], id: string) => {
  const s = specs.find((x) => x.id === id);
  if (!s) throw new Error(`No chart ${id} in ${specs.map((x) => x.id).join(", ")}`);
  return s;
};
const rowOf = (spec: ChartSpec, key: string) => {
  const r = spec.rows.find((x) => x.key === key);
  if (!r) throw new Error(`No row ${key} in ${spec.id}`);
  return r;
};

describe("what counts", () => {
  test("every submitted report counts (accepted, submitted, under clarification); a draft does not", async () => {
    const info = (await insightCycles()).find((c) => c.id === cycle.id)!;
    expect(info).toMatchObject({ counted: 10, excluded: 0 });
    expect((await respondents(cycle.id)).map((r) => r.iso3).sort()).toEqual([...COUNTED].sort());
  });

  test("a report under clarification counts with its last submission, not with the edits made since", async () => {
    const rows = await countedRows(cycle.id, cycle.versionId, ["status"]);
    expect(rows.find((r) => r.state === "ITA" && r.ref === "35")?.value).toBe("planned");
    const gps = await disclosedNarratives([cycle.id], "secretariat", { questionKeys: ["good_practice"] });
    expect(gps.map((g) => g.value)).toContain(GP.itaSubmitted);
    expect(JSON.stringify(gps)).not.toContain(GP.itaUnsubmittedEdit);
    expect(await searchNarratives("cormorant", countedIds)).toEqual([]);
    expect((await searchNarratives("heron", countedIds)).map((h) => h.reportId)).toEqual([reportIds.ITA]);
  });

  test("paragraph 35 by status: shares of the 10 States that answered, hand-computed", async () => {
    const status = specOf(await paragraphSpecs(await context("secretariat"), "35"), "status");
    const row = rowOf(status, "35");
    expect(row.n).toBe(10);
    expect(row.counts).toEqual({ not_started: 0, planned: 2, in_progress: 3, largely_implemented: 2, fully_implemented: 3, not_applicable: 0 });
    expect(row.values).toEqual({ not_started: 0, planned: 20, in_progress: 30, largely_implemented: 20, fully_implemented: 30, not_applicable: 0 });
    expect(row.label).toMatch(/^35 · /);
  });

  test("excluding a report needs a reason, is audited, takes it out of every figure and the methodology says so", async () => {
    await setReportExclusion(reportIds.ARG!, "duplicate: the same answers as report 12", secretariat, null);
    try {
      const c = await context("secretariat");
      expect(c).toMatchObject({ states: 9, excluded: 1 });
      expect(rowOf(specOf(await paragraphSpecs(c, "35"), "status"), "35").n).toBe(9);
      // How many, and why by kind; never the secretariat's written details.
      const notes = (await overviewSpecs(c))[0]!.notes!.join(" ");
      expect(notes).toContain("1 report excluded (duplicate)");
      expect(notes).not.toContain("report 12");
      // Nine States count: below the default 10, the public sees nothing broken down.
      const pub = await context("public");
      expect(pub.published).toBe(false);
      expect(await overviewSpecs(pub)).toEqual([]);
      const audit = getDb().all<{ action: string }>(sql`select action from audit_events where entity_id = ${String(reportIds.ARG)} and action = 'report.excluded'`);
      expect(audit).toHaveLength(1);
    } finally {
      await setReportExclusion(reportIds.ARG!, null, secretariat, null);
    }
    expect((await context("secretariat")).states).toBe(10);
  });

  test("carried-over answers (prefilled, never confirmed) do not count", async () => {
    getDb().run(sql`update counted_answers set carried_over = 1 where report_id = ${reportIds.JPN} and question_id = 'kyoto-2021.p35.status'`);
    try {
      const rows = await countedRows(cycle.id, cycle.versionId, ["status"]);
      expect(rows.filter((r) => r.ref === "35")).toHaveLength(9);
      expect(rows.some((r) => r.state === "JPN" && r.ref === "35")).toBe(false);
    } finally {
      getDb().run(sql`update counted_answers set carried_over = 0 where report_id = ${reportIds.JPN}`);
    }
  });

  test("reportsByGroup keeps every status for the response chart", async () => {
    const rows = (await reportsByGroup(cycle.id)).map((r) => `${r.group}:${r.status}:${r.n}`).sort();
    expect(rows).toEqual([
      "african:accepted:2",
      "asia_pacific:accepted:3",
      "latin_american_caribbean:accepted:2",
      "latin_american_caribbean:submitted:1",
      "weog:clarification_requested:1",
      "weog:draft:1",
      "weog:submitted:1",
    ]);
  });
});

describe("consent: a good practice leaves the secretariat only with the State's explicit Yes", () => {
  const gp = async (viewer: "public" | "commission" | "secretariat") => (await disclosedNarratives([cycle.id], viewer, { questionKeys: ["good_practice"] })).map((r) => `${r.paragraphRef}:${r.stateIso3}:${r.disclosure}`);

  test("public: consented and public only", async () => {
    expect(await gp("public")).toEqual(["21:KEN:public", "21:NGA:public", "35:DEU:public", "35:ITA:public", "35:JPN:public"]);
  });

  test("commission: public and commission, consented", async () => {
    expect(await gp("commission")).toEqual(["21:KEN:public", "21:NGA:public", "35:BRA:commission", "35:CHN:commission", "35:DEU:public", "35:ITA:public", "35:JPN:public"]);
  });

  test("a public report whose State answered No, or did not answer, keeps its good practice with the secretariat", async () => {
    for (const viewer of ["public", "commission"] as const) {
      const text = JSON.stringify(await disclosedNarratives([cycle.id], viewer, { questionKeys: ["good_practice", "description", "challenges_text"], reportIds: countedIds }));
      for (const s of [GP.mexRefused, GP.argUnanswered, GP.indSecretariat, GP.kenSecretariatOverride, GP.ngaSecretariat, GP.fraDraftOnly, NARRATIVE.indChallenges, NARRATIVE.fraDescription]) expect(text, `${viewer}: ${s}`).not.toContain(s);
    }
    const all = await gp("secretariat");
    expect(all).toContain("35:MEX:secretariat");
    expect(all).toContain("35:ARG:secretariat");
  });

  test("below INSIGHTS_MIN_REPORTS no narrative is shown outside the secretariat", async () => {
    process.env.INSIGHTS_MIN_REPORTS = "11";
    expect(await gp("public")).toEqual([]);
    expect(await gp("commission")).toEqual([]);
    expect((await gp("secretariat")).length).toBeGreaterThan(0);
  });
});

describe("no State singled out", () => {
  test("public paragraph 35: cells of 2 States hidden (two in the row, so neither follows from n)", async () => {
    const row = rowOf(specOf(await paragraphSpecs(await context("public"), "35"), "status"), "35");
    expect(row.n).toBe(10);
    expect(row.counts).toEqual({ not_started: 0, planned: null, in_progress: 3, largely_implemented: null, fully_implemented: 3, not_applicable: 0 });
    expect(row.values).toEqual({ not_started: 0, planned: null, in_progress: 30, largely_implemented: null, fully_implemented: 30, not_applicable: 0 });
  });

  test("commission viewers get the same protection as the public; the secretariat none", async () => {
    const commission = rowOf(specOf(await paragraphSpecs(await context("commission"), "35"), "status"), "35");
    expect(commission.counts!.planned).toBeNull();
    const open = rowOf(specOf(await paragraphSpecs(await context("secretariat"), "35"), "status"), "35");
    expect(open.counts!.planned).toBe(2);
  });

  test("a regional group with fewer than INSIGHTS_MIN_REPORTS States is not shown", async () => {
    // Every group has fewer than 10 counted States here.
    const byGroup = specOf(await pillarSpecs(await context("public"), 2), "status-by-group");
    expect(byGroup.rows).toEqual([]);
    expect(byGroup.summary).toContain("5 groups with fewer than 10 States reporting are not shown");
    expect(specOf(await pillarSpecs(await context("secretariat"), 2), "status-by-group").rows.map((r) => r.key)).toEqual(["african", "asia_pacific", "latin_american_caribbean", "weog"]);
  });

  for (const n of [1, 2]) {
    test(`a ${n}-report cycle publishes nothing broken down: no chart, no good practice, no group`, async () => {
      const plans = PLANS.filter((p) => ["JPN", "KEN"].includes(p.iso3)).slice(0, n);
      const small = await buildInsightsCycle({ title: `Tiny cycle ${n}`, plans, actorUserId: admin, reviewerUserId: secretariat });
      tinyReports.push(...Object.values(small.reportIds));
      const c = await context("public", small.cycle.id);
      expect(c).toMatchObject({ published: false, states: n });
      expect(await overviewSpecs(c)).toEqual([]);
      expect(await pillarSpecs(c, 1)).toEqual([]);
      expect(await pillarSpecs(c, 2)).toEqual([]);
      expect(await paragraphSpecs(c, "35")).toEqual([]);
      expect(await trendSpec(c, { pillar: 2 })).toEqual([]);
      expect(await standardsSpecs(c)).toEqual([]);
      expect(await disclosedNarratives([small.cycle.id], "public", { questionKeys: ["good_practice"] })).toEqual([]);
      expect(await disclosedNarratives([small.cycle.id], "commission", { questionKeys: ["good_practice"] })).toEqual([]);
      // The secretariat sees it all.
      const open = await context("secretariat", small.cycle.id);
      expect(rowOf(specOf(await paragraphSpecs(open, "35"), "status"), "35").n).toBe(n);
    });
  }
});

describe("shares with denominators", () => {
  test("multi-select options are the % of the States that answered in that paragraph (a State counted once per paragraph)", async () => {
    // 35.measures: JPN [legislative], KEN [training, legislative], NGA [programme], MEX [legislative, training], ARG [legislative], ITA [legislative, training]: n = 6.
    const measures = specOf(await paragraphSpecs(await context("secretariat"), "35"), "measures");
    const legislative = rowOf(measures, "legislative");
    expect([legislative.n, legislative.counts!.share, legislative.values.share]).toEqual([6, 5, (5 / 6) * 100]);
    expect(rowOf(measures, "training").counts!.share).toBe(3);
    expect(rowOf(measures, "programme").counts!.share).toBe(1);
  });

  test("pillar comparisons average the per-paragraph shares (each paragraph weighs the same)", async () => {
    // Pillar 2 = paragraphs 35 and 36. 36: JPN largely, IND in_progress, KEN planned, NGA n/a, BRA fully: n = 5.
    // fully: (30 + 20) / 2 = 25; in_progress: (30 + 20) / 2 = 25; planned: (20 + 20) / 2 = 20;
    // largely: (20 + 20) / 2 = 20; not applicable: (0 + 20) / 2 = 10.
    const pillars = specOf(await overviewSpecs(await context("secretariat")), "status-by-pillar");
    expect(rowOf(pillars, "2").values).toEqual({ not_started: 0, planned: 20, in_progress: 25, largely_implemented: 20, fully_implemented: 25, not_applicable: 10 });
    expect(pillars.percent).toBe(true);
  });

  test("technical assistance by paragraph is the % of States asking, of those that answered; not applicable left out", async () => {
    // 35.ta_needed: CHN, IND, KEN, NGA ask: 4 of 4. 21.ta_needed: JPN none, IND funding, KEN capacity, DEU funding,
    // BRA none (BRA's 21 is not applicable: left out): 3 of 4.
    const ta = specOf(await overviewSpecs(await context("secretariat")), "ta-paragraphs");
    expect([rowOf(ta, "35").counts!.any, rowOf(ta, "35").n]).toEqual([4, 4]);
    expect([rowOf(ta, "21").counts!.any, rowOf(ta, "21").n]).toEqual([3, 4]);
    expect(ta.rows[0]!.key).toBe("35");
  });

  test("the status-by-group view is a distribution per group, not an averaged level", async () => {
    const spec = specOf(await pillarSpecs(await context("secretariat"), 2), "status-by-group");
    // African, pillar 2: KEN 35 in_progress, 36 planned; NGA 35 planned, 36 n/a: 4 answers.
    const african = rowOf(spec, "african");
    expect(african.n).toBe(4);
    expect(african.values).toMatchObject({ in_progress: 25, planned: 50, not_applicable: 25 });
    expect(spec.kind).toBe("stacked-bar");
  });
});

describe("like-for-like trends", () => {
  test("the panel is the States that reported in every cycle (n shown); the all-reporters view is the second", async () => {
    for (const id of tinyReports) await setReportExclusion(id, "Test cycle", secretariat, null);
    const later = await buildInsightsCycle({
      title: "Insights unit cycle, later",
      refs: ["35"],
      actorUserId: admin,
      reviewerUserId: secretariat,
      plans: [
        { iso3: "JPN", fate: "submitted", level: "public", answers: { "35.status": "fully_implemented" } },
        { iso3: "KEN", fate: "submitted", level: "public", answers: { "35.status": "fully_implemented" } },
        { iso3: "POL", fate: "submitted", level: "public", answers: { "35.status": "not_started" } },
      ],
    });
    const specs = await trendSpec(await context("secretariat", later.cycle.id), { ref: "35" });
    expect(specs.map((s) => s.id)).toEqual(["trend-panel", "trend-all"]);
    const [panel, all] = specs as [ChartSpec, ChartSpec];
    // Panel: JPN and KEN. First cycle: JPN fully, KEN in progress → 50 / 50; later: both fully.
    expect(panel.title).toContain("2 States");
    expect(rowOf(panel, String(cycle.id)).values).toMatchObject({ fully_implemented: 50, in_progress: 50 });
    expect(rowOf(panel, String(later.cycle.id)).values).toMatchObject({ fully_implemented: 100, not_started: 0 });
    // All reporters: the later cycle's three States, POL included.
    expect(rowOf(all, String(later.cycle.id)).values.not_started).toBeCloseTo(33.3, 1);
    // In public the later cycle (3 States) is below INSIGHTS_MIN_REPORTS: no trend at all.
    expect(await trendSpec(await context("public", cycle.id), { ref: "35" })).toEqual([]);
  });
});

describe("every structured answer is charted", () => {
  test("the Standards and instruments view lists every paragraph-specific yes/no question", async () => {
    // Twelve States answer paragraph 35's questions on the Nelson Mandela Rules (10 yes, 2 no)
    // and the Bangkok Rules (6 and 6).
    const iso3s = ["JPN", "CHN", "IND", "KEN", "NGA", "BRA", "DEU", "MEX", "ARG", "ITA", "FRA", "EGY"];
    const plans = iso3s.map((iso3, i) => ({
      iso3,
      fate: "submitted" as const,
      answers: { "35.status": "in_progress", "35.std_mandela_applied": i < 10 ? "yes" : "no", "35.std_bangkok_applied": i % 2 ? "yes" : "no" },
    }));
    const built = await buildInsightsCycle({ title: "Standards cycle", refs: ["35"], plans, actorUserId: admin, reviewerUserId: secretariat });
    try {
      const c = await context("secretariat", built.cycle.id);
      const expected = c.paragraphs.flatMap((p) => p.questions.filter((q) => q.type === "yes_no" && q.key !== "good_practice_shareable").map((q) => `${p.ref}.${q.key}`));
      const specs = await standardsSpecs(c);
      // One chart per pillar that has answers: paragraph 35 is in pillar II.
      expect(specs.map((x) => [x.id, x.title])).toEqual([["standards-pillar-2", "Standards and instruments: II. Advancing the criminal justice system"]]);
      const [spec] = specs;
      expect(spec!.rows.every((r) => expected.includes(r.key))).toBe(true);
      expect(rowOf(spec!, "35.std_mandela_applied")).toMatchObject({ n: 12, counts: { yes: 10, no: 2 } });
      expect(rowOf(spec!, "35.std_bangkok_applied")).toMatchObject({ n: 12, counts: { yes: 6, no: 6 }, values: { yes: 50, no: 50 } });
      // In public the 2 are hidden, and so is the 10 that would give them away (12 − 10); n stays.
      const pub = (await standardsSpecs(await context("public", built.cycle.id)))[0]!;
      expect(rowOf(pub, "35.std_mandela_applied")).toMatchObject({ n: 12, counts: { yes: null, no: null } });
      expect(rowOf(pub, "35.std_bangkok_applied")).toMatchObject({ n: 12, counts: { yes: 6, no: 6 } });
      expect(pub.suppressed).toBe(true);
    } finally {
      for (const id of Object.values(built.reportIds)) await setReportExclusion(id, "test", secretariat, null);
    }
  });
});

describe("methodology and downloads", () => {
  test("every spec carries the methodology note; the CSV ends with it, and prints hidden cells as hidden", async () => {
    const status = specOf(await paragraphSpecs(await context("public"), "35"), "status");
    expect(status.notes!.join(" ")).toMatch(/latest submitted version: 10 States/);
    expect(status.notes!.join(" ")).toMatch(/self-assessments|own assessments/);
    expect(status.notes!.join(" ")).toMatch(/Reporting period/);
    const csv = specToCsv(status, "hidden", { n: "n", states: "States" });
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(",n,Not started (%),Not started (States),Planned (%),Planned (States),In progress (%),In progress (States),Largely implemented (%),Largely implemented (States),Fully implemented (%),Fully implemented (States),Not applicable (%),Not applicable (States)");
    expect(lines[1]).toMatch(/^35 · .*,10,0,0,hidden,hidden,30,3,hidden,hidden,30,3,0,0$/);
    expect(csv).toContain("Every submitted report counts");
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
        { key: "a", label: '=HYPERLINK("http://evil","x")', values: { n: 1, m: null } },
        { key: "b", label: "+1", values: { n: 2, m: 3 } },
        { key: "f", label: "Plain, with comma", values: { n: 6, m: 6 } },
      ],
    };
    expect(specToCsv(spec, "hidden").slice(1).split("\r\n")).toEqual([`,'=SUM(A1:A9),"Say ""hi"", then"`, `"'=HYPERLINK(""http://evil"",""x"")",1,hidden`, "'+1,2,3", `"Plain, with comma",6,6`, ""]);
  });
});

describe("search (FTS5) over counted narratives", () => {
  test("finds a submitted report's narrative by a word; a draft's never", async () => {
    expect((await searchNarratives("restorative", countedIds)).map((h) => h.reportId)).toEqual([reportIds.JPN]);
    expect((await searchNarratives("albatross", countedIds)).map((h) => h.reportId)).toEqual([reportIds.DEU]);
    for (const word of ["kingfisher", "pelican"]) expect(await searchNarratives(word, Object.values(reportIds)), word).toEqual([]);
  });

  test("submitting again replaces the indexed version", async () => {
    // Italy submits its edits: they now count (the last test of the file to use Italy).
    await submitReport(reportIds.ITA!, admin, crypto.randomUUID(), null);
    expect((await searchNarratives("cormorant", countedIds)).map((h) => h.reportId)).toEqual([reportIds.ITA]);
    expect(await searchNarratives("heron", countedIds)).toEqual([]);
    expect((await countedRows(cycle.id, cycle.versionId, ["status"])).find((r) => r.state === "ITA" && r.ref === "35")?.value).toBe("fully_implemented");
  });

  test("FTS syntax in a query never throws", async () => {
    for (const q of ['"', '""', "*", "NEAR(", "police OR", "(", "-police", "'; drop table answers; --", "💥💥💥", "%_%", "\\"]) await expect(searchNarratives(q, countedIds), q).resolves.toBeInstanceOf(Array);
  });
});
