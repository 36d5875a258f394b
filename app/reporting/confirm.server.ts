/**
 * "Confirm unchanged": answers copied from an earlier cycle's report and not yet confirmed are
 * carried over, and carried-over answers do not count in the charts (counted_answers marks
 * them at submission). The focal point confirms them per paragraph or for the whole report;
 * confirmed answers then count from the next submission on.
 *
 * Only while the report may be edited (lifecycle `mayEdit`, cycle open): after submission the
 * counted version is frozen. Answers whose question changed since the earlier cycle (marked
 * "to be checked") are never confirmed in bulk: the user opens the paragraph and checks them.
 */
import { data, redirect } from "@remix-run/node";
import { parseWithZod } from "@conform-to/zod/v4";
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "#db/client.ts";
import { answers, reports } from "#db/schema/index.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import { mayEdit } from "#app/reporting/lifecycle.ts";
import { ReportLockedError, type StoredAnswer } from "#app/reporting/reports.server.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";
import { readForm } from "#app/utils/forms.server.ts";

export interface CarriedOver {
  /** Carried-over answers that may be confirmed as they are. */
  answers: number;
  paragraphs: number;
  /** Carried over, but the question changed since: to be checked on the paragraph page. */
  toCheck: number;
}

/** What is still carried over, from a report's stored answers (all, or those of some paragraphs). */
export function carriedOver(stored: Map<string, StoredAnswer>, paragraphRefs?: readonly string[]): CarriedOver {
  const refs = paragraphRefs ? new Set(paragraphRefs) : null;
  let count = 0;
  let toCheck = 0;
  const paragraphs = new Set<string>();
  for (const a of stored.values()) {
    if (a.prefilledFromCycleId === null || (refs && !refs.has(a.paragraphRef))) continue;
    if (a.prefillReview) {
      toCheck++;
      continue;
    }
    count++;
    paragraphs.add(a.paragraphRef);
  }
  return { answers: count, paragraphs: paragraphs.size, toCheck };
}

/**
 * Confirms the carried-over answers of a report, or of the given paragraphs, as they are: one
 * transaction, one audit row per answer confirmed. Refused (ReportLockedError) once the report
 * can no longer be edited.
 */
export async function confirmUnchanged(
  reportId: number,
  userId: number,
  ip: string | null,
  paragraphRefs: readonly string[] | null,
  now = new Date(),
): Promise<{ answers: number; paragraphs: number; toCheck: number }> {
  const db = getDb();
  return db.transaction(
    (tx) => {
      const report = tx.select({ status: reports.status }).from(reports).where(eq(reports.id, reportId)).get();
      if (!report) throw new Error(`No report ${reportId}`);
      if (!mayEdit(report.status)) throw new ReportLockedError(report.status);
      const rows = tx
        .select({ id: answers.id, questionId: answers.questionId, paragraphRef: answers.paragraphRef, value: answers.value, review: answers.prefillReview })
        .from(answers)
        .where(and(eq(answers.reportId, reportId), isNotNull(answers.prefilledFromCycleId), paragraphRefs ? inArray(answers.paragraphRef, [...paragraphRefs]) : undefined))
        .all();
      const paragraphs = new Set<string>();
      let confirmed = 0;
      let toCheck = 0;
      for (const r of rows) {
        if (r.review) {
          toCheck++;
          continue;
        }
        tx.update(answers).set({ prefilledFromCycleId: null, prefillReview: false }).where(eq(answers.id, r.id)).run();
        recordAudit(tx, {
          actorUserId: userId,
          action: "answer.confirmed",
          entityType: "answer",
          entityId: r.questionId,
          reportId,
          paragraphRef: r.paragraphRef,
          questionId: r.questionId,
          newValue: r.value,
          ip,
          at: now,
        });
        confirmed++;
        paragraphs.add(r.paragraphRef);
      }
      return { answers: confirmed, paragraphs: paragraphs.size, toCheck };
    },
    { behavior: "immediate" },
  );
}

const ConfirmSchema = z.object({
  /** One paragraph of the report, or none for the whole report. */
  paragraph: z
    .string()
    .regex(/^[0-9a-z()]{1,20}$/, "validation.invalid")
    .optional(),
  /** Where the button was: the paragraph page or the task list (where to come back to). */
  from: z.enum(["tasks", "paragraph"]).default("tasks"),
});

/**
 * The "Confirm unchanged" form post (task list row, whole report, or paragraph page): guard,
 * parse (conform + zod), confirm, then back where the button was with the count in the URL.
 */
export async function confirmUnchangedAction(request: Request, reportIdParam: string | undefined, ip: string | null): Promise<Response> {
  const { user, ctx } = await requireReport(request, reportIdParam, "edit");
  const form = await readForm(request);
  for (const name of ["paragraph", "from"]) {
    if (form.getAll(name).length > 1) throw data({ message: `"${name}" was sent more than once: send it once.` }, { status: 400 });
  }
  const submission = parseWithZod(form, { schema: ConfirmSchema });
  if (submission.status !== "success") {
    const field = Object.keys(submission.error ?? {})[0] ?? "form";
    throw data({ message: `"${field}" is not valid: use the buttons on the task list or the paragraph page.` }, { status: 400 });
  }
  const { paragraph, from } = submission.value;
  if (paragraph && !ctx.paragraphs.some((p) => p.ref === paragraph)) throw data({ message: `No paragraph "${paragraph}" in this report.` }, { status: 400 });
  if (from === "paragraph" && !paragraph) throw data({ message: "Say which paragraph to go back to." }, { status: 400 });
  let done: { answers: number; paragraphs: number; toCheck: number };
  try {
    done = await confirmUnchanged(ctx.report.id, user.id, ip, paragraph ? [paragraph] : null);
  } catch (error) {
    if (error instanceof ReportLockedError) throw data({ message: error.message }, { status: 409 });
    throw error;
  }
  const query = `confirmed=${done.answers}&in=${done.paragraphs}&toCheck=${done.toCheck}`;
  if (from === "paragraph") return redirect(`/reports/${ctx.report.id}/${paragraph}?${query}`);
  return redirect(`/reports/${ctx.report.id}?${query}${paragraph ? `#task-${paragraph}` : ""}`);
}

/** The counts a confirmation left in the URL ("?confirmed=12&in=4&toCheck=0"); null when absent or malformed. */
export function confirmedNotice(url: string): { answers: number; paragraphs: number; toCheck: number } | null {
  const q = new URL(url).searchParams;
  const read = (name: string) => {
    const v = q.get(name);
    return v !== null && /^\d{1,6}$/.test(v) ? Number(v) : null;
  };
  const answers = read("confirmed");
  const paragraphs = read("in");
  if (answers === null || paragraphs === null) return null;
  return { answers, paragraphs, toCheck: read("toCheck") ?? 0 };
}
