/**
 * The offline questionnaire: a workbook a focal point downloads, passes around ministries by
 * e-mail, and uploads back. Instructions in the user's language, a sheet per pillar, one row
 * per question with the paragraph text, drop-down lists for choices, ids locked, prefilled
 * with the answers so far. On the way back every cell is checked before anything is saved.
 */
import ExcelJS from "exceljs";
import { checkZip, MAX_ENTRIES, MAX_ENTRY_BYTES, MAX_SHARED_STRINGS_BYTES, MAX_TOTAL_BYTES } from "#app/reporting/zip-check.server.ts";
import { parseWorkbookInWorker, type ParseResult } from "#app/reporting/workbook-parse.server.ts";
import type { ReportContext, StoredAnswer } from "#app/reporting/reports.server.ts";
import { answerValueSchema, errorParams, issueParams, formatLinks, parseLinks, sameValue, type AnswerValue, type LinkValue } from "#app/reporting/answer-schemas.ts";
import type { Question } from "#surveys/schema.ts";
import { localText, roman } from "#app/questionnaires/labels.ts";
import { yesNoKey, yesNoValues } from "#app/reporting/yes-no.ts";
import { textLimit, type RecordValue } from "#app/reporting/answer-values.ts";
import { reportParts, reportSection } from "#app/reporting/report-section.ts";

type T = (key: string, options?: Record<string, unknown>) => string;

const META_SHEET = "_kyoto";
const COLUMNS = ["question_id", "paragraph", "paragraph_text", "question", "answer", "allowed", "revision"] as const;
const ANSWER_COL = 5; // E
const REVISION_COL = 7; // G

function optionLabels(q: Question, lang: string, t: T): { value: string; label: string }[] {
  if (q.type === "yes_no") return yesNoValues(q).map((value) => ({ value, label: t(yesNoKey(value)) }));
  if ("options" in q) return q.options.map((o) => ({ value: o.value, label: localText(o.label, lang).text }));
  return [];
}

function cellText(q: Question, value: AnswerValue, lang: string, t: T): string {
  if (value === null) return "";
  const labels = optionLabels(q, lang, t);
  // A records answer: one row a line, its fields in order separated by " | " (empty fields stay empty).
  if (q.type === "records") return (value as RecordValue[]).map((row) => q.fields.map((f) => row[f.key] ?? "").join(" | ")).join("\n");
  if (q.type === "multiple_choice" || q.type === "ranking") return (value as string[]).map((v) => labels.find((l) => l.value === v)?.label ?? v).join("; ");
  if (q.type === "single_choice" || q.type === "yes_no") return labels.find((l) => l.value === value)?.label ?? String(value);
  if (q.type === "links") return formatLinks(value as LinkValue[]);
  return String(value);
}

export async function buildQuestionnaireWorkbook(ctx: ReportContext, stored: Map<string, StoredAnswer>, lang: string, t: T, stateName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Kyoto Reporting";
  const rtl = lang === "ar";
  const intro = wb.addWorksheet(t("workbook.instructionsSheet"), { views: [{ rightToLeft: rtl }] });
  intro.getColumn(1).width = 110;
  const lines = [
    t("workbook.title", { state: stateName, cycle: ctx.cycle.title }),
    "",
    t("workbook.step1"),
    t("workbook.step2"),
    t("workbook.step3"),
    t("workbook.step4"),
    t("workbook.step5"),
    "",
    t("workbook.version", { version: ctx.questionnaire.version, date: new Date().toISOString().slice(0, 10) }),
  ];
  lines.forEach((line, i) => {
    const cell = intro.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: "top" };
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  await intro.protect("", {});

  // The report's own questions get the first sheet (under the ref "report"), then one sheet per pillar.
  const section = reportSection(ctx.questionnaire);
  const pillars: (number | "report")[] = [...(section ? ["report" as const] : []), ...new Set(ctx.paragraphs.map((p) => p.pillarNumber ?? 0))];
  for (const n of pillars) {
    const sheetName = n === "report" ? t("reportSection.title").slice(0, 31) : n ? t("workbook.pillarSheet", { number: roman(n) }) : t("workbook.otherSheet");
    const sheet = wb.addWorksheet(sheetName, {
      views: [{ state: "frozen", ySplit: 1, rightToLeft: rtl }],
    });
    sheet.columns = COLUMNS.map((key) => ({
      key,
      header: t(`workbook.columns.${key}`),
      width: { question_id: 30, paragraph: 10, paragraph_text: 60, question: 50, answer: 60, allowed: 50, revision: 10 }[key],
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getColumn(REVISION_COL).hidden = true;
    const rows = n === "report" ? [section!] : ctx.paragraphs.filter((x) => (x.pillarNumber ?? 0) === n);
    for (const p of rows) {
      for (const q of p.questions) {
        const a = stored.get(q.id);
        const labels = optionLabels(q, lang, t);
        const required = q.required ? ` (${t("question.required")})` : "";
        const row = sheet.addRow([
          q.id,
          p.ref,
          n === "report" ? t("reportSection.title") : localText(p.text, lang).text,
          localText(q.label, lang, ctx.cycle.periodStart).text + required,
          cellText(q, (a?.value ?? null) as AnswerValue, lang, t),
          q.type === "records"
            ? t("workbook.allowedRecords", { fields: q.fields.map((f) => localText(f.label, lang).text).join(" | "), max: q.maxItems })
            : q.type === "ranking"
              ? t("workbook.allowedRanking", { max: q.maxItems })
              : q.type === "multiple_choice"
            ? t("workbook.allowedMany", { options: labels.map((l) => l.label).join("; ") })
            : q.type === "links"
              ? t("workbook.allowedLinks", { max: q.maxItems })
              : q.type === "text"
                ? t("workbook.allowedText", { max: textLimit(q) })
                : t("workbook.allowedOne"),
          a?.revision ?? 0,
        ]);
        row.alignment = { wrapText: true, vertical: "top" };
        const answer = row.getCell(ANSWER_COL);
        answer.protection = { locked: false };
        answer.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF8DC" } };
        if (q.type === "single_choice" || q.type === "yes_no") {
          const list = labels.map((l) => l.label.replace(/"/g, "'")).join(",");
          if (list.length <= 255) {
            answer.dataValidation = { type: "list", allowBlank: true, formulae: [`"${list}"`], showErrorMessage: true, errorTitle: t("workbook.dropdownTitle"), error: t("workbook.dropdownError") };
          }
        }
      }
    }
    await sheet.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  }

  const meta = wb.addWorksheet(META_SHEET, { state: "veryHidden" });
  meta.addRows([
    ["report", ctx.report.id],
    ["cycle", ctx.cycle.id],
    ["instrument", ctx.questionnaire.id],
    ["version", ctx.questionnaire.version],
    ["language", lang],
  ]);
  await meta.protect("", {});
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface ImportError {
  sheet: string;
  row: number;
  column: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface ImportChange {
  question: Question;
  paragraphRef: string;
  value: AnswerValue;
  baseRevision: number;
  before: AnswerValue;
}

export type ImportResult =
  | { ok: false; fatal: string; params?: Record<string, string | number>; status?: number; retryAfter?: number }
  | { ok: true; errors: ImportError[]; changes: ImportChange[] };

const MB = 1024 * 1024;

/** A refusal of the reading itself (F6 limits, busy): the message key, its figures, its status. */
function refusal(parsed: Extract<ParseResult, { ok: false }>): Extract<ImportResult, { ok: false }> {
  switch (parsed.problem) {
    case "not_a_workbook":
      return { ok: false, fatal: "workbook.notAWorkbook" };
    case "too_many_rows":
      return { ok: false, fatal: "workbookLimits.tooManyRows", params: { limit: parsed.limit }, status: 413 };
    case "too_many_columns":
      return { ok: false, fatal: "workbookLimits.tooManyColumns", params: { limit: parsed.limit }, status: 413 };
    case "too_many_strings":
      return { ok: false, fatal: "workbookLimits.tooManyStrings", params: { limit: parsed.limit }, status: 413 };
    case "timeout":
      return { ok: false, fatal: "workbookLimits.timeout", params: { seconds: Math.round(parsed.limit / 100) / 10 }, status: 422 };
    case "memory":
      return { ok: false, fatal: "workbookLimits.memory", params: { limit: parsed.limit }, status: 422 };
    case "busy":
      return { ok: false, fatal: "workbookLimits.busy", status: 503, retryAfter: parsed.retryAfterSeconds };
  }
}

/** Read an uploaded workbook against the report; nothing is saved here. */
export async function readQuestionnaireWorkbook(bytes: Uint8Array, ctx: ReportContext, stored: Map<string, StoredAnswer>, lang: string, t: T): Promise<ImportResult> {
  // F6: the zip's directory is checked before anything is inflated…
  const problem = await checkZip(bytes);
  if (problem === "not_a_zip") return { ok: false, fatal: "workbook.notAWorkbook" };
  if (problem === "too_many_entries") return { ok: false, fatal: "workbookLimits.tooManyParts", params: { limit: MAX_ENTRIES }, status: 413 };
  if (problem) {
    return { ok: false, fatal: "workbookLimits.unpacksTooLarge", params: { total: MAX_TOTAL_BYTES / MB, entry: MAX_ENTRY_BYTES / MB, strings: MAX_SHARED_STRINGS_BYTES / MB }, status: 413 };
  }
  // …then it is read in a worker thread with its own memory limit and deadline, counting rows,
  // columns and shared strings as it goes; only a few imports are read at once.
  const parsed = await parseWorkbookInWorker(bytes);
  if (!parsed.ok) return refusal(parsed);
  const cell = (row: string[] | undefined, column: number) => row?.[column - 1] ?? "";
  const meta = parsed.sheets.find((s) => s.name === META_SHEET);
  if (!meta) return { ok: false, fatal: "workbook.notOurs" };
  const metaValue = (key: string) => meta.rows.find(([, row]) => cell(row, 1) === key)?.[1][1] ?? "";
  if (metaValue("instrument") !== ctx.questionnaire.id || metaValue("version") !== ctx.questionnaire.version) {
    return { ok: false, fatal: "workbook.otherVersion" };
  }
  if (metaValue("report") !== String(ctx.report.id)) return { ok: false, fatal: "workbook.otherReport" };
  const workbookLang = metaValue("language") || lang;

  const questions = new Map(reportParts(ctx).flatMap((p) => p.questions.map((q) => [q.id, { q, ref: p.ref }] as const)));
  const errors: ImportError[] = [];
  const changes: ImportChange[] = [];
  const seen = new Set<string>();
  for (const sheet of parsed.sheets) {
    if (sheet.name === META_SHEET || sheet.state !== "visible") continue;
    const byNumber = new Map(sheet.rows);
    if (cell(byNumber.get(1), 1) !== t("workbook.columns.question_id") && !questions.has(cell(byNumber.get(2), 1))) continue; // the instructions sheet
    for (const [r, row] of sheet.rows) {
      if (r < 2) continue;
      const id = cell(row, 1).trim();
      const answerRaw = cell(row, ANSWER_COL);
      if (!id && !answerRaw.trim()) continue;
      const at = (column: number, key: string, params?: Record<string, string | number>) =>
        errors.push({ sheet: sheet.name, row: r, column: String.fromCharCode(64 + column), key, params });
      const found = questions.get(id);
      if (!found) {
        at(1, "workbook.unknownQuestion", { value: id.slice(0, 60) });
        continue;
      }
      if (seen.has(id)) {
        at(1, "workbook.duplicateQuestion", { value: id });
        continue;
      }
      seen.add(id);
      const revRaw = cell(row, REVISION_COL).trim();
      if (!/^\d{1,9}$/.test(revRaw)) {
        at(REVISION_COL, "workbook.badRevision");
        continue;
      }
      const { q, ref } = found;
      const parsed = parseCell(q, answerRaw, workbookLang, lang, t);
      if ("error" in parsed) {
        at(ANSWER_COL, parsed.error, parsed.params);
        continue;
      }
      const checked = answerValueSchema(q).safeParse(parsed.value);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        at(ANSWER_COL, issue?.message ?? "validation.invalid", { ...errorParams(q), ...issueParams(issue?.path ?? []) });
        continue;
      }
      const current = stored.get(q.id);
      const before = (current?.value ?? null) as AnswerValue;
      if (sameValue(before, checked.data)) continue;
      const baseRevision = Number(revRaw);
      if ((current?.revision ?? 0) !== baseRevision) {
        at(ANSWER_COL, "workbook.changedOnline", { name: current?.updatedByName ?? "—" });
        continue;
      }
      changes.push({ question: q, paragraphRef: ref, value: checked.data, baseRevision, before });
    }
  }
  if (seen.size === 0 && errors.length === 0) return { ok: false, fatal: "workbook.noQuestions" };
  return { ok: true, errors, changes };
}

function parseCell(q: Question, raw: string, workbookLang: string, lang: string, t: T): { value: AnswerValue } | { error: string; params?: Record<string, string | number> } {
  const value = raw.replace(/\r\n/g, "\n");
  if (!value.trim()) return { value: null };
  if (q.type === "text") return { value };
  if (q.type === "links") return { value: parseLinks(value) };
  if (q.type === "records") {
    // One row a line, fields separated by "|" in the order the "allowed" column gives.
    const rows = value
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => {
        const parts = line.split("|").map((s) => s.trim());
        if (parts.length > q.fields.length) return null;
        return Object.fromEntries(q.fields.map((f, i) => [f.key, parts[i] ? parts[i]! : null])) as RecordValue;
      });
    if (rows.some((r) => r === null)) return { error: "workbook.tooManyFields", params: { max: q.fields.length } };
    return { value: rows as RecordValue[] };
  }
  // Options match by label in the workbook's or the page's language, or in English, or by code.
  const labels = [...optionLabels(q, workbookLang, t), ...optionLabels(q, lang, t), ...optionLabels(q, "en", t)];
  const find = (s: string) => {
    const needle = s.trim().toLocaleLowerCase();
    return labels.find((l) => l.label.toLocaleLowerCase() === needle || l.value === needle)?.value;
  };
  if (q.type === "ranking") {
    // In order, most important first; "1." before a choice is allowed; a repeat is left to the answer's check.
    const values: string[] = [];
    for (const part of value.split(/[;\n]/).map((s) => s.trim().replace(/^\d+[.)]\s*/, "")).filter(Boolean)) {
      const v = find(part);
      if (!v) return { error: "workbook.notAnOption", params: { value: part.slice(0, 60) } };
      values.push(v);
    }
    return { value: values };
  }
  if (q.type === "multiple_choice") {
    const parts = value.split(/[;\n]/).map((s) => s.trim()).filter(Boolean);
    const values: string[] = [];
    for (const part of parts) {
      const v = find(part);
      if (!v) return { error: "workbook.notAnOption", params: { value: part.slice(0, 60) } };
      if (!values.includes(v)) values.push(v);
    }
    return { value: values };
  }
  const v = find(value);
  return v ? { value: v } : { error: "workbook.notAnOption", params: { value: value.trim().slice(0, 60) } };
}
