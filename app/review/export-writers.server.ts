/**
 * Cycle exports for the secretariat: XLSX (a sheet per pillar and a codebook), CSV (UTF-8
 * with BOM, RFC 4180) and JSON, all streamed. Cells that a spreadsheet could run as a
 * formula are neutralised.
 */
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import { exportRows, type ExportRow } from "#app/review/exports.server.ts";
import type { CycleRow } from "#app/reporting/reports.server.ts";
import type { Paragraph, Questionnaire } from "#surveys/schema.ts";
import { answerText } from "#app/reporting/answer-text.ts";
import { YES_NO_ENGLISH } from "#app/reporting/yes-no.ts";
import { roman } from "#app/questionnaires/labels.ts";
import { neutraliseCell } from "#app/utils/spreadsheet.ts";

/** A cell a spreadsheet could run as a formula gets a leading quote (see neutraliseCell). */
export function neutralise(value: string): string {
  return neutraliseCell(value);
}

const tEn = (key: string) => YES_NO_ENGLISH[key] ?? key;

export const COLUMNS = [
  "state_iso3",
  "state",
  "regional_group",
  "report_status",
  "pillar",
  "theme",
  "paragraph",
  "question_id",
  "question",
  "answer",
  "answer_codes",
  "disclosure",
] as const;

function cells(row: ExportRow, q: Questionnaire): string[] {
  const pillar = row.paragraph.pillarNumber ? `${roman(row.paragraph.pillarNumber)}` : "";
  const theme = q.themes.find((t) => t.number === row.paragraph.themeNumber)?.title.en ?? "";
  const codes = row.value === null ? "" : Array.isArray(row.value) && typeof row.value[0] === "string" ? (row.value as string[]).join("|") : typeof row.value === "string" && "options" in row.question ? row.value : "";
  return [
    row.stateIso3,
    row.stateName,
    row.regionalGroup,
    row.reportStatus,
    pillar,
    theme,
    row.paragraph.ref,
    row.question.id,
    row.question.label.en,
    row.value === null ? "" : answerText(row.question, row.value, "en", tEn),
    codes,
    row.disclosure ?? "",
  ].map(neutralise);
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function drain(out: Writable, chunk: string) {
  if (!out.write(chunk)) await new Promise((r) => out.once("drain", r));
}

export async function writeCsv(out: Writable, cycle: CycleRow, q: Questionnaire, paragraphs: Paragraph[]): Promise<number> {
  let rows = 0;
  await drain(out, "\uFEFF" + COLUMNS.join(",") + "\r\n");
  for await (const row of exportRows(cycle, paragraphs)) {
    await drain(out, cells(row, q).map(csvField).join(",") + "\r\n");
    rows++;
  }
  out.end();
  return rows;
}

export async function writeJson(out: Writable, cycle: CycleRow, q: Questionnaire, paragraphs: Paragraph[]): Promise<number> {
  let rows = 0;
  await drain(out, `{"cycle":${JSON.stringify({ id: cycle.id, title: cycle.title, instrument: cycle.instrumentId, version: q.version })},"rows":[`);
  for await (const row of exportRows(cycle, paragraphs)) {
    const record = Object.fromEntries(COLUMNS.map((c, i) => [c, cells(row, q)[i]]));
    await drain(out, (rows ? "," : "") + JSON.stringify({ ...record, value: row.value }));
    rows++;
  }
  await drain(out, "]}");
  out.end();
  return rows;
}

export async function writeXlsx(out: Writable, cycle: CycleRow, q: Questionnaire, paragraphs: Paragraph[], rtl = false): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "Kyoto Reporting";
  workbook.created = new Date();
  let rows = 0;
  const pillars = [...new Set(paragraphs.map((p) => p.pillarNumber ?? 0))];
  for (const n of pillars) {
    const title = n ? `Pillar ${roman(n)}` : "Other";
    const sheet = workbook.addWorksheet(title, { views: [{ state: "frozen", ySplit: 1, rightToLeft: rtl }] });
    sheet.columns = COLUMNS.map((c) => ({ header: c, key: c, width: c === "answer" || c === "question" ? 60 : 16 }));
    sheet.getRow(1).font = { bold: true };
    for await (const row of exportRows(cycle, paragraphs.filter((p) => (p.pillarNumber ?? 0) === n))) {
      sheet.addRow(cells(row, q)).commit();
      rows++;
    }
    sheet.commit();
  }
  const codebook = workbook.addWorksheet("Codebook", { views: [{ state: "frozen", ySplit: 1, rightToLeft: rtl }] });
  codebook.columns = [
    { header: "question_id", key: "id", width: 36 },
    { header: "paragraph", key: "ref", width: 10 },
    { header: "type", key: "type", width: 16 },
    { header: "required", key: "required", width: 10 },
    { header: "label", key: "label", width: 70 },
    { header: "options", key: "options", width: 80 },
  ];
  codebook.getRow(1).font = { bold: true };
  for (const p of paragraphs) {
    for (const question of p.questions) {
      const options = "options" in question ? question.options.map((o) => `${o.value}=${o.label.en}`).join("; ") : question.type === "yes_no" ? "yes=Yes; no=No" : "";
      codebook.addRow([question.id, p.ref, question.type, question.required ? "yes" : "no", question.label.en, options].map(neutralise)).commit();
    }
  }
  codebook.commit();
  await workbook.commit();
  return rows;
}

export type ExportFormat = "xlsx" | "csv" | "json";

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

/** Start writing an export into a stream the response can carry. */
export function exportStream(format: ExportFormat, cycle: CycleRow, q: Questionnaire, paragraphs: Paragraph[], rtl = false): PassThrough {
  const out = new PassThrough();
  const writing = format === "xlsx" ? writeXlsx(out, cycle, q, paragraphs, rtl) : format === "csv" ? writeCsv(out, cycle, q, paragraphs) : writeJson(out, cycle, q, paragraphs);
  writing.catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
