/**
 * The public data API (/api/v1) on the known dataset: the same figures and the same disclosure
 * rules as the pages, JSON errors for bad parameters, CORS for GET, OpenAPI 3.1.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import type { ChartSpec } from "#app/insights/chart-spec.ts";
import { loader as cyclesLoader, action as cyclesAction } from "#app/routes/api.v1.cycles.tsx";
import { loader as aggregatesLoader } from "#app/routes/api.v1.cycles.$cycleId.aggregates.tsx";
import { loader as practicesLoader } from "#app/routes/api.v1.cycles.$cycleId.good-practices.tsx";
import { loader as openapiLoader } from "#app/routes/api.v1.openapi[.]json.tsx";
import { loader as paragraphLoader } from "#app/routes/insights.$cycleId.paragraphs.$ref.tsx";
import { buildInsightsCycle, GP, PLANS } from "#tests/setup/insights-data.ts";
import { bodyText, callRoute, getRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let cycleId = 0;
let tinyId = 0;
let secretariatCookie: string | null = null;

beforeAll(async () => {
  useTestDatabase();
  delete process.env.INSIGHTS_MIN_CELL;
  delete process.env.INSIGHTS_MIN_REPORTS;
  const admin = (await findUserByEmail("admin@example.org"))!.id;
  const secretariat = (await findUserByEmail("secretariat@example.org"))!.id;
  cycleId = (await buildInsightsCycle({ title: "API cycle", actorUserId: admin, reviewerUserId: secretariat })).cycle.id;
  tinyId = (await buildInsightsCycle({ title: "API tiny cycle", plans: PLANS.filter((p) => p.iso3 === "JPN"), actorUserId: admin, reviewerUserId: secretariat })).cycle.id;
  secretariatCookie = await sessionCookie(secretariat);
});

type Cell = { key: string; option: string; states: number | null; share: number | null; denominator: number | null; suppressed: boolean };
async function aggregates(query: string, id: number | string = cycleId, cookie: string | null = null) {
  return callRoute(aggregatesLoader as never, { request: getRequest(`/api/v1/cycles/${id}/aggregates${query}`, cookie), params: { cycleId: String(id) } });
}
const cellsOf = (body: unknown) => (body as { cells: Cell[] }).cells;

describe("GET /api/v1/cycles", () => {
  test("lists the cycles with counted reports, their instrument, status and how many States count", async () => {
    const o = await callRoute(cyclesLoader as never, { request: getRequest("/api/v1/cycles") });
    expect(o.status).toBe(200);
    expect(o.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const cycles = (o.body as { cycles: Record<string, unknown>[] }).cycles;
    expect(cycles.find((c) => c.id === cycleId)).toEqual({ id: cycleId, title: "API cycle", instrument: "kyoto-2021", status: "open", reportingStates: 10 });
  });

  test("OPTIONS is the CORS preflight (204); POST is refused (405)", async () => {
    const pre = (await cyclesAction({ request: new Request("http://localhost/api/v1/cycles", { method: "OPTIONS" }), params: {}, context: {} } as never)) as Response;
    expect(pre.status).toBe(204);
    expect(pre.headers.get("Access-Control-Allow-Methods")).toContain("GET");
    const post = (await cyclesAction({ request: new Request("http://localhost/api/v1/cycles", { method: "POST" }), params: {}, context: {} } as never)) as Response;
    expect(post.status).toBe(405);
  });
});

describe("GET /api/v1/cycles/:cycleId/aggregates", () => {
  test("status by paragraph: counts with denominators, hidden cells exactly where the page hides them", async () => {
    const o = await aggregates("?question=status&by=paragraph");
    expect(o.status).toBe(200);
    expect(o.body).toMatchObject({ cycleId, question: "status", by: "paragraph", reportingStates: 10, published: true });
    const p35 = cellsOf(o.body).filter((c) => c.key === "35");
    expect(p35.find((c) => c.option === "in_progress")).toEqual({ key: "35", option: "in_progress", states: 3, share: 30, denominator: 10, suppressed: false });
    expect(p35.find((c) => c.option === "planned")).toEqual({ key: "35", option: "planned", states: null, share: null, denominator: 10, suppressed: true });
    // The page says the same.
    const page = await callRoute(paragraphLoader as never, { request: getRequest(`/insights/${cycleId}/paragraphs/35`), params: { cycleId: String(cycleId), ref: "35" } });
    const row = (page.body as { specs: ChartSpec[] }).specs.find((s) => s.id === "status")!.rows[0]!;
    for (const c of p35) expect(c.states, c.option).toBe(row.counts![c.option]);
  });

  test("the secretariat reads every cell", async () => {
    const o = await aggregates("?question=status&by=paragraph", cycleId, secretariatCookie);
    expect(cellsOf(o.body).find((c) => c.key === "35" && c.option === "planned")).toMatchObject({ states: 2, share: 20, suppressed: false });
  });

  test("by pillar and overall: averages of per-paragraph shares, whole per cent in public", async () => {
    const o = await aggregates("?question=status&by=pillar", cycleId, secretariatCookie);
    // Pillar 2 = paragraphs 35 and 36 (see tests/insights/aggregates.test.ts): fully (30 + 20) / 2 = 25.
    expect(cellsOf(o.body).find((c) => c.key === "2" && c.option === "fully_implemented")).toEqual({ key: "2", option: "fully_implemented", states: null, share: 25, denominator: null, suppressed: false });
    const overall = await aggregates("?question=measures");
    expect(overall.body).toMatchObject({ by: "overall" });
    expect(cellsOf(overall.body).every((c) => c.key === "all" && Number.isInteger(c.share))).toBe(true);
  });

  test("multi-select options by paragraph are % of the States that answered; 'none' is not an option", async () => {
    const cells = cellsOf((await aggregates("?question=measures&by=paragraph", cycleId, secretariatCookie)).body);
    expect(cells.find((c) => c.key === "35" && c.option === "legislative")).toMatchObject({ states: 5, denominator: 6 });
    expect(cellsOf((await aggregates("?question=ta_needed&by=paragraph")).body).some((c) => c.option === "none")).toBe(false);
  });

  test("by group: regional groups below INSIGHTS_MIN_REPORTS are not shown to the public", async () => {
    expect(cellsOf((await aggregates("?question=status&by=group")).body)).toEqual([]);
    const open = cellsOf((await aggregates("?question=status&by=group", cycleId, secretariatCookie)).body);
    expect([...new Set(open.map((c) => c.key))].sort()).toEqual(["african", "asia_pacific", "latin_american_caribbean", "weog"]);
  });

  test("a cycle below INSIGHTS_MIN_REPORTS: published false, no cells", async () => {
    const o = await aggregates("?question=status&by=paragraph", tinyId);
    expect(o.status).toBe(200);
    expect(o.body).toEqual({ cycleId: tinyId, question: "status", by: "paragraph", reportingStates: 1, published: false, cells: [] });
  });

  test("bad parameters: 400 with a message, JSON, CORS; an unknown cycle: 404", async () => {
    for (const [query, id, message] of [
      ["", cycleId, "Give ?question="],
      ["?question=favourite_colour", cycleId, 'Unknown question "favourite_colour"'],
      ["?question=status&by=continent", cycleId, 'Unknown by "continent"'],
      ["?question=measures&by=group", cycleId, "by=group is available for question=status only"],
      ["?question=status", "abc", "cycleId must be a positive whole number"],
      ["?question=status", "0", "cycleId must be a positive whole number"],
      ["?question=%00%27%22", cycleId, "Unknown question"],
    ] as const) {
      const o = await aggregates(query, id);
      expect(o.status, query).toBe(400);
      expect(o.crash).toBeUndefined();
      expect((o.body as { message: string }).message).toContain(message);
      expect(o.headers.get("Access-Control-Allow-Origin")).toBe("*");
    }
    expect((await aggregates("?question=status", 999999)).status).toBe(404);
  });
});

describe("GET /api/v1/cycles/:cycleId/good-practices", () => {
  async function practices(query = "", cookie: string | null = null, id = cycleId) {
    return callRoute(practicesLoader as never, { request: getRequest(`/api/v1/cycles/${id}/good-practices${query}`, cookie), params: { cycleId: String(id) } });
  }

  test("signed out: only public good practices whose State said Yes to sharing", async () => {
    const o = await practices();
    expect(o.status).toBe(200);
    const items = (o.body as { items: { state: string; paragraph: string; text: string; language: string }[] }).items;
    expect(items.map((i) => `${i.paragraph}:${i.state}`)).toEqual(["21:KEN", "21:NGA", "35:DEU", "35:ITA", "35:JPN"]);
    expect(items[0]).toEqual({ state: "KEN", paragraph: "21", text: GP.kenPublic21, language: "en" });
    for (const s of [GP.mexRefused, GP.argUnanswered, GP.chnCommission, GP.indSecretariat, GP.ngaSecretariat, GP.itaUnsubmittedEdit]) expect(bodyText(o)).not.toContain(s);
  });

  test("?paragraph= narrows; a paragraph outside the cycle is a 400", async () => {
    const o = await practices("?paragraph=35");
    expect((o.body as { items: { paragraph: string }[] }).items.every((i) => i.paragraph === "35")).toBe(true);
    const bad = await practices("?paragraph=48");
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toContain('Paragraph "48"');
  });

  test("a cycle below INSIGHTS_MIN_REPORTS shows no good practice", async () => {
    expect((await practices("", null, tinyId)).body).toEqual({ cycleId: tinyId, items: [] });
  });
});

describe("GET /api/v1/openapi.json", () => {
  test("an OpenAPI 3.1 document describing the three paths and their errors", async () => {
    const o = await callRoute(openapiLoader as never, { request: getRequest("/api/v1/openapi.json") });
    expect(o.status).toBe(200);
    const doc = o.body as { openapi: string; paths: Record<string, { get: { responses: Record<string, unknown> } }> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(["/cycles", "/cycles/{cycleId}/aggregates", "/cycles/{cycleId}/good-practices"]);
    expect(Object.keys(doc.paths["/cycles/{cycleId}/aggregates"]!.get.responses)).toEqual(["200", "400", "404"]);
  });
});
