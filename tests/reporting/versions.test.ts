/**
 * Questionnaire versions (issue 12, item 9): a report started in an older version keeps it and
 * still opens, saves and submits; a new cycle uses the new version; prefill maps answers across
 * versions by question id (instrument, paragraph, key), unchanged questions as they were, changed
 * ones marked for review, questions no longer asked left behind.
 */
import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { getQuestionnaireVersion, saveQuestionnaire } from "#app/questionnaires/questionnaires.server.ts";
import { getAnswers, getCycle, getReportContext, openReport, saveAnswers, submitReport } from "#app/reporting/reports.server.ts";
import { compileQuestionnaire, type Questionnaire } from "#surveys/index.ts";
import { compileSurveyFolder, loadSurveyFolder } from "#surveys/load.server.ts";
import { KYOTO } from "#tests/surveys/helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let fpId: number;
let oldVersionId: number;
let newVersionId: number;
let oldQ: Questionnaire;

beforeAll(async () => {
  useTestDatabase();
  fpId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  // The version before the curated supplement and the anchored stages: one six-level status per
  // paragraph, other wording (no subject in the derived labels), no short titles, and ¶62 still
  // asks how the Organized Crime Convention is implemented.
  const f = loadSurveyFolder(KYOTO);
  const statusConfig = { ...f.config, questions: f.config.questions.map((q) => ({ ...q, templates: ["common"] })) };
  oldQ = compileQuestionnaire(f.sourceText, statusConfig, f.translations);
  oldVersionId = (await saveQuestionnaire(oldQ)).versionId;
  // The current version becomes current again, as the seed leaves it.
  newVersionId = (await saveQuestionnaire(compileSurveyFolder(KYOTO))).versionId;
  expect(newVersionId).not.toBe(oldVersionId);
});

async function cycleIn(versionId: number, title: string, refs: string[], opensOn: string) {
  const demo = (await getCycle(1))!;
  const id = await createCycle({ title, instrumentId: demo.instrumentId, versionId, scope: { kind: "paragraphs", refs }, opensOn, deadline: "2027-12-31", status: "open" }, fpId, null);
  return (await getCycle(id))!;
}

function questionOf(q: Questionnaire, ref: string, key: string) {
  return q.paragraphs.find((p) => p.ref === ref)!.questions.find((x) => x.key === key)!;
}

describe("questionnaire versions", () => {
  test("a report in the old version opens in that version, saves and submits", async () => {
    const cycle = await cycleIn(oldVersionId, "Old version cycle", ["35", "62"], "2025-01-01");
    const reportId = await openReport(cycle, "JPN", fpId, null);
    const ctx = (await getReportContext(reportId))!;
    expect(ctx.questionnaire.version).toBe(oldQ.version);
    const p62 = ctx.paragraphs.find((p) => p.ref === "62")!;
    expect(p62.shortTitle).toBeUndefined();
    expect(p62.questions.map((x) => x.key)).toContain("std_untoc_applied");

    const save = await saveAnswers(
      reportId,
      fpId,
      [
        { question: questionOf(oldQ, "35", "status"), paragraphRef: "35", value: "in_progress", baseRevision: 0 },
        { question: questionOf(oldQ, "35", "std_mandela_applied"), paragraphRef: "35", value: "yes", baseRevision: 0 },
        { question: questionOf(oldQ, "62", "status"), paragraphRef: "62", value: "planned", baseRevision: 0 },
        { question: questionOf(oldQ, "62", "std_untoc_applied"), paragraphRef: "62", value: "yes", baseRevision: 0 },
      ],
      null,
    );
    expect(save.conflicts).toEqual([]);
    const receipt = await submitReport(reportId, fpId, crypto.randomUUID(), null);
    expect(receipt.answerCount).toBe(4);
    expect((await getReportContext(reportId))!.report.status).toBe("submitted");
  });

  test("a new cycle in the new version is prefilled by question id: unchanged as it was, changed for review, dropped questions left behind", async () => {
    const cycle = await cycleIn(newVersionId, "New version cycle", ["35", "62"], "2026-06-01");
    const reportId = await openReport(cycle, "JPN", fpId, null);
    const ctx = (await getReportContext(reportId))!;
    expect(ctx.questionnaire.version).toBe((await getQuestionnaireVersion(newVersionId))!.version);
    const stored = await getAnswers(reportId);
    // The status became anchored stages per element. "In progress" says nothing of adoption or
    // operation: ¶35's two stages stay empty, each marked to check.
    expect(stored.has("kyoto-2021.p35.status")).toBe(false);
    for (const element of ["conditions", "staff"]) {
      expect(stored.get(`kyoto-2021.p35.${element}.stage`)).toMatchObject({ value: null, prefillReview: true });
    }
    // The Mandela question now names its subject ("Detention conditions: …") → copied, to review.
    expect(stored.get("kyoto-2021.p35.std_mandela_applied")).toMatchObject({ value: "yes", prefillReview: true });
    // ¶62 no longer asks how the Organized Crime Convention is implemented → not carried over.
    expect(stored.has("kyoto-2021.p62.std_untoc_applied")).toBe(false);
    // "Planned" has the same meaning as a stage, but a paragraph's status copied to each of its
    // elements is a guess: carried, each marked to check.
    for (const element of ["extradition", "mutual_legal_assistance", "legal_basis"]) {
      expect(stored.get(`kyoto-2021.p62.${element}.stage`)).toMatchObject({ value: "planned", prefillReview: true });
    }

    // Confirming the answer as it is clears the review mark.
    const mandela = ctx.paragraphs.find((p) => p.ref === "35")!.questions.find((x) => x.key === "std_mandela_applied")!;
    await saveAnswers(reportId, fpId, [{ question: mandela, paragraphRef: "35", value: "yes", baseRevision: 1 }], null, { confirmPrefilled: true });
    expect((await getAnswers(reportId)).get(mandela.id)).toMatchObject({ prefilledFromCycleId: null, prefillReview: false });
  });
});
