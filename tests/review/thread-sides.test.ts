/** F21: only the side that opened a thread resolves it; the other side replies. */
import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext, openReport, saveAnswers, submitReport } from "#app/reporting/reports.server.ts";
import { addComment, listThreads } from "#app/review/review.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import * as comments from "#app/routes/reports.$reportId.comments.tsx";
import * as paragraph from "#app/routes/reports.$reportId.$ref.tsx";
import { callRoute, getRequest, postRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

const ids = { fp: 0, contributor: 0, sec: 0 };
let reportId = 0;
let questionId = "";

beforeAll(async () => {
  useTestDatabase();
  ids.fp = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  ids.contributor = (await findUserByEmail("contributor.jpn@example.org"))!.id;
  ids.sec = (await findUserByEmail("secretariat@example.org"))!.id;
  const demo = (await getCycle(1))!;
  const cycle = (await getCycle(
    await createCycle({ title: "F21 threads", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" }, ids.sec, null),
  ))!;
  reportId = await openReport(cycle, "JPN", ids.fp, null);
  const ctx = (await getReportContext(reportId))!;
  const question = ctx.paragraphs[0]!.questions.find((q) => q.key === "status")!;
  questionId = question.id;
  await saveAnswers(reportId, ids.fp, [{ question, paragraphRef: "21", value: "planned", baseRevision: (await getAnswers(reportId)).get(question.id)?.revision ?? 0 }], null);
  await submitReport(reportId, ids.fp, crypto.randomUUID(), null);
});

const resolve = async (userId: number, threadId: number) =>
  callRoute(comments.action, { request: postRequest(`/reports/${reportId}/comments`, { cookie: await sessionCookie(userId), body: { intent: "resolve", threadId: String(threadId) } }), params: { reportId: String(reportId) } });

const isOpen = async (threadId: number) => (await listThreads(reportId)).find((t) => t.id === threadId)!.resolvedAt === null;

describe("F21: resolving a thread", () => {
  test("a contributor cannot resolve the secretariat's question (403, still open) but may reply; the secretariat resolves it", async () => {
    const threadId = await addComment({ reportId, questionId, paragraphRef: "21", authorId: ids.sec, body: "Which law is this?", threadId: null, ip: null });
    const byContributor = await resolve(ids.contributor, threadId);
    expect(byContributor.status).toBe(403);
    expect(await isOpen(threadId)).toBe(true);
    expect((await resolve(ids.fp, threadId)).status).toBe(403);
    const reply = await callRoute(comments.action, {
      request: postRequest(`/reports/${reportId}/comments`, { cookie: await sessionCookie(ids.contributor), body: { intent: "reply", threadId: String(threadId), body: "The 2019 act." } }),
      params: { reportId: String(reportId) },
    });
    expect(reply.status).toBe(302);
    expect((await resolve(ids.sec, threadId)).status).toBe(302);
    expect(await isOpen(threadId)).toBe(false);
  });

  test("a thread the State opened is resolved by the State, not by the secretariat", async () => {
    const threadId = await addComment({ reportId, questionId, paragraphRef: "21", authorId: ids.contributor, body: "Note for our focal point", threadId: null, ip: null });
    expect((await resolve(ids.sec, threadId)).status).toBe(403);
    expect((await resolve(ids.fp, threadId)).status).toBe(302);
    expect(await isOpen(threadId)).toBe(false);
  });

  test("the contributor's page offers no resolve button on the secretariat's thread", async () => {
    await addComment({ reportId, questionId, paragraphRef: "21", authorId: ids.sec, body: "Another question", threadId: null, ip: null });
    const page = await callRoute(paragraph.loader, { request: getRequest(`/reports/${reportId}/21`, await sessionCookie(ids.contributor)), params: { reportId: String(reportId), ref: "21" } });
    const threads = (page.body as { threads: { canResolve: boolean; comments: { body: string }[] }[] }).threads;
    const theirs = threads.find((t) => t.comments[0]!.body === "Another question")!;
    expect(theirs.canResolve).toBe(false);
  });
});
