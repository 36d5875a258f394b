/**
 * "Not applicable" (issue 11, item 9): a paragraph marked not applicable keeps its status and
 * reason; its other answers are cleared on save, audited in the same transaction, and never
 * stored while it stays not applicable — whatever the form post, autosave or import sends.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { countAuditEvents } from "#app/audit/audit.server.ts";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext, openReport, saveAnswers } from "#app/reporting/reports.server.ts";
import { clearedWhenNotApplicable, isNotApplicable } from "#app/reporting/not-applicable.ts";
import { isAnswered } from "#app/reporting/answer-schemas.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import * as paragraphRoute from "#app/routes/reports.$reportId.$ref.tsx";
import { callRoute, getRequest, postRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let fpId: number;

beforeAll(async () => {
  useTestDatabase();
  fpId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
});

async function report(title: string) {
  const demo = (await getCycle(1))!;
  const cycleId = await createCycle({ title, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["35"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" }, fpId, null);
  const reportId = await openReport((await getCycle(cycleId))!, "JPN", fpId, null);
  const ctx = (await getReportContext(reportId))!;
  const q = (key: string) => ({ question: ctx.paragraphs[0]!.questions.find((x) => x.key === key)!, paragraphRef: "35" });
  return { reportId, q };
}

const answered = async (reportId: number) =>
  Object.fromEntries([...(await getAnswers(reportId)).values()].filter((a) => isAnswered(a.value)).map((a) => [a.questionId.split(".").at(-1)!, a.value]));

describe("the rule", () => {
  test("a paragraph is not applicable by its status; it keeps its status and reason only", () => {
    expect(isNotApplicable({ status: "not_applicable", description: "x" })).toBe(true);
    expect(isNotApplicable({ status: "planned" })).toBe(false);
    expect(isNotApplicable({})).toBe(false);
    expect(["status", "na_reason"].map(clearedWhenNotApplicable)).toEqual([false, false]);
    expect(["description", "measures", "good_practice", "ta_needed"].every(clearedWhenNotApplicable)).toBe(true);
  });
});

describe("saving a not-applicable paragraph", () => {
  test("clears the other answers (sent or stored) in one audited save, and stores none of them while it stays so", async () => {
    const { reportId, q } = await report("N/A: clear");
    await saveAnswers(
      reportId,
      fpId,
      [
        { ...q("status"), value: "in_progress", baseRevision: 0 },
        { ...q("measures"), value: ["legislative"], baseRevision: 0 },
        { ...q("description"), value: "Our measures", baseRevision: 0 },
        { ...q("ta_needed"), value: ["training"], baseRevision: 0 },
      ],
      null,
    );
    const summaries = await countAuditEvents("paragraph.not_applicable_cleared");
    // The page sends everything: the new status, a reason, and the other answers as they were (one edited).
    const saved = await saveAnswers(
      reportId,
      fpId,
      [
        { ...q("status"), value: "not_applicable", baseRevision: 1 },
        { ...q("na_reason"), value: "No such institutions here.", baseRevision: 0 },
        { ...q("description"), value: "Edited words", baseRevision: 1 },
        { ...q("measures"), value: ["legislative"], baseRevision: 1 },
      ],
      null,
    );
    expect(saved.cleared.sort()).toEqual(["description", "measures", "ta_needed"]);
    expect(saved.conflicts).toEqual([]);
    expect(await answered(reportId)).toEqual({ status: "not_applicable", na_reason: "No such institutions here." });
    expect(await countAuditEvents("paragraph.not_applicable_cleared")).toBe(summaries + 1);

    // While it stays not applicable, nothing else is stored (an autosave or an import alike).
    const later = await saveAnswers(reportId, fpId, [{ ...q("good_practice"), value: "A practice", baseRevision: 0 }], null);
    expect(later.changed).toEqual([]);
    expect(await answered(reportId)).toEqual({ status: "not_applicable", na_reason: "No such institutions here." });

    // Back to applicable: the other questions take answers again.
    const back = await saveAnswers(reportId, fpId, [{ ...q("status"), value: "planned", baseRevision: 2 }, { ...q("description"), value: "New words", baseRevision: saved.revisions.description! }], null);
    expect(back.cleared).toEqual([]);
    expect((await answered(reportId)).description).toBe("New words");
  });

  test("the page's plain post says how many answers were cleared", async () => {
    const { reportId, q } = await report("N/A: post");
    await saveAnswers(reportId, fpId, [{ ...q("status"), value: "planned", baseRevision: 0 }, { ...q("description"), value: "Words", baseRevision: 0 }], null);
    const outcome = await callRoute(paragraphRoute.action, {
      request: postRequest(`/reports/${reportId}/35`, { cookie: await sessionCookie(fpId), body: { intent: "save", status: "not_applicable", "rev.status": "1", description: "Words", "rev.description": "1" } }),
      params: { reportId: String(reportId), ref: "35" },
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toMatch(/&cleared=1$/);
    const page = await callRoute(paragraphRoute.loader, { request: getRequest(outcome.location!, await sessionCookie(fpId)), params: { reportId: String(reportId), ref: "35" } });
    expect(page.body).toMatchObject({ notApplicable: true, answeredOthers: 0, cleared: 1 });
  });
});
