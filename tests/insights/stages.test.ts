/**
 * Insights on the stages edition (issue 12, item 2): the anchored stage is asked once per element,
 * so a compound paragraph is one row per element — the share of States at each stage, of the
 * States that answered that element — never an averaged score; the same disclosure control as the
 * status; the API's `question=stage`; the draft's sentences per element. Ten accepted reports on
 * ¶35 (two elements: detention conditions, prison staff) and ¶25 (asked as a whole), worked out
 * by hand below.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import type { ChartSpec } from "#app/insights/chart-spec.ts";
import { insightContext, paragraphSpecs, pillarSpecs, type InsightContext } from "#app/insights/charts.server.tsx";
import { loader as aggregatesLoader } from "#app/routes/api.v1.cycles.$cycleId.aggregates.tsx";
import { generateDraft } from "#app/drafting/generate.server.ts";
import { getCurrentQuestionnaire } from "#app/questionnaires/questionnaires.server.ts";
import type { CycleRow } from "#app/reporting/reports.server.ts";
import { buildInsightsCycle, type ReportPlan } from "#tests/setup/insights-data.ts";
import { callRoute, getRequest } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

/**
 * ¶35 detention conditions: in operation JPN BRA DEU (3), adopted CHN IND KEN (3), planned MEX ARG (2), evaluated NGA ITA (2).
 * ¶35 prison staff: no action JPN CHN IND KEN (4), in operation NGA BRA DEU MEX (4), not known ARG ITA (2).
 * ¶25: in operation for seven, evaluated NGA ITA MEX (3).
 */
const CONDITIONS: Record<string, string> = { JPN: "in_operation", BRA: "in_operation", DEU: "in_operation", CHN: "adopted", IND: "adopted", KEN: "adopted", MEX: "planned", ARG: "planned", NGA: "evaluated", ITA: "evaluated" };
const STAFF: Record<string, string> = { JPN: "no_action", CHN: "no_action", IND: "no_action", KEN: "no_action", NGA: "in_operation", BRA: "in_operation", DEU: "in_operation", MEX: "in_operation", ARG: "not_known", ITA: "not_known" };
/**
 * Dates of adoption of the detention-conditions measures (period start 7 March 2021): new (at
 * least one adopted on or after it) BRA DEU CHN (3); baseline (all before it) JPN IND (2); the
 * others gave no date.
 */
const ADOPTED: Record<string, { title: string; adopted_on: string | null }[]> = {
  JPN: [{ title: "Prison Act", adopted_on: "2019-05-01" }],
  BRA: [{ title: "Lei de Execução Penal, amendment", adopted_on: "2022-01-10" }],
  DEU: [
    { title: "Strafvollzugsgesetz", adopted_on: "2018-11-20" },
    { title: "Länder agreement", adopted_on: "2023-04-02" },
  ],
  CHN: [{ title: "Prison regulation", adopted_on: "2021-03-07" }],
  IND: [{ title: "Model Prison Manual", adopted_on: "2021-03-06" }],
  KEN: [{ title: "Prisons Bill", adopted_on: null }],
};
const PLANS: ReportPlan[] = Object.keys(CONDITIONS).map((iso3) => ({
  iso3,
  fate: "accepted",
  answers: {
    "35.conditions.stage": CONDITIONS[iso3]!,
    "35.staff.stage": STAFF[iso3]!,
    "25.stage": ["NGA", "ITA", "MEX"].includes(iso3) ? "evaluated" : "in_operation",
    ...(ADOPTED[iso3] ? { "35.conditions.adoption": ADOPTED[iso3]! } : {}),
  },
}));

let cycle: CycleRow;

beforeAll(async () => {
  useTestDatabase();
  delete process.env.INSIGHTS_MIN_CELL;
  delete process.env.INSIGHTS_MIN_REPORTS;
  const admin = (await findUserByEmail("admin@example.org"))!.id;
  const secretariat = (await findUserByEmail("secretariat@example.org"))!.id;
  const current = (await getCurrentQuestionnaire("kyoto-2021"))!;
  ({ cycle } = await buildInsightsCycle({ title: "Stages cycle", refs: ["25", "35"], plans: PLANS, versionId: current.versionId, periodStart: "2021-03-07", actorUserId: admin, reviewerUserId: secretariat }));
});

async function context(viewer: "public" | "secretariat"): Promise<InsightContext> {
  const c = await insightContext(String(cycle.id), "en", viewer);
  if (!c) throw new Error("no insight context");
  return c;
}
const specOf = (specs: ChartSpec[], id: string) => specs.find((x) => x.id === id)!;
const rowOf = (spec: ChartSpec, key: string) => {
  const r = spec.rows.find((x) => x.key === key);
  if (!r) throw new Error(`No row ${key} in ${spec.id}: ${spec.rows.map((x) => x.key).join(", ")}`);
  return r;
};

describe("stages per element", () => {
  test("paragraph 35: one row per element, each the share of the 10 States at each stage, hand-computed", async () => {
    const status = specOf(await paragraphSpecs(await context("secretariat"), "35"), "status");
    expect(status.categories.map((c) => c.key)).toEqual(["no_action", "planned", "adopted", "in_operation", "evaluated", "not_applicable", "not_known"]);
    expect(status.categories[0]!.label).toBe("No action planned");
    expect(status.rows.map((r) => r.key)).toEqual(["35.conditions", "35.staff"]);
    const conditions = rowOf(status, "35.conditions");
    expect(conditions.n).toBe(10);
    expect(conditions.counts).toEqual({ no_action: 0, planned: 2, adopted: 3, in_operation: 3, evaluated: 2, not_applicable: 0, not_known: 0 });
    expect(conditions.values).toEqual({ no_action: 0, planned: 20, adopted: 30, in_operation: 30, evaluated: 20, not_applicable: 0, not_known: 0 });
    // The row names the paragraph and the element (shortened on the bar; in full in its title).
    expect(conditions.label).toMatch(/^35 · Improve detention/);
    expect(conditions.title).toBe("35 · Detention conditions — Improve detention conditions of pretrial and sentenced detainees");
    expect(rowOf(status, "35.staff").label).toMatch(/^35 · Capacities of/);
    expect(rowOf(status, "35.staff").counts).toEqual({ no_action: 4, planned: 0, adopted: 0, in_operation: 4, evaluated: 0, not_applicable: 0, not_known: 2 });
  });

  test("the pillar chart lists the elements of ¶35 and ¶25 as a whole, each with its own n", async () => {
    const c = await context("secretariat");
    const pillar = c.paragraphs.find((p) => p.ref === "35")!.pillarNumber!;
    const chart = specOf(await pillarSpecs(c, pillar), "status-by-paragraph");
    const keys = chart.rows.map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(["35.conditions", "35.staff"]));
    if (c.paragraphs.find((p) => p.ref === "25")!.pillarNumber === pillar) expect(keys).toContain("25");
  });

  test("public: the same protection as the status — small cells hidden, never recomputable from n", async () => {
    const status = specOf(await paragraphSpecs(await context("public"), "35"), "status");
    const conditions = rowOf(status, "35.conditions");
    expect(conditions.n).toBe(10);
    // The cells of 2 States are hidden, and never alone in their row (so none follows from n).
    expect(conditions.counts).toMatchObject({ planned: null, evaluated: null });
    const staff = rowOf(status, "35.staff");
    expect(staff.n).toBe(10);
    expect(staff.counts!.not_known).toBeNull();
    for (const row of [conditions, staff]) expect(Object.values(row.counts!).filter((v) => v === null).length).toBeGreaterThanOrEqual(2);
    // The secretariat sees every cell.
    const open = rowOf(specOf(await paragraphSpecs(await context("secretariat"), "35"), "status"), "35.staff");
    expect(open.counts!.not_known).toBe(2);
  });

  test("API: question=stage by paragraph gives a cell per element and stage, hidden where the page hides it", async () => {
    const o = await callRoute(aggregatesLoader as never, { request: getRequest(`/api/v1/cycles/${cycle.id}/aggregates?question=stage&by=paragraph`), params: { cycleId: String(cycle.id) } });
    expect(o.status).toBe(200);
    expect(o.body).toMatchObject({ question: "stage", by: "paragraph", reportingStates: 10, published: true });
    const cells = (o.body as { cells: { key: string; option: string; states: number | null; denominator: number | null; suppressed: boolean }[] }).cells;
    expect(cells.find((x) => x.key === "35.conditions" && x.option === "adopted")).toMatchObject({ states: 3, denominator: 10, suppressed: false });
    expect(cells.find((x) => x.key === "35.conditions" && x.option === "planned")).toMatchObject({ states: null, suppressed: true });
    expect(cells.find((x) => x.key === "25" && x.option === "in_operation")).toMatchObject({ states: 7, denominator: 10, suppressed: false });
    expect(cells.find((x) => x.key === "25" && x.option === "evaluated")).toMatchObject({ states: 3, denominator: 10, suppressed: false });
    // The status edition's question is not asked in this cycle.
    const status = await callRoute(aggregatesLoader as never, { request: getRequest(`/api/v1/cycles/${cycle.id}/aggregates?question=status&by=paragraph`), params: { cycleId: String(cycle.id) } });
    expect(status.status).toBe(400);
  });

  test("dates of adoption: per element, the States with a measure adopted since the period start (new) or only before it (baseline)", async () => {
    const specs = await paragraphSpecs(await context("secretariat"), "35");
    const adoption = specOf(specs, "adoption");
    expect(adoption.categories.map((c) => c.label)).toEqual(["New: at least one adopted since 7 March 2021", "Baseline: all adopted before"]);
    // Only detention conditions has dated measures; prison staff has none, so no row.
    expect(adoption.rows.map((r) => r.key)).toEqual(["35.conditions"]);
    expect(rowOf(adoption, "35.conditions")).toMatchObject({ n: 5, counts: { new: 3, baseline: 2 }, values: { new: 60, baseline: 40 } });
    // Public: a cell of 2 States is hidden, and so its row's other cell.
    const pub = rowOf(specOf(await paragraphSpecs(await context("public"), "35"), "adoption"), "35.conditions");
    expect(pub.counts).toEqual({ new: null, baseline: null });
  });

  test("the draft says, per element, how many States reported it in operation or evaluated, of how many", async () => {
    const draft = (await generateDraft({ cycleId: cycle.id, lang: "en", version: "internal" }))!;
    const text = draft.sections.flatMap((s) => s.sentences.map((x) => x.text));
    const ours = text.filter((x) => x.includes("(paragraph 35)"));
    // Detention conditions: 3 in operation + 2 evaluated; 3 adopted + 2 planned; none without action.
    expect(ours).toContainEqual(expect.stringMatching(/^Of the 10 States that reported on .+ \(paragraph 35\), 5 \(50 per cent\) reported it in operation or evaluated, 5 \(50 per cent\) adopted in law or policy or planned, and 0 \(0 per cent\) no action planned/));
    // Prison staff: 4 in operation; 4 with no action planned ("not known" counts in the base only).
    expect(ours).toContainEqual(expect.stringMatching(/, 4 \(40 per cent\) reported it in operation or evaluated, 0 \(0 per cent\) adopted in law or policy or planned, and 4 \(40 per cent\) no action planned/));
    // …and, where States dated their measures, how many adopted one in the period.
    expect(ours).toContainEqual(expect.stringMatching(/^Of the 5 States that dated their measures for improve detention conditions .+ \(paragraph 35\), 3 \(60 per cent\) adopted at least one since 7 March 2021; for 2 \(40 per cent\), every measure predates the reporting period \(the baseline\)\./));
  });
});
