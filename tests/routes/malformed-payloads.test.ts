/**
 * Malformed requests against every action that reads a form: each is refused with a 4xx that
 * says why (never a 500 or a crash), and nothing saved before is lost.
 */
import crypto from "node:crypto";
import { dictionary } from "@zxcvbn-ts/language-common";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext, openReport, saveAnswers, submitReport, type CycleRow, type StoredAnswer } from "#app/reporting/reports.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import * as cycleEdit from "#app/routes/cycles.$cycleId.tsx";
import * as cycleNew from "#app/routes/cycles.new.tsx";
import * as forgotPassword from "#app/routes/forgot-password.tsx";
import * as language from "#app/routes/language.tsx";
import * as login from "#app/routes/login.tsx";
import * as account from "#app/routes/account._index.tsx";
import * as twoFactorSignIn from "#app/routes/login_.two-factor.tsx";
import { createSession } from "#app/accounts/sessions.server.ts";
import { serializeSessionCookie } from "#app/accounts/session-cookie.server.ts";
import * as accountTwoFactor from "#app/routes/account.two-factor.tsx";
import * as autosave from "#app/routes/reports.$reportId.$ref.autosave.tsx";
import * as paragraph from "#app/routes/reports.$reportId.$ref.tsx";
import * as check from "#app/routes/reports.$reportId.check.tsx";
import * as workbookImport from "#app/routes/reports.$reportId.import.tsx";
import { hugeSheetWorkbook, wideSheetWorkbook, zipBomb } from "#tests/setup/hostile-workbooks.ts";
import * as confirmUnchanged from "#app/routes/reports.$reportId.confirm.tsx";
import * as handover from "#app/routes/reports.$reportId.handover.tsx";
import * as stateProfile from "#app/routes/states.$iso3.tsx";
import * as assignments from "#app/routes/reports.$reportId.assignments.tsx";
import * as comments from "#app/routes/reports.$reportId.comments.tsx";
import * as reportsIndex from "#app/routes/reports._index.tsx";
import * as setPassword from "#app/routes/set-password.$token.tsx";
import * as usersRoute from "#app/routes/users.tsx";
import * as draftingIndex from "#app/routes/drafting._index.tsx";
import * as draftRoute from "#app/routes/drafting.$draftId._index.tsx";
import * as draftSectionRoute from "#app/routes/drafting.$draftId.sections.$sectionId.tsx";
import * as draftExamples from "#app/routes/drafting.$draftId.examples.$ref.tsx";
import { createDraft, getDraft, saveSection } from "#app/drafting/drafts.server.ts";
import * as reviewReport from "#app/routes/review.$reportId.tsx";
import * as reviewInbox from "#app/routes/review._index.tsx";
import { addComment } from "#app/review/review.server.ts";
import { RESOURCES } from "#app/utils/i18n.server.ts";
import { getDb } from "#db/client.ts";
import { cycles, drafts, reports, users } from "#db/schema/index.ts";
import { bodyText, callRoute, explains, postRequest, sessionCookie, urlencoded, type FormEntries, type RouteOutcome } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

/* ------------------------------------------------------------------ fixtures */

const f = {
  fpJpn: "",
  ctJpn: "",
  fpJpnId: 0,
  admin: "",
  adminId: 0,
  fpKen: "",
  kenFpId: 0,
  /** Japan's focal point between the password and the code (a second_factor session). */
  codeStep: "",
  cycle: undefined as unknown as CycleRow,
  /** Japan's draft in the demo cycle: paragraph 35 saved before the attack. */
  jpn: 0,
  /** Kenya's draft: another State's report. */
  ken: 0,
  /** Japan's complete draft in a one-paragraph cycle (a valid submit would succeed). */
  jpnComplete: 0,
  /** The same, in another cycle, for the one payload that could submit it. */
  jpnComplete2: 0,
  /** Japan's submitted report in another cycle. */
  jpnSubmitted: 0,
  /** A draft cycle for the edit form. */
  draftCycle: 0,
  before: new Map<string, StoredAnswer>(),
  cyclesBefore: 0,
  usersBefore: 0,
  /** A draft of the demo cycle whose conclusions were written before the attack. */
  draft: 0,
  conclusions: 0,
  draftsBefore: 0,
};

const SAVED_CONCLUSIONS = "Conclusions written before the attack";

/** Hostile workbooks for the import form (F6), made once. */
const hostile: Record<"bomb" | "rows" | "wide", Buffer> = { bomb: Buffer.alloc(0), rows: Buffer.alloc(0), wide: Buffer.alloc(0) };

const SAVED_DESCRIPTION = "Saved before the attack";

async function q(reportId: number, ref: string, key: string) {
  const ctx = (await getReportContext(reportId))!;
  const p = ctx.paragraphs.find((x) => x.ref === ref)!;
  return { question: p.questions.find((x) => x.key === key)!, paragraphRef: ref };
}

async function oneParagraphCycle(title: string, status: "open" | "draft" = "open") {
  return createCycle(
    { title, instrumentId: f.cycle.instrumentId, versionId: f.cycle.versionId, scope: { kind: "paragraphs", refs: ["21"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status },
    f.adminId,
    null,
  );
}

function count(table: typeof cycles | typeof users | typeof drafts) {
  return getDb().select({ n: sql<number>`count(*)` }).from(table).get()!.n;
}

beforeAll(async () => {
  useTestDatabase();
  f.fpJpnId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  f.adminId = (await findUserByEmail("admin@example.org"))!.id;
  const fpKenId = (await findUserByEmail("focalpoint.ken@example.org"))!.id;
  f.kenFpId = fpKenId;
  f.codeStep = (await serializeSessionCookie(new Request("http://localhost"), await createSession(f.fpJpnId, new Date(), { stage: "second_factor" }))).split(";")[0]!;
  f.fpJpn = await sessionCookie(f.fpJpnId);
  f.ctJpn = await sessionCookie((await findUserByEmail("contributor.jpn@example.org"))!.id);
  f.admin = await sessionCookie(f.adminId);
  f.fpKen = await sessionCookie(fpKenId);
  f.cycle = (await getCycle(1))!;

  f.jpn = await openReport(f.cycle, "JPN", f.fpJpnId, null);
  const saved = await saveAnswers(
    f.jpn,
    f.fpJpnId,
    [
      { ...(await q(f.jpn, "35", "status")), value: "in_progress", baseRevision: 0 },
      { ...(await q(f.jpn, "35", "description")), value: SAVED_DESCRIPTION, baseRevision: 0 },
    ],
    null,
  );
  expect(saved.revisions).toEqual({ status: 1, description: 1 });
  f.ken = await openReport(f.cycle, "KEN", fpKenId, null);

  f.jpnComplete = await openReport((await getCycle(await oneParagraphCycle("Malformed: complete draft")))!, "JPN", f.fpJpnId, null);
  await saveAnswers(f.jpnComplete, f.fpJpnId, [{ ...(await q(f.jpnComplete, "21", "status")), value: "planned", baseRevision: 0 }], null);

  f.jpnComplete2 = await openReport((await getCycle(await oneParagraphCycle("Malformed: complete draft 2")))!, "JPN", f.fpJpnId, null);
  await saveAnswers(f.jpnComplete2, f.fpJpnId, [{ ...(await q(f.jpnComplete2, "21", "status")), value: "planned", baseRevision: 0 }], null);

  f.jpnSubmitted = await openReport((await getCycle(await oneParagraphCycle("Malformed: submitted")))!, "JPN", f.fpJpnId, null);
  await saveAnswers(f.jpnSubmitted, f.fpJpnId, [{ ...(await q(f.jpnSubmitted, "21", "status")), value: "planned", baseRevision: 0 }], null);
  await submitReport(f.jpnSubmitted, f.fpJpnId, crypto.randomUUID(), null);
  // An open question on it: completing its review then needs a reason.
  await addComment({ reportId: f.jpnSubmitted, questionId: "kyoto-2021.p21.status", paragraphRef: "21", authorId: f.adminId, body: "Since when?", threadId: null, ip: null });

  f.draftCycle = await oneParagraphCycle("Malformed: draft cycle", "draft");

  f.draft = (await createDraft({ cycleId: 1, kind: "report", lang: "en", scope: {} }, f.adminId, null))!;
  f.conclusions = (await getDraft(f.draft))!.sections.find((x) => x.key === "conclusions")!.id;
  expect(await saveSection(f.draft, f.conclusions, SAVED_CONCLUSIONS, 1, f.adminId, null)).toEqual({ ok: true, revision: 2 });
  f.draftsBefore = count(drafts);

  [hostile.bomb, hostile.rows, hostile.wide] = [await zipBomb(100), await hugeSheetWorkbook(6_000), await wideSheetWorkbook(16_384)];

  f.before = await getAnswers(f.jpn);
  f.cyclesBefore = count(cycles);
  f.usersBefore = count(users);
});

/* ------------------------------------------------------------------ payload builders */

const MB = 1024 * 1024;
const huge = (name: string) => `${name}=${"x".repeat(MB + 1024)}`;
const JSON_TYPE = "application/json";

function multipart(fields: Record<string, string | File>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  return fd;
}
const aFile = (content = "not text") => new File([content], "evil.txt", { type: "text/plain" });

interface Payload {
  name: string;
  /** Path, params and cookie of the target; the body of the payload. */
  request: () => Request;
  params: Record<string, string>;
  statuses?: number[];
  /** Check of the body (the expected error key, the field of the error…). */
  check?: (o: RouteOutcome) => void;
}

interface Target {
  name: string;
  fn: (args: never) => unknown;
  payloads: Payload[];
}

interface Case {
  name: string;
  body: () => FormEntries | string | FormData | Uint8Array | null;
  contentType?: string | null;
  headers?: Record<string, string>;
  statuses?: number[];
  check?: (o: RouteOutcome) => void;
  /** Another path and params than the target's. */
  at?: () => { path: string; params: Record<string, string> };
}

/** One target: a path, params and the cookie of the caller. */
function target(name: string, fn: (args: never) => unknown, where: () => { path: string; params: Record<string, string>; cookie: string | null }, cases: Case[]): Target {
  return {
    name,
    fn,
    payloads: cases.map((c) => {
      let params: Record<string, string> = {};
      return {
        name: c.name,
        statuses: c.statuses,
        check: c.check,
        get params() {
          return params;
        },
        request: () => {
          const w = where();
          const at = c.at?.() ?? w;
          params = at.params;
          return postRequest(at.path, { cookie: w.cookie, body: c.body(), contentType: c.contentType, headers: c.headers });
        },
      };
    }),
  };
}

/** The common transport-level attacks on any form action. */
function transport(field: string): Case[] {
  return [
    { name: "JSON body", body: () => JSON.stringify({ [field]: "x" }), contentType: JSON_TYPE, statuses: [415] },
    { name: "text/plain body", body: () => `${field}=x`, contentType: "text/plain", statuses: [415] },
    { name: "XML body", body: () => `<form><${field}>x</${field}></form>`, contentType: "application/xml", statuses: [415] },
    { name: "no content type", body: () => `${field}=x`, contentType: null, statuses: [415] },
    { name: "urlencoded body over 1 MB", body: () => huge(field), statuses: [413] },
    { name: "multipart body over 1 MB", body: () => multipart({ [field]: "x".repeat(MB + 1024) }), statuses: [413] },
    { name: "declared Content-Length over 1 MB", body: () => `${field}=x`, headers: { "Content-Length": String(2 * MB) }, statuses: [413] },
    { name: "broken multipart", body: () => "--nope\r\ngarbage", contentType: "multipart/form-data; boundary=xyz", statuses: [400] },
  ];
}

const fieldError = (field: string, key?: string) => (o: RouteOutcome) => {
  const body = o.body as { errors?: Record<string, { key: string }> };
  expect(body.errors?.[field], bodyText(o).slice(0, 300)).toBeDefined();
  if (key) expect(body.errors![field]!.key).toBe(key);
};
/** A refused button form: conform's form error `key`, the id of the form it names, and the message in the language asked for. */
const refused = (form: string, key: string, message: RegExp) => (o: RouteOutcome) => {
  const body = o.body as { result?: { error?: Record<string, string[] | null> }; form?: string; message?: string };
  expect(body.result?.error?.[""], bodyText(o).slice(0, 300)).toContain(key);
  expect(body.form).toBe(form);
  expect(body.message ?? "").toMatch(message);
};
const FR = { "Accept-Language": "fr" };
const FR_STRINGS = RESOURCES.fr;
const AR = { "Accept-Language": "ar" };
const messageMatches = (re: RegExp) => (o: RouteOutcome) => expect((o.body as { message?: string }).message ?? "").toMatch(re);
const conformError = (field: string, key?: string) => (o: RouteOutcome) => {
  const error = (o.body as { result?: { error?: Record<string, string[] | null> } }).result?.error ?? {};
  expect(error[field], bodyText(o).slice(0, 300)).toBeTruthy();
  if (key) expect(error[field]).toContain(key);
};

/* ------------------------------------------------------------------ the answers of a paragraph */

const links = (n: number) => Array.from({ length: n }, (_, i) => `https://example.org/doc-${i}`).join("\n");

/** Answer payloads for paragraph 35 of Japan's draft (status and description are at revision 1). */
const ANSWER_CASES = [
  // wrong values and types
  { name: "status: unknown option", body: () => ({ status: "bogus", "rev.status": "1" }), check: fieldError("status", "validation.notAnOption") },
  { name: "status: a number", body: () => ({ status: "3", "rev.status": "1" }), check: fieldError("status", "validation.notAnOption") },
  { name: "status: label instead of value", body: () => ({ status: "In progress", "rev.status": "1" }), check: fieldError("status", "validation.notAnOption") },
  { name: "yes/no: 'true'", body: () => ({ gender_mainstreamed: "true", "rev.gender_mainstreamed": "0" }), check: fieldError("gender_mainstreamed", "validation.notAnOption") },
  { name: "yes/no: 'YES'", body: () => ({ gender_mainstreamed: "YES", "rev.gender_mainstreamed": "0" }), check: fieldError("gender_mainstreamed", "validation.notAnOption") },
  { name: "multiple choice: unknown option", body: () => ({ measures: "bogus", "rev.measures": "0" }), check: fieldError("measures", "validation.notAnOption") },
  { name: "multiple choice: one good, one unknown", body: () => ({ measures: ["legislative", "bogus"], "rev.measures": "0" }), check: fieldError("measures", "validation.notAnOption") },
  { name: "multiple choice: the same option twice", body: () => ({ measures: ["legislative", "legislative"], "rev.measures": "0" }), check: fieldError("measures", "validation.duplicateOption") },
  { name: "multiple choice: None ticked with a need", body: () => ({ ta_needed: ["training", "none"], "rev.ta_needed": "0" }), check: fieldError("ta_needed", "measure.validation.exclusiveOption") },
  { name: "yes/no: an extra answer the question does not offer", body: () => ({ gender_mainstreamed: "not_party", "rev.gender_mainstreamed": "0" }), check: fieldError("gender_mainstreamed", "validation.notAnOption") },
  // who may read a narrative answer (one choice per text answer, saved with it)
  { name: "disclosure: unknown level", body: () => ({ description: SAVED_DESCRIPTION, "rev.description": "1", "disclose.description": "everyone" }), check: messageMatches(/Who may read "description"/) },
  { name: "disclosure: level in capitals", body: () => ({ description: SAVED_DESCRIPTION, "rev.description": "1", "disclose.description": "PUBLIC" }), check: messageMatches(/Who may read "description"/) },
  { name: "disclosure: empty", body: () => ({ description: SAVED_DESCRIPTION, "rev.description": "1", "disclose.description": "" }), check: messageMatches(/Who may read "description"/) },
  { name: "disclosure of a choice answer", body: () => ({ status: "in_progress", "rev.status": "1", "disclose.status": "public" }), check: messageMatches(/only a narrative/) },
  { name: "disclosure of an unknown question", body: () => ({ "disclose.nothing": "public" }), check: messageMatches(/only a narrative/) },
  { name: "disclosure by full question id", body: () => ({ "disclose.kyoto-2021.p35.description": "public" }), check: messageMatches(/only a narrative/) },
  { name: "disclosure of the retired consent question", body: () => ({ good_practice_shareable: "yes", "rev.good_practice_shareable": "0" }), check: messageMatches(/Unknown question/) },
  { name: "disclosure sent twice", body: () => ({ description: SAVED_DESCRIPTION, "rev.description": "1", "disclose.description": ["public", "secretariat"] }), check: messageMatches(/sent 2 times/) },
  { name: "disclosure as a file", body: () => multipart({ description: SAVED_DESCRIPTION, "rev.description": "1", "disclose.description": aFile("public") }), check: messageMatches(/not a file/) },
  // arrays where one value is expected (duplicate fields): sent to a paragraph with no answers
  // of its own (`spare`), so a payload that is wrongly accepted cannot touch paragraph 35.
  { name: "single choice sent twice", spare: true, body: () => ({ status: ["planned", "fully_implemented"], "rev.status": "0" }) },
  { name: "yes/no sent twice", body: () => ({ gender_mainstreamed: ["yes", "no"], "rev.gender_mainstreamed": "0" }) },
  { name: "text sent twice", spare: true, body: () => ({ good_practice: ["first words", "second words"], "rev.good_practice": "0" }) },
  // revisions
  { name: "revision: not a number", body: () => ({ status: "planned", "rev.status": "abc" }), check: messageMatches(/revision/i) },
  { name: "revision: negative", body: () => ({ status: "planned", "rev.status": "-1" }), check: messageMatches(/revision/i) },
  { name: "revision: decimal", body: () => ({ status: "planned", "rev.status": "1.5" }), check: messageMatches(/revision/i) },
  { name: "revision: exponent", body: () => ({ status: "planned", "rev.status": "1e3" }), check: messageMatches(/revision/i) },
  { name: "revision: huge", body: () => ({ status: "planned", "rev.status": "99999999999999999999" }), check: messageMatches(/revision/i) },
  { name: "revision: empty", body: () => ({ status: "planned", "rev.status": "" }), check: messageMatches(/revision/i) },
  { name: "revision: hex", body: () => ({ status: "planned", "rev.status": "0x1" }), check: messageMatches(/revision/i) },
  { name: "revision: stale (0 while 1 is stored)", body: () => ({ status: "planned", "rev.status": "0" }), statuses: [409] },
  { name: "revision: from the future", body: () => ({ description: "Lost words?", "rev.description": "999999999" }), statuses: [409] },
  // unknown questions
  { name: "unknown question", body: () => ({ foo: "bar", "rev.foo": "0" }), check: messageMatches(/Unknown question/) },
  { name: "unknown question without revision", body: () => ({ status: "planned", "rev.status": "1", hacker: "1" }), check: messageMatches(/Unknown question/) },
  { name: "full question id as the field name", body: () => ({ "kyoto-2021.p35.status": "planned", "rev.kyoto-2021.p35.status": "1" }), check: messageMatches(/Unknown question/) },
  { name: "question key of paragraph 36", body: () => ({ std_tokyo_applied: "yes", "rev.std_tokyo_applied": "0" }), check: messageMatches(/Unknown question/) },
  { name: "question key of paragraph 21", body: () => ({ eval_done: "yes", "rev.eval_done": "0" }), check: messageMatches(/Unknown question/) },
  { name: "revision of an unknown question", body: () => ({ "rev.nothing": "0" }), check: messageMatches(/Unknown question/) },
  { name: "bracketed array name", body: () => ({ "status[]": "planned", "rev.status": "1" }), check: messageMatches(/Unknown question/) },
  { name: "key with a zero-width space", body: () => ({ "status\u200b": "planned", "rev.status": "1" }), check: messageMatches(/Unknown question/) },
  // text and links
  { name: "text of 20,001 characters", body: () => ({ description: "x".repeat(20_001), "rev.description": "1" }), check: fieldError("description", "validation.tooLong") },
  { name: "text of 200,000 characters", body: () => ({ good_practice: "y".repeat(200_000), "rev.good_practice": "0" }), check: fieldError("good_practice", "validation.tooLong") },
  { name: "21 links", body: () => ({ evidence: links(21), "rev.evidence": "0" }), check: fieldError("evidence", "validation.tooManyLinks") },
  { name: "500 links", body: () => ({ evidence: links(500), "rev.evidence": "0" }), check: fieldError("evidence", "validation.tooManyLinks") },
  { name: "javascript: link", body: () => ({ evidence: "javascript:alert(document.cookie)", "rev.evidence": "0" }), check: fieldError("evidence", "validation.notALink") },
  { name: "JAVASCRIPT: link in capitals", body: () => ({ evidence: "JavaScript:alert(1)//example.org", "rev.evidence": "0" }), check: fieldError("evidence", "validation.notALink") },
  { name: "data: link", body: () => ({ evidence: "data:text/html,<script>alert(1)</script>", "rev.evidence": "0" }), check: fieldError("evidence", "validation.notALink") },
  { name: "ftp: link", body: () => ({ evidence: "ftp://files.example.org/report.pdf", "rev.evidence": "0" }), check: fieldError("evidence", "validation.notALink") },
  { name: "link without a dotted host", body: () => ({ evidence: "http://localhost/admin", "rev.evidence": "0" }), check: fieldError("evidence", "validation.notALink") },
  { name: "relative link", body: () => ({ evidence: "/reports/1", "rev.evidence": "0" }), check: fieldError("evidence", "validation.notALink") },
  { name: "link over 2,000 characters", body: () => ({ evidence: `https://example.org/${"a".repeat(2_100)}`, "rev.evidence": "0" }), check: fieldError("evidence", "validation.linkTooLong") },
  { name: "link title over 500 characters", body: () => ({ evidence: `https://example.org/doc ${"t".repeat(600)}`, "rev.evidence": "0" }), check: fieldError("evidence", "validation.tooLong") },
  // structured facts (issue 12): records and exclusive "None"
  { name: "fact: legal reference year of two digits", body: () => ({ "fact_legal_refs.0.title": "Penal Code", "fact_legal_refs.0.year": "19", "rev.fact_legal_refs": "0" }), check: fieldError("fact_legal_refs", "records.validation.year") },
  { name: "fact: legal reference year 3000", body: () => ({ "fact_legal_refs.0.title": "Penal Code", "fact_legal_refs.0.year": "3000", "rev.fact_legal_refs": "0" }), check: fieldError("fact_legal_refs", "records.validation.year") },
  { name: "fact: legal reference javascript: link", body: () => ({ "fact_legal_refs.0.title": "Penal Code", "fact_legal_refs.0.link": "javascript:alert(1)", "rev.fact_legal_refs": "0" }), check: fieldError("fact_legal_refs", "records.validation.link") },
  { name: "fact: legal reference title of 501 characters", body: () => ({ "fact_legal_refs.0.title": "t".repeat(501), "rev.fact_legal_refs": "0" }), check: fieldError("fact_legal_refs", "records.validation.tooLong") },
  { name: "fact: legal reference row beyond the limit", body: () => ({ "fact_legal_refs.10.title": "Penal Code", "rev.fact_legal_refs": "0" }), check: messageMatches(/Unknown question/) },
  { name: "fact: legal reference field that does not exist", body: () => ({ "fact_legal_refs.0.colour": "red", "rev.fact_legal_refs": "0" }), check: messageMatches(/Unknown question/) },
  { name: "fact: legal reference row index negative", body: () => ({ "fact_legal_refs.-1.title": "Penal Code", "rev.fact_legal_refs": "0" }), check: messageMatches(/Unknown question/) },
  { name: "fact: a second indicator", body: () => ({ "fact_indicator.1.name": "Conviction rate", "rev.fact_indicator": "0" }), check: messageMatches(/Unknown question/) },
  { name: "fact: records field sent twice", spare: true, body: () => ({ "fact_legal_refs.0.title": ["Penal Code", "Criminal Procedure Code"], "rev.fact_legal_refs": "0" }) },
  { name: "fact: assistance from UNODC and None", body: () => ({ fact_ta_received: ["unodc", "none"], "rev.fact_ta_received": "0" }), check: fieldError("fact_ta_received", "measure.validation.exclusiveOption") },
  { name: "fact: academia consulted and None", body: () => ({ fact_stakeholders: ["academia", "none"], "rev.fact_stakeholders": "0" }), check: fieldError("fact_stakeholders", "measure.validation.exclusiveOption") },
  { name: "fact: an authority that is not in the list", body: () => ({ fact_authorities: ["parliament"], "rev.fact_authorities": "0" }), check: fieldError("fact_authorities", "validation.notAnOption") },
  // intents
  { name: "intent: unknown", body: () => ({ intent: "delete", status: "planned", "rev.status": "1" }), check: messageMatches(/Unknown intent/) },
  { name: "intent: in capitals", body: () => ({ intent: "SAVE", status: "planned", "rev.status": "1" }), check: messageMatches(/Unknown intent/) },
  { name: "intent: empty", body: () => ({ intent: "", status: "planned", "rev.status": "1" }), check: messageMatches(/Unknown intent/) },
  { name: "intent: discard without a key", body: () => ({ intent: "discard:", status: "planned", "rev.status": "1" }), check: messageMatches(/Unknown intent/) },
  { name: "intent: discard with a path", body: () => ({ intent: "discard:../../status", status: "planned", "rev.status": "1" }), check: messageMatches(/Unknown intent/) },
  { name: "intent: go to a paragraph not in the report", body: () => ({ intent: "go:999", status: "planned", "rev.status": "1" }), check: messageMatches(/No paragraph "999" in this report/) },
  { name: "intent: go to a path", body: () => ({ intent: "go:../../admin", status: "planned", "rev.status": "1" }), check: messageMatches(/Unknown intent/) },
  { name: "intent: go to another site", body: () => ({ intent: "go:https://evil.example", status: "planned", "rev.status": "1" }), check: messageMatches(/Unknown intent/) },
  { name: "intent: 10,000 characters", body: () => ({ intent: "s".repeat(10_000), status: "planned", "rev.status": "1" }), check: messageMatches(/Unknown intent/) },
  // files where text is expected
  { name: "multipart: a file as a text answer", body: () => multipart({ description: aFile(), "rev.description": "1" }), check: messageMatches(/not a file/) },
  { name: "multipart: a file as a choice", body: () => multipart({ status: aFile("planned"), "rev.status": "1" }), check: messageMatches(/not a file/) },
  { name: "multipart: a file as a revision", body: () => multipart({ status: "planned", "rev.status": aFile("1") }), check: messageMatches(/revision/i) },
  { name: "multipart: a file as the intent", body: () => multipart({ intent: aFile("save"), status: "planned", "rev.status": "1" }) },
] satisfies { name: string; spare?: boolean; body: () => FormEntries | FormData; statuses?: number[]; check?: (o: RouteOutcome) => void }[];

/** The questions about the report as a whole (ref "report", issue 12): priorities and the contact person. */
const REPORT_CASES = [
  { name: "report: the same paragraph twice among the priorities", body: () => ({ ta_priorities: ["81", "81"], "rev.ta_priorities": "0" }), check: fieldError("ta_priorities", "ranking.validation.duplicate") },
  { name: "report: four priorities", body: () => ({ ta_priorities: ["81", "35", "49", "21"], "rev.ta_priorities": "0" }), check: fieldError("ta_priorities", "ranking.validation.tooMany") },
  { name: "report: a priority that is not a paragraph", body: () => ({ ta_priorities: ["999"], "rev.ta_priorities": "0" }), check: fieldError("ta_priorities", "validation.notAnOption") },
  { name: "report: a preamble paragraph as a priority", body: () => ({ ta_priorities: ["1"], "rev.ta_priorities": "0" }), check: fieldError("ta_priorities", "validation.notAnOption") },
  { name: "report: contact e-mail without @", body: () => ({ "contact.0.name": "A. Focal", "contact.0.email": "focal.example.org", "rev.contact": "0" }), check: fieldError("contact", "records.validation.email") },
  { name: "report: contact telephone in words", body: () => ({ "contact.0.name": "A. Focal", "contact.0.phone": "call me", "rev.contact": "0" }), check: fieldError("contact", "records.validation.phone") },
  { name: "report: a second contact person", body: () => ({ "contact.1.name": "B. Focal", "rev.contact": "0" }), check: messageMatches(/Unknown question/) },
  { name: "report: use of the Declaration of 20,001 characters", body: () => ({ declaration_use: "u".repeat(20_001), "rev.declaration_use": "0" }), check: fieldError("declaration_use", "validation.tooLong") },
  { name: "report: a paragraph's question", body: () => ({ status: "planned", "rev.status": "0" }), check: messageMatches(/Unknown question/) },
];

/** Where the request goes: wrong reports and paragraphs, for the same body. */
const WRONG_PLACES = [
  { name: "another State's report (Kenya's)", at: () => ({ id: String(f.ken), ref: "35" }), statuses: [404] },
  { name: "a report that does not exist", at: () => ({ id: "999999", ref: "35" }), statuses: [404] },
  { name: "report id not a number", at: () => ({ id: "abc", ref: "35" }), statuses: [404] },
  { name: "report id negative", at: () => ({ id: "-1", ref: "35" }), statuses: [404] },
  { name: "report id zero", at: () => ({ id: "0", ref: "35" }), statuses: [404] },
  { name: "report id decimal", at: () => ({ id: `${f.jpn}.0`, ref: "35" }), statuses: [404] },
  { name: "report id exponent", at: () => ({ id: "1e3", ref: "35" }), statuses: [404] },
  { name: "report id of 30 digits", at: () => ({ id: "9".repeat(30), ref: "35" }), statuses: [404] },
  { name: "paragraph not in the report", at: () => ({ id: String(f.jpn), ref: "999" }), statuses: [404] },
  { name: "preamble paragraph (no questions)", at: () => ({ id: String(f.jpn), ref: "1" }), statuses: [404] },
  { name: "paragraph ref with a path", at: () => ({ id: String(f.jpn), ref: "../35" }), statuses: [404] },
  { name: "a submitted report of one's own State", at: () => ({ id: String(f.jpnSubmitted), ref: "21" }), statuses: [409] },
];

/** Paragraphs that duplicate-field payloads go to (one per target): nothing is saved there before. */
const SPARE_REFS = ["37", "38"];

function paragraphTarget(name: string, fn: (args: never) => unknown, suffix: string, spareRef: string): Target {
  const at = (id: string, ref: string) => ({ path: `/reports/${id}/${ref}${suffix}`, params: { reportId: id, ref } });
  return target(name, fn, () => ({ ...at(String(f.jpn), "35"), cookie: f.fpJpn }), [
    ...ANSWER_CASES.map((c) => ("spare" in c && c.spare ? { ...c, at: () => at(String(f.jpn), spareRef) } : c)),
    ...REPORT_CASES.map((c) => ({ ...c, at: () => at(String(f.jpn), "report") })),
    ...transport("description").map((c) => ({ ...c, check: undefined })),
    ...WRONG_PLACES.map((p) => ({
      name: p.name,
      body: () => ({ status: "planned", "rev.status": "1" }),
      statuses: p.statuses,
      at: () => at(p.at().id, p.at().ref),
    })),
  ]);
}

/* ------------------------------------------------------------------ every other form */

const commonPassword = (dictionary["passwords-common"] as string[]).find((p) => p.length >= 12 && p.length <= 128)!;
const GOOD_PASSWORD = "a long and unusual passphrase 42";

const cycleForm = (over: Record<string, string | string[]>): FormEntries => ({
  title: "Malformed cycle",
  versionId: String(f.cycle.versionId),
  scopeKind: "paragraphs",
  paragraphs: "21",
  opensOn: "2026-01-01",
  deadline: "2026-12-31",
  status: "draft",
  ...over,
});
const CYCLE_CASES: Case[] = [
  { name: "empty body", body: () => ({}), check: conformError("title") },
  { name: "title too short", body: () => cycleForm({ title: "ab" }), check: conformError("title", "validation.tooShort") },
  { name: "title of 201 characters", body: () => cycleForm({ title: "t".repeat(201) }), check: conformError("title", "validation.tooLong") },
  { name: "title sent twice", body: () => cycleForm({ title: ["First title", "Second title"] }), check: conformError("title") },
  { name: "version not a number", body: () => cycleForm({ versionId: "abc" }), check: conformError("versionId") },
  { name: "unknown instrument version", body: () => cycleForm({ versionId: "9999" }), check: conformError("versionId", "validation.notAnOption") },
  { name: "version negative", body: () => cycleForm({ versionId: "-1" }), check: conformError("versionId") },
  { name: "version decimal", body: () => cycleForm({ versionId: "1.5" }), check: conformError("versionId") },
  { name: "unknown scope kind", body: () => cycleForm({ scopeKind: "everything" }), check: conformError("scopeKind", "validation.notAnOption") },
  { name: "pillars scope without pillars", body: () => cycleForm({ scopeKind: "pillars" }), check: conformError("pillars", "validation.chooseAtLeastOne") },
  { name: "pillar not a number", body: () => cycleForm({ scopeKind: "pillars", pillars: ["one"] }), check: (o) => expect(explains(o.body)).toBe(true) },
  { name: "themes scope without themes", body: () => cycleForm({ scopeKind: "themes" }), check: conformError("themes", "validation.chooseAtLeastOne") },
  { name: "paragraph list not a list", body: () => cycleForm({ paragraphs: "twenty-one" }), check: conformError("paragraphs", "validation.refListInvalid") },
  { name: "paragraph that does not exist", body: () => cycleForm({ paragraphs: "9999" }), check: conformError("paragraphs") },
  { name: "preamble paragraph in the list", body: () => cycleForm({ paragraphs: "1" }), check: conformError("paragraphs") },
  { name: "paragraph range over 200", body: () => cycleForm({ paragraphs: "1-500" }), check: conformError("paragraphs", "validation.refListInvalid") },
  { name: "backwards paragraph range", body: () => cycleForm({ paragraphs: "40-35" }), check: conformError("paragraphs", "validation.refListInvalid") },
  { name: "empty paragraph list", body: () => cycleForm({ paragraphs: "" }), check: conformError("paragraphs") },
  { name: "paragraph list over 2,000 characters", body: () => cycleForm({ paragraphs: "21, ".repeat(600) }), check: conformError("paragraphs", "validation.tooLong") },
  { name: "opening date 30 February", body: () => cycleForm({ opensOn: "2026-02-30" }), check: conformError("opensOn", "validation.dateInvalid") },
  { name: "opening date with slashes", body: () => cycleForm({ opensOn: "2026/01/01" }), check: conformError("opensOn", "validation.dateInvalid") },
  { name: "opening date in words", body: () => cycleForm({ opensOn: "tomorrow" }), check: conformError("opensOn", "validation.dateInvalid") },
  { name: "deadline month 13", body: () => cycleForm({ deadline: "2026-13-01" }), check: conformError("deadline", "validation.dateInvalid") },
  { name: "deadline with a time", body: () => cycleForm({ deadline: "2026-12-31T00:00:00Z" }), check: conformError("deadline", "validation.dateInvalid") },
  { name: "deadline before opening", body: () => cycleForm({ opensOn: "2026-06-01", deadline: "2026-05-31" }), check: conformError("deadline", "validation.deadlineBeforeOpening") },
  { name: "unknown status", body: () => cycleForm({ status: "archived" }), check: conformError("status", "validation.notAnOption") },
  { name: "period start 31 April", body: () => cycleForm({ periodStart: "2025-04-31" }), check: conformError("periodStart", "validation.dateInvalid") },
  { name: "period start in words", body: () => cycleForm({ periodStart: "last year" }), check: conformError("periodStart", "validation.dateInvalid") },
  { name: "period start on the deadline", body: () => cycleForm({ periodStart: "2026-12-31" }), check: conformError("periodStart", "period.validation.startNotBeforeDeadline") },
  { name: "period start after the deadline", body: () => cycleForm({ periodStart: "2027-03-01" }), check: conformError("periodStart", "period.validation.startNotBeforeDeadline") },
  { name: "a file as the title", body: () => multipart({ ...(cycleForm({}) as Record<string, string>), title: aFile("A title") }), check: conformError("title") },
  ...transport("title"),
];

const invite = (over: Record<string, string | string[]>): FormEntries => ({ email: "new.person@example.org", name: "New person", role: "contributor", stateIso3: "JPN", language: "en", ...over });
const INVITE_CASES: Case[] = [
  { name: "empty body", body: () => ({}), check: conformError("email", "validation.required") },
  { name: "e-mail without @", body: () => invite({ email: "not-an-email" }), check: conformError("email", "validation.emailInvalid") },
  { name: "e-mail of 300 characters", body: () => invite({ email: `${"a".repeat(290)}@example.org` }), check: conformError("email", "validation.emailInvalid") },
  { name: "e-mail with a header injection", body: () => invite({ email: "a@example.org\r\nBcc: b@example.org" }), check: conformError("email") },
  { name: "two e-mails", body: () => invite({ email: ["one@example.org", "two@example.org"] }), check: conformError("email") },
  { name: "e-mail of an active account", body: () => invite({ email: "focalpoint.jpn@example.org" }), check: conformError("email", "validation.invite_already_active") },
  { name: "unknown role", body: () => invite({ role: "superuser" }), check: conformError("role", "validation.notAnOption") },
  { name: "no role", body: () => invite({ role: "" }), check: conformError("role") },
  { name: "two roles", body: () => invite({ role: ["contributor", "admin"] }), check: conformError("role") },
  { name: "State code in lower case", body: () => invite({ stateIso3: "jpn" }), check: conformError("stateIso3") },
  { name: "State that does not exist", body: () => invite({ stateIso3: "XXX" }), check: conformError("stateIso3", "validation.notAnOption") },
  { name: "contributor without a State", body: () => invite({ stateIso3: "" }), check: conformError("stateIso3") },
  { name: "secretariat with a State", body: () => invite({ role: "secretariat", stateIso3: "JPN" }), check: conformError("stateIso3", "validation.stateNotForRole") },
  { name: "empty name", body: () => invite({ name: "   " }), check: conformError("name", "validation.required") },
  { name: "name of 201 characters", body: () => invite({ name: "n".repeat(201) }), check: conformError("name", "validation.tooLong") },
  { name: "unsupported language", body: () => invite({ language: "de" }), check: conformError("language", "validation.notAnOption") },
  { name: "a file as the name", body: () => multipart({ ...(invite({}) as Record<string, string>), name: aFile("Name") }), check: conformError("name") },
  ...transport("email"),
];

const REPORTS_OPEN_CASES: Case[] = [
  { name: "empty body", body: () => ({}), check: conformError("cycleId", "formErrors.chooseCycle") },
  { name: "cycle not a number", body: () => ({ cycleId: "abc" }), check: conformError("cycleId", "formErrors.chooseCycle") },
  { name: "cycle negative", body: () => ({ cycleId: "-1" }), check: conformError("cycleId", "formErrors.chooseCycle") },
  { name: "cycle zero", body: () => ({ cycleId: "0" }), check: conformError("cycleId", "formErrors.chooseCycle") },
  { name: "cycle decimal", body: () => ({ cycleId: "1.5" }), check: conformError("cycleId", "formErrors.chooseCycle") },
  { name: "cycle that does not exist", body: () => ({ cycleId: "999999" }), statuses: [404] },
  { name: "a draft cycle (not open)", body: () => ({ cycleId: String(f.draftCycle) }), statuses: [404] },
  ...transport("cycleId"),
];

const setPw = (over: Record<string, string>) => ({ password: GOOD_PASSWORD, confirm: GOOD_PASSWORD, ...over });

const TARGETS: Target[] = [
  paragraphTarget("paragraph save (reports.$reportId.$ref)", paragraph.action, "", SPARE_REFS[0]!),
  paragraphTarget("autosave (reports.$reportId.$ref.autosave)", autosave.action, "/autosave", SPARE_REFS[1]!),

  target("check and submit (reports.$reportId.check)", check.action, () => ({ path: `/reports/${f.jpnComplete}/check`, params: { reportId: String(f.jpnComplete) }, cookie: f.fpJpn }), [
    { name: "empty body", body: () => ({}), check: conformError("token", "formErrors.expired") },
    { name: "no token", body: () => ({ disclosure: "secretariat" }), check: conformError("token", "formErrors.expired") },
    { name: "token too short", body: () => ({ token: "abc", disclosure: "secretariat" }), check: conformError("token", "formErrors.expired") },
    { name: "token in capitals", body: () => ({ token: crypto.randomUUID().toUpperCase(), disclosure: "secretariat" }), check: conformError("token", "formErrors.expired") },
    { name: "token too long", body: () => ({ token: `${crypto.randomUUID()}0`, disclosure: "secretariat" }), check: conformError("token", "formErrors.expired") },
    { name: "token as a file", body: () => multipart({ token: aFile(crypto.randomUUID()), disclosure: "secretariat" }), check: conformError("token", "formErrors.expired") },
    {
      // On a report of its own: a payload wrongly accepted here submits the report.
      name: "token sent twice",
      body: () => ({ token: [crypto.randomUUID(), crypto.randomUUID()] }),
      check: conformError("token", "formErrors.expired"),
      at: () => ({ path: `/reports/${f.jpnComplete2}/check`, params: { reportId: String(f.jpnComplete2) } }),
    },
    { name: "required answers missing (Japan's big draft)", body: () => ({ token: crypto.randomUUID(), disclosure: "secretariat" }), at: () => ({ path: `/reports/${f.jpn}/check`, params: { reportId: String(f.jpn) } }), check: (o) => expect(o.body).toMatchObject({ message: "report.cannotSubmitMissing", missing: expect.any(Number) }) },
    { name: "another State's report", body: () => ({ token: crypto.randomUUID(), disclosure: "secretariat" }), at: () => ({ path: `/reports/${f.ken}/check`, params: { reportId: String(f.ken) } }), statuses: [404] },
    { name: "report id not a number", body: () => ({ token: crypto.randomUUID(), disclosure: "secretariat" }), at: () => ({ path: "/reports/abc/check", params: { reportId: "abc" } }), statuses: [404] },
    { name: "an already submitted report", body: () => ({ token: crypto.randomUUID(), disclosure: "secretariat" }), at: () => ({ path: `/reports/${f.jpnSubmitted}/check`, params: { reportId: String(f.jpnSubmitted) } }), statuses: [409] },
    ...transport("token"),
  ]),

  target("workbook import (reports.$reportId.import)", workbookImport.action, () => ({ path: `/reports/${f.jpn}/import`, params: { reportId: String(f.jpn) }, cookie: f.fpJpn }), [
    { name: "no intent", body: () => ({}), check: messageMatches(/Choose preview or apply/) },
    { name: "unknown intent", body: () => ({ intent: "import-everything" }), check: messageMatches(/Choose preview or apply/) },
    { name: "preview without a file", body: () => multipart({ intent: "preview" }), check: messageMatches(/Choose a workbook/) },
    { name: "preview with the workbook as text", body: () => multipart({ intent: "preview", workbook: "UEsDBA==" }), check: messageMatches(/Choose a workbook/) },
    { name: "preview of a text file", body: () => multipart({ intent: "preview", workbook: aFile("name,answer\n") }), check: messageMatches(/not an Excel workbook/) },
    { name: "preview of a file over 700 KB", body: () => multipart({ intent: "preview", workbook: new File([new Uint8Array(701 * 1024)], "big.xlsx") }), statuses: [413], check: messageMatches(/larger than 700 KB/) },
    { name: "preview of a zip bomb", body: () => multipart({ intent: "preview", workbook: new File([new Uint8Array(hostile.bomb)], "bomb.xlsx") }), statuses: [413], check: messageMatches(/Unpacked, this workbook would be larger/) },
    { name: "preview of 6,000 rows", body: () => multipart({ intent: "preview", workbook: new File([new Uint8Array(hostile.rows)], "rows.xlsx") }), statuses: [413], check: messageMatches(/more than 5,000 rows/) },
    { name: "preview of a cell in column XFD", body: () => multipart({ intent: "preview", workbook: new File([new Uint8Array(hostile.wide)], "wide.xlsx") }), statuses: [413], check: messageMatches(/more than 50 columns/) },
    { name: "apply without a payload", body: () => ({ intent: "apply" }), check: messageMatches(/not an Excel workbook/) },
    { name: "apply with a payload that is not base64", body: () => ({ intent: "apply", payload: "%%% not base64 %%%" }), check: messageMatches(/not an Excel workbook/) },
    { name: "apply with a payload over the limit", body: () => ({ intent: "apply", payload: "A".repeat(1_000_000) }), statuses: [400, 413] },
    { name: "apply with a zip bomb as payload", body: () => ({ intent: "apply", payload: hostile.bomb.toString("base64") }), statuses: [413], check: messageMatches(/Unpacked/) },
    { name: "apply with the payload as a file", body: () => multipart({ intent: "apply", payload: aFile("UEsDBA==") }), check: messageMatches(/not an Excel workbook/) },
    { name: "another State's report", body: () => ({ intent: "apply", payload: "" }), at: () => ({ path: `/reports/${f.ken}/import`, params: { reportId: String(f.ken) } }), statuses: [404] },
    { name: "a submitted report", body: () => ({ intent: "apply", payload: "" }), at: () => ({ path: `/reports/${f.jpnSubmitted}/import`, params: { reportId: String(f.jpnSubmitted) } }), statuses: [409] },
    ...transport("intent"),
  ]),

  target("hand over (reports.$reportId.handover)", handover.action, () => ({ path: `/reports/${f.jpn}/handover`, params: { reportId: String(f.jpn) }, cookie: f.ctJpn }), [
    { name: "no intent", body: () => ({ ref: "35" }), check: messageMatches(/intent/) },
    { name: "unknown intent", body: () => ({ intent: "submit", ref: "35" }), check: messageMatches(/intent/) },
    { name: "paragraph not in the report", body: () => ({ intent: "ready", ref: "999" }), check: messageMatches(/not part of this report/) },
    { name: "paragraph as a path", body: () => ({ intent: "ready", ref: "../../admin" }), check: messageMatches(/Choose a paragraph/) },
    { name: "paragraph of 10,000 characters", body: () => ({ intent: "ready", ref: "3".repeat(10_000) }), check: messageMatches(/Choose a paragraph/) },
    { name: "paragraph sent twice", body: () => ({ intent: "ready", ref: ["35", "21"] }), check: messageMatches(/Choose a paragraph/) },
    { name: "paragraph as a file", body: () => multipart({ intent: "ready", ref: aFile("35") }), check: messageMatches(/Choose a paragraph/) },
    { name: "unknown place to come back to", body: () => ({ intent: "ready", ref: "35", from: "https://evil.example" }), check: messageMatches(/Choose a paragraph/) },
    { name: "another State's report", body: () => ({ intent: "ready", ref: "35" }), at: () => ({ path: `/reports/${f.ken}/handover`, params: { reportId: String(f.ken) } }), statuses: [404] },
    { name: "an already submitted report", body: () => ({ intent: "ready-all" }), at: () => ({ path: `/reports/${f.jpnSubmitted}/handover`, params: { reportId: String(f.jpnSubmitted) } }), statuses: [409] },
    ...transport("intent"),
  ]),
  target("assign paragraphs (reports.$reportId.assignments)", assignments.action, () => ({ path: `/reports/${f.jpn}/assignments`, params: { reportId: String(f.jpn) }, cookie: f.fpJpn }), [
    { name: "nothing chosen", body: () => ({}), check: conformError("target", "assign.chooseTarget") },
    { name: "paragraph not in the report", body: () => ({ target: "p:999", assignee: "none" }), check: conformError("target", "assign.chooseTarget") },
    { name: "theme not in the report", body: () => ({ target: "t:999", assignee: "none" }), check: conformError("target", "assign.chooseTarget") },
    { name: "target as SQL", body: () => ({ target: "p:35' or 1=1 --", assignee: "none" }), check: conformError("target", "assign.chooseTarget") },
    { name: "target sent twice", body: () => ({ target: ["p:35", "p:21"], assignee: "none" }), check: conformError("target") },
    { name: "assignee not a number", body: () => ({ target: "p:35", assignee: "admin" }), check: conformError("assignee", "assign.chooseAssignee") },
    { name: "assignee of another State (Kenya's focal point)", body: () => ({ target: "p:35", assignee: String(f.kenFpId) }), check: conformError("assignee", "assign.chooseAssignee") },
    { name: "assignee a focal point, not a contributor", body: () => ({ target: "p:35", assignee: String(f.fpJpnId) }), check: conformError("assignee", "assign.chooseAssignee") },
    { name: "assignee as a file", body: () => multipart({ target: "p:35", assignee: aFile("1") }), check: conformError("assignee") },
    { name: "another State's report", body: () => ({ target: "p:35", assignee: "none" }), at: () => ({ path: `/reports/${f.ken}/assignments`, params: { reportId: String(f.ken) } }), statuses: [404] },
    ...transport("target"),
  ]),
  target("State profile (states.$iso3)", stateProfile.action, () => ({ path: "/states/JPN", params: { iso3: "JPN" }, cookie: f.fpJpn }), [
    { name: "not an address", body: () => ({ missionEmail: "mission at example", missionLanguage: "en" }), check: conformError("missionEmail", "stateProfile.badEmail") },
    { name: "two @", body: () => ({ missionEmail: "a@b@example.org", missionLanguage: "en" }), check: conformError("missionEmail", "stateProfile.badEmail") },
    { name: "a header injection", body: () => ({ missionEmail: "a@example.org\r\nBcc: all@example.org", missionLanguage: "en" }), check: conformError("missionEmail", "stateProfile.badEmail") },
    { name: "an address of 300 characters", body: () => ({ missionEmail: `${"a".repeat(290)}@example.org`, missionLanguage: "en" }), check: conformError("missionEmail", "stateProfile.badEmail") },
    { name: "two addresses", body: () => ({ missionEmail: ["a@example.org", "b@example.org"], missionLanguage: "en" }), check: conformError("missionEmail") },
    { name: "unknown language", body: () => ({ missionEmail: "a@example.org", missionLanguage: "de" }), check: conformError("missionLanguage", "stateProfile.badLanguage") },
    { name: "no language", body: () => ({ missionEmail: "a@example.org" }), check: conformError("missionLanguage") },
    { name: "address as a file", body: () => multipart({ missionEmail: aFile("a@example.org"), missionLanguage: "en" }), check: conformError("missionEmail") },
    { name: "another State", body: () => ({ missionEmail: "", missionLanguage: "en" }), at: () => ({ path: "/states/KEN", params: { iso3: "KEN" } }), statuses: [404] },
    { name: "not a State code", body: () => ({ missionEmail: "", missionLanguage: "en" }), at: () => ({ path: "/states/..%2F", params: { iso3: "../" } }), statuses: [404] },
    ...transport("missionEmail"),
  ]),
  target("confirm unchanged (reports.$reportId.confirm)", confirmUnchanged.action, () => ({ path: `/reports/${f.jpn}/confirm`, params: { reportId: String(f.jpn) }, cookie: f.fpJpn }), [
    { name: "paragraph not in the report", body: () => ({ paragraph: "999" }), check: messageMatches(/No paragraph "999"/) },
    { name: "paragraph as a path", body: () => ({ paragraph: "../../admin" }), check: messageMatches(/"paragraph" is not valid/) },
    { name: "paragraph of 10,000 characters", body: () => ({ paragraph: "3".repeat(10_000) }), check: messageMatches(/"paragraph" is not valid/) },
    { name: "paragraph sent twice", body: () => ({ paragraph: ["35", "21"] }), check: messageMatches(/more than once/) },
    { name: "paragraph as a file", body: () => multipart({ paragraph: aFile("35") }), check: messageMatches(/"paragraph" is not valid/) },
    { name: "unknown place to come back to", body: () => ({ paragraph: "35", from: "https://evil.example" }), check: messageMatches(/"from" is not valid/) },
    { name: "back to the paragraph page without a paragraph", body: () => ({ from: "paragraph" }), check: messageMatches(/which paragraph/) },
    { name: "another State's report", body: () => ({ paragraph: "35" }), at: () => ({ path: `/reports/${f.ken}/confirm`, params: { reportId: String(f.ken) } }), statuses: [404] },
    { name: "report id not a number", body: () => ({}), at: () => ({ path: "/reports/abc/confirm", params: { reportId: "abc" } }), statuses: [404] },
    { name: "an already submitted report", body: () => ({}), at: () => ({ path: `/reports/${f.jpnSubmitted}/confirm`, params: { reportId: String(f.jpnSubmitted) } }), statuses: [409] },
    ...transport("paragraph"),
  ]),

  target("sign in (login)", login.action, () => ({ path: "/login", params: {}, cookie: null }), [
    { name: "empty body", body: () => ({}), check: conformError("email", "validation.required") },
    { name: "no password", body: () => ({ email: "focalpoint.jpn@example.org" }), check: conformError("password", "validation.required") },
    { name: "e-mail without @", body: () => ({ email: "focalpoint.jpn", password: "x" }), check: conformError("email", "validation.emailInvalid") },
    { name: "e-mail of 300 characters", body: () => ({ email: `${"a".repeat(290)}@example.org`, password: "x" }), check: conformError("email") },
    { name: "two e-mails", body: () => ({ email: ["focalpoint.jpn@example.org", "admin@example.org"], password: "x" }), check: conformError("email") },
    { name: "password over 1,024 characters", body: () => ({ email: "someone@example.org", password: "p".repeat(1_025) }), check: conformError("password") },
    { name: "password as a file", body: () => multipart({ email: "someone@example.org", password: aFile("kyoto-demo-password") }), check: conformError("password") },
    { name: "wrong password", body: () => ({ email: "nobody.at.all@example.org", password: "wrong password" }), check: conformError("", "auth.invalidCredentials") },
    ...transport("email"),
  ]),

  target("set password (set-password.$token)", setPassword.action, () => ({ path: "/set-password/bogus-token", params: { token: "bogus-token" }, cookie: null }), [
    { name: "empty body", body: () => ({}), check: conformError("password", "validation.required") },
    { name: "password too short", body: () => setPw({ password: "short", confirm: "short" }), check: conformError("password", "validation.passwordTooShort") },
    { name: "password of 129 characters", body: () => setPw({ password: "p".repeat(129), confirm: "p".repeat(129) }), check: conformError("password", "validation.passwordTooLong") },
    { name: "passwords differ", body: () => setPw({ confirm: "something else entirely" }), check: conformError("confirm", "validation.passwordsDiffer") },
    { name: "no confirmation", body: () => ({ password: GOOD_PASSWORD }), check: conformError("confirm") },
    { name: "a common password", body: () => setPw({ password: commonPassword, confirm: commonPassword }), check: conformError("password", "validation.passwordCommon") },
    { name: "password as a file", body: () => multipart({ password: aFile(GOOD_PASSWORD), confirm: GOOD_PASSWORD }), check: conformError("password") },
    { name: "a good password with an unknown token", body: () => setPw({}), check: conformError("", "auth.tokenInvalid") },
    ...transport("password"),
  ]),

  target("forgot password", forgotPassword.action, () => ({ path: "/forgot-password", params: {}, cookie: null }), [
    { name: "empty body", body: () => ({}), check: conformError("email", "validation.required") },
    { name: "e-mail without @", body: () => ({ email: "nobody" }), check: conformError("email", "validation.emailInvalid") },
    { name: "e-mail of 300 characters", body: () => ({ email: `${"a".repeat(290)}@example.org` }), check: conformError("email", "validation.emailInvalid") },
    { name: "two e-mails", body: () => ({ email: ["a@example.org", "b@example.org"] }), check: conformError("email") },
    { name: "e-mail as a file", body: () => multipart({ email: aFile("a@example.org") }), check: conformError("email") },
    ...transport("email"),
  ]),

  target("invite (users) as admin", usersRoute.action, () => ({ path: "/users", params: {}, cookie: f.admin }), INVITE_CASES),
  target("invite (users) as Japan's focal point", usersRoute.action, () => ({ path: "/users", params: {}, cookie: f.fpJpn }), [
    { name: "a focal point", body: () => invite({ role: "focal_point" }), check: conformError("role", "validation.roleNotAllowed") },
    { name: "an admin", body: () => invite({ role: "admin", stateIso3: "" }), check: conformError("role", "validation.roleNotAllowed") },
    { name: "the secretariat", body: () => invite({ role: "secretariat", stateIso3: "" }), check: conformError("role", "validation.roleNotAllowed") },
    { name: "Kenya's focal point's address (another State's account)", body: () => invite({ email: "focalpoint.ken@example.org", stateIso3: "KEN" }), check: conformError("stateIso3", "validation.stateNotYours") },
  ]),

  target("manage a user (users: resend, cancel, role, end sessions, disable) as admin", usersRoute.action, () => ({ path: "/users", params: {}, cookie: f.admin }), [
    { name: "unknown intent", body: () => ({ intent: "delete", userId: String(f.fpJpnId) }), check: refused("user-actions", "userAdmin.chooseAction", /^Choose an action/) },
    { name: "unknown intent, read in French", body: () => ({ intent: "delete", userId: String(f.fpJpnId) }), headers: FR, check: refused("user-actions", "userAdmin.chooseAction", /^Choisissez une action/) },
    { name: "no user", body: () => ({ intent: "resend" }), check: refused("user-actions", "userAdmin.chooseAction", /^Choose an action/) },
    { name: "no user, read in Arabic", body: () => ({ intent: "resend" }), headers: AR, check: refused("user-actions", "userAdmin.chooseAction", /^اختر إجراءً/) },
    { name: "user id not a number", body: () => ({ intent: "cancel", userId: "abc" }), check: refused("user-actions", "userAdmin.chooseAction", /^Choose an action/) },
    { name: "user id not a number, read in French", body: () => ({ intent: "cancel", userId: "abc" }), headers: FR, check: refused("user-actions", "userAdmin.chooseAction", /^Choisissez une action/) },
    { name: "user id not a number, read in Arabic", body: () => ({ intent: "cancel", userId: "abc" }), headers: AR, check: refused("user-actions", "userAdmin.chooseAction", /^اختر إجراءً/) },
    { name: "user id negative", body: () => ({ intent: "end-sessions", userId: "-4" }), check: refused("user-actions", "userAdmin.chooseAction", /^Choose an action/) },
    { name: "user id beyond any integer", body: () => ({ intent: "disable", userId: "99999999999999999999" }), check: refused("user-actions", "userAdmin.chooseAction", /^Choose an action/) },
    { name: "unknown role", body: () => ({ intent: "role", userId: String(f.fpJpnId), role: "superuser" }), check: (o) => refused(`user-role-${f.fpJpnId}`, "userAdmin.chooseAction", /^Choose an action/)(o) },
    { name: "unknown role, read in Arabic", body: () => ({ intent: "role", userId: String(f.fpJpnId), role: "superuser" }), headers: AR, check: (o) => refused(`user-role-${f.fpJpnId}`, "userAdmin.chooseAction", /^اختر إجراءً/)(o) },
    { name: "role change without a role", body: () => ({ intent: "role", userId: String(f.fpJpnId) }), check: (o) => refused(`user-role-${f.fpJpnId}`, "userAdmin.chooseAction", /^Choose an action/)(o) },
    { name: "a State's user made secretariat, read in French", body: () => ({ intent: "role", userId: String(f.fpJpnId), role: "secretariat" }), headers: FR, check: (o) => refused(`user-role-${f.fpJpnId}`, "userAdmin.roleNotGiven", /^Ce rôle ne peut pas/)(o) },
    { name: "a user that does not exist", body: () => ({ intent: "resend", userId: "999999" }), statuses: [404], check: messageMatches(/^This person is no longer in the list/) },
    { name: "a user that does not exist, read in Arabic", body: () => ({ intent: "disable", userId: "999999" }), headers: AR, statuses: [404], check: messageMatches(/^لم يعد هذا الشخص مدرجًا/) },
    { name: "resend to an active account", body: () => ({ intent: "resend", userId: String(f.fpJpnId) }), statuses: [409], check: refused("user-actions", "userAdmin.noPendingInvitation", /^This person has no pending invitation any more/) },
    { name: "cancel an accepted invitation, read in French", body: () => ({ intent: "cancel", userId: String(f.fpJpnId) }), headers: FR, statuses: [409], check: refused("user-actions", "userAdmin.noPendingInvitation", /^Cette personne n’a plus d’invitation en attente/) },
    { name: "resend to an active account, read in Arabic", body: () => ({ intent: "resend", userId: String(f.fpJpnId) }), headers: AR, statuses: [409], check: refused("user-actions", "userAdmin.noPendingInvitation", /^لم تعد لدى هذا الشخص دعوة معلّقة/) },
    { name: "disable oneself, read in Arabic", body: () => ({ intent: "disable", userId: String(f.adminId) }), headers: AR, check: (o) => refused(`user-disable-${f.adminId}`, "userAdmin.cannotDisableSelf", /^لا يمكنك/)(o) },
    { name: "user id as a file", body: () => multipart({ intent: "cancel", userId: aFile("3") }), check: refused("user-actions", "userAdmin.chooseAction", /^Choose an action/) },
    { name: "two-factor policy: neither required nor optional, read in French", body: () => ({ intent: "two-factor-policy", focalPoints: "sometimes" }), headers: FR, check: refused("two-factor-policy", "userAdmin.choosePolicy", /^Choisissez « Obligatoire »/) },
    { name: "two-factor policy: none chosen, read in Arabic", body: () => ({ intent: "two-factor-policy" }), headers: AR, check: refused("two-factor-policy", "userAdmin.choosePolicy", /^اختر «إلزامي»/) },
    ...transport("intent"),
  ]),
  target("manage a user (users) as Japan's focal point", usersRoute.action, () => ({ path: "/users", params: {}, cookie: f.fpJpn }), [
    { name: "a role change", body: () => ({ intent: "role", userId: String(f.fpJpnId), role: "contributor" }), statuses: [403] },
    { name: "ending someone's sessions", body: () => ({ intent: "end-sessions", userId: String(f.fpJpnId) }), statuses: [403] },
    { name: "another State's user", body: () => ({ intent: "disable", userId: String(f.kenFpId) }), statuses: [404], check: messageMatches(/^This person is no longer in the list/) },
    { name: "another State's invitation, read in French", body: () => ({ intent: "resend", userId: String(f.kenFpId) }), headers: FR, statuses: [404], check: messageMatches(/^Cette personne ne figure plus dans la liste/) },
  ]),

  target("account: change password, end a session (account._index)", account.action, () => ({ path: "/account", params: {}, cookie: f.fpJpn }), [
    { name: "empty body", body: () => ({}), check: conformError("intent") },
    { name: "no current password", body: () => ({ intent: "password", password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }), check: conformError("current", "validation.required") },
    { name: "new password too short", body: () => ({ intent: "password", current: "kyoto-demo-password", password: "short", confirm: "short" }), check: conformError("password", "validation.passwordTooShort") },
    { name: "new password of 129 characters", body: () => ({ intent: "password", current: "kyoto-demo-password", password: "p".repeat(129), confirm: "p".repeat(129) }), check: conformError("password", "validation.passwordTooLong") },
    { name: "passwords differ", body: () => ({ intent: "password", current: "kyoto-demo-password", password: GOOD_PASSWORD, confirm: "something else entirely" }), check: conformError("confirm", "validation.passwordsDiffer") },
    { name: "a common password", body: () => ({ intent: "password", current: "kyoto-demo-password", password: commonPassword, confirm: commonPassword }), check: conformError("password", "validation.passwordCommon") },
    { name: "wrong current password", body: () => ({ intent: "password", current: "not my password at all", password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }), check: conformError("current", "account.currentWrong") },
    { name: "current password as a file", body: () => multipart({ intent: "password", current: aFile("kyoto-demo-password"), password: GOOD_PASSWORD, confirm: GOOD_PASSWORD }), check: conformError("current") },
    { name: "end a session: no id", body: () => ({ intent: "end-session" }), check: refused("sessions", "account.chooseSession", /^Choose one of your sessions/) },
    { name: "end a session: id not hex, read in French", body: () => ({ intent: "end-session", session: "z".repeat(64) }), headers: FR, check: refused("sessions", "account.chooseSession", /^Choisissez l’une de vos sessions/) },
    { name: "end a session: id too short, read in Arabic", body: () => ({ intent: "end-session", session: "abc" }), headers: AR, check: refused("sessions", "account.chooseSession", /^اختر إحدى جلساتك/) },
    { name: "end a session that is not mine", body: () => ({ intent: "end-session", session: "b".repeat(64) }), statuses: [404], check: messageMatches(/^This session is no longer one of yours/) },
    { name: "end a session that is not mine, read in French", body: () => ({ intent: "end-session", session: "c".repeat(64) }), headers: FR, statuses: [404], check: messageMatches(/^Cette session ne fait plus partie des vôtres/) },
    { name: "end a session that is not mine, read in Arabic", body: () => ({ intent: "end-session", session: "d".repeat(64) }), headers: AR, statuses: [404], check: messageMatches(/^لم تعد هذه الجلسة من جلساتك/) },
    ...transport("intent"),
  ]),
  target("two-factor sign-in code (login_.two-factor)", twoFactorSignIn.action, () => ({ path: "/login/two-factor", params: {}, cookie: f.codeStep }), [
    { name: "empty body", body: () => ({}), check: conformError("code", "validation.required") },
    { name: "code of 5 digits", body: () => ({ code: "12345" }), check: conformError("code", "security.codeFormat") },
    { name: "code of letters", body: () => ({ code: "abcdef" }), check: conformError("code", "security.codeFormat") },
    { name: "code of 1,000 characters", body: () => ({ code: "1".repeat(1000) }), check: conformError("code", "security.codeFormat") },
    { name: "code with a NUL", body: () => ({ code: "123\u0000456" }), check: conformError("code", "security.codeFormat") },
    { name: "two codes", body: () => ({ code: ["123456", "654321"] }), check: conformError("code") },
    { name: "code as a file", body: () => multipart({ code: aFile("123456") }), check: conformError("code") },
    { name: "a wrong code", body: () => ({ code: "000000" }), check: conformError("code", "security.codeWrong") },
    ...transport("code"),
  ]),
  target("two-factor settings (account.two-factor)", accountTwoFactor.action, () => ({ path: "/account/two-factor", params: {}, cookie: f.fpJpn }), [
    { name: "empty body", body: () => ({}), check: refused("two-factor", "security.chooseAction", /^Choose to turn two-factor sign-in on or off/) },
    { name: "unknown intent", body: () => ({ intent: "steal", code: "123456" }), check: refused("two-factor", "security.chooseAction", /^Choose to turn/) },
    { name: "unknown intent, read in French", body: () => ({ intent: "steal", code: "123456" }), headers: FR, check: refused("two-factor", "security.chooseAction", /^Choisissez d’activer ou de désactiver/) },
    { name: "unknown intent, read in Arabic", body: () => ({ intent: "steal", code: "123456" }), headers: AR, check: refused("two-factor", "security.chooseAction", /^اختر تشغيل/) },
    { name: "no code", body: () => ({ intent: "enable" }), check: conformError("code", "validation.required") },
    { name: "code of letters, read in French", body: () => ({ intent: "enable", code: "abcdef" }), headers: FR, check: (o) => expect((o.body as { message?: string }).message).toBe(FR_STRINGS.security.codeFormat) },
    { name: "code of 5 digits", body: () => ({ intent: "enable", code: "12345" }) },
    { name: "code of letters", body: () => ({ intent: "enable", code: "abcdef" }) },
    { name: "code of 1,000 characters", body: () => ({ intent: "enable", code: "1".repeat(1000) }) },
    { name: "code with a NUL", body: () => ({ intent: "enable", code: "123\u0000456" }) },
    { name: "a wrong code", body: () => ({ intent: "enable", code: "000000" }) },
    { name: "code as a file", body: () => multipart({ intent: "enable", code: aFile("123456") }) },
    ...transport("code"),
  ]),

  target("new cycle (cycles.new)", cycleNew.action, () => ({ path: "/cycles/new", params: {}, cookie: f.admin }), CYCLE_CASES),
  target("edit cycle (cycles.$cycleId)", cycleEdit.action, () => ({ path: `/cycles/${f.draftCycle}`, params: { cycleId: String(f.draftCycle) }, cookie: f.admin }), [
    ...CYCLE_CASES.filter((c) => ["empty body", "title too short", "unknown instrument version", "unknown scope kind", "opening date 30 February", "deadline before opening", "period start after the deadline", "unknown status", "paragraph that does not exist"].includes(c.name)),
    { name: "cycle id not a number", body: () => cycleForm({}), at: () => ({ path: "/cycles/abc", params: { cycleId: "abc" } }), statuses: [404] },
    { name: "cycle id negative", body: () => cycleForm({}), at: () => ({ path: "/cycles/-1", params: { cycleId: "-1" } }), statuses: [404] },
    { name: "cycle that does not exist", body: () => cycleForm({}), at: () => ({ path: "/cycles/999999", params: { cycleId: "999999" } }), statuses: [404] },
    ...transport("title"),
  ]),

  target("open a report (reports._index)", reportsIndex.action, () => ({ path: "/reports", params: {}, cookie: f.fpJpn }), REPORTS_OPEN_CASES),

  target("comment (reports.$reportId.comments)", comments.action, () => ({ path: `/reports/${f.jpn}/comments`, params: { reportId: String(f.jpn) }, cookie: f.fpJpn }), [
    { name: "empty body", body: () => ({}) },
    { name: "unknown intent", body: () => ({ intent: "delete", threadId: "1" }) },
    { name: "empty comment", body: () => ({ intent: "comment", questionId: "kyoto-2021.p35.status", paragraphRef: "35", body: "   " }), check: conformError("body", "formErrors.commentLength") },
    { name: "comment of 5,001 characters", body: () => ({ intent: "comment", questionId: "kyoto-2021.p35.status", paragraphRef: "35", body: "c".repeat(5_001) }), check: conformError("body", "formErrors.commentLength") },
    { name: "question of another paragraph", body: () => ({ intent: "comment", questionId: "kyoto-2021.p36.status", paragraphRef: "35", body: "Hello" }) },
    { name: "reply to a thread id that is not a number", body: () => ({ intent: "reply", threadId: "abc", body: "Hello" }), check: conformError("threadId") },
    { name: "reply to a thread that does not exist", body: () => ({ intent: "reply", threadId: "999999", body: "Hello" }), statuses: [404] },
    { name: "comment on another State's report", body: () => ({ intent: "comment", questionId: "kyoto-2021.p35.status", paragraphRef: "35", body: "Hello" }), at: () => ({ path: `/reports/${f.ken}/comments`, params: { reportId: String(f.ken) } }), statuses: [404] },
    ...transport("body"),
  ]),

  target("review decision (review.$reportId)", reviewReport.action, () => ({ path: `/review/${f.jpnSubmitted}`, params: { reportId: String(f.jpnSubmitted) }, cookie: f.admin }), [
    { name: "empty body", body: () => ({}), check: conformError("intent", "formErrors.chooseDecision") },
    { name: "an unknown decision", body: () => ({ intent: "complete" }), check: conformError("intent", "formErrors.chooseDecision") },
    { name: "review complete with an open question and no reason", body: () => ({ intent: "accept" }), check: conformError("reason", "journey.review.reasonRequired") },
    { name: "review complete with a blank reason", body: () => ({ intent: "accept", reason: "   " }), check: conformError("reason", "journey.review.reasonRequired") },
    { name: "a reason of 2,001 characters", body: () => ({ intent: "accept", reason: "r".repeat(2_001) }), check: conformError("reason", "journey.review.reasonTooLong") },
    { name: "a reason as a file", body: () => multipart({ intent: "accept", reason: aFile("because") }), check: conformError("reason") },
    ...transport("reason"),
  ]),

  target("exclude a report from the insights (review.$reportId)", reviewReport.action, () => ({ path: `/review/${f.jpnSubmitted}`, params: { reportId: String(f.jpnSubmitted) }, cookie: f.admin }), [
    { name: "exclude without a kind of reason", body: () => ({ intent: "exclude" }), check: conformError("kind", "exclusion.errors.kindRequired") },
    { name: "exclude for an unknown kind", body: () => ({ intent: "exclude", kind: "spam" }), check: conformError("kind", "exclusion.errors.kindRequired") },
    { name: "exclude with the kind sent twice", body: () => ({ intent: "exclude", kind: ["test", "duplicate"] }), check: conformError("kind", "exclusion.errors.kindRequired") },
    { name: "exclude for another reason, not written", body: () => ({ intent: "exclude", kind: "other" }), check: conformError("note", "exclusion.errors.noteRequired") },
    { name: "exclude for another reason written as spaces", body: () => ({ intent: "exclude", kind: "other", note: "   " }), check: conformError("note", "exclusion.errors.noteRequired") },
    { name: "a reason of 501 characters", body: () => ({ intent: "exclude", kind: "test", note: "r".repeat(501) }), check: conformError("note", "exclusion.errors.noteTooLong|500") },
    { name: "a reason as a file", body: () => multipart({ intent: "exclude", kind: "other", note: aFile("because") }), check: conformError("note") },
    { name: "include again without a reason", body: () => ({ intent: "include" }), check: conformError("note", "exclusion.errors.noteRequired") },
    { name: "include a report that counts already", body: () => ({ intent: "include", note: "Back in" }), statuses: [409], check: conformError("", "exclusion.errors.alreadyIncluded") },
    ...transport("kind"),
  ]),

  target("reminders (review._index)", reviewInbox.action, () => ({ path: "/review", params: {}, cookie: f.admin }), [
    { name: "empty body", body: () => ({}), check: conformError("cycleId", "review.remindInvalid") },
    { name: "unknown target", body: () => ({ cycleId: String(f.cycle.id), target: "everyone" }), check: conformError("target", "review.remindInvalid") },
    { name: "cycle not a number", body: () => ({ cycleId: "abc", target: "chosen", states: "JPN" }), check: conformError("cycleId", "review.remindInvalid") },
    { name: "a State code in lower case", body: () => ({ cycleId: String(f.cycle.id), target: "chosen", states: "jpn" }), check: conformError("states[0]", "review.remindInvalid") },
    { name: "chosen, but no State ticked", body: () => ({ cycleId: String(f.cycle.id), target: "chosen" }), check: conformError("states", "review.remindNone") },
    { name: "chosen, a State not in the cycle", body: () => ({ cycleId: String(f.cycle.id), target: "chosen", states: "XXX" }), check: conformError("states", "review.remindNone") },
    { name: "a cycle that does not exist", body: () => ({ cycleId: "999999", target: "not_submitted" }), statuses: [404], check: conformError("", "review.remindInvalid") },
    { name: "target sent twice", body: () => ({ cycleId: String(f.cycle.id), target: ["chosen", "not_submitted"], states: "JPN" }), check: conformError("target") },
    ...transport("cycleId"),
  ]),

  target("language", language.action, () => ({ path: "/language", params: {}, cookie: null }), [
    { name: "unsupported language", body: () => ({ lng: "de" }), check: conformError("lng", "formErrors.chooseLanguage") },
    { name: "no language", body: () => ({}), check: conformError("lng", "formErrors.chooseLanguage") },
    { name: "empty language", body: () => ({ lng: "" }), check: conformError("lng", "formErrors.chooseLanguage") },
    { name: "language in capitals", body: () => ({ lng: "EN" }), check: conformError("lng", "formErrors.chooseLanguage") },
    { name: "language as a file", body: () => multipart({ lng: aFile("en") }), check: conformError("lng", "formErrors.chooseLanguage") },
    { name: "a good language padded over 1 MB", body: () => `lng=en&${huge("pad")}`, statuses: [413] },
    ...transport("lng"),
  ]),

  target("generate a draft (drafting._index)", draftingIndex.action, () => ({ path: "/drafting", params: {}, cookie: f.admin }), [
    { name: "empty body", body: () => ({}), check: conformError("cycleId") },
    { name: "cycle id not a number", body: () => ({ cycleId: "abc" }), check: conformError("cycleId") },
    { name: "cycle that does not exist", body: () => ({ cycleId: "999999" }), check: conformError("cycleId") },
    { name: "cycle id sent twice", body: () => ({ cycleId: ["1", "abc"], kind: "bogus" }), check: conformError("kind") },
    { name: "unknown kind", body: () => ({ cycleId: "1", kind: "novel" }), check: conformError("kind") },
    { name: "unsupported language", body: () => ({ cycleId: "1", lang: "de" }), check: conformError("lang") },
    { name: "pillar not a number", body: () => ({ cycleId: "1", pillar: "II" }), check: conformError("pillar") },
    { name: "pillar out of range", body: () => ({ cycleId: "1", pillar: "99" }), check: conformError("pillar") },
    { name: "theme not a number", body: () => ({ cycleId: "1", themes: ["3", "x"] }), check: conformError("themes[1]", "validation.notAnOption") },
    { name: "meeting pack without title or date", body: () => ({ cycleId: "1", kind: "meeting_pack" }), check: conformError("meetingDate") },
    { name: "meeting on 30 February", body: () => ({ cycleId: "1", kind: "meeting_pack", title: "Meeting", meetingDate: "2027-02-30" }), check: conformError("meetingDate") },
    { name: "title of 301 characters", body: () => ({ cycleId: "1", title: "t".repeat(301) }), check: conformError("title") },
    ...transport("cycleId"),
  ]),

  target("draft actions (drafting.$draftId)", draftRoute.action, () => ({ path: `/drafting/${f.draft}`, params: { draftId: String(f.draft) }, cookie: f.admin }), [
    { name: "empty body", body: () => ({}), check: refused("draft-actions", "drafting.errors.unknownAction", /^Choose one of this draft's actions/) },
    { name: "unknown intent", body: () => ({ intent: "delete" }), check: refused("draft-actions", "drafting.errors.unknownAction", /^Choose one of this draft's actions/) },
    { name: "acknowledge: section id not a number", body: () => ({ intent: "acknowledge", sectionId: "abc" }), check: refused("draft-actions", "drafting.errors.unknownAction", /^Choose one of this draft's actions/) },
    { name: "unknown intent, read in French", body: () => ({ intent: "delete" }), headers: FR, check: refused("draft-actions", "drafting.errors.unknownAction", /^Choisissez l’une des actions de ce projet/) },
    { name: "acknowledge: section id not a number, read in Arabic", body: () => ({ intent: "acknowledge", sectionId: "abc" }), headers: AR, check: refused("draft-actions", "drafting.errors.unknownAction", /^اختر أحد إجراءات هذا المشروع/) },
    { name: "acknowledge: section id negative, read in French (the form it names)", body: () => ({ intent: "acknowledge", sectionId: "-3" }), headers: FR, check: refused("draft-actions", "drafting.errors.unknownAction", /^Choisissez/) },
    { name: "acknowledge: section that does not exist", body: () => ({ intent: "acknowledge", sectionId: "999999" }), statuses: [404] },
    { name: "draft id not a number", body: () => ({ intent: "regenerate" }), at: () => ({ path: "/drafting/abc", params: { draftId: "abc" } }), statuses: [404] },
    { name: "draft that does not exist", body: () => ({ intent: "regenerate" }), at: () => ({ path: "/drafting/999999", params: { draftId: "999999" } }), statuses: [404] },
    ...transport("intent"),
  ]),

  target("save a section (drafting.$draftId.sections.$sectionId)", draftSectionRoute.action, () => ({ path: `/drafting/${f.draft}/sections/${f.conclusions}`, params: { draftId: String(f.draft), sectionId: String(f.conclusions) }, cookie: f.admin }), [
    { name: "empty body", body: () => ({}), check: conformError("text") },
    { name: "no revision", body: () => ({ text: "Lost words?" }), check: conformError("revision") },
    { name: "revision not a number", body: () => ({ text: "Lost words?", revision: "abc" }), check: conformError("revision") },
    { name: "revision zero", body: () => ({ text: "Lost words?", revision: "0" }), check: conformError("revision") },
    { name: "revision decimal", body: () => ({ text: "Lost words?", revision: "1.5" }), check: conformError("revision") },
    { name: "stale revision (1 while 2 is stored)", body: () => ({ text: "Lost words?", revision: "1" }), statuses: [409] },
    { name: "revision from the future", body: () => ({ text: "Lost words?", revision: "999999" }), statuses: [409] },
    { name: "text of 50,001 characters", body: () => ({ text: "w".repeat(50_001), revision: "2" }), check: conformError("text") },
    { name: "section of another draft or none", body: () => ({ text: "Lost words?", revision: "2" }), at: () => ({ path: `/drafting/${f.draft}/sections/999999`, params: { draftId: String(f.draft), sectionId: "999999" } }), statuses: [404] },
    ...transport("text"),
  ]),

  target("pick quotes (drafting.$draftId.examples.$ref)", draftExamples.action, () => ({ path: `/drafting/${f.draft}/examples/21`, params: { draftId: String(f.draft), ref: "21" }, cookie: f.admin }), [
    { name: "pick that is not an answer id", body: () => ({ pick: "bogus" }), check: conformError("pick[0]", "validation.notAnOption") },
    { name: "pick of an answer that does not exist", body: () => ({ pick: "999999|kyoto-2021.p21.good_practice" }), check: conformError("pick") },
    { name: "pick of another paragraph's practice", body: () => ({ pick: "1|kyoto-2021.p35.good_practice" }), check: conformError("pick") },
    { name: "paragraph not in the draft", body: () => ({}), at: () => ({ path: `/drafting/${f.draft}/examples/999`, params: { draftId: String(f.draft), ref: "999" } }), statuses: [404] },
    ...transport("pick"),
  ]),
];
/* ------------------------------------------------------------------ running them */

let payloadCount = 0;
let ipCounter = 0;

for (const t of TARGETS) {
  describe(t.name, () => {
    for (const p of t.payloads) {
      payloadCount++;
      const statuses = p.statuses ?? [400];
      test(`${p.name} → ${statuses.join("/")}`, async () => {
        const request = p.request();
        // Sign-in and reset attempts count per address: one address per payload.
        const context = { clientIp: `10.77.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}` };
        const outcome = await callRoute(t.fn as never, { request, params: p.params, context });
        expect(outcome.crash, `crashed: ${bodyText(outcome)}`).toBeUndefined();
        expect(statuses, `status ${outcome.status}: ${bodyText(outcome).slice(0, 300)}`).toContain(outcome.status);
        expect(explains(outcome.body), `no message or field errors: ${bodyText(outcome).slice(0, 300)}`).toBe(true);
        p.check?.(outcome);
      });
    }
  });
}

describe("after every payload", () => {
  test("there were at least 100 payloads", () => {
    expect(payloadCount).toBeGreaterThanOrEqual(100);
  });

  test("Japan's saved answers are unchanged: values and revisions", async () => {
    const after = await getAnswers(f.jpn);
    const view = (m: Map<string, StoredAnswer>, ids: Iterable<string>) => Object.fromEntries([...ids].map((id) => [id, m.has(id) ? { value: m.get(id)!.value, revision: m.get(id)!.revision } : "missing"]));
    expect(view(after, f.before.keys())).toEqual(view(f.before, f.before.keys()));
    // Nothing was added either, but where duplicate-field payloads went (see their own tests).
    const added = [...after.values()].filter((a) => !f.before.has(a.questionId));
    expect(added.filter((a) => !SPARE_REFS.includes(a.paragraphRef)).map((a) => a.questionId)).toEqual([]);
    expect(after.get("kyoto-2021.p35.status")).toMatchObject({ value: "in_progress", revision: 1 });
    expect(after.get("kyoto-2021.p35.description")).toMatchObject({ value: SAVED_DESCRIPTION, revision: 1 });
  });

  test("no report was submitted, no cycle created or changed, no user invited", async () => {
    const status = (id: number) => getDb().select({ s: reports.status }).from(reports).where(eq(reports.id, id)).get()!.s;
    expect(status(f.jpnComplete)).toBe("draft");
    // Refused review decisions changed nothing; refused exclusions excluded nothing.
    expect(status(f.jpnSubmitted)).toBe("submitted");
    expect(getDb().select({ at: reports.excludedAt }).from(reports).where(eq(reports.id, f.jpnSubmitted)).get()!.at).toBeNull();
    expect(status(f.jpn)).toBe("draft");
    expect(count(cycles)).toBe(f.cyclesBefore);
    expect((await getCycle(f.draftCycle))!.title).toBe("Malformed: draft cycle");
    expect(count(users)).toBe(f.usersBefore);
  });

  test("no draft was generated, and the conclusions written before are intact", async () => {
    expect(count(drafts)).toBe(f.draftsBefore);
    const conclusions = (await getDraft(f.draft))!.sections.find((x) => x.id === f.conclusions)!;
    expect(conclusions).toMatchObject({ text: SAVED_CONCLUSIONS, revision: 2 });
  });
});

describe("one invalid and one valid answer", () => {
  test("the page's form post saves the valid one and answers 400 with the field error of the other", async () => {
    const before = await getAnswers(f.jpn, "36");
    expect(before.size).toBe(0);
    const outcome = await callRoute(paragraph.action as never, {
      request: postRequest(`/reports/${f.jpn}/36`, {
        cookie: f.fpJpn,
        body: urlencoded({ status: "planned", "rev.status": "0", evidence: "javascript:alert(1)", "rev.evidence": "0" }),
      }),
      params: { reportId: String(f.jpn), ref: "36" },
    });
    expect(outcome.status).toBe(400);
    expect(outcome.body).toMatchObject({ errors: { evidence: { key: "validation.notALink" } }, changed: ["status"], revisions: { status: 1 } });
    // What was typed comes back, so nothing is lost on the page.
    expect((outcome.body as { values: Record<string, unknown> }).values.evidence).toEqual([{ url: "javascript:alert(1)", title: null }]);
    const after = await getAnswers(f.jpn, "36");
    expect(after.get("kyoto-2021.p36.status")).toMatchObject({ value: "planned", revision: 1 });
    expect(after.has("kyoto-2021.p36.evidence")).toBe(false);
  });

  test("autosave does the same, in JSON", async () => {
    const outcome = await callRoute(autosave.action as never, {
      request: postRequest(`/reports/${f.jpn}/21/autosave`, {
        cookie: f.fpJpn,
        body: { intent: "autosave", description: "A valid description", "rev.description": "0", good_practice: "g".repeat(20_001), "rev.good_practice": "0" },
      }),
      params: { reportId: String(f.jpn), ref: "21" },
    });
    expect(outcome.status).toBe(400);
    expect(outcome.headers.get("Content-Type")).toMatch(/json/);
    expect(outcome.body).toMatchObject({ errors: { good_practice: { key: "validation.tooLong", params: { max: 20_000 } } }, changed: ["description"] });
    const after = await getAnswers(f.jpn, "21");
    expect(after.get("kyoto-2021.p21.description")).toMatchObject({ value: "A valid description", revision: 1 });
    expect(after.has("kyoto-2021.p21.good_practice")).toBe(false);
  });
});

describe("an empty save", () => {
  test("a form post with no answers changes nothing", async () => {
    const outcome = await callRoute(autosave.action as never, {
      request: postRequest(`/reports/${f.jpn}/35/autosave`, { cookie: f.fpJpn, body: "" }),
      params: { reportId: String(f.jpn), ref: "35" },
    });
    expect([200, 400]).toContain(outcome.status);
    if (outcome.status === 200) expect(outcome.body).toMatchObject({ changed: [], errors: {}, conflicts: [] });
    expect((await getAnswers(f.jpn, "35")).get("kyoto-2021.p35.description")).toMatchObject({ value: SAVED_DESCRIPTION, revision: 1 });
  });
});
