import { beforeAll, describe, expect, test } from "vitest";
import { countAuditEvents, listReportHistory } from "#app/audit/audit.server.ts";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext, getSubmission, openReport, ReportLockedError, saveAnswers, submitReport } from "#app/reporting/reports.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let fpId: number;
let contributorId: number;

beforeAll(async () => {
  useTestDatabase();
  fpId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  contributorId = (await findUserByEmail("contributor.jpn@example.org"))!.id;
});

async function newCycle(title: string, refs: string[], opensOn = "2026-01-01") {
  const demo = (await getCycle(1))!;
  const id = await createCycle(
    { title, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs }, opensOn, deadline: "2027-01-01", status: "open" },
    fpId,
    null,
  );
  return (await getCycle(id))!;
}

async function question(reportId: number, ref: string, key: string) {
  const ctx = (await getReportContext(reportId))!;
  const p = ctx.paragraphs.find((x) => x.ref === ref)!;
  return { question: p.questions.find((q) => q.key === key)!, paragraphRef: ref };
}

describe("answers", () => {
  test("a save on an old revision is a conflict and leaves the stored answer as it was", async () => {
    const cycle = await newCycle("Conflict cycle", ["35"]);
    const reportId = await openReport(cycle, "JPN", fpId, null);
    const description = await question(reportId, "35", "description");

    const first = await saveAnswers(reportId, contributorId, [{ ...description, value: "Contributor's words", baseRevision: 0 }], null);
    expect(first.revisions).toEqual({ description: 1 });
    // The focal point started from revision 0 too: refused, not overwritten.
    const second = await saveAnswers(reportId, fpId, [{ ...description, value: "Focal point's words", baseRevision: 0 }], null);
    expect(second.changed).toEqual([]);
    expect(second.conflicts).toHaveLength(1);
    expect(second.conflicts[0]).toMatchObject({ key: "description", theirs: "Contributor's words", theirRevision: 1, mine: "Focal point's words", updatedByName: "Demo contributor, Japan" });
    expect((await getAnswers(reportId)).get(description.question.id)).toMatchObject({ value: "Contributor's words", revision: 1 });
    // Keeping one's version means saving on the revision one has now seen.
    const third = await saveAnswers(reportId, fpId, [{ ...description, value: "Merged words", baseRevision: 1 }], null);
    expect(third.revisions).toEqual({ description: 2 });
  });

  test("every change is in the audit trail with its old and new value; an unchanged save writes nothing", async () => {
    const cycle = await newCycle("Audit cycle", ["21"]);
    const reportId = await openReport(cycle, "JPN", fpId, null);
    const status = await question(reportId, "21", "status");
    // Ten minutes apart: two editing sessions, two events.
    const t0 = Date.now() + 3_600_000;
    await saveAnswers(reportId, fpId, [{ ...status, value: "planned", baseRevision: 0 }], "10.0.0.1", { now: new Date(t0) });
    await saveAnswers(reportId, fpId, [{ ...status, value: "in_progress", baseRevision: 1 }], "10.0.0.1", { now: new Date(t0 + 600_000) });
    const before = await countAuditEvents("answer.changed");
    await saveAnswers(reportId, fpId, [{ ...status, value: "in_progress", baseRevision: 2 }], "10.0.0.1", { now: new Date(t0 + 660_000) });
    expect(await countAuditEvents("answer.changed")).toBe(before);
    const history = await listReportHistory(reportId, { paragraphRef: "21" });
    expect(history.map((h) => [h.action, h.oldValue, h.newValue, h.actorEmail])).toEqual([
      ["answer.changed", "planned", "in_progress", "focalpoint.jpn@example.org"],
      ["answer.changed", null, "planned", "focalpoint.jpn@example.org"],
    ]);
  });
});

test("an answer can be cleared: the row keeps its revision, the audit keeps the old value", async () => {
  const cycle = await newCycle("Clearing cycle", ["21"]);
  const reportId = await openReport(cycle, "BRA", fpId, null);
  const description = await question(reportId, "21", "description");
  const t0 = Date.now() + 7_200_000;
  await saveAnswers(reportId, fpId, [{ ...description, value: "To be withdrawn", baseRevision: 0 }], null, { now: new Date(t0) });
  const cleared = await saveAnswers(reportId, fpId, [{ ...description, value: null, baseRevision: 1 }], null, { now: new Date(t0 + 600_000) });
  expect(cleared.revisions).toEqual({ description: 2 });
  expect((await getAnswers(reportId)).get(description.question.id)).toMatchObject({ value: null, revision: 2 });
  const [last] = await listReportHistory(reportId, { paragraphRef: "21" });
  expect(last).toMatchObject({ oldValue: "To be withdrawn", newValue: null });
});

describe("submission", () => {
  test("submitting freezes the report, keeps a hashed snapshot, and a second click with the same token submits once", async () => {
    const cycle = await newCycle("Submission cycle", ["21"]);
    const reportId = await openReport(cycle, "JPN", fpId, null);
    const status = await question(reportId, "21", "status");
    await saveAnswers(reportId, fpId, [{ ...status, value: "fully_implemented", baseRevision: 0 }], null);
    const token = crypto.randomUUID();
    const receipt = await submitReport(reportId, fpId, token, null);
    const again = await submitReport(reportId, fpId, token, null);
    expect(again.id).toBe(receipt.id);
    expect(receipt.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt.answerCount).toBe(1);
    expect((await getReportContext(reportId))!.report.status).toBe("submitted");
    await expect(saveAnswers(reportId, fpId, [{ ...status, value: "planned", baseRevision: 1 }], null)).rejects.toBeInstanceOf(ReportLockedError);
    await expect(submitReport(reportId, fpId, crypto.randomUUID(), null)).rejects.toBeInstanceOf(ReportLockedError);
    expect((await getSubmission(reportId))!.id).toBe(receipt.id);
  });

  test("a new cycle's report starts from the State's last submitted answers, marked with their cycle", async () => {
    const earlier = await newCycle("Earlier cycle", ["21", "22"]);
    const earlierReport = await openReport(earlier, "KEN", fpId, null);
    const s21 = await question(earlierReport, "21", "status");
    const d21 = await question(earlierReport, "21", "description");
    await saveAnswers(earlierReport, fpId, [{ ...s21, value: "in_progress", baseRevision: 0 }, { ...d21, value: "Kenya's earlier words", baseRevision: 0 }], null);
    await submitReport(earlierReport, fpId, crypto.randomUUID(), null);

    const later = await newCycle("Later cycle", ["21", "35"], "2026-06-01");
    const laterReport = await openReport(later, "KEN", fpId, null);
    const answers = await getAnswers(laterReport);
    expect(answers.get(d21.question.id)).toMatchObject({ value: "Kenya's earlier words", prefilledFromCycleId: earlier.id });
    // A cycle that opened at the same time or later is not "earlier": no prefill from it.
    const sameTime = await newCycle("Same-time cycle", ["21"]);
    expect((await getAnswers(await openReport(sameTime, "KEN", fpId, null))).size).toBe(0);
    // Another State's report does not inherit Kenya's answers (Japan's come from Japan's own submission).
    const japan = await openReport(later, "JPN", fpId, null);
    const japanValues = [...(await getAnswers(japan)).values()].map((a) => a.value);
    expect(japanValues).not.toContain("Kenya's earlier words");
    expect(japanValues).toEqual(["fully_implemented"]);
    // Confirming clears the mark without changing the value or its revision.
    await saveAnswers(laterReport, fpId, [{ ...d21, value: "Kenya's earlier words", baseRevision: 1 }], null, { confirmPrefilled: true });
    expect((await getAnswers(laterReport)).get(d21.question.id)).toMatchObject({ prefilledFromCycleId: null, revision: 1 });
    // Editing clears it too.
    await saveAnswers(laterReport, fpId, [{ ...s21, value: "fully_implemented", baseRevision: 1 }], null);
    expect((await getAnswers(laterReport)).get(s21.question.id)).toMatchObject({ prefilledFromCycleId: null, revision: 2 });
  });
});
