/**
 * Who may call what: every loader and action of every route module, as each kind of user.
 * A route file that is not in the matrix fails the coverage test, so new routes must join.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { createInvitation } from "#app/accounts/invitations.server.ts";
import { getAnswers, getCycle, getReportContext, openReport, saveAnswers, submitReport, type CycleRow } from "#app/reporting/reports.server.ts";
import { findUserByEmail, upsertUser } from "#app/accounts/users.server.ts";
import { i18next } from "#app/utils/i18n.server.ts";
import { buildQuestionnaireWorkbook } from "#app/reporting/workbook.server.ts";
import { getDb } from "#db/client.ts";
import { auditEvents, reports } from "#db/schema/index.ts";
import { ROOT } from "#tests/setup/base-db.ts";
import { bodyText, callRoute, explains, getRequest, postRequest, sessionCookie, type FormEntries, type RouteOutcome } from "#tests/setup/route-helpers.ts";
import { buildInsightsCycle } from "#tests/setup/insights-data.ts";
import { createDraft, getDraft, setReleased } from "#app/drafting/drafts.server.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

/* ------------------------------------------------------------------ who */

const PERSONAS = ["anonymous", "kenContributor", "kenFocalPoint", "jpnContributor", "jpnFocalPoint", "secretariat", "admin"] as const;
type Persona = (typeof PERSONAS)[number];

const EMAILS: Record<Exclude<Persona, "anonymous">, string> = {
  kenContributor: "contributor.ken@example.org",
  kenFocalPoint: "focalpoint.ken@example.org",
  jpnContributor: "contributor.jpn@example.org",
  jpnFocalPoint: "focalpoint.jpn@example.org",
  secretariat: "secretariat@example.org",
  admin: "admin@example.org",
};
const STATE_OF: Record<Persona, string | null> = {
  anonymous: null,
  kenContributor: "KEN",
  kenFocalPoint: "KEN",
  jpnContributor: "JPN",
  jpnFocalPoint: "JPN",
  secretariat: null,
  admin: null,
};

interface Who {
  persona: Persona;
  cookie: string | null;
  userId: number | null;
  state: string | null;
}

/* ------------------------------------------------------------------ fixtures */

/** Good practices of accepted reports, one per disclosure level (paragraph 21 of f.insights). */
const INSIGHT_PUBLIC = "INSIGHTS-PUBLIC-3c7f: Mexico's good practice, made public";
const INSIGHT_COMMISSION = "INSIGHTS-COMMISSION-8e21: South Africa's good practice, for the Commission";
const INSIGHT_SECRET = "INSIGHTS-SECRET-5b90: Nigeria's good practice, for the secretariat only";

/** Saved by Japan's focal point in Japan's draft: must never reach anyone outside Japan. */
const SECRET_JPN = "SECRET-JPN-4d1e: draft words of Japan's focal point";
/** Saved in Brazil's report, which is then submitted: readable by the secretariat. */
const SECRET_BRA = "SECRET-BRA-9a2b: submitted words of Brazil";

const f = {
  cookies: {} as Record<Persona, string | null>,
  ids: {} as Record<Persona, number | null>,
  braFpId: 0,
  cycle: undefined as unknown as CycleRow,
  /** Japan's draft in the demo cycle, with SECRET_JPN in paragraph 35. */
  jpn: 0,
  /** Brazil's submitted report in the demo cycle, with SECRET_BRA in paragraph 35. */
  bra: 0,
  /** Japan's complete draft in a one-paragraph cycle: the focal point submits it here. */
  jpnToSubmit: 0,
  /** Brazil's submitted report in another cycle: the secretariat decides on it here. */
  braToReview: 0,
  /** A draft cycle the secretariat and admin edit. */
  editCycle: 0,
  inviteToken: "",
  /** Drafts of the insights cycle: one released to the Commission, one not. */
  draftReleased: 0,
  draftHidden: 0,
  /** A contributor of Japan invited but not yet signed up: the users page's resend row. */
  pendingJpn: 0,
  /** A closed one-paragraph cycle (21) with three accepted reports: the insights pages' data. */
  insights: 0,
};

async function questionOf(reportId: number, ref: string, key: string) {
  const ctx = (await getReportContext(reportId))!;
  const p = ctx.paragraphs.find((x) => x.ref === ref)!;
  return { question: p.questions.find((q) => q.key === key)!, paragraphRef: ref };
}

async function save(reportId: number, userId: number, ref: string, key: string, value: string) {
  const q = await questionOf(reportId, ref, key);
  const rev = (await getAnswers(reportId)).get(q.question.id)?.revision ?? 0;
  const result = await saveAnswers(reportId, userId, [{ ...q, value, baseRevision: rev }], null);
  expect(result.conflicts).toEqual([]);
}

async function oneParagraphCycle(title: string, status: "open" | "draft" = "open") {
  return createCycle(
    { title, instrumentId: f.cycle.instrumentId, versionId: f.cycle.versionId, scope: { kind: "paragraphs", refs: ["21"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status },
    f.ids.admin!,
    null,
  );
}

beforeAll(async () => {
  useTestDatabase();
  // The insights fixture has three reports: let a cycle of three be published (default 10).
  process.env.INSIGHTS_MIN_REPORTS = "3";
  await upsertUser({ email: EMAILS.kenContributor, name: "Test contributor, Kenya", role: "contributor", stateIso3: "KEN", passwordHash: null });
  f.cookies.anonymous = null;
  f.ids.anonymous = null;
  for (const p of PERSONAS) {
    if (p === "anonymous") continue;
    const user = (await findUserByEmail(EMAILS[p]))!;
    f.ids[p] = user.id;
    f.cookies[p] = await sessionCookie(user.id);
  }
  f.braFpId = (await findUserByEmail("focalpoint.bra@example.org"))!.id;
  f.cycle = (await getCycle(1))!;

  f.jpn = await openReport(f.cycle, "JPN", f.ids.jpnFocalPoint!, null);
  await save(f.jpn, f.ids.jpnFocalPoint!, "35", "description", SECRET_JPN);

  f.bra = await openReport(f.cycle, "BRA", f.braFpId, null);
  await save(f.bra, f.braFpId, "35", "description", SECRET_BRA);
  await submitReport(f.bra, f.braFpId, crypto.randomUUID(), null);

  const submitCycle = (await getCycle(await oneParagraphCycle("Matrix: Japan submits")))!;
  f.jpnToSubmit = await openReport(submitCycle, "JPN", f.ids.jpnFocalPoint!, null);
  await save(f.jpnToSubmit, f.ids.jpnFocalPoint!, "21", "status", "planned");

  const reviewCycle = (await getCycle(await oneParagraphCycle("Matrix: the secretariat reviews")))!;
  f.braToReview = await openReport(reviewCycle, "BRA", f.braFpId, null);
  await save(f.braToReview, f.braFpId, "21", "status", "planned");
  await submitReport(f.braToReview, f.braFpId, crypto.randomUUID(), null);

  f.editCycle = await oneParagraphCycle("Matrix: a draft cycle to edit", "draft");
  f.inviteToken = (
    await createInvitation({ email: "invitee.matrix@example.org", name: "Matrix invitee", role: "contributor", stateIso3: "JPN", language: "en", invitedBy: f.ids.admin!, ip: null })
  ).token;

  f.pendingJpn = (
    await createInvitation({ email: "pending.matrix@example.org", name: "Pending matrix contributor", role: "contributor", stateIso3: "JPN", language: "en", invitedBy: f.ids.admin!, ip: null })
  ).userId;

  // Mexico (public), South Africa (commission) and Nigeria (public report, secretariat-only
  // good practice): States no persona belongs to, so no other row sees their reports.
  f.insights = (
    await buildInsightsCycle({
      title: "Matrix: insights",
      refs: ["21"],
      status: "closed",
      actorUserId: f.ids.admin!,
      reviewerUserId: f.ids.secretariat!,
      plans: [
        { iso3: "MEX", fate: "accepted", level: "public", answers: { "21.status": "in_progress", "21.good_practice": INSIGHT_PUBLIC, "21.good_practice_shareable": "yes" } },
        { iso3: "ZAF", fate: "accepted", level: "commission", answers: { "21.status": "planned", "21.good_practice": INSIGHT_COMMISSION, "21.good_practice_shareable": "yes" } },
        {
          iso3: "NGA",
          fate: "accepted",
          level: "public",
          overrides: { "21.good_practice": "secretariat" },
          answers: { "21.status": "planned", "21.good_practice": INSIGHT_SECRET, "21.good_practice_shareable": "yes" },
        },
      ],
    })
  ).cycle.id;
  f.draftReleased = (await createDraft({ cycleId: f.insights, kind: "report", lang: "en", scope: {} }, f.ids.secretariat!, null))!;
  await setReleased(f.draftReleased, true, f.ids.secretariat!, null);
  f.draftHidden = (await createDraft({ cycleId: f.insights, kind: "meeting_pack", lang: "en", scope: { pillar: 1 }, title: "Matrix meeting", meetingDate: "2027-02-01" }, f.ids.secretariat!, null))!;
});

/** A section of a draft and its current revision, read when the request is made. */
async function draftSection(draftId: number, key: string) {
  const s = (await getDraft(draftId))!.sections.find((x) => x.key === key)!;
  return { id: s.id, revision: s.revision, sentence: s.generated.find((x) => x.figures.length > 0)?.id ?? "s1" };
}

function who(persona: Persona): Who {
  return { persona, cookie: f.cookies[persona], userId: f.ids[persona], state: STATE_OF[persona] };
}

/* ------------------------------------------------------------------ expectations */

interface Cell {
  status: number | number[];
  check?: (o: RouteOutcome, w: Who) => void | Promise<void>;
}
type Expectations = Record<Persona, Cell>;

const ok = (check?: Cell["check"]): Cell => ({ status: 200, check });
const redirect = (location: RegExp | ((w: Who) => RegExp), check?: Cell["check"]): Cell => ({
  status: 302,
  check: async (o, w) => {
    expect(o.location).toMatch(typeof location === "function" ? location(w) : location);
    await check?.(o, w);
  },
});
const R400 = (check?: Cell["check"]): Cell => ({ status: 400, check });
const R401: Cell = { status: 401, check: (o) => expect((o.body as { signIn?: string }).signIn).toMatch(/^\/login\?redirectTo=/) };
const R403: Cell = { status: 403 };
const R404: Cell = { status: 404 };

const same = (cell: Cell): Expectations => Object.fromEntries(PERSONAS.map((p) => [p, cell])) as Expectations;

/** Signed-in only, by role group. */
function byRole(e: { state?: Cell; contributors?: Cell; focalPoints?: Cell; secretariat: Cell; admin?: Cell }): Expectations {
  const contributors = e.contributors ?? e.state!;
  const focalPoints = e.focalPoints ?? e.state!;
  return {
    anonymous: R401,
    kenContributor: contributors,
    kenFocalPoint: focalPoints,
    jpnContributor: contributors,
    jpnFocalPoint: focalPoints,
    secretariat: e.secretariat,
    admin: e.admin ?? e.secretariat,
  };
}

/** Japan's report: Japan's users as given, Kenya's 404, the secretariat and admin as given (403 on the draft). */
function japanReport(e: { contributor: Cell; focalPoint?: Cell; secretariat?: Cell }): Expectations {
  return {
    anonymous: R401,
    kenContributor: R404,
    kenFocalPoint: R404,
    jpnContributor: e.contributor,
    jpnFocalPoint: e.focalPoint ?? e.contributor,
    secretariat: e.secretariat ?? R403,
    admin: e.secretariat ?? R403,
  };
}

/** Brazil's submitted report: every State user here is of another State (404). */
function brazilReport(secretariat: Cell): Expectations {
  return { anonymous: R401, kenContributor: R404, kenFocalPoint: R404, jpnContributor: R404, jpnFocalPoint: R404, secretariat, admin: secretariat };
}

const contains = (secret: string) => (o: RouteOutcome) => expect(bodyText(o)).toContain(secret);

/**
 * Public pages whose content depends on the reader: anonymous reads as the public, a State's
 * users as the Commission, the secretariat and admin as the secretariat.
 */
function byViewer(e: { public: Cell; commission: Cell; secretariat: Cell }): Expectations {
  return {
    anonymous: e.public,
    kenContributor: e.commission,
    kenFocalPoint: e.commission,
    jpnContributor: e.commission,
    jpnFocalPoint: e.commission,
    secretariat: e.secretariat,
    admin: e.secretariat,
  };
}

/** The insights good practices a viewer may read, and those it must not. */
const practicesOf = {
  public: ok((o) => {
    expect(bodyText(o)).toContain(INSIGHT_PUBLIC);
    expect(bodyText(o)).not.toContain(INSIGHT_COMMISSION);
    expect(bodyText(o)).not.toContain(INSIGHT_SECRET);
  }),
  commission: ok((o) => {
    expect(bodyText(o)).toContain(INSIGHT_PUBLIC);
    expect(bodyText(o)).toContain(INSIGHT_COMMISSION);
    expect(bodyText(o)).not.toContain(INSIGHT_SECRET);
  }),
  secretariat: ok((o) => {
    for (const s of [INSIGHT_PUBLIC, INSIGHT_COMMISSION, INSIGHT_SECRET]) expect(bodyText(o)).toContain(s);
  }),
};

/* ------------------------------------------------------------------ the matrix */

interface Row {
  file: string;
  fn: "loader" | "action";
  label: string;
  request: (w: Who) => Promise<{ request: Request; params?: Record<string, string> }> | { request: Request; params?: Record<string, string> };
  expect: Expectations;
}

const post = (p: string, w: Who, body: FormEntries) => postRequest(p, { cookie: w.cookie, body });
const get = (p: string, w: Who) => getRequest(p, w.cookie);

async function revisionOf(reportId: number, questionId: string) {
  return String((await getAnswers(reportId)).get(questionId)?.revision ?? 0);
}

function validCycleForm(title: string): FormEntries {
  return { title, versionId: String(f.cycle.versionId), scopeKind: "paragraphs", paragraphs: "21, 35", opensOn: "2026-01-01", deadline: "2026-12-31", status: "draft" };
}

/** The report's workbook as downloaded now: uploading it back changes nothing. */
async function workbookOf(reportId: number): Promise<Uint8Array<ArrayBuffer>> {
  const ctx = (await getReportContext(reportId))!;
  return new Uint8Array(await buildQuestionnaireWorkbook(ctx, await getAnswers(reportId), "en", await i18next.getFixedT("en"), ctx.report.stateIso3));
}

function workbookForm(bytes: Uint8Array<ArrayBuffer>): FormData {
  const form = new FormData();
  form.append("intent", "preview");
  form.append("workbook", new File([bytes], "report.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  return form;
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const inviteEmail = (tag: string, w: Who) => `invite.${tag}.${w.persona.toLowerCase()}@example.org`;

const ROWS: Row[] = [
  // ---------------------------------------------------------------- public
  {
    file: "declarations._index.tsx",
    fn: "loader",
    label: "list of declarations",
    request: (w) => ({ request: get("/declarations", w) }),
    expect: same(ok((o) => expect((o.body as { instruments: { id: string }[] }).instruments.map((i) => i.id)).toContain("kyoto-2021"))),
  },
  {
    file: "declarations.$instrumentId._index.tsx",
    fn: "loader",
    label: "one declaration",
    request: (w) => ({ request: get("/declarations/kyoto-2021", w), params: { instrumentId: "kyoto-2021" } }),
    expect: same(ok((o) => expect(o.body).toMatchObject({ id: "kyoto-2021" }))),
  },
  {
    file: "declarations.$instrumentId.$ref.tsx",
    fn: "loader",
    label: "one paragraph",
    request: (w) => ({ request: get("/declarations/kyoto-2021/35", w), params: { instrumentId: "kyoto-2021", ref: "35" } }),
    expect: same(ok((o) => expect(o.body).toMatchObject({ instrumentId: "kyoto-2021", ref: "35" }))),
  },
  {
    file: "language.tsx",
    fn: "action",
    label: "choose a language",
    request: (w) => ({ request: post("/language", w, { lng: "fr", redirectTo: "/declarations" }) }),
    expect: same(redirect(/^\/declarations$/, (o) => expect(o.headers.get("Set-Cookie")).toMatch(/^lng=/))),
  },
  {
    file: "language.tsx",
    fn: "loader",
    label: "GET is sent home",
    request: (w) => ({ request: get("/language", w) }),
    expect: same(redirect(/^\/$/)),
  },
  {
    file: "login.tsx",
    fn: "loader",
    label: "sign-in page",
    request: (w) => ({ request: get("/login", w) }),
    expect: {
      anonymous: ok((o) => expect(o.body).toBeNull()),
      kenContributor: redirect(/^\/reports$/),
      kenFocalPoint: redirect(/^\/reports$/),
      jpnContributor: redirect(/^\/reports$/),
      jpnFocalPoint: redirect(/^\/reports$/),
      secretariat: redirect(/^\/cycles$/),
      admin: redirect(/^\/cycles$/),
    },
  },
  {
    file: "login.tsx",
    fn: "action",
    label: "sign in as Brazil's focal point",
    request: (w) => ({ request: post("/login", w, { email: "focalpoint.bra@example.org", password: "kyoto-demo-password" }) }),
    expect: same(redirect(/^\/reports$/, (o) => expect(o.headers.get("Set-Cookie")).toMatch(/^kr_session=/))),
  },
  {
    file: "logout.tsx",
    fn: "action",
    label: "sign out (a session of its own)",
    request: async (w) => ({ request: postRequest("/logout", { cookie: w.userId ? await sessionCookie(w.userId) : null, body: {} }) }),
    expect: same(redirect(/^\/$/, (o) => expect(o.headers.get("Set-Cookie")).toMatch(/^kr_session=;.*Max-Age=0/))),
  },
  {
    file: "logout.tsx",
    fn: "loader",
    label: "GET is sent home",
    request: (w) => ({ request: get("/logout", w) }),
    expect: same(redirect(/^\/$/)),
  },
  {
    file: "forgot-password.tsx",
    fn: "action",
    label: "ask for a reset link",
    request: (w) => ({ request: post("/forgot-password", w, { email: `nobody.${w.persona.toLowerCase()}@example.org` }) }),
    expect: same(ok((o) => expect(o.body).toMatchObject({ sent: true }))),
  },
  {
    file: "set-password.$token.tsx",
    fn: "loader",
    label: "an invitation link",
    request: (w) => ({ request: get(`/set-password/${f.inviteToken}`, w), params: { token: f.inviteToken } }),
    expect: same(ok((o) => expect(o.body).toMatchObject({ valid: true, kind: "invitation", email: "invitee.matrix@example.org" }))),
  },
  {
    file: "set-password.$token.tsx",
    fn: "action",
    label: "a good password with an unknown token",
    request: (w) => ({
      request: post("/set-password/unknown-token", w, { password: "a long and unusual passphrase 42", confirm: "a long and unusual passphrase 42" }),
      params: { token: "unknown-token" },
    }),
    expect: same(R400((o) => expect(bodyText(o)).toContain("auth.tokenInvalid"))),
  },

  // ---------------------------------------------------------------- public insights
  {
    file: "insights._index.tsx",
    fn: "loader",
    label: "cycles with counted (submitted) reports",
    request: (w) => ({ request: get("/insights", w) }),
    expect: same(
      ok((o) => {
        const cycles = (o.body as { cycles: { id: number; counted: number }[] }).cycles;
        expect(cycles.find((c) => c.id === f.insights)?.counted).toBe(3);
        // Cycles are listed once a report of them counts (submitted); 999999 does not exist.
        expect(cycles.map((c) => c.id)).not.toContain(999999);
      }),
    ),
  },
  {
    file: "insights.$cycleId._index.tsx",
    fn: "loader",
    label: "a cycle's overview",
    request: (w) => ({ request: get(`/insights/${f.insights}`, w), params: { cycleId: String(f.insights) } }),
    expect: same(
      ok((o) => {
        expect(o.body).toMatchObject({ frame: { cycle: { id: f.insights }, states: 3 }, downloadBase: `/insights/${f.insights}/download?page=overview` });
        expect((o.body as { specs: { id: string }[] }).specs.map((s) => s.id)).toEqual(["reports-by-group", "status-by-pillar", "ta-paragraphs", "tools-paragraphs", "ta-themes", "ta-priorities"]);
      }),
    ),
  },
  {
    file: "insights.$cycleId._index.tsx",
    fn: "loader",
    label: "a cycle that does not exist (404)",
    request: (w) => ({ request: get("/insights/999999", w), params: { cycleId: "999999" } }),
    expect: same(R404),
  },
  {
    file: "insights.$cycleId._index.tsx",
    fn: "loader",
    label: "not a cycle id (404)",
    request: (w) => ({ request: get("/insights/abc", w), params: { cycleId: "abc" } }),
    expect: same(R404),
  },
  {
    file: "insights.$cycleId.pillars.$pillar.tsx",
    fn: "loader",
    label: "pillar I of the cycle",
    request: (w) => ({ request: get(`/insights/${f.insights}/pillars/1`, w), params: { cycleId: String(f.insights), pillar: "1" } }),
    expect: same(ok((o) => expect(o.body).toMatchObject({ pillar: 1, refs: ["21"] }))),
  },
  {
    file: "insights.$cycleId.pillars.$pillar.tsx",
    fn: "loader",
    label: "pillar II: not in the cycle (404)",
    request: (w) => ({ request: get(`/insights/${f.insights}/pillars/2`, w), params: { cycleId: String(f.insights), pillar: "2" } }),
    expect: same(R404),
  },
  {
    file: "insights.$cycleId.pillars.$pillar.tsx",
    fn: "loader",
    label: "a cycle that does not exist (404)",
    request: (w) => ({ request: get("/insights/999999/pillars/1", w), params: { cycleId: "999999", pillar: "1" } }),
    expect: same(R404),
  },
  {
    file: "insights.$cycleId.paragraphs.$ref.tsx",
    fn: "loader",
    label: "paragraph 21: good practices as disclosed to the reader",
    request: (w) => ({ request: get(`/insights/${f.insights}/paragraphs/21`, w), params: { cycleId: String(f.insights), ref: "21" } }),
    expect: byViewer(practicesOf),
  },
  {
    file: "insights.$cycleId.paragraphs.$ref.tsx",
    fn: "loader",
    label: "paragraph 35: not in the cycle (404)",
    request: (w) => ({ request: get(`/insights/${f.insights}/paragraphs/35`, w), params: { cycleId: String(f.insights), ref: "35" } }),
    expect: same(R404),
  },
  {
    file: "insights.$cycleId.present.tsx",
    fn: "loader",
    label: "presentation, slide 2",
    request: (w) => ({ request: get(`/insights/${f.insights}/present?slide=2`, w), params: { cycleId: String(f.insights) } }),
    expect: same(ok((o) => expect(o.body).toMatchObject({ slide: 2, scope: "overview", current: { kind: "chart", spec: { id: "reports-by-group" } } }))),
  },
  {
    file: "insights.$cycleId.present.tsx",
    fn: "loader",
    label: "presentation of a pillar not in the cycle (404)",
    request: (w) => ({ request: get(`/insights/${f.insights}/present?pillar=3`, w), params: { cycleId: String(f.insights) } }),
    expect: same(R404),
  },
  {
    file: "insights.$cycleId.download.tsx",
    fn: "loader",
    label: "CSV of paragraph 21's status (small cells hidden outside the secretariat)",
    request: (w) => ({ request: get(`/insights/${f.insights}/download?page=paragraph-21&chart=status&format=csv`, w), params: { cycleId: String(f.insights) } }),
    expect: byViewer({
      public: ok((o) => expect(bodyText(o)).toContain(",3,0,0,hidden,hidden,hidden,hidden,0,0,0,0,0,0")),
      commission: ok((o) => expect(bodyText(o)).toContain(",3,0,0,hidden,hidden,hidden,hidden,0,0,0,0,0,0")),
      secretariat: ok((o) => expect(bodyText(o)).toContain(",3,0,0,66.7,2,33.3,1,0,0,0,0,0,0")),
    }),
  },
  {
    file: "insights.$cycleId.download.tsx",
    fn: "loader",
    label: "a cycle that does not exist (404)",
    request: (w) => ({ request: get("/insights/999999/download?page=overview&chart=reports-by-group&format=csv", w), params: { cycleId: "999999" } }),
    expect: same(R404),
  },
  {
    file: "insights.$cycleId.standards.tsx",
    fn: "loader",
    label: "standards and instruments across the cycle's paragraphs",
    request: (w) => ({ request: get(`/insights/${f.insights}/standards`, w), params: { cycleId: String(f.insights) } }),
    // Nobody answered paragraph 21's yes/no questions: no chart, for anybody.
    expect: same(ok((o) => expect(o.body).toMatchObject({ title: "Standards and instruments", frame: { cycle: { id: f.insights } }, specs: [], downloadBase: `/insights/${f.insights}/download?page=standards` }))),
  },
  {
    file: "insights.$cycleId.standards.tsx",
    fn: "loader",
    label: "standards of a cycle that does not exist (404)",
    request: (w) => ({ request: get("/insights/999999/standards", w), params: { cycleId: "999999" } }),
    expect: same(R404),
  },
  {
    file: "insights.$cycleId.respondents.tsx",
    fn: "loader",
    label: "the States that reported, by regional group (public, as in the Secretary-General's reports)",
    request: (w) => ({ request: get(`/insights/${f.insights}/respondents`, w), params: { cycleId: String(f.insights) } }),
    expect: same(
      ok((o) => {
        const body = o.body as { total: number; groups: { group: string; members: number; states: { name: string }[] }[] };
        expect(body.total).toBe(3);
        expect(body.groups.map((g) => [g.group, g.states.map((s) => s.name)])).toEqual([
          ["african", ["Nigeria", "South Africa"]],
          ["asia_pacific", []],
          ["eastern_european", []],
          ["latin_american_caribbean", ["Mexico"]],
          ["weog", []],
        ]);
        expect(body.groups[0]!.members).toBe(54);
      }),
    ),
  },
  {
    file: "insights.$cycleId.respondents[.]csv.tsx",
    fn: "loader",
    label: "the list of respondents as CSV",
    request: (w) => ({ request: get(`/insights/${f.insights}/respondents.csv`, w), params: { cycleId: String(f.insights) } }),
    expect: same(ok((o) => expect(bodyText(o)).toContain("African States,Nigeria,NGA\r\nAfrican States,South Africa,ZAF\r\nLatin American and Caribbean States,Mexico,MEX"))),
  },
  {
    file: "insights.$cycleId.respondents[.]csv.tsx",
    fn: "loader",
    label: "respondents CSV of a cycle that does not exist (404)",
    request: (w) => ({ request: get("/insights/999999/respondents.csv", w), params: { cycleId: "999999" } }),
    expect: same(R404),
  },
  {
    file: "insights.$cycleId.respondents.tsx",
    fn: "loader",
    label: "respondents of a cycle that does not exist (404)",
    request: (w) => ({ request: get("/insights/999999/respondents", w), params: { cycleId: "999999" } }),
    expect: same(R404),
  },
  {
    file: "insights.$cycleId.download.tsx",
    fn: "loader",
    label: "a download from the standards page (no chart there: 404 for an unknown chart)",
    request: (w) => ({ request: get(`/insights/${f.insights}/download?page=standards&chart=standards-pillar-1&format=csv`, w), params: { cycleId: String(f.insights) } }),
    expect: same(R404),
  },
  {
    file: "insights.good-practices.tsx",
    fn: "loader",
    label: "every good practice, as disclosed to the reader",
    request: (w) => ({ request: get("/insights/good-practices", w) }),
    expect: byViewer(practicesOf),
  },
  {
    file: "insights.good-practices.tsx",
    fn: "loader",
    label: "search for a word of the secretariat-only good practice",
    request: (w) => ({ request: get("/insights/good-practices?q=5b90", w) }),
    expect: byViewer({
      public: ok((o) => expect(o.body).toMatchObject({ total: 0, results: [] })),
      commission: ok((o) => expect(o.body).toMatchObject({ total: 0, results: [] })),
      secretariat: ok((o) => {
        expect(o.body).toMatchObject({ total: 1 });
        expect(bodyText(o)).toContain("5b90");
      }),
    }),
  },

  // ---------------------------------------------------------------- public data API (/api/v1)
  {
    file: "api.v1.cycles.tsx",
    fn: "loader",
    label: "API: cycles with counted reports",
    request: (w) => ({ request: get("/api/v1/cycles", w) }),
    expect: same(ok((o) => expect((o.body as { cycles: { id: number; reportingStates: number }[] }).cycles.find((c) => c.id === f.insights)?.reportingStates).toBe(3))),
  },
  {
    file: "api.v1.cycles.tsx",
    fn: "action",
    label: "API: POST refused (read-only)",
    request: (w) => ({ request: post("/api/v1/cycles", w, {}) }),
    expect: same({ status: 405 }),
  },
  {
    file: "api.v1.cycles.$cycleId.aggregates.tsx",
    fn: "loader",
    label: "API: status by paragraph, hidden cells as the pages hide them",
    request: (w) => ({ request: get(`/api/v1/cycles/${f.insights}/aggregates?question=status&by=paragraph`, w), params: { cycleId: String(f.insights) } }),
    expect: byViewer({
      public: ok((o) => expect((o.body as { cells: { option: string; states: number | null }[] }).cells.find((c) => c.option === "planned")?.states).toBeNull()),
      commission: ok((o) => expect((o.body as { cells: { option: string; states: number | null }[] }).cells.find((c) => c.option === "planned")?.states).toBeNull()),
      secretariat: ok((o) => expect((o.body as { cells: { option: string; states: number | null }[] }).cells.find((c) => c.option === "planned")?.states).toBe(2)),
    }),
  },
  {
    file: "api.v1.cycles.$cycleId.aggregates.tsx",
    fn: "loader",
    label: "API: a bad parameter is a 400 with a message",
    request: (w) => ({ request: get(`/api/v1/cycles/${f.insights}/aggregates?question=status&by=continent`, w), params: { cycleId: String(f.insights) } }),
    expect: same(R400((o) => expect(bodyText(o)).toContain("Unknown by"))),
  },
  {
    file: "api.v1.cycles.$cycleId.aggregates.tsx",
    fn: "action",
    label: "API: POST refused (read-only)",
    request: (w) => ({ request: post(`/api/v1/cycles/${f.insights}/aggregates`, w, {}), params: { cycleId: String(f.insights) } }),
    expect: same({ status: 405 }),
  },
  {
    file: "api.v1.cycles.$cycleId.good-practices.tsx",
    fn: "loader",
    label: "API: good practices as disclosed to the reader",
    request: (w) => ({ request: get(`/api/v1/cycles/${f.insights}/good-practices?paragraph=21`, w), params: { cycleId: String(f.insights) } }),
    expect: byViewer({
      public: ok((o) => {
        expect(bodyText(o)).toContain(INSIGHT_PUBLIC.slice(0, 20));
        for (const s of [INSIGHT_COMMISSION, INSIGHT_SECRET]) expect(bodyText(o)).not.toContain(s.slice(0, 20));
      }),
      commission: ok((o) => {
        expect(bodyText(o)).toContain(INSIGHT_COMMISSION.slice(0, 20));
        expect(bodyText(o)).not.toContain(INSIGHT_SECRET.slice(0, 20));
      }),
      secretariat: ok((o) => expect(bodyText(o)).toContain(INSIGHT_SECRET.slice(0, 20))),
    }),
  },
  {
    file: "api.v1.cycles.$cycleId.good-practices.tsx",
    fn: "action",
    label: "API: POST refused (read-only)",
    request: (w) => ({ request: post(`/api/v1/cycles/${f.insights}/good-practices`, w, {}), params: { cycleId: String(f.insights) } }),
    expect: same({ status: 405 }),
  },
  {
    file: "api.v1.openapi[.]json.tsx",
    fn: "loader",
    label: "API: the OpenAPI 3.1 document",
    request: (w) => ({ request: get("/api/v1/openapi.json", w) }),
    expect: same(ok((o) => expect(o.body).toMatchObject({ openapi: "3.1.0" }))),
  },
  {
    file: "api.v1.openapi[.]json.tsx",
    fn: "action",
    label: "API: POST refused (read-only)",
    request: (w) => ({ request: post("/api/v1/openapi.json", w, {}) }),
    expect: same({ status: 405 }),
  },

  // ---------------------------------------------------------------- the secretariat's pages
  {
    file: "cycles._index.tsx",
    fn: "loader",
    label: "list of cycles",
    request: (w) => ({ request: get("/cycles", w) }),
    expect: byRole({ state: R403, secretariat: ok((o) => expect((o.body as { cycles: { id: number }[] }).cycles.map((c) => c.id)).toContain(1)) }),
  },
  {
    file: "cycles.new.tsx",
    fn: "loader",
    label: "new-cycle form",
    request: (w) => ({ request: get("/cycles/new", w) }),
    expect: byRole({ state: R403, secretariat: ok((o) => expect((o.body as { options: { versions: unknown[] } }).options.versions.length).toBeGreaterThan(0)) }),
  },
  {
    file: "cycles.new.tsx",
    fn: "action",
    label: "create a cycle",
    request: (w) => ({ request: post("/cycles/new", w, validCycleForm(`Matrix cycle by ${w.persona}`)) }),
    expect: byRole({ state: R403, secretariat: redirect(/^\/cycles\/\d+\?created=1$/) }),
  },
  {
    file: "cycles.$cycleId.tsx",
    fn: "loader",
    label: "the demo cycle",
    request: (w) => ({ request: get("/cycles/1", w), params: { cycleId: "1" } }),
    expect: byRole({ state: R403, secretariat: ok((o) => expect(o.body).toMatchObject({ cycle: { id: 1 } })) }),
  },
  {
    file: "cycles.$cycleId.tsx",
    fn: "action",
    label: "edit a draft cycle",
    request: (w) => ({ request: post(`/cycles/${f.editCycle}`, w, validCycleForm(`Edited by ${w.persona}`)), params: { cycleId: String(f.editCycle) } }),
    expect: byRole({
      state: R403,
      secretariat: redirect(() => new RegExp(`^/cycles/${f.editCycle}\\?saved=1$`), async (_o, w) => expect((await getCycle(f.editCycle))!.title).toBe(`Edited by ${w.persona}`)),
    }),
  },
  {
    file: "outbox.tsx",
    fn: "loader",
    label: "sent messages",
    request: (w) => ({ request: get("/outbox", w) }),
    expect: byRole({ state: R403, secretariat: R403, admin: ok((o) => expect(Array.isArray((o.body as { messages: unknown[] }).messages)).toBe(true)) }),
  },
  {
    file: "audit._index.tsx",
    fn: "loader",
    label: "the audit chain's state",
    request: (w) => ({ request: get("/audit", w) }),
    expect: byRole({ state: R403, secretariat: R403, admin: ok((o) => expect((o.body as { head: { hash: string } }).head.hash).toMatch(/^[0-9a-f]{64}$/)) }),
  },
  {
    file: "audit.download.tsx",
    fn: "loader",
    label: "the audit log as JSON Lines",
    request: (w) => ({ request: get("/audit/download", w) }),
    expect: byRole({
      state: R403,
      secretariat: R403,
      admin: ok((o) => {
        const lines = bodyText(o).trim().split("\n").map((l) => JSON.parse(l) as { seq: number | null; hash: string | null; action: string });
        expect(lines.length).toBeGreaterThan(10);
        expect(lines[0]).toMatchObject({ seq: 1 });
        expect(lines.some((l) => l.action === "authorization.refused")).toBe(true);
      }),
    }),
  },
  {
    file: "review._index.tsx",
    fn: "loader",
    label: "the secretariat's inbox",
    request: (w) => ({ request: get("/review?status=all", w) }),
    expect: byRole({ state: R403, secretariat: ok((o) => expect((o.body as { rows: unknown[] }).rows.length).toBe(193)) }),
  },
  {
    file: "review._index.tsx",
    fn: "loader",
    label: "the secretariat's inbox, as it opens: what needs action",
    request: (w) => ({ request: get("/review", w) }),
    expect: byRole({
      state: R403,
      secretariat: ok((o) => {
        const body = o.body as { view: string; rows: { status: string }[]; counts: Record<string, number> };
        expect(body.view).toBe("needs_action");
        expect(body.rows.every((r) => r.status === "submitted")).toBe(true);
        expect(body.rows.length).toBe(body.counts.needs_action);
        expect(body.counts.all).toBe(193);
      }),
    }),
  },
  {
    file: "review._index.tsx",
    fn: "action",
    label: "remind Japan",
    request: (w) => ({ request: post("/review", w, { cycleId: "1", target: "chosen", states: ["JPN"] }) }),
    expect: byRole({ state: R403, secretariat: redirect(/^\/review\?cycle=1&reminded=1$/) }),
  },
  {
    file: "review.export.tsx",
    fn: "loader",
    label: "export the demo cycle as JSON",
    request: (w) => ({ request: get("/review/export?cycle=1&format=json", w) }),
    expect: byRole({
      state: R403,
      secretariat: ok((o) => {
        // Submitted answers only: Brazil's, never Japan's draft.
        expect(bodyText(o)).toContain(SECRET_BRA);
        expect(bodyText(o)).not.toContain(SECRET_JPN);
      }),
    }),
  },
  {
    file: "review.$reportId.tsx",
    fn: "loader",
    label: "Brazil's submitted report",
    request: (w) => ({ request: get(`/review/${f.bra}`, w), params: { reportId: String(f.bra) } }),
    expect: byRole({ state: R403, secretariat: ok(contains(SECRET_BRA)) }),
  },
  {
    file: "review.$reportId.tsx",
    fn: "loader",
    label: "Japan's draft",
    request: (w) => ({ request: get(`/review/${f.jpn}`, w), params: { reportId: String(f.jpn) } }),
    expect: byRole({ state: R403, secretariat: R403 }),
  },
  {
    file: "review.$reportId.tsx",
    fn: "action",
    label: "decide on Brazil's submitted report (secretariat completes the review, admin reopens)",
    request: (w) => ({
      request: post(`/review/${f.braToReview}`, w, { intent: w.persona === "admin" ? "reopen" : "accept" }),
      params: { reportId: String(f.braToReview) },
    }),
    expect: byRole({
      state: R403,
      secretariat: redirect(/\?done=accept$/, async () => expect(await statusOf(f.braToReview)).toBe("accepted")),
      admin: redirect(/\?done=reopen$/, async () => expect(await statusOf(f.braToReview)).toBe("clarification_requested")),
    }),
  },
  {
    file: "review.$reportId.tsx",
    fn: "action",
    label: "decide on Japan's draft",
    request: (w) => ({ request: post(`/review/${f.jpn}`, w, { intent: "accept" }), params: { reportId: String(f.jpn) } }),
    expect: byRole({ state: R403, secretariat: R403 }),
  },
  {
    file: "review.$reportId.tsx",
    fn: "action",
    label: "exclude Brazil's submitted report from the insights as a test (secretariat), include it again with a reason (admin)",
    request: (w) => ({
      request: post(`/review/${f.bra}`, w, w.persona === "admin" ? { intent: "include", note: "Not a test after all" } : { intent: "exclude", kind: "test" }),
      params: { reportId: String(f.bra) },
    }),
    expect: byRole({
      state: R403,
      secretariat: redirect(/\?done=excluded#exclusion$/, async () => expect(await excludedReasonOf(f.bra)).toBe("test")),
      admin: redirect(/\?done=included#exclusion$/, async () => {
        expect(await excludedReasonOf(f.bra)).toBeNull();
        const audit = getDb().all<{ action: string; newValue: string }>(sql`select action, new_value as newValue from audit_events where entity_type = 'report' and entity_id = ${String(f.bra)} and action in ('report.excluded', 'report.included') order by seq`);
        expect(audit.map((a) => a.action)).toEqual(["report.excluded", "report.included"]);
        expect(audit[1]!.newValue).toContain("Not a test after all");
      }),
    }),
  },
  {
    file: "review.$reportId.tsx",
    fn: "action",
    label: "exclude Japan's draft from the insights",
    request: (w) => ({ request: post(`/review/${f.jpn}`, w, { intent: "exclude", kind: "duplicate" }), params: { reportId: String(f.jpn) } }),
    expect: byRole({ state: R403, secretariat: R403 }),
  },

  // ---------------------------------------------------------------- users
  {
    file: "users.tsx",
    fn: "loader",
    label: "list of users",
    request: (w) => ({ request: get("/users", w) }),
    expect: byRole({
      contributors: R403,
      focalPoints: ok((o, w) => {
        const users = (o.body as { users: { stateIso3: string | null }[] }).users;
        expect(users.length).toBeGreaterThan(0);
        expect(users.every((u) => u.stateIso3 === w.state)).toBe(true);
        expect((o.body as { roles: string[] }).roles).toEqual(["contributor"]);
      }),
      secretariat: ok((o) => expect((o.body as { users: { email: string }[] }).users.map((u) => u.email)).toEqual(expect.arrayContaining(["focalpoint.ken@example.org", "focalpoint.jpn@example.org"]))),
    }),
  },
  {
    file: "users.tsx",
    fn: "action",
    label: "invite a contributor of the user's own State (Japan for the secretariat)",
    request: (w) => ({ request: post("/users", w, { email: inviteEmail("contributor", w), name: "Invited contributor", role: "contributor", stateIso3: w.state ?? "JPN", language: "en" }) }),
    expect: byRole({
      contributors: R403,
      focalPoints: ok(async (o, w) => {
        expect(o.body).toMatchObject({ invited: inviteEmail("contributor", w) });
        // A focal point invites for its own State only.
        expect(await findUserByEmail(inviteEmail("contributor", w))).toMatchObject({ role: "contributor", stateIso3: w.state });
      }),
      secretariat: ok(async (o, w) => expect(await findUserByEmail(inviteEmail("contributor", w))).toMatchObject({ role: "contributor", stateIso3: "JPN" })),
    }),
  },
  {
    file: "users.tsx",
    fn: "action",
    label: "invite a contributor of another State (Brazil)",
    request: (w) => ({ request: post("/users", w, { email: inviteEmail("bra", w), name: "Invited Brazilian", role: "contributor", stateIso3: "BRA", language: "en" }) }),
    expect: byRole({
      contributors: R403,
      // A focal point invites for its own State only: Brazil is refused and nobody is created.
      focalPoints: R400(async (o, w) => {
        expect(bodyText(o)).toContain("validation.stateNotYours");
        expect(await findUserByEmail(inviteEmail("bra", w))).toBeUndefined();
      }),
      secretariat: ok(async (_o, w) => expect(await findUserByEmail(inviteEmail("bra", w))).toMatchObject({ stateIso3: "BRA" })),
    }),
  },
  {
    file: "users.tsx",
    fn: "action",
    label: "invite a focal point",
    request: (w) => ({ request: post("/users", w, { email: inviteEmail("fp", w), name: "Invited focal point", role: "focal_point", stateIso3: w.state ?? "JPN", language: "en" }) }),
    expect: byRole({
      contributors: R403,
      focalPoints: R400(async (o, w) => {
        expect(bodyText(o)).toContain("validation.roleNotAllowed");
        expect(await findUserByEmail(inviteEmail("fp", w))).toBeUndefined();
      }),
      secretariat: ok(async (_o, w) => expect(await findUserByEmail(inviteEmail("fp", w))).toMatchObject({ role: "focal_point" })),
    }),
  },
  {
    file: "users.tsx",
    fn: "action",
    label: "invite an admin",
    request: (w) => ({ request: post("/users", w, { email: inviteEmail("admin", w), name: "Invited admin", role: "admin", language: "en" }) }),
    expect: byRole({
      contributors: R403,
      focalPoints: R400((o) => expect(bodyText(o)).toContain("validation.roleNotAllowed")),
      secretariat: R400(async (o, w) => {
        expect(bodyText(o)).toContain("validation.roleNotAllowed");
        expect(await findUserByEmail(inviteEmail("admin", w))).toBeUndefined();
      }),
      admin: ok(async (_o, w) => expect(await findUserByEmail(inviteEmail("admin", w))).toMatchObject({ role: "admin", stateIso3: null })),
    }),
  },

  {
    file: "users.tsx",
    fn: "action",
    label: "resend the invitation of a pending contributor of Japan",
    request: (w) => ({ request: post("/users", w, { intent: "resend", userId: String(f.pendingJpn) }) }),
    expect: {
      anonymous: R401,
      kenContributor: R403,
      jpnContributor: R403,
      kenFocalPoint: R404,
      jpnFocalPoint: ok((o) => expect(o.body).toMatchObject({ notice: { key: "userAdmin.resent" } })),
      secretariat: ok((o) => expect(o.body).toMatchObject({ notice: { key: "userAdmin.resent" } })),
      admin: ok((o) => expect(o.body).toMatchObject({ notice: { key: "userAdmin.resent" } })),
    },
  },
  {
    file: "users.tsx",
    fn: "action",
    label: "change the role of Japan's contributor (to the same role)",
    request: (w) => ({ request: post("/users", w, { intent: "role", userId: String(f.ids.jpnContributor), role: "contributor" }) }),
    expect: {
      anonymous: R401,
      kenContributor: R403,
      jpnContributor: R403,
      kenFocalPoint: R404,
      // A focal point invites contributors but does not change roles.
      jpnFocalPoint: R403,
      secretariat: ok((o) => expect(o.body).toMatchObject({ notice: { key: "userAdmin.roleChanged" } })),
      admin: ok((o) => expect(o.body).toMatchObject({ notice: { key: "userAdmin.roleChanged" } })),
    },
  },
  {
    file: "users.tsx",
    fn: "action",
    label: "end every session of Brazil's focal point (admins only)",
    request: (w) => ({ request: post("/users", w, { intent: "end-sessions", userId: String(f.braFpId) }) }),
    expect: {
      anonymous: R401,
      kenContributor: R403,
      jpnContributor: R403,
      kenFocalPoint: R404,
      jpnFocalPoint: R404,
      secretariat: R403,
      admin: ok((o) => expect(o.body).toMatchObject({ notice: { key: "userAdmin.sessionsEnded" } })),
    },
  },
  {
    file: "users.tsx",
    fn: "action",
    label: "enable Brazil's focal point's account (admins only)",
    request: (w) => ({ request: post("/users", w, { intent: "enable", userId: String(f.braFpId) }) }),
    expect: {
      anonymous: R401,
      kenContributor: R403,
      jpnContributor: R403,
      kenFocalPoint: R404,
      jpnFocalPoint: R404,
      secretariat: R403,
      admin: ok((o) => expect(o.body).toMatchObject({ notice: { key: "userAdmin.enabledNotice" } })),
    },
  },

  // ---------------------------------------------------------------- account and two-factor sign-in
  {
    file: "login_.two-factor.tsx",
    fn: "loader",
    label: "the code step of signing in (only after a password)",
    request: (w) => ({ request: get("/login/two-factor", w) }),
    expect: same(redirect(/^\/login$/)),
  },
  {
    file: "login_.two-factor.tsx",
    fn: "action",
    label: "a code without a password step first",
    request: (w) => ({ request: post("/login/two-factor", w, { code: "123456" }) }),
    expect: same(redirect(/^\/login$/)),
  },
  {
    file: "account._index.tsx",
    fn: "loader",
    label: "my account: my sessions",
    request: (w) => ({ request: get("/account", w) }),
    expect: byRole({
      state: ok((o) => expect((o.body as { sessions: { current: boolean }[] }).sessions.some((x) => x.current)).toBe(true)),
      secretariat: ok((o) => expect((o.body as { sessions: { current: boolean }[] }).sessions.some((x) => x.current)).toBe(true)),
    }),
  },
  {
    file: "account._index.tsx",
    fn: "action",
    label: "end a session that is not mine",
    request: (w) => ({ request: post("/account", w, { intent: "end-session", session: "a".repeat(64) }) }),
    expect: byRole({ state: R404, secretariat: R404 }),
  },
  {
    file: "account.two-factor.tsx",
    fn: "loader",
    label: "my two-factor sign-in (enrolment offered)",
    request: (w) => ({ request: get("/account/two-factor", w) }),
    expect: byRole({
      state: ok((o) => expect((o.body as { enrolment: { qrSvg: string } }).enrolment.qrSvg).toContain("<svg")),
      secretariat: ok((o) => expect((o.body as { enrolment: { qrSvg: string } }).enrolment.qrSvg).toContain("<svg")),
    }),
  },
  {
    file: "account.two-factor.tsx",
    fn: "action",
    label: "renew recovery codes without two-factor sign-in on",
    request: (w) => ({ request: post("/account/two-factor", w, { intent: "recovery", code: "123456" }) }),
    expect: byRole({ state: { status: 409 }, secretariat: { status: 409 } }),
  },

  // ---------------------------------------------------------------- a State's reports
  {
    file: "reports._index.tsx",
    fn: "loader",
    label: "the State's reports",
    request: (w) => ({ request: get("/reports", w) }),
    expect: byRole({
      state: ok((o, w) => {
        const rows = (o.body as { rows: { cycleId: number; reportId: number | null }[] }).rows;
        const demo = rows.find((r) => r.cycleId === 1)!;
        if (w.state === "JPN") expect(demo.reportId).toBe(f.jpn);
        else expect(demo.reportId).not.toBe(f.jpn);
        expect(bodyText(o).includes(SECRET_JPN) || bodyText(o).includes(SECRET_BRA)).toBe(false);
      }),
      secretariat: R403,
    }),
  },
  {
    file: "reports._index.tsx",
    fn: "action",
    label: "open the demo cycle",
    request: (w) => ({ request: post("/reports", w, { cycleId: "1" }) }),
    expect: byRole({
      state: redirect(/^\/reports\/\d+$/, (o, w) => {
        if (w.state === "JPN") expect(o.location).toBe(`/reports/${f.jpn}`);
        else expect(o.location).not.toBe(`/reports/${f.jpn}`);
      }),
      secretariat: R403,
    }),
  },
  {
    file: "reports.$reportId._index.tsx",
    fn: "loader",
    label: "Japan's draft: task list",
    request: (w) => ({ request: get(`/reports/${f.jpn}`, w), params: { reportId: String(f.jpn) } }),
    expect: japanReport({ contributor: ok((o) => expect(o.body).toMatchObject({ status: "draft", editable: true, progress: { paragraphs: 75 } })) }),
  },
  {
    file: "reports.$reportId._index.tsx",
    fn: "loader",
    label: "Brazil's submitted report: task list",
    request: (w) => ({ request: get(`/reports/${f.bra}`, w), params: { reportId: String(f.bra) } }),
    expect: brazilReport(ok((o) => expect(o.body).toMatchObject({ status: "submitted", editable: false }))),
  },
  {
    file: "reports.$reportId.$ref.tsx",
    fn: "loader",
    label: "Japan's draft: paragraph 35",
    request: (w) => ({ request: get(`/reports/${f.jpn}/35`, w), params: { reportId: String(f.jpn), ref: "35" } }),
    expect: japanReport({ contributor: ok(contains(SECRET_JPN)) }),
  },
  {
    file: "reports.$reportId.$ref.tsx",
    fn: "loader",
    label: "Brazil's submitted report: paragraph 35",
    request: (w) => ({ request: get(`/reports/${f.bra}/35`, w), params: { reportId: String(f.bra), ref: "35" } }),
    expect: brazilReport(ok(contains(SECRET_BRA))),
  },
  {
    file: "reports.$reportId.$ref.tsx",
    fn: "action",
    label: "save paragraph 35 of Japan's draft",
    request: async (w) => ({
      request: post(`/reports/${f.jpn}/35`, w, { challenges_text: `Saved by ${w.persona}`, "rev.challenges_text": await revisionOf(f.jpn, "kyoto-2021.p35.challenges_text") }),
      params: { reportId: String(f.jpn), ref: "35" },
    }),
    expect: japanReport({
      contributor: redirect(
        () => new RegExp(`^/reports/${f.jpn}/35\\?saved=`),
        async (_o, w) => expect((await getAnswers(f.jpn)).get("kyoto-2021.p35.challenges_text")?.value).toBe(`Saved by ${w.persona}`),
      ),
    }),
  },
  {
    file: "reports.$reportId.$ref.tsx",
    fn: "loader",
    label: "Japan's draft: the questions about the report (contact person, priorities)",
    request: (w) => ({ request: get(`/reports/${f.jpn}/report`, w), params: { reportId: String(f.jpn), ref: "report" } }),
    expect: japanReport({ contributor: ok(contains("Contact person for this report")) }),
  },
  {
    file: "reports.$reportId.$ref.tsx",
    fn: "action",
    label: "save the contact person and priorities of Japan's draft",
    request: async (w) => ({
      request: post(`/reports/${f.jpn}/report`, w, {
        "contact.0.name": `Contact saved by ${w.persona}`,
        "contact.0.email": "focal@example.org",
        "rev.contact": await revisionOf(f.jpn, "kyoto-2021.report.contact"),
        ta_priorities: ["81", "35"],
        "rev.ta_priorities": await revisionOf(f.jpn, "kyoto-2021.report.ta_priorities"),
      }),
      params: { reportId: String(f.jpn), ref: "report" },
    }),
    expect: japanReport({
      contributor: redirect(
        () => new RegExp(`^/reports/${f.jpn}/report\\?saved=`),
        async (_o, w) => {
          const stored = await getAnswers(f.jpn);
          expect(stored.get("kyoto-2021.report.contact")?.value).toEqual([{ name: `Contact saved by ${w.persona}`, title: null, email: "focal@example.org", phone: null }]);
          expect(stored.get("kyoto-2021.report.ta_priorities")?.value).toEqual(["81", "35"]);
        },
      ),
    }),
  },
  {
    file: "reports.$reportId.$ref.tsx",
    fn: "action",
    label: "save paragraph 35 of Brazil's submitted report",
    request: async (w) => ({
      request: post(`/reports/${f.bra}/35`, w, { description: `Overwritten by ${w.persona}`, "rev.description": await revisionOf(f.bra, "kyoto-2021.p35.description") }),
      params: { reportId: String(f.bra), ref: "35" },
    }),
    expect: brazilReport(R403),
  },
  {
    file: "reports.$reportId.$ref.autosave.tsx",
    fn: "action",
    label: "autosave paragraph 35 of Japan's draft",
    request: async (w) => ({
      request: post(`/reports/${f.jpn}/35/autosave`, w, {
        intent: "autosave",
        gender_mainstreamed: w.persona === "jpnContributor" ? "yes" : "no",
        "rev.gender_mainstreamed": await revisionOf(f.jpn, "kyoto-2021.p35.gender_mainstreamed"),
      }),
      params: { reportId: String(f.jpn), ref: "35" },
    }),
    expect: japanReport({
      contributor: ok(async (o, w) => {
        expect(o.body).toMatchObject({ intent: "autosave", changed: ["gender_mainstreamed"], errors: {}, conflicts: [] });
        expect((await getAnswers(f.jpn)).get("kyoto-2021.p35.gender_mainstreamed")?.value).toBe(w.persona === "jpnContributor" ? "yes" : "no");
      }),
    }),
  },
  {
    file: "reports.$reportId.$ref.autosave.tsx",
    fn: "action",
    label: "autosave paragraph 35 of Brazil's submitted report",
    request: async (w) => ({
      request: post(`/reports/${f.bra}/35/autosave`, w, { intent: "autosave", description: "Overwritten", "rev.description": await revisionOf(f.bra, "kyoto-2021.p35.description") }),
      params: { reportId: String(f.bra), ref: "35" },
    }),
    expect: brazilReport(R403),
  },
  {
    file: "reports.$reportId.$ref.autosave.tsx",
    fn: "loader",
    label: "GET is not allowed (405, no data)",
    request: (w) => ({ request: get(`/reports/${f.jpn}/35/autosave`, w), params: { reportId: String(f.jpn), ref: "35" } }),
    expect: same({ status: 405, check: (o) => expect(o.headers.get("Allow")).toBe("POST") }),
  },
  {
    file: "reports.$reportId.confirm.tsx",
    fn: "action",
    label: "confirm the unchanged answers of paragraph 35 of Japan's draft",
    request: (w) => ({ request: post(`/reports/${f.jpn}/confirm`, w, { paragraph: "35", from: "paragraph" }), params: { reportId: String(f.jpn) } }),
    expect: japanReport({ contributor: redirect(() => new RegExp(`^/reports/${f.jpn}/35\\?confirmed=\\d+&in=\\d+&toCheck=\\d+$`)) }),
  },
  {
    file: "reports.$reportId.confirm.tsx",
    fn: "action",
    label: "confirm the unchanged answers of Brazil's submitted report",
    request: (w) => ({ request: post(`/reports/${f.bra}/confirm`, w, {}), params: { reportId: String(f.bra) } }),
    expect: brazilReport(R403),
  },
  {
    file: "reports.$reportId.confirm.tsx",
    fn: "loader",
    label: "GET on confirm: back to the task list",
    request: (w) => ({ request: get(`/reports/${f.jpn}/confirm`, w), params: { reportId: String(f.jpn) } }),
    expect: japanReport({ contributor: redirect(() => new RegExp(`^/reports/${f.jpn}$`)) }),
  },
  {
    file: "reports.$reportId.check.tsx",
    fn: "loader",
    label: "Japan's draft: check your answers",
    request: (w) => ({ request: get(`/reports/${f.jpn}/check`, w), params: { reportId: String(f.jpn) } }),
    expect: japanReport({
      contributor: ok((o) => {
        contains(SECRET_JPN)(o);
        expect(o.body).toMatchObject({ canSubmit: false });
      }),
      focalPoint: ok((o) => {
        contains(SECRET_JPN)(o);
        expect(o.body).toMatchObject({ canSubmit: true });
      }),
    }),
  },
  {
    file: "reports.$reportId.check.tsx",
    fn: "loader",
    label: "Brazil's submitted report: check your answers",
    request: (w) => ({ request: get(`/reports/${f.bra}/check`, w), params: { reportId: String(f.bra) } }),
    expect: brazilReport(ok((o) => {
      contains(SECRET_BRA)(o);
      expect(o.body).toMatchObject({ canSubmit: false, status: "submitted" });
    })),
  },
  {
    file: "reports.$reportId.check.tsx",
    fn: "action",
    label: "submit Japan's complete draft",
    request: (w) => ({
      request: post(`/reports/${f.jpnToSubmit}/check`, w, { token: crypto.randomUUID(), disclosure: "secretariat" }),
      params: { reportId: String(f.jpnToSubmit) },
    }),
    expect: {
      anonymous: R401,
      kenContributor: R404,
      kenFocalPoint: R404,
      jpnContributor: { status: 403, check: async () => expect(await statusOf(f.jpnToSubmit)).toBe("draft") },
      jpnFocalPoint: redirect(() => new RegExp(`^/reports/${f.jpnToSubmit}/check\\?submitted=1$`), async () => expect(await statusOf(f.jpnToSubmit)).toBe("submitted")),
      secretariat: R403,
      admin: R403,
    },
  },
  {
    file: "reports.$reportId.check.tsx",
    fn: "action",
    label: "submit Brazil's report",
    request: (w) => ({ request: post(`/reports/${f.bra}/check`, w, { token: crypto.randomUUID(), disclosure: "public" }), params: { reportId: String(f.bra) } }),
    expect: brazilReport(R403),
  },
  {
    file: "reports.$reportId.handover.tsx",
    fn: "loader",
    label: "GET on the hand-over: back to the check page",
    request: (w) => ({ request: get(`/reports/${f.jpn}/handover`, w), params: { reportId: String(f.jpn) } }),
    expect: japanReport({ contributor: redirect(() => new RegExp(`^/reports/${f.jpn}/check$`)) }),
  },
  {
    file: "reports.$reportId.handover.tsx",
    fn: "action",
    label: "mark paragraph 35 of Japan's draft ready for the focal point",
    request: (w) => ({ request: post(`/reports/${f.jpn}/handover`, w, { intent: "ready", ref: "35", from: "tasks" }), params: { reportId: String(f.jpn) } }),
    expect: japanReport({ contributor: redirect(() => new RegExp(`^/reports/${f.jpn}\\?ready=1$`)), focalPoint: R403 }),
  },
  {
    file: "reports.$reportId.handover.tsx",
    fn: "action",
    label: "mark a paragraph of Brazil's submitted report ready",
    request: (w) => ({ request: post(`/reports/${f.bra}/handover`, w, { intent: "ready", ref: "35" }), params: { reportId: String(f.bra) } }),
    expect: brazilReport(R403),
  },
  {
    file: "reports.$reportId.assignments.tsx",
    fn: "loader",
    label: "Japan's draft: who works on what",
    request: (w) => ({ request: get(`/reports/${f.jpn}/assignments`, w), params: { reportId: String(f.jpn) } }),
    expect: japanReport({
      contributor: R403,
      focalPoint: ok((o) => expect((o.body as { assignments: { contributors: { name: string }[] } }).assignments.contributors.length).toBeGreaterThan(0)),
    }),
  },
  {
    file: "reports.$reportId.assignments.tsx",
    fn: "action",
    label: "assign paragraph 35 of Japan's draft to nobody",
    request: (w) => ({ request: post(`/reports/${f.jpn}/assignments`, w, { target: "p:35", assignee: "none" }), params: { reportId: String(f.jpn) } }),
    expect: japanReport({ contributor: R403, focalPoint: redirect(() => new RegExp(`^/reports/${f.jpn}/assignments\\?assigned=0$`)) }),
  },
  {
    file: "reports.$reportId.assignments.tsx",
    fn: "action",
    label: "assign a paragraph of Brazil's submitted report",
    request: (w) => ({ request: post(`/reports/${f.bra}/assignments`, w, { target: "p:35", assignee: "none" }), params: { reportId: String(f.bra) } }),
    expect: brazilReport(R403),
  },
  {
    file: "states.$iso3.tsx",
    fn: "loader",
    label: "Japan's State profile",
    request: (w) => ({ request: get("/states/JPN", w), params: { iso3: "JPN" } }),
    expect: {
      anonymous: R401,
      kenContributor: R404,
      kenFocalPoint: R404,
      jpnContributor: R403,
      jpnFocalPoint: ok((o) => expect(o.body).toMatchObject({ profile: { iso3: "JPN" } })),
      secretariat: R403,
      admin: ok((o) => expect(o.body).toMatchObject({ profile: { iso3: "JPN" } })),
    },
  },
  {
    file: "states.$iso3.tsx",
    fn: "action",
    label: "set Japan's Permanent Mission address (none)",
    request: (w) => ({ request: post("/states/JPN", w, { missionEmail: "", missionLanguage: "en" }), params: { iso3: "JPN" } }),
    expect: {
      anonymous: R401,
      kenContributor: R404,
      kenFocalPoint: R404,
      jpnContributor: R403,
      jpnFocalPoint: redirect(/^\/states\/JPN\?saved=1$/),
      secretariat: R403,
      admin: redirect(/^\/states\/JPN\?saved=1$/),
    },
  },
  {
    file: "reports.$reportId.print.tsx",
    fn: "loader",
    label: "Japan's draft: print view",
    request: (w) => ({ request: get(`/reports/${f.jpn}/print`, w), params: { reportId: String(f.jpn) } }),
    expect: japanReport({ contributor: ok(contains(SECRET_JPN)) }),
  },
  {
    file: "reports.$reportId.print.tsx",
    fn: "loader",
    label: "Brazil's submitted report: print view",
    request: (w) => ({ request: get(`/reports/${f.bra}/print`, w), params: { reportId: String(f.bra) } }),
    expect: brazilReport(ok(contains(SECRET_BRA))),
  },
  {
    file: "reports.$reportId.workbook.tsx",
    fn: "loader",
    label: "Japan's draft: the offline workbook",
    request: (w) => ({ request: get(`/reports/${f.jpn}/workbook`, w), params: { reportId: String(f.jpn) } }),
    expect: japanReport({
      contributor: ok((o) => {
        expect(o.headers.get("Content-Type")).toBe(XLSX_TYPE);
        expect(o.headers.get("Content-Disposition")).toBe(`attachment; filename="kyoto-report-${f.jpn}-JPN.xlsx"`);
      }),
    }),
  },
  {
    file: "reports.$reportId.workbook.tsx",
    fn: "loader",
    label: "Brazil's submitted report: the workbook is for Brazil's users only",
    request: (w) => ({ request: get(`/reports/${f.bra}/workbook`, w), params: { reportId: String(f.bra) } }),
    expect: brazilReport(R403),
  },
  {
    file: "reports.$reportId.import.tsx",
    fn: "loader",
    label: "Japan's draft: upload a workbook",
    request: (w) => ({ request: get(`/reports/${f.jpn}/import`, w), params: { reportId: String(f.jpn) } }),
    expect: japanReport({ contributor: ok((o) => expect(o.body).toMatchObject({ header: { reportId: f.jpn } })) }),
  },
  {
    file: "reports.$reportId.import.tsx",
    fn: "loader",
    label: "Brazil's submitted report: upload a workbook",
    request: (w) => ({ request: get(`/reports/${f.bra}/import`, w), params: { reportId: String(f.bra) } }),
    expect: brazilReport(R403),
  },
  {
    file: "reports.$reportId.import.tsx",
    fn: "action",
    label: "preview Japan's own workbook, unchanged",
    request: async (w) => ({
      request: postRequest(`/reports/${f.jpn}/import`, { cookie: w.cookie, body: workbookForm(await workbookOf(f.jpn)) }),
      params: { reportId: String(f.jpn) },
    }),
    expect: japanReport({ contributor: ok((o) => expect(o.body).toMatchObject({ fatal: null, errors: [], preview: [] })) }),
  },
  {
    file: "reports.$reportId.import.tsx",
    fn: "action",
    label: "preview a workbook into Brazil's submitted report",
    request: async (w) => ({
      request: postRequest(`/reports/${f.bra}/import`, { cookie: w.cookie, body: workbookForm(await workbookOf(f.bra)) }),
      params: { reportId: String(f.bra) },
    }),
    expect: brazilReport(R403),
  },
  {
    file: "reports.$reportId.history.tsx",
    fn: "loader",
    label: "Japan's draft: history",
    request: (w) => ({ request: get(`/reports/${f.jpn}/history`, w), params: { reportId: String(f.jpn) } }),
    expect: japanReport({ contributor: ok(contains(SECRET_JPN)) }),
  },
  {
    file: "reports.$reportId.history.tsx",
    fn: "loader",
    label: "Brazil's submitted report: history",
    request: (w) => ({ request: get(`/reports/${f.bra}/history`, w), params: { reportId: String(f.bra) } }),
    expect: brazilReport(ok(contains(SECRET_BRA))),
  },
  {
    file: "reports.$reportId.comments.tsx",
    fn: "loader",
    label: "comments page of Japan's draft (a GET goes back to the report)",
    request: (w) => ({ request: get(`/reports/${f.jpn}/comments`, w), params: { reportId: String(f.jpn) } }),
    expect: japanReport({ contributor: redirect(() => new RegExp(`^/reports/${f.jpn}$`)) }),
  },
  {
    file: "reports.$reportId.comments.tsx",
    fn: "action",
    label: "comment on Japan's draft",
    request: (w) => ({
      request: post(`/reports/${f.jpn}/comments`, w, { intent: "comment", questionId: "kyoto-2021.p35.status", paragraphRef: "35", body: `Comment by ${w.persona}`, redirectTo: `/reports/${f.jpn}/35` }),
      params: { reportId: String(f.jpn) },
    }),
    expect: japanReport({ contributor: redirect(() => new RegExp(`^/reports/${f.jpn}/35$`)) }),
  },
  {
    file: "reports.$reportId.comments.tsx",
    fn: "action",
    label: "comment on Brazil's submitted report",
    request: (w) => ({
      request: post(`/reports/${f.bra}/comments`, w, { intent: "comment", questionId: "kyoto-2021.p35.description", paragraphRef: "35", body: `Comment by ${w.persona}` }),
      params: { reportId: String(f.bra) },
    }),
    expect: brazilReport(redirect(() => new RegExp(`^/reports/${f.bra}$`))),
  },
  // ---------------------------------------------------------------- drafting
  {
    file: "drafting._index.tsx",
    fn: "loader",
    label: "drafts: the secretariat's all, Commission members' released ones",
    request: (w) => ({ request: get("/drafting", w) }),
    expect: byRole({
      state: ok((o) => {
        const ids = (o.body as { drafts: { id: number }[]; manage: boolean }).drafts.map((d) => d.id);
        expect(ids).toContain(f.draftReleased);
        expect(ids).not.toContain(f.draftHidden);
      }),
      secretariat: ok((o) => expect((o.body as { drafts: { id: number }[] }).drafts.map((d) => d.id)).toEqual(expect.arrayContaining([f.draftReleased, f.draftHidden]))),
    }),
  },
  {
    file: "drafting._index.tsx",
    fn: "action",
    label: "generate a draft",
    request: (w) => ({ request: post("/drafting", w, { cycleId: String(f.insights), kind: "report", lang: "fr", pillar: "1" }) }),
    expect: byRole({ state: R403, secretariat: redirect(/^\/drafting\/\d+$/) }),
  },
  {
    file: "drafting.$draftId._index.tsx",
    fn: "loader",
    label: "a released draft: public version for the Commission, internal for the secretariat",
    request: (w) => ({ request: get(`/drafting/${f.draftReleased}`, w), params: { draftId: String(f.draftReleased) } }),
    expect: byRole({
      state: ok((o) => {
        expect(o.body).toMatchObject({ version: "public" });
        expect(bodyText(o)).not.toContain(INSIGHT_SECRET);
        expect(bodyText(o)).not.toContain(INSIGHT_COMMISSION);
      }),
      secretariat: ok((o) => expect(o.body).toMatchObject({ version: "internal" })),
    }),
  },
  {
    file: "drafting.$draftId._index.tsx",
    fn: "loader",
    label: "a draft not released: the secretariat only",
    request: (w) => ({ request: get(`/drafting/${f.draftHidden}`, w), params: { draftId: String(f.draftHidden) } }),
    expect: byRole({ state: R404, secretariat: ok((o) => expect(o.body).toMatchObject({ version: "internal", draft: { kind: "meeting_pack" } })) }),
  },
  {
    file: "drafting.$draftId._index.tsx",
    fn: "loader",
    label: "no such draft (404)",
    request: (w) => ({ request: get("/drafting/99999", w), params: { draftId: "99999" } }),
    expect: byRole({ state: R404, secretariat: R404 }),
  },
  {
    file: "drafting.$draftId._index.tsx",
    fn: "action",
    label: "regenerate a draft",
    request: (w) => ({ request: post(`/drafting/${f.draftHidden}`, w, { intent: "regenerate" }), params: { draftId: String(f.draftHidden) } }),
    expect: byRole({ state: R403, secretariat: redirect(/^\/drafting\/\d+\?regenerated=0$/) }),
  },
  {
    file: "drafting.$draftId.sections.$sectionId.tsx",
    fn: "loader",
    label: "a section's editor",
    request: async (w) => {
      const s = await draftSection(f.draftReleased, "para-21");
      return { request: get(`/drafting/${f.draftReleased}/sections/${s.id}`, w), params: { draftId: String(f.draftReleased), sectionId: String(s.id) } };
    },
    expect: byRole({ state: R403, secretariat: ok((o) => expect(o.body).toMatchObject({ section: { key: "para-21" } })) }),
  },
  {
    file: "drafting.$draftId.sections.$sectionId.tsx",
    fn: "action",
    label: "save a section",
    request: async (w) => {
      const s = await draftSection(f.draftHidden, "conclusions");
      return {
        request: post(`/drafting/${f.draftHidden}/sections/${s.id}`, w, { text: `Conclusions by ${w.persona}`, revision: String(s.revision) }),
        params: { draftId: String(f.draftHidden), sectionId: String(s.id) },
      };
    },
    expect: byRole({ state: R403, secretariat: redirect(/^\/drafting\/\d+\?saved=\d+#section-\d+$/) }),
  },
  {
    file: "drafting.$draftId.sentences.$sentenceId.tsx",
    fn: "loader",
    label: "a sentence's sources and the answers behind it",
    request: async (w) => {
      const s = await draftSection(f.draftReleased, "para-21");
      return { request: get(`/drafting/${f.draftReleased}/sentences/${s.sentence}`, w), params: { draftId: String(f.draftReleased), sentenceId: s.sentence } };
    },
    expect: byRole({
      state: R403,
      secretariat: ok((o) => {
        const answers = (o.body as { answers: { stateIso3: string }[] }).answers.map((a) => a.stateIso3).sort();
        expect(answers).toEqual(["MEX", "NGA", "ZAF"]);
      }),
    }),
  },
  {
    file: "drafting.$draftId.examples.$ref.tsx",
    fn: "loader",
    label: "paragraph 21's narratives grouped by similarity",
    request: (w) => ({ request: get(`/drafting/${f.draftReleased}/examples/21`, w), params: { draftId: String(f.draftReleased), ref: "21" } }),
    expect: byRole({ state: R403, secretariat: ok(contains(INSIGHT_SECRET)) }),
  },
  {
    file: "drafting.$draftId.examples.$ref.tsx",
    fn: "action",
    label: "pick no quote for paragraph 21",
    request: (w) => ({ request: post(`/drafting/${f.draftReleased}/examples/21`, w, {}), params: { draftId: String(f.draftReleased), ref: "21" } }),
    expect: byRole({ state: R403, secretariat: redirect(/^\/drafting\/\d+\?picked=21#section-\d+$/) }),
  },
  {
    file: "drafting.$draftId.docx.tsx",
    fn: "loader",
    label: "DOCX of a released draft (the Commission gets the public version)",
    request: (w) => ({ request: get(`/drafting/${f.draftReleased}/docx?version=internal`, w), params: { draftId: String(f.draftReleased) } }),
    expect: byRole({
      state: ok((o) => expect(o.headers.get("Content-Disposition")).toMatch(/draft-\d+-public-en\.docx/)),
      secretariat: ok((o) => expect(o.headers.get("Content-Disposition")).toMatch(/draft-\d+-internal-en\.docx/)),
    }),
  },
  {
    file: "drafting.$draftId.docx.tsx",
    fn: "loader",
    label: "DOCX of a draft not released",
    request: (w) => ({ request: get(`/drafting/${f.draftHidden}/docx`, w), params: { draftId: String(f.draftHidden) } }),
    expect: byRole({ state: R404, secretariat: ok((o) => expect(o.headers.get("Content-Type")).toMatch(/wordprocessingml/)) }),
  },
  {
    file: "drafting.$draftId.print.tsx",
    fn: "loader",
    label: "print view of a released draft",
    request: (w) => ({ request: get(`/drafting/${f.draftReleased}/print?version=internal`, w), params: { draftId: String(f.draftReleased) } }),
    expect: byRole({
      state: ok((o) => expect(o.body).toMatchObject({ version: "public", internalMark: null })),
      secretariat: ok((o) => expect(o.body).toMatchObject({ version: "internal" })),
    }),
  },
  {
    file: "drafting.$draftId.print.tsx",
    fn: "loader",
    label: "print view of a draft not released (a meeting pack handout)",
    request: (w) => ({ request: get(`/drafting/${f.draftHidden}/print`, w), params: { draftId: String(f.draftHidden) } }),
    expect: byRole({ state: R404, secretariat: ok((o) => expect(o.body).toMatchObject({ title: "Matrix meeting", methodology: expect.stringContaining("self-assessments"), keyFigures: expect.any(Array) })) }),
  },
];

/** Route files with neither loader nor action (nothing to guard). */
const STATIC_ROUTES = ["_index.tsx"];

async function excludedReasonOf(reportId: number) {
  return getDb().select({ reason: reports.excludedReason }).from(reports).where(eq(reports.id, reportId)).get()?.reason ?? null;
}

async function statusOf(reportId: number) {
  return getDb().select({ status: reports.status }).from(reports).where(eq(reports.id, reportId)).get()?.status;
}

/* ------------------------------------------------------------------ running it */

const ROUTES_DIR = path.join(ROOT, "app/routes");

function routeFiles(): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(ROUTES_DIR, { withFileTypes: true })) {
    if (entry.isFile() && /\.(tsx?|jsx?)$/.test(entry.name)) files.push(entry.name);
    if (entry.isDirectory()) {
      const route = fs.readdirSync(path.join(ROUTES_DIR, entry.name)).find((n) => /^route\.(tsx?|jsx?)$/.test(n));
      if (route) files.push(`${entry.name}/${route}`);
    }
  }
  return files.sort();
}

type RouteModule = Partial<Record<"loader" | "action", (args: never) => unknown>>;
const modules = new Map<string, Promise<RouteModule>>();
function routeModule(file: string): Promise<RouteModule> {
  let m = modules.get(file);
  if (!m) {
    m = import(pathToFileURL(path.join(ROUTES_DIR, file)).href) as Promise<RouteModule>;
    modules.set(file, m);
  }
  return m;
}

const REFUSAL_KEYS = new Set(["message", "signIn", "status"]);

describe("coverage", () => {
  test("every loader and action of every route file is in the matrix", async () => {
    const missing: string[] = [];
    for (const file of routeFiles()) {
      const mod = await routeModule(file);
      const fns = (["loader", "action"] as const).filter((fn) => typeof mod[fn] === "function");
      if (fns.length === 0 && !STATIC_ROUTES.includes(file)) missing.push(`${file} (no loader or action: add it to STATIC_ROUTES)`);
      for (const fn of fns) if (!ROWS.some((r) => r.file === file && r.fn === fn)) missing.push(`${file} ${fn}`);
    }
    expect(missing, "route functions with no row in the permission matrix").toEqual([]);
  }, 30_000); // imports every route module: slow on a busy machine

  test("every row names a loader or action that exists", async () => {
    const stale: string[] = [];
    for (const r of ROWS) {
      if (!fs.existsSync(path.join(ROUTES_DIR, r.file)) || typeof (await routeModule(r.file))[r.fn] !== "function") stale.push(`${r.file} ${r.fn}`);
    }
    for (const file of STATIC_ROUTES) {
      const mod = await routeModule(file);
      if (mod.loader || mod.action) stale.push(`${file} is in STATIC_ROUTES but has a loader or action`);
    }
    expect(stale).toEqual([]);
  });
});

for (const row of ROWS) {
  describe(`${row.file} ${row.fn}: ${row.label}`, () => {
    for (const persona of PERSONAS) {
      const cell = row.expect[persona];
      const statuses = Array.isArray(cell.status) ? cell.status : [cell.status];
      const refusal = statuses.every((s) => s >= 400);
      test(`${persona} → ${statuses.join("/")}`, async () => {
        const fn = (await routeModule(row.file))[row.fn]!;
        const w = who(persona);
        const { request, params = {} } = await row.request(w);
        const outcome = await callRoute(fn as never, { request, params, context: { clientIp: "127.0.0.1" } });
        expect(outcome.crash, bodyText(outcome)).toBeUndefined();
        expect(statuses, `status ${outcome.status}: ${bodyText(outcome).slice(0, 300)}`).toContain(outcome.status);
        if (refusal && outcome.status >= 400) {
          // A refusal explains itself and carries nothing of any report.
          expect(explains(outcome.body), bodyText(outcome)).toBe(true);
          expect(bodyText(outcome)).not.toContain(SECRET_JPN);
          expect(bodyText(outcome)).not.toContain(SECRET_BRA);
          if ([401, 403, 404].includes(outcome.status)) {
            expect(Object.keys(outcome.body as object).filter((k) => !REFUSAL_KEYS.has(k))).toEqual([]);
          }
        }
        await cell.check?.(outcome, w);
      });
    }
  });
}

describe("matrix summary", () => {
  test("has every persona for every row", () => {
    const cells = ROWS.length * PERSONAS.length;
    const counts = { allowed: 0, refused: 0 };
    for (const r of ROWS)
      for (const p of PERSONAS) {
        const s = r.expect[p].status;
        if ((Array.isArray(s) ? s : [s]).every((x) => x >= 400)) counts.refused++;
        else counts.allowed++;
      }
    expect(counts.allowed + counts.refused).toBe(cells);
  });
});

/* ------------------------------------------------------------------ audit of refusals */

describe("refusals are audited", () => {
  async function refusedCount(userId: number, where: string) {
    return getDb()
      .select({ n: sql<number>`count(*)` })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, "authorization.refused"), eq(auditEvents.outcome, "refused"), eq(auditEvents.entityId, where)))
      .get()!.n;
  }

  test("the secretariat reading Japan's draft: 403, and one audit row with outcome 'refused'", async () => {
    const { loader } = await routeModule("reports.$reportId._index.tsx");
    const where = `/reports/${f.jpn}`;
    const before = await refusedCount(f.ids.secretariat!, where);
    const outcome = await callRoute(loader as never, { request: getRequest(where, f.cookies.secretariat), params: { reportId: String(f.jpn) } });
    expect(outcome.status).toBe(403);
    expect(await refusedCount(f.ids.secretariat!, where)).toBe(before + 1);
  });

  test("a contributor submitting: 403, audited with the permission it lacked", async () => {
    const { action } = await routeModule("reports.$reportId.check.tsx");
    const where = `/reports/${f.jpn}/check`;
    const before = await refusedCount(f.ids.jpnContributor!, where);
    const outcome = await callRoute(action as never, {
      request: postRequest(where, { cookie: f.cookies.jpnContributor, body: { token: crypto.randomUUID(), disclosure: "secretariat" } }),
      params: { reportId: String(f.jpn) },
    });
    expect(outcome.status).toBe(403);
    expect(await refusedCount(f.ids.jpnContributor!, where)).toBe(before + 1);
    const row = getDb()
      .select({ newValue: auditEvents.newValue })
      .from(auditEvents)
      .where(and(eq(auditEvents.actorUserId, f.ids.jpnContributor!), eq(auditEvents.entityId, where)))
      .orderBy(sql`${auditEvents.id} desc`)
      .get();
    expect(row?.newValue).toEqual({ permission: "submit:report:own" });
  });

  test("a contributor on the users page: 403, audited", async () => {
    const { loader } = await routeModule("users.tsx");
    const before = await refusedCount(f.ids.jpnContributor!, "/users");
    expect((await callRoute(loader as never, { request: getRequest("/users", f.cookies.jpnContributor) })).status).toBe(403);
    expect(await refusedCount(f.ids.jpnContributor!, "/users")).toBe(before + 1);
  });
});

/* ------------------------------------------------------------------ after sign-out */

test("a signed-out session is anonymous: 401 on Japan's report", async () => {
  const cookie = await sessionCookie(f.ids.jpnFocalPoint!);
  const { action: logout } = await routeModule("logout.tsx");
  expect((await callRoute(logout as never, { request: postRequest("/logout", { cookie, body: {} }) })).status).toBe(302);
  const { loader } = await routeModule("reports.$reportId._index.tsx");
  const outcome = await callRoute(loader as never, { request: getRequest(`/reports/${f.jpn}`, cookie), params: { reportId: String(f.jpn) } });
  expect(outcome.status).toBe(401);
  expect(bodyText(outcome)).not.toContain(SECRET_JPN);
});

