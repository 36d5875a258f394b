import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test } from "vitest";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext, openReport, saveAnswers, type ReportContext } from "#app/reporting/reports.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { i18next } from "#app/utils/i18n.server.ts";
import { buildQuestionnaireWorkbook, readQuestionnaireWorkbook } from "#app/reporting/workbook.server.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";
import { reportParts } from "#app/reporting/report-section.ts";

let ctx: ReportContext;
let fpId: number;
let t: Awaited<ReturnType<typeof i18next.getFixedT>>;

async function load(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}
async function save(wb: ExcelJS.Workbook) {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
/** The row of a question in the pillar sheets. */
function rowOf(wb: ExcelJS.Workbook, questionId: string) {
  for (const sheet of wb.worksheets) {
    for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === questionId) return { sheet, row: sheet.getRow(r) };
  }
  throw new Error(`no row for ${questionId}`);
}

beforeAll(async () => {
  useTestDatabase();
  fpId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  t = await i18next.getFixedT("en");
  const demo = (await getCycle(1))!;
  const cycleId = await createCycle(
    { title: "Workbook cycle", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21", "35", "61"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" },
    fpId,
    null,
  );
  const reportId = await openReport((await getCycle(cycleId))!, "JPN", fpId, null);
  ctx = (await getReportContext(reportId))!;
  const q = (ref: string, key: string) => ({ question: ctx.paragraphs.find((p) => p.ref === ref)!.questions.find((x) => x.key === key)!, paragraphRef: ref });
  // A full report: every question of every paragraph answered, of every type.
  const changes = reportParts(ctx).flatMap((p) =>
    p.questions.map((question) => {
      const value =
        question.type === "records"
          ? [Object.fromEntries(question.fields.map((f) => [f.key, f.kind === "year" ? "2019" : f.kind === "link" ? "https://example.org/penal-code" : f.kind === "email" ? "focal@example.org" : f.kind === "phone" ? "+81 3 1234 5678" : `${f.key} | with a bar`.replace(" | ", " ")]))]
          : question.type === "ranking"
            ? question.options.slice(0, 3).map((o) => o.value)
            : question.type === "single_choice"
          ? question.options[2]!.value
          : question.type === "multiple_choice"
            ? question.options.slice(0, 2).map((o) => o.value)
            : question.type === "yes_no"
              ? "yes"
              : question.type === "links"
                ? [{ url: "https://example.org/law-2024", title: "Law of 2024" }, { url: "https://example.org/report", title: null }]
                : `Text for ${question.key}; with "quotes", a line\nbreak and =formula-like start`;
      return { question, paragraphRef: p.ref, value, baseRevision: 0 };
    }),
  );
  await saveAnswers(reportId, fpId, changes, null);
  void q;
});

describe("offline XLSX questionnaire", () => {
  test("a downloaded workbook, uploaded unchanged, round-trips to exactly the same answers", async () => {
    const stored = await getAnswers(ctx.report.id);
    const buffer = await buildQuestionnaireWorkbook(ctx, stored, "en", t, "Japan");
    const wb = await load(buffer);
    expect(wb.worksheets.filter((w) => w.state === "visible").map((w) => w.name)).toEqual(["Instructions", "About this report", "Pillar I", "Pillar II", "Pillar IV"]);
    const result = await readQuestionnaireWorkbook(await save(wb), ctx, stored, "en", t);
    expect(result).toEqual({ ok: true, errors: [], changes: [] });
    // Every answer came out and went back in: edit one of each kind and compare values.
    const { row } = rowOf(wb, "kyoto-2021.p35.measures");
    expect(row.getCell(5).value).toBe("Legislative; Administrative");
    expect(rowOf(wb, "kyoto-2021.p35.status").row.getCell(5).dataValidation?.type).toBe("list");
    expect(rowOf(wb, "kyoto-2021.p35.status").row.getCell(1).protection?.locked).not.toBe(false);
    expect(rowOf(wb, "kyoto-2021.p35.status").row.getCell(5).protection?.locked).toBe(false);
  });

  test("edits in the workbook come back as a preview of changes, with their base revisions", async () => {
    const stored = await getAnswers(ctx.report.id);
    const wb = await load(await buildQuestionnaireWorkbook(ctx, stored, "en", t, "Japan"));
    rowOf(wb, "kyoto-2021.p21.status").row.getCell(5).value = "Fully implemented";
    rowOf(wb, "kyoto-2021.p21.measures").row.getCell(5).value = "training; Data collection and research";
    rowOf(wb, "kyoto-2021.p35.description").row.getCell(5).value = "";
    const result = await readQuestionnaireWorkbook(await save(wb), ctx, stored, "en", t);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.errors).toEqual([]);
    expect(result.changes.map((c) => [c.question.id, c.value, c.baseRevision])).toEqual([
      ["kyoto-2021.p21.status", "fully_implemented", 1],
      ["kyoto-2021.p21.measures", ["training", "data_collection"], 1],
      ["kyoto-2021.p35.description", null, 1],
    ]);
  });

  test("ten kinds of mistakes give ten clear errors by sheet, row and column, and change nothing", async () => {
    const stored = await getAnswers(ctx.report.id);
    const wb = await load(await buildQuestionnaireWorkbook(ctx, stored, "en", t, "Japan"));
    const set = (id: string, col: number, value: ExcelJS.CellValue) => (rowOf(wb, id).row.getCell(col).value = value);
    set("kyoto-2021.p21.status", 5, "Almost done"); // 1 not an option
    set("kyoto-2021.p21.measures", 5, "Legislative; Magic"); // 2 one of several not an option
    set("kyoto-2021.p21.eval_done", 5, "Perhaps"); // 3 yes/no
    set("kyoto-2021.p21.evidence", 5, "not a link"); // 4 not a web address
    set("kyoto-2021.p21.description", 5, "x".repeat(20_001)); // 5 too long
    set("kyoto-2021.p35.evidence", 5, Array.from({ length: 21 }, (_, i) => `https://example.org/${i}`).join("\n")); // 6 too many links
    set("kyoto-2021.p35.status", 7, "seven"); // 7 revision tampered
    set("kyoto-2021.p35.measures", 1, "kyoto-2021.p99.status"); // 8 unknown question
    set("kyoto-2021.p35.challenges", 1, "kyoto-2021.p35.status"); // 9 a question twice
    set("kyoto-2021.p61.evidence", 5, "javascript:alert(1)"); // 10 a script address
    const result = await readQuestionnaireWorkbook(await save(wb), ctx, stored, "en", t);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const messages = result.errors.map((e) => `${e.sheet}!${e.column}${e.row}: ${t(e.key, e.params)}`);
    expect(messages).toHaveLength(10);
    for (const m of messages) expect(m).toMatch(/^Pillar (I|II|IV)![A-G]\d+: \S/);
    expect(messages.join("\n")).toContain("“Almost done” is not one of the options.");
    expect(messages.join("\n")).toContain("“Magic” is not one of the options.");
    expect(messages.join("\n")).toContain("Use at most 20000 characters.");
    expect(messages.join("\n")).toContain("Give at most 20 links.");
    expect(messages.join("\n")).toContain("revision cell was changed");
    expect(messages.join("\n")).toContain("“kyoto-2021.p99.status” is not a question of this report.");
    expect(messages.join("\n")).toContain("appears twice");
    // Nothing was saved by reading.
    expect(await getAnswers(ctx.report.id)).toEqual(stored);
  });

  test("a workbook of another report, another version, or not a workbook at all is refused", async () => {
    const stored = await getAnswers(ctx.report.id);
    const wb = await load(await buildQuestionnaireWorkbook(ctx, stored, "en", t, "Japan"));
    const meta = wb.getWorksheet("_kyoto")!;
    meta.getCell(1, 2).value = 999;
    expect(await readQuestionnaireWorkbook(await save(wb), ctx, stored, "en", t)).toEqual({ ok: false, fatal: "workbook.otherReport" });
    meta.getCell(1, 2).value = ctx.report.id;
    meta.getCell(4, 2).value = "0000000000000000";
    expect(await readQuestionnaireWorkbook(await save(wb), ctx, stored, "en", t)).toEqual({ ok: false, fatal: "workbook.otherVersion" });
    expect(await readQuestionnaireWorkbook(new TextEncoder().encode("name,answer\n"), ctx, stored, "en", t)).toEqual({ ok: false, fatal: "workbook.notAWorkbook" });
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet("Sheet1").addRow(["hello"]);
    expect(await readQuestionnaireWorkbook(await save(plain), ctx, stored, "en", t)).toEqual({ ok: false, fatal: "workbook.notOurs" });
  });

  test("an answer changed online after the download is not overwritten by the workbook", async () => {
    const stored = await getAnswers(ctx.report.id);
    const wb = await load(await buildQuestionnaireWorkbook(ctx, stored, "en", t, "Japan"));
    rowOf(wb, "kyoto-2021.p61.status").row.getCell(5).value = "Planned";
    const status = ctx.paragraphs.find((p) => p.ref === "61")!.questions.find((q) => q.key === "status")!;
    const contributor = (await findUserByEmail("contributor.jpn@example.org"))!;
    await saveAnswers(ctx.report.id, contributor.id, [{ question: status, paragraphRef: "61", value: "fully_implemented", baseRevision: stored.get(status.id)!.revision }], null);
    const result = await readQuestionnaireWorkbook(await save(wb), ctx, await getAnswers(ctx.report.id), "en", t);
    expect(result.ok && result.errors.map((e) => t(e.key, e.params))).toEqual([
      "This answer was changed online by Demo contributor, Japan after the workbook was downloaded: download a new workbook or change it online.",
    ]);
  });
});
