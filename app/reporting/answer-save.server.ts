/**
 * Saving the answers of one paragraph, shared by the page's form post (works without
 * JavaScript) and the autosave endpoint. Invalid answers are refused one by one and never
 * discard the valid ones sent with them; an answer saved on an old revision is a conflict.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { ReportLockedError, saveAnswers, type AnswerChange } from "#app/reporting/reports.server.ts";
import type { SaveConflict } from "#app/reporting/answer-values.ts";
import { answerValueSchema, errorParams, issueParams, readFormValue, type AnswerValue, type FieldError } from "#app/reporting/answer-schemas.ts";
import { reportParts } from "#app/reporting/report-section.ts";
import type { Paragraph } from "#surveys/schema.ts";
import { clientIp } from "#app/utils/context.ts";
import { DISCLOSURE_LEVELS, isDisclosure, type Disclosure } from "#app/reporting/disclosure.ts";

/** The field of a narrative answer's disclosure choice: `disclose.<question key>`. */
const DISCLOSE_PREFIX = "disclose.";
import { readForm, type FormRequest } from "#app/utils/forms.server.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";

export type SaveIntent = "save" | "save-next" | "autosave" | "confirm" | `discard:${string}` | `go:${string}`;

export interface SaveOutcome {
  intent: SaveIntent;
  /** What was submitted, by question key: shown again so nothing typed is lost. */
  values: Record<string, AnswerValue>;
  errors: Record<string, FieldError>;
  conflicts: SaveConflict[];
  revisions: Record<string, number>;
  changed: string[];
  savedAt: string;
  next: string | null;
  /** Carried-over answers confirmed by this save ("Confirm unchanged" on the paragraph page). */
  confirmed: number;
  /** Who may read each narrative answer, as sent (shown again with the values). */
  disclosures: Record<string, Disclosure>;
  /** Answers cleared because the paragraph is not applicable (app/reporting/not-applicable.ts). */
  cleared: string[];
}

const META_FIELDS = new Set(["intent"]);

function badRequest(message: string): never {
  throw data({ message }, { status: 400 });
}

export async function saveParagraph(request: FormRequest, params: { reportId?: string; ref?: string }, context: AppLoadContext): Promise<{ outcome: SaveOutcome; paragraph: Paragraph; reportId: number }> {
  const { user, ctx } = await requireReport(request, params.reportId, "edit");
  // The report's own questions (ref "report") come first, then the paragraphs.
  const parts = reportParts(ctx);
  const index = parts.findIndex((p) => p.ref === params.ref);
  const paragraph = parts[index];
  if (!paragraph) throw data({ message: "No such paragraph in this report." }, { status: 404 });
  const form = await readForm(request);

  const intentRaw = String(form.get("intent") ?? "save");
  if (!/^(save|save-next|autosave|confirm|discard:[a-z0-9_]+|go:[a-z0-9()]{1,20})$/.test(intentRaw)) badRequest(`Unknown intent "${intentRaw.slice(0, 40)}".`);
  const intent = intentRaw as SaveIntent;
  // "Save and go to …": the task list, the check page or a paragraph of this report.
  if (intent.startsWith("go:")) {
    const to = intent.slice(3);
    if (to !== "tasks" && to !== "check" && !parts.some((p) => p.ref === to)) badRequest(`No paragraph "${to}" in this report to go to.`);
  }

  const { keys, narrative, recordNames, multiple } = fieldsOf(paragraph);
  for (const name of new Set(form.keys())) {
    if (META_FIELDS.has(name)) continue;
    if (name.startsWith(DISCLOSE_PREFIX)) {
      const key = name.slice(DISCLOSE_PREFIX.length);
      if (!narrative.has(key)) badRequest(`"${name.slice(0, 80)}": only a narrative (text) answer of paragraph ${paragraph.ref} has a choice of who may read it.`);
      continue;
    }
    const key = name.startsWith("rev.") ? name.slice(4) : name;
    if (!keys.has(key) && !recordNames.has(name)) badRequest(`Unknown question "${name.slice(0, 80)}" for paragraph ${paragraph.ref} of this report.`);
  }
  for (const name of new Set(form.keys())) {
    const all = form.getAll(name);
    if (all.some((v) => typeof v !== "string")) {
      badRequest(name.startsWith("rev.") ? `The revision of "${name.slice(4, 84)}" must be a whole number, not a file.` : `"${name.slice(0, 80)}" must be text, not a file.`);
    }
    // Only a multiple-choice answer may come with several values; anything else sent twice is ambiguous.
    if (all.length > 1 && !multiple.has(name)) badRequest(`"${name.slice(0, 80)}" was sent ${all.length} times: send it once.`);
  }

  const discard = intent.startsWith("discard:") ? intent.slice("discard:".length) : null;
  const disclosures: Record<string, Disclosure> = {};
  for (const key of narrative) {
    const sent = form.get(`${DISCLOSE_PREFIX}${key}`);
    if (sent === null) continue;
    if (!isDisclosure(sent)) badRequest(`Who may read "${key}" must be one of: ${DISCLOSURE_LEVELS.join(", ")}.`);
    disclosures[key] = sent;
  }
  const values: Record<string, AnswerValue> = {};
  const errors: Record<string, FieldError> = {};
  const changes: AnswerChange[] = [];
  for (const q of paragraph.questions) {
    const rev = form.get(`rev.${q.key}`);
    // Only questions whose revision came with the form are part of the save.
    if (rev === null) continue;
    if (typeof rev !== "string" || !/^\d{1,9}$/.test(rev)) badRequest(`The revision of "${q.key}" must be a whole number.`);
    const value = readFormValue(q, form);
    values[q.key] = value;
    if (q.key === discard) continue;
    const parsed = answerValueSchema(q).safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors[q.key] = { key: issue?.message ?? "validation.invalid", params: { ...errorParams(q), ...issueParams(issue?.path ?? []) } };
      continue;
    }
    changes.push({ question: q, paragraphRef: paragraph.ref, value: parsed.data, baseRevision: Number(rev), disclosure: disclosures[q.key] });
  }

  try {
    const result = await saveAnswers(ctx.report.id, user.id, changes, clientIp(context), { confirmPrefilled: intent === "confirm" });
    return {
      reportId: ctx.report.id,
      paragraph,
      outcome: {
        intent,
        values,
        errors,
        conflicts: result.conflicts.map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() })),
        revisions: result.revisions,
        changed: result.changed,
        savedAt: result.savedAt.toISOString(),
        next: parts[index + 1]?.ref ?? null,
        confirmed: result.confirmed,
        disclosures,
        cleared: result.cleared,
      },
    };
  } catch (error) {
    if (error instanceof ReportLockedError) throw data({ message: error.message }, { status: 409 });
    throw error;
  }
}

interface ParagraphFields {
  keys: ReadonlySet<string>;
  /** Narrative (text) answers: each may come with a choice of who may read it. */
  narrative: ReadonlySet<string>;
  /** A records question posts one field per row and field: `<key>.<row>.<field>`. */
  recordNames: ReadonlySet<string>;
  /** A multiple-choice answer, and a ranking (one select per rank), may come with several values. */
  multiple: ReadonlySet<string>;
}

const fieldsCache = new WeakMap<Paragraph, ParagraphFields>();

/** The field names a paragraph's form may send: worked out once per stored paragraph (every autosave asks). */
function fieldsOf(paragraph: Paragraph): ParagraphFields {
  let fields = fieldsCache.get(paragraph);
  if (!fields) {
    const qs = paragraph.questions;
    fields = {
      keys: new Set(qs.map((q) => q.key)),
      narrative: new Set(qs.filter((q) => q.type === "text").map((q) => q.key)),
      recordNames: new Set(qs.flatMap((q) => (q.type === "records" ? Array.from({ length: q.maxItems }, (_, i) => q.fields.map((f) => `${q.key}.${i}.${f.key}`)).flat() : []))),
      multiple: new Set(qs.filter((q) => q.type === "multiple_choice" || q.type === "ranking").map((q) => q.key)),
    };
    fieldsCache.set(paragraph, fields);
  }
  return fields;
}

export function outcomeStatus(o: SaveOutcome): number {
  if (Object.keys(o.errors).length > 0) return 400;
  if (o.conflicts.length > 0) return 409;
  return 200;
}
