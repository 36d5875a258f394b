/**
 * Answer values, one zod schema per question type: every way an answer is saved validates
 * with them — the paragraph form and its autosave (answer-save.server.ts) and the workbook
 * import (workbook.server.ts). Answers are validated and saved one by one on purpose (a bad
 * answer never costs the good ones). The module imports no server code, but the browser does
 * not load it (zod stays out of the page bundle; the page uses answer-values.ts). Error
 * messages are i18n keys (`validation.*`), translated where they are shown.
 */
import { z } from "zod";
import type { Question } from "#surveys/schema.ts";

/** The platform's ceiling for any text answer, whatever a questionnaire allows. */
import { MAX_LINK_LENGTH, textLimit } from "#app/reporting/answer-values.ts";

export { formatLinks, parseLinks, type AnswerValue, type FieldError, type LinkValue, type RecordValue } from "#app/reporting/answer-values.ts";
import { parseLinks, recordFieldName, type AnswerValue, type RecordValue } from "#app/reporting/answer-values.ts";
import type { RecordField } from "#surveys/schema.ts";
import { yesNoValues } from "#app/reporting/yes-no.ts";

const schemas = new WeakMap<Question, z.ZodType<AnswerValue>>();

/** The schema of one stored answer value (null = no answer); built once per question. */
export function answerValueSchema(q: Question): z.ZodType<AnswerValue> {
  let schema = schemas.get(q);
  if (!schema) schemas.set(q, (schema = buildAnswerSchema(q)));
  return schema;
}

function buildAnswerSchema(q: Question): z.ZodType<AnswerValue> {
  switch (q.type) {
    case "single_choice": {
      const values = q.options.map((o) => o.value) as [string, ...string[]];
      return z.enum(values, { message: "validation.notAnOption" }).nullable();
    }
    case "yes_no":
      return z.enum(yesNoValues(q), { message: "validation.notAnOption" }).nullable();
    case "multiple_choice": {
      const values = q.options.map((o) => o.value) as [string, ...string[]];
      const exclusive = new Set(q.options.filter((o) => o.exclusive).map((o) => o.value));
      return z
        .array(z.enum(values, { message: "validation.notAnOption" }))
        .refine((a) => new Set(a).size === a.length, { message: "validation.duplicateOption" })
        // "None" (an exclusive option) cannot be ticked together with anything else.
        .refine((a) => a.length < 2 || !a.some((v) => exclusive.has(v)), { message: "measure.validation.exclusiveOption" })
        .nullable();
    }
    case "text":
      return z.string().max(textLimit(q), { message: "validation.tooLong" }).nullable();
    case "links":
      return z
        .array(
          z.object({
            url: z
              .string()
              .max(MAX_LINK_LENGTH, { message: "validation.linkTooLong" })
              .refine(isWebAddress, { message: "validation.notALink" }),
            title: z.string().max(500, { message: "validation.tooLong" }).nullable(),
          }),
        )
        .max(q.maxItems, { message: "validation.tooManyLinks" })
        .nullable();
    case "records": {
      const shape = Object.fromEntries(q.fields.map((f) => [f.key, recordFieldSchema(f)]));
      return z
        .array(
          z
            .object(shape)
            .strict()
            .refine((r) => Object.values(r).some((v) => v !== null && v !== undefined), { message: "records.validation.emptyRow" }),
        )
        .max(q.maxItems, { message: "records.validation.tooMany" })
        .nullable() as z.ZodType<AnswerValue>;
    }
    case "ranking": {
      const values = q.options.map((o) => o.value) as [string, ...string[]];
      return z
        .array(z.enum(values, { message: "validation.notAnOption" }))
        .max(q.maxItems, { message: "ranking.validation.tooMany" })
        .refine((a) => new Set(a).size === a.length, { message: "ranking.validation.duplicate" })
        .nullable();
    }
  }
}

const YEAR = /^\d{4}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9][0-9 ().\-/]{3,38}$/;
const NUMBER = /^-?\d+([.,]\d+)?$/;

/** One field of a record: a text within its limit, and for years, links, e-mails, telephones and numbers their shape. */
function recordFieldSchema(f: RecordField): z.ZodType<string | null> {
  const text = z.string().max(f.maxLength, { message: "records.validation.tooLong" });
  switch (f.kind) {
    case "year":
      return text.refine((v) => YEAR.test(v) && Number(v) >= 1800 && Number(v) <= 2100, { message: "records.validation.year" }).nullable().default(null);
    case "date":
      return text.refine(isPastCalendarDay, { message: "records.validation.date" }).nullable().default(null);
    case "link":
      return text.refine(isWebAddress, { message: "records.validation.link" }).nullable().default(null);
    case "email":
      return text.refine((v) => EMAIL.test(v), { message: "records.validation.email" }).nullable().default(null);
    case "phone":
      return text.refine((v) => PHONE.test(v), { message: "records.validation.phone" }).nullable().default(null);
    case "number":
      return text.refine((v) => NUMBER.test(v), { message: "records.validation.number" }).nullable().default(null);
    case "text":
      return text.nullable().default(null);
  }
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A day of the calendar written YYYY-MM-DD (what a date input posts), from 1900 to today (UTC): a measure's date of adoption. */
export function isPastCalendarDay(value: string, today = new Date()): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return false;
  return y >= 1900 && value <= today.toISOString().slice(0, 10);
}

/** Where in a records or ranking answer an error is (its row, 1-based; its field's key): for the message. */
export function issueParams(path: readonly PropertyKey[]): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (typeof path[0] === "number") out.row = path[0] + 1;
  if (typeof path[1] === "string") out.field = path[1];
  return out;
}

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

/** Parameters the error messages need (limits). */
export function errorParams(q: Question): Record<string, number> {
  if (q.type === "text") return { max: textLimit(q) };
  if (q.type === "links" || q.type === "records" || q.type === "ranking") return { max: q.maxItems };
  return {};
}

/** Reads one question's raw form value(s) into an answer value (not yet validated). */
export function readFormValue(q: Question, form: FormData): AnswerValue {
  switch (q.type) {
    case "multiple_choice": {
      const all = form.getAll(q.key).map(String).filter(Boolean);
      return all.length ? all : null;
    }
    case "links": {
      const links = parseLinks(String(form.get(q.key) ?? ""));
      return links.length ? links : null;
    }
    case "records": {
      // Rows `<key>.<i>.<field>`; a row left wholly empty is no row (the page always offers one more).
      const rows: RecordValue[] = [];
      for (let i = 0; i < q.maxItems; i++) {
        const row: RecordValue = {};
        for (const f of q.fields) {
          const raw = form.get(recordFieldName(q.key, i, f.key));
          const value = typeof raw === "string" ? raw.replace(/\r\n/g, "\n").trim() : "";
          row[f.key] = value === "" ? null : value;
        }
        if (Object.values(row).some((v) => v !== null)) rows.push(row);
      }
      return rows.length ? rows : null;
    }
    case "ranking": {
      // One select per rank, in rank order; a rank left empty closes up.
      const all = form.getAll(q.key).map(String).filter(Boolean);
      return all.length ? all : null;
    }
    case "text": {
      const value = String(form.get(q.key) ?? "").replace(/\r\n/g, "\n");
      return value.trim() ? value : null;
    }
    default: {
      const value = form.get(q.key);
      return typeof value === "string" && value !== "" ? value : null;
    }
  }
}

export function isAnswered(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "string") return value.trim() !== "";
  return true;
}

/** Whether a question needs an answer, given the other answers of its paragraph (by key). */
export function isRequired(q: Question, answersByKey: Record<string, unknown>): boolean {
  if (q.required) return true;
  if (!q.requiredWhen) return false;
  return answersByKey[q.requiredWhen.question] === q.requiredWhen.equals;
}

/** Stable comparison of two answer values. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

export type ParagraphState = "not_started" | "in_progress" | "complete";

/** A paragraph is complete when every question it requires has an answer. */
export function paragraphState(questions: Question[], answersByKey: Record<string, unknown>): { state: ParagraphState; missing: Question[] } {
  const missing = questions.filter((q) => isRequired(q, answersByKey) && !isAnswered(answersByKey[q.key]));
  const anyAnswered = questions.some((q) => isAnswered(answersByKey[q.key]));
  if (!anyAnswered) return { state: "not_started", missing };
  return { state: missing.length === 0 ? "complete" : "in_progress", missing };
}
