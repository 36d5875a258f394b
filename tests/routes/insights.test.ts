/**
 * The public insights pages as each kind of viewer gets them: narratives only as disclosed,
 * small cells suppressed for the public, and downloads that say exactly what the page says.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import type { ChartSpec } from "#app/insights/chart-spec.ts";
import { loader as downloadLoader } from "#app/routes/insights.$cycleId.download.tsx";
import { loader as overviewLoader } from "#app/routes/insights.$cycleId._index.tsx";
import { loader as paragraphLoader } from "#app/routes/insights.$cycleId.paragraphs.$ref.tsx";
import { loader as pillarLoader } from "#app/routes/insights.$cycleId.pillars.$pillar.tsx";
import { loader as goodPracticesLoader } from "#app/routes/insights.good-practices.tsx";
import { buildInsightsCycle, GP, NARRATIVE } from "#tests/setup/insights-data.ts";
import { bodyText, callRoute, getRequest, sessionCookie, type RouteOutcome } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";
import { parseCsv } from "#tests/setup/csv.ts";

type Viewer = "anonymous" | "commission" | "secretariat";
const cookies: Record<Viewer, string | null> = { anonymous: null, commission: null, secretariat: null };
let cycleId = 0;

beforeAll(async () => {
  useTestDatabase();
  delete process.env.INSIGHTS_MIN_CELL;
  const admin = (await findUserByEmail("admin@example.org"))!.id;
  const secretariat = (await findUserByEmail("secretariat@example.org"))!.id;
  cycleId = (await buildInsightsCycle({ title: "Insights route cycle", actorUserId: admin, reviewerUserId: secretariat })).cycle.id;
  cookies.secretariat = await sessionCookie(secretariat);
  // A State's user reads as "commission".
  cookies.commission = await sessionCookie((await findUserByEmail("focalpoint.jpn@example.org"))!.id);
});

const COMMISSION_ONLY = [GP.chnCommission, GP.braCommission];
const SECRETARIAT_ONLY = [GP.indSecretariat, GP.kenSecretariatOverride, GP.ngaSecretariat];
const CONSENT_REFUSED = [GP.mexRefused, GP.argUnanswered];
const NEVER = [GP.fraDraftOnly, NARRATIVE.fraDescription, GP.itaUnsubmittedEdit];
const PUBLIC_35 = [GP.deuSubmitted, GP.itaSubmitted, GP.jpnPublic];

async function paragraphPage(viewer: Viewer, ref = "35") {
  return callRoute(paragraphLoader as never, { request: getRequest(`/insights/${cycleId}/paragraphs/${ref}`, cookies[viewer]), params: { cycleId: String(cycleId), ref } });
}
async function goodPractices(viewer: Viewer, query = "") {
  return callRoute(goodPracticesLoader as never, { request: getRequest(`/insights/good-practices${query}`, cookies[viewer]) });
}

function expectVisible(o: RouteOutcome, visible: string[], hidden: string[]) {
  expect(o.status, bodyText(o).slice(0, 300)).toBe(200);
  const text = bodyText(o);
  for (const s of visible) expect(text, `should show: ${s}`).toContain(s);
  for (const s of hidden) expect(text, `must not show: ${s}`).not.toContain(s);
}

describe("paragraph page: good practices as disclosed", () => {
  test("anonymous: public and consented only (a public report whose State did not say Yes keeps its good practice back)", async () => {
    const o = await paragraphPage("anonymous");
    expectVisible(o, PUBLIC_35, [...COMMISSION_ONLY, ...SECRETARIAT_ONLY, ...CONSENT_REFUSED, ...NEVER]);
    expect((o.body as { practices: { text: string }[] }).practices.map((p) => p.text)).toEqual(PUBLIC_35);
    expect((o.body as { frame: { viewer: string } }).frame.viewer).toBe("public");
  });

  test("anonymous, paragraph 21: the report-level public one and the per-answer public override", async () => {
    const o = await paragraphPage("anonymous", "21");
    expect((o.body as { practices: { text: string }[] }).practices.map((p) => p.text)).toEqual([GP.kenPublic21, GP.ngaPublicOverride]);
  });

  test("a State's user: public and commission, never secretariat-only", async () => {
    const o = await paragraphPage("commission");
    expectVisible(o, [...PUBLIC_35, ...COMMISSION_ONLY], [...SECRETARIAT_ONLY, ...CONSENT_REFUSED, ...NEVER]);
    expect((o.body as { frame: { viewer: string } }).frame.viewer).toBe("commission");
  });

  test("the secretariat: every counted narrative, with its disclosure", async () => {
    const o = await paragraphPage("secretariat");
    expectVisible(o, [...PUBLIC_35, ...COMMISSION_ONLY, ...SECRETARIAT_ONLY, ...CONSENT_REFUSED], NEVER);
    const practices = (o.body as { practices: { text: string; disclosure: string }[] }).practices;
    expect(practices.find((p) => p.text === GP.kenSecretariatOverride)?.disclosure).toBe("secretariat");
    expect(practices.find((p) => p.text === GP.mexRefused)?.disclosure).toBe("secretariat");
    expect(practices).toHaveLength(10);
  });

  test("a paragraph outside the cycle's scope is a 404; so is a cycle that does not exist", async () => {
    const outside = await callRoute(paragraphLoader as never, { request: getRequest(`/insights/${cycleId}/paragraphs/48`), params: { cycleId: String(cycleId), ref: "48" } });
    expect(outside.status).toBe(404);
    const demo = await callRoute(paragraphLoader as never, { request: getRequest(`/insights/999999/paragraphs/35`), params: { cycleId: "999999", ref: "35" } });
    expect(demo.status).toBe(404);
  });
});

describe("good practices search: as disclosed", () => {
  test("anonymous, no query: the five public, consented good practices", async () => {
    const o = await goodPractices("anonymous");
    expectVisible(o, [...PUBLIC_35, GP.kenPublic21, GP.ngaPublicOverride], [...COMMISSION_ONLY, ...SECRETARIAT_ONLY, ...CONSENT_REFUSED, ...NEVER]);
    expect((o.body as { total: number }).total).toBe(5);
  });

  test("a State's user: public and commission", async () => {
    const o = await goodPractices("commission");
    expectVisible(o, [...PUBLIC_35, ...COMMISSION_ONLY], [...SECRETARIAT_ONLY, ...CONSENT_REFUSED, ...NEVER]);
    expect((o.body as { total: number }).total).toBe(7);
  });

  test("the secretariat: all twelve of the counted reports", async () => {
    const o = await goodPractices("secretariat");
    expectVisible(o, [...PUBLIC_35, ...COMMISSION_ONLY, ...SECRETARIAT_ONLY, ...CONSENT_REFUSED], NEVER);
    expect((o.body as { total: number }).total).toBe(12);
  });

  test("searching for a word of a secretariat-only narrative finds nothing for the public or a State, and finds it for the secretariat", async () => {
    for (const [word, secret] of [
      ["marigold", GP.kenSecretariatOverride],
      ["quillwort", GP.indSecretariat],
      ["forensic", NARRATIVE.indChallenges],
      ["ocelot", GP.mexRefused],
      ["rhea", GP.argUnanswered],
    ] as const) {
      for (const viewer of ["anonymous", "commission"] as const) {
        const o = await goodPractices(viewer, `?q=${encodeURIComponent(word)}`);
        expect(o.status).toBe(200);
        expect((o.body as { total: number }).total, `${viewer} searching ${word}`).toBe(0);
        expect(bodyText(o)).not.toContain(secret);
        expect((o.body as { results: unknown[] }).results).toEqual([]);
      }
      const o = await goodPractices("secretariat", `?q=${encodeURIComponent(word)}`);
      expect((o.body as { total: number }).total, `secretariat searching ${word}`).toBe(1);
    }
  });

  test("searching for a word of a commission-only narrative: not for the public, yes for a State's user", async () => {
    for (const q of ["provincial", "警务"]) {
      expect((await goodPractices("anonymous", `?q=${encodeURIComponent(q)}`)).body).toMatchObject({ total: 0 });
      expect((await goodPractices("commission", `?q=${encodeURIComponent(q)}`)).body).toMatchObject({ total: 1 });
    }
  });

  test("a search result shows the matched word whole, in its context", async () => {
    const o = await goodPractices("anonymous", "?q=restorative");
    const results = (o.body as { results: { segments: { text: string; hit: boolean }[] }[] }).results;
    expect(results).toHaveLength(1);
    const text = results[0]!.segments.map((x) => x.text).join("");
    expect(text).toContain("restorative");
    expect(text).toContain("justice circles");
    // Highlighted as marks, never as literal brackets.
    expect(results[0]!.segments.filter((x) => x.hit).map((x) => x.text.toLowerCase())).toContain("restorative");
    expect(text).not.toMatch(/\[|\]/);
  });

  test("draft narratives and edits never submitted are never found; submitted ones are", async () => {
    for (const q of ["kingfisher", "pelican", "cormorant"]) expect((await goodPractices("secretariat", `?q=${q}`)).body, q).toMatchObject({ total: 0 });
    for (const q of ["zebrafinch", "heron"]) expect((await goodPractices("anonymous", `?q=${q}`)).body, q).toMatchObject({ total: 1 });
  });

  test("FTS syntax in the query is harmless", async () => {
    for (const q of ['"', 'NEAR("x', "polic*", "a OR b", "(((", "body:x"]) {
      const o = await goodPractices("anonymous", `?q=${encodeURIComponent(q)}`);
      expect(o.crash, q).toBeUndefined();
      expect(o.status, q).toBe(200);
    }
  });
});

/* ------------------------------------------------------------------ downloads */


/** What a spec's table shows, cell by cell, as the CSV should say it: n, then share (%) and States per category. */
function expectedCells(spec: ChartSpec, hidden: string): string[][] {
  const unformula = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  const num = (v: number | null | undefined, decimals: number) => (v === null ? hidden : v === undefined ? "" : String(Number(v.toFixed(decimals))));
  const withCounts = spec.percent && spec.rows.some((r) => r.counts);
  return [
    ["", ...(spec.percent ? ["n (States that answered)"] : []), ...spec.categories.flatMap((c) => (withCounts ? [unformula(`${c.label} (%)`), unformula(`${c.label} (States)`)] : [unformula(c.label)]))],
    ...spec.rows.map((r) => [
      unformula(r.title ?? r.label),
      ...(spec.percent ? [r.n === undefined ? "" : num(r.n, 0)] : []),
      ...spec.categories.flatMap((c) => (withCounts ? [num(r.values[c.key], 1), num(r.counts?.[c.key], 0)] : [num(r.values[c.key], spec.percent ? 1 : (spec.scale?.decimals ?? 0))])),
    ]),
  ];
}

const PAGES = [
  { page: "overview", load: overviewLoader, path: "", params: {} },
  { page: "pillar-1", load: pillarLoader, path: "/pillars/1", params: { pillar: "1" } },
  { page: "pillar-2", load: pillarLoader, path: "/pillars/2", params: { pillar: "2" } },
  { page: "paragraph-35", load: paragraphLoader, path: "/paragraphs/35", params: { ref: "35" } },
  { page: "paragraph-22", load: paragraphLoader, path: "/paragraphs/22", params: { ref: "22" } },
] as const;

async function download(viewer: Viewer, query: string, id = cycleId) {
  return callRoute(downloadLoader as never, { request: getRequest(`/insights/${id}/download?${query}`, cookies[viewer]), params: { cycleId: String(id) } });
}

describe("downloads say what the page says", () => {
  for (const viewer of ["anonymous", "secretariat"] as const) {
    for (const p of PAGES) {
      test(`${viewer}: every chart of ${p.page} as CSV equals the page's table`, async () => {
        const page = await callRoute(p.load as never, { request: getRequest(`/insights/${cycleId}${p.path}`, cookies[viewer]), params: { cycleId: String(cycleId), ...p.params } });
        expect(page.status, bodyText(page).slice(0, 200)).toBe(200);
        const specs = (page.body as { specs: ChartSpec[]; downloadBase: string }).specs;
        expect((page.body as { downloadBase: string }).downloadBase).toBe(`/insights/${cycleId}/download?page=${p.page}`);
        expect(specs.length).toBeGreaterThan(0);
        let anySuppressed = false;
        for (const spec of specs) {
          const o = await download(viewer, `page=${p.page}&chart=${spec.id}&format=csv`);
          expect(o.status, `${spec.id}: ${bodyText(o).slice(0, 200)}`).toBe(200);
          expect(o.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
          expect(o.headers.get("Content-Disposition")).toBe(`attachment; filename="${spec.id}-cycle-${cycleId}.csv"`);
          const csv = (o.body as string).replace(/^\uFEFF/, "");
          const expected = expectedCells(spec, "hidden");
          expect(parseCsv(csv).slice(0, expected.length), spec.id).toEqual(expected);
          // The methodology note travels with the data.
          expect(csv, spec.id).toContain(spec.notes![0]!);
          const hasNull = spec.rows.some((r) => Object.values(r.values).some((v) => v === null) || (r.counts && Object.values(r.counts).some((v) => v === null)) || r.n === null);
          expect(csv.includes(",hidden"), spec.id).toBe(hasNull);
          expect(spec.suppressed, spec.id).toBe(hasNull);
          anySuppressed ||= hasNull;
        }
        // This dataset has small cells on every page: hidden for the public, shown to the secretariat.
        expect(anySuppressed).toBe(viewer === "anonymous");
      });
    }
  }

  test("anonymous: the paragraph page's status table and its CSV hide the same cells", async () => {
    const page = await paragraphPage("anonymous");
    const status = (page.body as { specs: ChartSpec[] }).specs.find((s) => s.id === "status")!;
    expect(status.rows[0]!.counts).toMatchObject({ in_progress: 3, fully_implemented: 3, planned: null, largely_implemented: null });
    const csv = parseCsv(((await download("anonymous", "page=paragraph-35&chart=status&format=csv")).body as string).replace(/^\uFEFF/, ""));
    expect(csv[1]!.slice(1)).toEqual(["10", "0", "0", "hidden", "hidden", "30", "3", "hidden", "hidden", "30", "3", "0", "0"]);
    const secretariat = parseCsv(((await download("secretariat", "page=paragraph-35&chart=status&format=csv")).body as string).replace(/^\uFEFF/, ""));
    expect(secretariat[1]!.slice(1)).toEqual(["10", "0", "0", "20", "2", "30", "3", "20", "2", "30", "3", "0", "0"]);
  });

  test("the CSV starts with a byte-order mark (for spreadsheets)", async () => {
    const response = (await downloadLoader({ request: getRequest(`/insights/${cycleId}/download?page=overview&chart=reports-by-group&format=csv`), params: { cycleId: String(cycleId) }, context: {} } as never)) as Response;
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  test("SVG of a chart", async () => {
    const o = await download("anonymous", "page=paragraph-35&chart=status&format=svg");
    expect(o.status).toBe(200);
    expect(o.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(o.body as string).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // It stands alone: title, what it counts, legend, source with the cycle, methodology.
    const svg = o.body as string;
    for (const s of ["Implementation status", "from 10 States", "Fully implemented", "Source: national reports", "Insights route cycle", "Every submitted report counts, with its latest submitted version"]) expect(svg).toContain(s);
  });

  test("PNG of a chart, drawn on the server (no JavaScript needed)", async () => {
    const response = (await downloadLoader({ request: getRequest(`/insights/${cycleId}/download?page=overview&chart=status-by-pillar&format=png`), params: { cycleId: String(cycleId) }, context: {} } as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("image/png");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    // 2× the 760-unit drawing, as wide as print needs.
    expect(new DataView(bytes.buffer).getUint32(16)).toBe(1520);
  });

  test("unknown page, chart or format: 404; no format: 400; a cycle that does not exist: 404", async () => {
    expect((await download("anonymous", "page=paragraph-48&chart=status&format=csv")).status).toBe(404);
    expect((await download("anonymous", "page=pillar-3&chart=measures&format=csv")).status).toBe(404);
    expect((await download("anonymous", "page=nonsense&chart=status&format=csv")).status).toBe(404);
    expect((await download("anonymous", "page=overview&chart=nope&format=csv")).status).toBe(404);
    expect((await download("anonymous", "page=overview&chart=reports-by-group&format=xlsx")).status).toBe(404);
    expect((await download("anonymous", "page=overview&chart=reports-by-group")).status).toBe(400);
    const demo = await download("anonymous", "page=overview&chart=reports-by-group&format=csv", 999999);
    expect(demo.status).toBe(404);
    expect(demo.body).toEqual({ message: "No insights for this cycle." });
  });
});

describe("good practices search: totals, pages, any cycle, word forms, titles, empty state", () => {
  type Page = { total: number; page: number; pages: number; prevHref: string | null; nextHref: string | null; cycles: { id: number }[]; results: { id: string; cycleId: number; segments: { text: string; hit: boolean }[] }[]; titleMatches: { paragraphs: { ref: string }[] } | null; suggestions: { key: string; href: string }[] };
  const search = async (query: string) => (await goodPractices("secretariat", query)).body as Page;

  beforeAll(async () => {
    const admin = (await findUserByEmail("admin@example.org"))!.id;
    const secretariat = (await findUserByEmail("secretariat@example.org"))!.id;
    // Two more cycles with the same reports: the same practices, shared across cycles.
    for (const title of ["Insights search cycle B", "Insights search cycle C"]) await buildInsightsCycle({ title, actorUserId: admin, reviewerUserId: secretariat });
  });

  test("any cycle is the union of the cycles: its total is the sum of each cycle's", async () => {
    const any = await search("?q=GP");
    const perCycle = await Promise.all(any.cycles.map(async (c) => (await search(`?q=GP&cycle=${c.id}`)).total));
    expect(any.total).toBe(perCycle.reduce((a, b) => a + b, 0));
    expect(any.total).toBeGreaterThanOrEqual(24);
    // A practice found in one cycle is found with "any" too.
    const inOne = await search(`?q=quillwort&cycle=${cycleId}`);
    const inAny = await search("?q=quillwort");
    expect(inOne.total).toBe(1);
    expect(inAny.total).toBeGreaterThanOrEqual(3);
    expect(inAny.results.map((r) => r.id)).toContain(inOne.results[0]!.id);
  });

  test("pages of 20 with the true total: every result once, the links move between pages", async () => {
    const first = await search("?q=GP");
    expect(first.results).toHaveLength(20);
    expect(first.pages).toBe(Math.ceil(first.total / 20));
    expect(first.prevHref).toBeNull();
    expect(first.nextHref).toBe("/insights/good-practices?q=GP&page=2");
    const seen = new Set(first.results.map((r) => r.id));
    for (let p = 2; p <= first.pages; p++) {
      const page = await search(`?q=GP&page=${p}`);
      expect(page.total).toBe(first.total);
      for (const r of page.results) seen.add(r.id);
    }
    expect(seen.size).toBe(first.total);
    // Past the end: an empty page, still the true total.
    const beyond = await search(`?q=GP&page=${first.pages + 1}`);
    expect(beyond.results).toEqual([]);
    expect(beyond.total).toBe(first.total);
  });

  test("English word forms: victims finds victim, helplines finds helpline, highlighted whole", async () => {
    for (const q of ["victims", "helplines", "victim"]) {
      const found = await search(`?q=${q}&cycle=${cycleId}`);
      expect(found.total, q).toBe(1);
      expect(found.results[0]!.segments.some((x) => x.hit && /^(victim|helpline)/i.test(x.text)), q).toBe(true);
    }
  });

  test("paragraphs whose text matches are listed (prison: paragraph 35)", async () => {
    const found = await search("?q=prison");
    expect(found.titleMatches?.paragraphs.map((p) => p.ref)).toContain("35");
  });

  test("an empty search suggests searching all cycles, without filters, and word by word", async () => {
    const found = await search(`?q=${encodeURIComponent("zebrafinch quillwort")}&cycle=${cycleId}&group=latin_american_caribbean`);
    expect(found.total).toBe(0);
    const keys = found.suggestions.map((x) => x.key);
    expect(keys).toEqual(expect.arrayContaining(["allCycles", "noFilters", "word"]));
    expect(found.suggestions.find((x) => x.key === "allCycles")!.href).not.toContain("cycle=");
  });
});

