/**
 * The workbook import's apply step: one audit row for the import in the same transaction as
 * the answers it saved, and an exact account of what was and was not saved when someone
 * changes an answer online between the check of the workbook and the save (a race).
 */
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext, openReport, saveAnswers, type ReportContext } from "#app/reporting/reports.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { i18next } from "#app/utils/i18n.server.ts";
import { buildQuestionnaireWorkbook, type readQuestionnaireWorkbook } from "#app/reporting/workbook.server.ts";
import { action } from "#app/routes/reports.$reportId.import.tsx";
import { getDb } from "#db/client.ts";
import { auditEvents } from "#db/schema/index.ts";
import { callRoute, postRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

/** Run between the workbook check and the save of the apply step: the race. */
const race = vi.hoisted(() => ({ between: null as null | (() => Promise<void>) }));
vi.mock("#app/reporting/workbook.server.ts", async (importOriginal) => {
  const original = await importOriginal<{ readQuestionnaireWorkbook: typeof readQuestionnaireWorkbook }>();
  return {
    ...original,
    readQuestionnaireWorkbook: async (...args: Parameters<typeof readQuestionnaireWorkbook>) => {
      const result = await original.readQuestionnaireWorkbook(...args);
      await race.between?.();
      return result;
    },
  };
});

let ctx: ReportContext;
let fpId: number;
let cookie: string;

beforeAll(async () => {
  useTestDatabase();
  fpId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  cookie = await sessionCookie(fpId);
  const demo = (await getCycle(1))!;
  const cycleId = await createCycle(
    { title: "Import cycle", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21", "35"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" },
    fpId,
    null,
  );
  const reportId = await openReport((await getCycle(cycleId))!, "JPN", fpId, null);
  ctx = (await getReportContext(reportId))!;
});

const question = (ref: string, key: string) => ctx.paragraphs.find((p) => p.ref === ref)!.questions.find((q) => q.key === key)!;

/** A workbook of the report as stored, with the implementation status of 21 and 35 filled in. */
async function filledWorkbook(): Promise<string> {
  const t = await i18next.getFixedT("en");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildQuestionnaireWorkbook(ctx, await getAnswers(ctx.report.id), "en", t, "Japan")) as unknown as ArrayBuffer);
  for (const sheet of wb.worksheets) {
    for (let r = 2; r <= sheet.rowCount; r++) {
      const id = sheet.getRow(r).getCell(1).value;
      if (id === question("21", "status").id) sheet.getRow(r).getCell(5).value = "Planned";
      if (id === question("35", "status").id) sheet.getRow(r).getCell(5).value = "In progress";
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
}

const apply = (payload: string) =>
  callRoute(action, { request: postRequest(`/reports/${ctx.report.id}/import`, { cookie, body: { intent: "apply", payload } }), params: { reportId: String(ctx.report.id) } });

const importRows = () =>
  getDb()
    .select({ newValue: auditEvents.newValue, at: auditEvents.at })
    .from(auditEvents)
    .where(and(eq(auditEvents.reportId, ctx.report.id), eq(auditEvents.action, "report.imported")))
    .all();

describe("workbook import, apply step", () => {
  test("an answer changed online during the import is not overwritten; the page says which answers were saved and which were not", async () => {
    const payload = await filledWorkbook();
    const contributor = (await findUserByEmail("contributor.jpn@example.org"))!;
    race.between = async () => {
      race.between = null;
      await saveAnswers(ctx.report.id, contributor.id, [{ question: question("35", "status"), paragraphRef: "35", value: "fully_implemented", baseRevision: 0 }], null);
    };
    const outcome = await apply(payload);
    expect(outcome.status).toBe(409);
    expect((outcome.body as { partial: unknown }).partial).toEqual({
      saved: 1,
      notSaved: [{ id: question("35", "status").id, ref: "35", label: expect.any(String), by: contributor.name }],
    });
    const stored = await getAnswers(ctx.report.id);
    expect(stored.get(question("21", "status").id)?.value).toBe("planned");
    expect(stored.get(question("35", "status").id)?.value).toBe("fully_implemented");
    // The import's own audit row says the same, written with the answer it saved.
    const [row] = importRows();
    expect(row!.newValue).toEqual({ answers: 1, notSaved: [question("35", "status").id] });
    const changed = getDb()
      .select({ at: auditEvents.at })
      .from(auditEvents)
      .where(and(eq(auditEvents.reportId, ctx.report.id), eq(auditEvents.action, "answer.changed"), eq(auditEvents.questionId, question("21", "status").id)))
      .get();
    expect(changed!.at.getTime()).toBe(row!.at.getTime());
  });

  test("the English message is exact: counts of saved and not saved answers", async () => {
    const t = await i18next.getFixedT("en");
    expect(t("workbookImport.savedCount", { count: 1 })).toBe("Answers saved from the workbook: 1.");
    expect(t("workbookImport.notSavedCount", { count: 1 })).toMatch(/^Answers not saved: 1\. /);
  });

  test("a clean import saves everything and leaves one audit row in the same transaction", async () => {
    const before = importRows().length;
    // A fresh workbook of the report as it now stands, 21 and 35 changed again.
    const t = await i18next.getFixedT("en");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buildQuestionnaireWorkbook(ctx, await getAnswers(ctx.report.id), "en", t, "Japan")) as unknown as ArrayBuffer);
    for (const sheet of wb.worksheets) {
      for (let r = 2; r <= sheet.rowCount; r++) {
        const id = sheet.getRow(r).getCell(1).value;
        if (id === question("21", "status").id) sheet.getRow(r).getCell(5).value = "Largely implemented";
      }
    }
    const outcome = await apply(Buffer.from(await wb.xlsx.writeBuffer()).toString("base64"));
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/reports/${ctx.report.id}?imported=1`);
    const rows = importRows();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)!.newValue).toEqual({ answers: 1, notSaved: [] });
  });
});
