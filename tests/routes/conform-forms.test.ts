/**
 * The all-or-nothing forms converted to conform + zod (ADR 008 "One way to validate"): a good
 * post does what it did before; a bad one answers 400 with conform's reply — the error under
 * the field's name as an i18n key, and what was sent kept so the page shows it again.
 */
import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext, getSubmission, openReport, saveAnswers, submitReport } from "#app/reporting/reports.server.ts";
import { addComment } from "#app/review/review.server.ts";
import * as reviewReport from "#app/routes/review.$reportId.tsx";
import * as comments from "#app/routes/reports.$reportId.comments.tsx";
import * as reviewInbox from "#app/routes/review._index.tsx";
import { getDb } from "#db/client.ts";
import { reports } from "#db/schema/index.ts";
import { eq } from "drizzle-orm";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import * as check from "#app/routes/reports.$reportId.check.tsx";
import { callRoute, postRequest, sessionCookie, type RouteOutcome } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let fpId: number;
let secId: number;

beforeAll(async () => {
  useTestDatabase();
  fpId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  secId = (await findUserByEmail("secretariat@example.org"))!.id;
});

/** A report of Japan on paragraph 21 only, with its status and description answered. */
async function answeredReport(title: string) {
  const demo = (await getCycle(1))!;
  const cycleId = await createCycle({ title, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" }, secId, null);
  const reportId = await openReport((await getCycle(cycleId))!, "JPN", fpId, null);
  const ctx = (await getReportContext(reportId))!;
  const q = (key: string) => ctx.paragraphs[0]!.questions.find((x) => x.key === key)!;
  const r = await saveAnswers(
    reportId,
    fpId,
    [
      { question: q("status"), paragraphRef: "21", value: "planned", baseRevision: 0 },
      { question: q("description"), paragraphRef: "21", value: "A narrative answer.", baseRevision: 0 },
    ],
    null,
  );
  expect(r.conflicts).toEqual([]);
  return { reportId, descriptionId: q("description").id };
}

const conform = (o: RouteOutcome) => (o.body as { result: { status: string; error: Record<string, string[]>; initialValue: Record<string, unknown> } }).result;

describe("check and submit (reports.$reportId.check)", () => {
  test("a good post submits; who may read each narrative stays as chosen on the paragraph page (old fields are ignored)", async () => {
    const { reportId, descriptionId } = await answeredReport("Conform: submit");
    const outcome = await callRoute(check.action, {
      request: postRequest(`/reports/${reportId}/check`, { cookie: await sessionCookie(fpId), body: { token: crypto.randomUUID(), disclosure: "public", [`disclose.${descriptionId}`]: "public" } }),
      params: { reportId: String(reportId) },
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/reports/${reportId}/check?submitted=1`);
    expect(await getSubmission(reportId)).not.toBeNull();
    expect((await getAnswers(reportId)).get(descriptionId)?.disclosure ?? null).toBeNull();
  });

  test("an expired form: 400, the error on the token, nothing submitted", async () => {
    const { reportId } = await answeredReport("Conform: expired");
    const outcome = await callRoute(check.action, {
      request: postRequest(`/reports/${reportId}/check`, { cookie: await sessionCookie(fpId), body: { token: "not-a-token" } }),
      params: { reportId: String(reportId) },
    });
    expect(outcome.status).toBe(400);
    expect(conform(outcome).error.token).toEqual(["formErrors.expired"]);
    expect(await getSubmission(reportId)).toBeNull();
  });
});

describe("review decision (review.$reportId)", () => {
  const statusOf = (id: number) => getDb().select({ s: reports.status }).from(reports).where(eq(reports.id, id)).get()!.s;

  test("review complete with an open question: the reason is asked for on its field, then accepted with it", async () => {
    const { reportId, descriptionId } = await answeredReport("Conform: review");
    await submitReport(reportId, fpId, crypto.randomUUID(), null);
    await addComment({ reportId, questionId: descriptionId, paragraphRef: "21", authorId: secId, body: "Which law?", threadId: null, ip: null });
    const post = async (body: Record<string, string>) =>
      callRoute(reviewReport.action, { request: postRequest(`/review/${reportId}`, { cookie: await sessionCookie(secId), body }), params: { reportId: String(reportId) } });

    const refused = await post({ intent: "accept" });
    expect(refused.status).toBe(400);
    expect(conform(refused).error.reason).toEqual(["journey.review.reasonRequired"]);
    expect(statusOf(reportId)).toBe("submitted");

    const tooLong = await post({ intent: "accept", reason: "r".repeat(2_001) });
    expect(conform(tooLong).error.reason).toEqual(["journey.review.reasonTooLong"]);
    // What was typed comes back, so the page shows it again.
    expect(conform(tooLong).initialValue.reason).toBe("r".repeat(2_001));

    const done = await post({ intent: "accept", reason: "Confirmed by the focal point by telephone." });
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/review/${reportId}?done=accept`);
    expect(statusOf(reportId)).toBe("accepted");
  });
});

describe("comments (reports.$reportId.comments)", () => {
  test("a blank comment: 400 with the error on the body, where to go back kept; a good one goes back", async () => {
    const { reportId, descriptionId } = await answeredReport("Conform: comments");
    const post = async (body: Record<string, string>) =>
      callRoute(comments.action, { request: postRequest(`/reports/${reportId}/comments`, { cookie: await sessionCookie(fpId), body }), params: { reportId: String(reportId) } });
    const fields = { intent: "comment", questionId: descriptionId, paragraphRef: "21", redirectTo: `/reports/${reportId}/21` };

    const blank = await post({ ...fields, body: "   " });
    expect(blank.status).toBe(400);
    expect(conform(blank).error.body).toEqual(["formErrors.commentLength"]);
    expect(conform(blank).initialValue).toMatchObject({ intent: "comment", questionId: descriptionId, paragraphRef: "21" });
    expect((blank.body as { back: string }).back).toBe(`/reports/${reportId}/21`);

    const long = await post({ ...fields, body: "c".repeat(5_001) });
    expect(conform(long).initialValue.body).toBe("c".repeat(5_001));

    const sent = await post({ ...fields, body: "Which year was the strategy adopted?" });
    expect(sent.status).toBe(302);
    expect(sent.location).toBe(`/reports/${reportId}/21`);
  });

  test("a refusal never sends the browser off the site", async () => {
    const { reportId, descriptionId } = await answeredReport("Conform: comments, redirect");
    const outcome = await callRoute(comments.action, {
      request: postRequest(`/reports/${reportId}/comments`, { cookie: await sessionCookie(fpId), body: { intent: "comment", questionId: descriptionId, paragraphRef: "21", body: "", redirectTo: "//evil.example/" } }),
      params: { reportId: String(reportId) },
    });
    expect(outcome.status).toBe(400);
    expect((outcome.body as { back: string }).back).toBe(`/reports/${reportId}`);
  });
});

describe("reminders (review._index)", () => {
  test("a State not in the cycle: 400 on the States, the ticks kept; a State of the cycle: reminded", async () => {
    const post = async (body: Record<string, string | string[]>) => callRoute(reviewInbox.action, { request: postRequest("/review", { cookie: await sessionCookie(secId), body }), params: {} });
    const refused = await post({ cycleId: "1", target: "chosen", states: ["XXX", "ZZZ"] });
    expect(refused.status).toBe(400);
    expect(conform(refused).error.states).toEqual(["review.remindNone"]);
    expect(conform(refused).initialValue.states).toEqual(["XXX", "ZZZ"]);
    const sent = await post({ cycleId: "1", target: "chosen", states: "JPN" });
    expect(sent.status).toBe(302);
    expect(sent.location).toMatch(/^\/review\?cycle=1&reminded=\d+$/);
  });
});
