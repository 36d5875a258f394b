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

export { formatLinks, parseLinks, type AnswerValue, type FieldError, type LinkValue } from "#app/reporting/answer-values.ts";
import { parseLinks, type AnswerValue } from "#app/reporting/answer-values.ts";
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
  }
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
  if (q.type === "links") return { max: q.maxItems };
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
