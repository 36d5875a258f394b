/**
 * "Confirm unchanged": carried-over answers (prefilled from an earlier cycle) confirmed per
 * paragraph or per report, audited, only while the report may be edited; once confirmed and
 * submitted they count in the charts (counted_answers.carried_over false).
 */
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { countAuditEvents } from "#app/audit/audit.server.ts";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext, openReport, ReportLockedError, saveAnswers, submitReport } from "#app/reporting/reports.server.ts";
import { carriedOver, confirmUnchanged } from "#app/reporting/confirm.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { getDb } from "#db/client.ts";
import { countedAnswers } from "#db/schema/index.ts";
import { callRoute, postRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";
import * as confirmRoute from "#app/routes/reports.$reportId.confirm.tsx";

let fpId: number;

beforeAll(async () => {
  useTestDatabase();
  fpId = (await findUserByEmail("focalpoint.ken@example.org"))!.id;
});

async function newCycle(title: string, refs: string[], opensOn: string) {
  const demo = (await getCycle(1))!;
  const id = await createCycle(
    { title, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs }, opensOn, deadline: "2027-01-01", status: "open" },
    fpId,
    null,
  );
  return (await getCycle(id))!;
}

/** Kenya's earlier report answers paragraphs 21, 22 and 35 (two answers each), submitted; a later cycle's report starts from them. */
async function carriedReport(tag: string) {
  const earlier = await newCycle(`Earlier ${tag}`, ["21", "22", "35"], "2025-01-01");
  const earlierId = await openReport(earlier, "KEN", fpId, null);
  const ctx = (await getReportContext(earlierId))!;
  const changes = ctx.paragraphs.flatMap((p) => [
    { question: p.questions.find((q) => q.key === "status")!, paragraphRef: p.ref, value: "in_progress", baseRevision: 0 },
    { question: p.questions.find((q) => q.key === "description")!, paragraphRef: p.ref, value: `Kenya's words on ${p.ref}`, baseRevision: 0 },
  ]);
  await saveAnswers(earlierId, fpId, changes, null);
  await submitReport(earlierId, fpId, crypto.randomUUID(), null);
  const later = await newCycle(`Later ${tag}`, ["21", "22", "35"], `2025-0${2 + Number(tag.length % 7)}-01`);
  return openReport(later, "KEN", fpId, null);
}

describe("confirm unchanged", () => {
  test("per paragraph, then per report: counts, audit, marks cleared, values and revisions kept", async () => {
    const reportId = await carriedReport("a");
    expect(carriedOver(await getAnswers(reportId))).toEqual({ answers: 6, paragraphs: 3, toCheck: 0 });
    const audits = await countAuditEvents("answer.confirmed");

    expect(await confirmUnchanged(reportId, fpId, null, ["35"])).toEqual({ answers: 2, paragraphs: 1, toCheck: 0 });
    let stored = await getAnswers(reportId);
    expect(carriedOver(stored)).toEqual({ answers: 4, paragraphs: 2, toCheck: 0 });
    expect([...stored.values()].find((a) => a.paragraphRef === "35" && typeof a.value === "string" && a.value.startsWith("Kenya"))).toMatchObject({ prefilledFromCycleId: null, revision: 1 });

    expect(await confirmUnchanged(reportId, fpId, null, null)).toEqual({ answers: 4, paragraphs: 2, toCheck: 0 });
    stored = await getAnswers(reportId);
    expect(carriedOver(stored).answers).toBe(0);
    expect(await countAuditEvents("answer.confirmed")).toBe(audits + 6);
    // Nothing left: a second click confirms nothing.
    expect(await confirmUnchanged(reportId, fpId, null, null)).toEqual({ answers: 0, paragraphs: 0, toCheck: 0 });
  });

  test("confirmed answers count after submission; unconfirmed ones stay carried over; no confirming once submitted", async () => {
    const reportId = await carriedReport("bb");
    await confirmUnchanged(reportId, fpId, null, ["21"]);
    await submitReport(reportId, fpId, crypto.randomUUID(), null);
    const counted = getDb().select({ ref: countedAnswers.paragraphRef, carried: countedAnswers.carriedOver }).from(countedAnswers).where(eq(countedAnswers.reportId, reportId)).all();
    expect(counted.filter((c) => c.ref === "21").every((c) => !c.carried)).toBe(true);
    expect(counted.filter((c) => c.ref === "35").every((c) => c.carried)).toBe(true);
    await expect(confirmUnchanged(reportId, fpId, null, ["35"])).rejects.toBeInstanceOf(ReportLockedError);
    const still = getDb().select({ carried: countedAnswers.carriedOver }).from(countedAnswers).where(and(eq(countedAnswers.reportId, reportId), eq(countedAnswers.paragraphRef, "35"))).all();
    expect(still.every((c) => c.carried)).toBe(true);
  });

  test("the form post: back to the task list with the counts; refused once submitted (409) and for a paragraph not in the report (400)", async () => {
    const reportId = await carriedReport("ccc");
    const cookie = await sessionCookie(fpId);
    const post = (body: Record<string, string>) => callRoute(confirmRoute.action, { request: postRequest(`/reports/${reportId}/confirm`, { cookie, body }), params: { reportId: String(reportId) } });

    const one = await post({ paragraph: "22", from: "tasks" });
    expect(one.location).toBe(`/reports/${reportId}?confirmed=2&in=1&toCheck=0#task-22`);
    const back = await post({ paragraph: "35", from: "paragraph" });
    expect(back.location).toBe(`/reports/${reportId}/35?confirmed=2&in=1&toCheck=0`);
    expect((await post({ paragraph: "99" })).status).toBe(400);
    const all = await post({});
    expect(all.location).toBe(`/reports/${reportId}?confirmed=2&in=1&toCheck=0`);

    await submitReport(reportId, fpId, crypto.randomUUID(), null);
    expect((await post({})).status).toBe(409);
  });
});
