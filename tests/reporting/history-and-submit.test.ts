/**
 * F10: the secretariat's history of a report shows submitted versions only.
 * F15: a submit token is bound to its report.
 */
import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext, getSubmission, openReport, saveAnswers, submitReport, SubmitTokenError } from "#app/reporting/reports.server.ts";
import { changeReportStatus } from "#app/review/review.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import * as history from "#app/routes/reports.$reportId.history.tsx";
import * as check from "#app/routes/reports.$reportId.check.tsx";
import { bodyText, callRoute, getRequest, postRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let fpId: number;
let secId: number;

beforeAll(async () => {
  useTestDatabase();
  fpId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  secId = (await findUserByEmail("secretariat@example.org"))!.id;
});

async function cycleWith(title: string) {
  const demo = (await getCycle(1))!;
  const id = await createCycle({ title, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" }, secId, null);
  return (await getCycle(id))!;
}

async function setStatus(reportId: number, value: string) {
  const ctx = (await getReportContext(reportId))!;
  const question = ctx.paragraphs[0]!.questions.find((q) => q.key === "status")!;
  const rev = (await getAnswers(reportId)).get(question.id)?.revision ?? 0;
  const r = await saveAnswers(reportId, fpId, [{ question, paragraphRef: "21", value, baseRevision: rev }], null);
  expect(r.conflicts).toEqual([]);
}

/** `at`: when the save happens (saves of one person minutes apart are separate editing sessions in the history). */
async function setDescription(reportId: number, value: string, at?: Date) {
  const ctx = (await getReportContext(reportId))!;
  const question = ctx.paragraphs[0]!.questions.find((q) => q.key === "description")!;
  const rev = (await getAnswers(reportId)).get(question.id)?.revision ?? 0;
  await saveAnswers(reportId, fpId, [{ question, paragraphRef: "21", value, baseRevision: rev }], null, { now: at });
}

describe("F10: the secretariat sees submitted versions only", () => {
  test("draft words overwritten before a submission never reach the secretariat's history; the State still sees them", async () => {
    const cycle = await cycleWith("F10 history");
    const reportId = await openReport(cycle, "JPN", fpId, null);
    await setStatus(reportId, "planned");
    // Each draft value ends an editing session (autosaves within minutes fold into one event).
    const t0 = Date.now() - 3 * 3_600_000;
    await setDescription(reportId, "DRAFT-ONLY-1: words the State took back", new Date(t0));
    await setDescription(reportId, "Submitted words, first version", new Date(t0 + 10 * 60_000));
    await submitReport(reportId, fpId, crypto.randomUUID(), null);
    await changeReportStatus(reportId, "request_clarification", secId, null);
    await setDescription(reportId, "DRAFT-ONLY-2: tried during clarification", new Date(t0 + 60 * 60_000));
    await setDescription(reportId, "Submitted words, second version", new Date(t0 + 70 * 60_000));
    await submitReport(reportId, fpId, crypto.randomUUID(), null);

    const asSecretariat = await callRoute(history.loader, { request: getRequest(`/reports/${reportId}/history`, await sessionCookie(secId)), params: { reportId: String(reportId) } });
    expect(asSecretariat.status).toBe(200);
    const text = bodyText(asSecretariat);
    expect(text).not.toContain("DRAFT-ONLY");
    // The history reads as sentences (issue 14): the resubmission's change, old → new.
    const lines = (asSecretariat.body as { lines: { sentence: string; before: string | null; after: string | null }[] }).lines;
    const changed = lines.filter((e) => /in a new submission\.$/.test(e.sentence));
    expect(changed).toHaveLength(1);
    expect(changed[0]!.before).toContain("Submitted words, first version");
    expect(changed[0]!.after).toContain("Submitted words, second version");
    expect(lines.filter((e) => /submitted the report/.test(e.sentence))).toHaveLength(2);

    const asState = await callRoute(history.loader, { request: getRequest(`/reports/${reportId}/history`, await sessionCookie(fpId)), params: { reportId: String(reportId) } });
    expect(bodyText(asState)).toContain("DRAFT-ONLY-1");
    expect(bodyText(asState)).toContain("DRAFT-ONLY-2");
  });
});

describe("F15: a submit token is bound to its report", () => {
  test("a token used on one report, sent again with another report, submits nothing and says so", async () => {
    const a = await openReport(await cycleWith("F15 a"), "JPN", fpId, null);
    const b = await openReport(await cycleWith("F15 b"), "JPN", fpId, null);
    await setStatus(a, "planned");
    await setStatus(b, "planned");
    const token = crypto.randomUUID();
    await submitReport(a, fpId, token, null);
    await expect(submitReport(b, fpId, token, null)).rejects.toBeInstanceOf(SubmitTokenError);
    expect(await getSubmission(b)).toBeNull();

    const outcome = await callRoute(check.action, {
      request: postRequest(`/reports/${b}/check`, { cookie: await sessionCookie(fpId), body: { token, disclosure: "secretariat" } }),
      params: { reportId: String(b) },
    });
    expect(outcome.status).toBe(409);
    expect(bodyText(outcome)).toMatch(/another report/);
    expect(await getSubmission(b)).toBeNull();
    // The same token on its own report is a double click: the same receipt, no second submission.
    const again = await submitReport(a, fpId, token, null);
    expect(again.id).toBe((await getSubmission(a))!.id);
  });
});
