/**
 * A report's history as its reader may see it. The State's own users see every event,
 * drafts included. The secretariat sees the report as submitted: no draft answer changes
 * (values typed and overwritten before a submission are the State's own business): the answers
 * of the first submission, then for each resubmission those that changed, old → new.
 */
import { asc, eq } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { reportSubmissions, users } from "#db/schema/index.ts";
import { listReportHistory } from "#app/audit/audit.server.ts";
import type { ReportContext } from "#app/reporting/reports.server.ts";
import { sideOf } from "#app/review/thread-sides.ts";
import { answerText } from "#app/reporting/answer-text.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { reportParts } from "#app/reporting/report-section.ts";

/** Events that record a draft value, not a submitted one. */
const DRAFT_ACTIONS = new Set(["answer.changed", "answer.confirmed", "answer.disclosure_changed"]);
/** The State's own division of work (assignments, hand-overs): not the secretariat's business. */
const STATE_WORK_ACTIONS = new Set(["paragraph.ready", "paragraph.ready_withdrawn", "paragraph.ready_cleared", "paragraph.assigned", "paragraph.unassigned"]);

export type HistoryEvent = Awaited<ReturnType<typeof listReportHistory>>[number];

export async function reportHistoryFor(ctx: ReportContext, viewerRole: string, opts: { paragraphRef?: string | null } = {}): Promise<HistoryEvent[]> {
  const events = await listReportHistory(ctx.report.id, opts);
  if (sideOf(viewerRole) === "state") return events;
  const refOf = new Map(reportParts(ctx).flatMap((p) => p.questions.map((q) => [q.id, p.ref] as const)));
  const submissions = getDb()
    .select({ id: reportSubmissions.id, at: reportSubmissions.submittedAt, content: reportSubmissions.content, actorName: users.name, actorEmail: users.email })
    .from(reportSubmissions)
    .innerJoin(users, eq(users.id, reportSubmissions.submittedBy))
    .where(eq(reportSubmissions.reportId, ctx.report.id))
    .orderBy(asc(reportSubmissions.id))
    .all();
  const changes: HistoryEvent[] = [];
  for (let i = 0; i < submissions.length; i++) {
    const before = i === 0 ? {} : submissions[i - 1]!.content;
    const after = submissions[i]!;
    const ids = [...new Set([...Object.keys(before), ...Object.keys(after.content)])].sort();
    ids.forEach((questionId, k) => {
      const old = before[questionId] ?? null;
      const now = after.content[questionId] ?? null;
      if (JSON.stringify(old) === JSON.stringify(now)) return;
      const paragraphRef = refOf.get(questionId) ?? null;
      if (opts.paragraphRef && paragraphRef !== opts.paragraphRef) return;
      changes.push({
        // Negative ids: these rows are derived from the submissions, not stored events.
        id: -(after.id * 10_000 + k),
        at: after.at,
        lastAt: after.at,
        saves: 1,
        action: i === 0 ? "submission.first" : "submission.changed",
        paragraphRef,
        questionId,
        oldValue: old,
        newValue: now,
        actorName: after.actorName,
        actorEmail: after.actorEmail,
      });
    });
  }
  return [...events.filter((e) => !DRAFT_ACTIONS.has(e.action) && !STATE_WORK_ACTIONS.has(e.action)), ...changes].sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id);
}

/* ---------------------------------------------------------------- readable history */

export interface HistoryLine {
  id: number;
  at: string;
  who: string;
  /** One sentence in the reader's language: who did what, on which question. */
  sentence: string;
  /** Answer values as their labels (never JSON), or a comment's text, or a reason. */
  before: string | null;
  after: string | null;
}

const SENTENCE: Record<string, string> = {
  "answer.changed": "answerChanged",
  "answer.confirmed": "answerConfirmed",
  "answer.disclosure_changed": "disclosureChanged",
  "report.created": "created",
  "report.prefilled": "prefilled",
  "report.submitted": "submitted",
  "report.clarification_requested": "clarification",
  "report.accepted": "reviewComplete",
  "report.reopened": "reopened",
  "comment.thread_opened": "asked",
  "comment.replied": "replied",
  "comment.resolved": "resolved",
  "submission.first": "asSubmitted",
  "submission.changed": "changedInSubmission",
  "paragraph.ready": "paragraphReady",
  "paragraph.ready_withdrawn": "paragraphReadyWithdrawn",
  "paragraph.ready_cleared": "paragraphReadyCleared",
  "paragraph.assigned": "paragraphAssigned",
  "paragraph.unassigned": "paragraphUnassigned",
};

/**
 * The report's history as sentences in the reader's language, filtered by paragraph and by
 * person. Reads through `reportHistoryFor` (whatever the audit storage), never raw columns.
 */
export async function readableHistory(
  ctx: ReportContext,
  viewerRole: string,
  lang: string,
  t: (key: string, options?: Record<string, unknown>) => string,
  opts: { paragraphRef?: string | null; person?: string | null } = {},
): Promise<{ lines: HistoryLine[]; people: string[] }> {
  const events = await reportHistoryFor(ctx, viewerRole, { paragraphRef: opts.paragraphRef });
  const questions = new Map(reportParts(ctx).flatMap((p) => p.questions.map((q) => [q.id, q] as const)));
  const people = [...new Set(events.map((e) => e.actorName ?? t("journey.history.someone")))].sort((a, b) => a.localeCompare(b, lang));
  const label = (value: unknown, questionId: string | null): string | null => {
    if (value === null || value === undefined || value === "") return null;
    const q = questionId ? questions.get(questionId) : undefined;
    if (q) return answerText(q, value, lang, t) || null;
    return typeof value === "string" ? value : null;
  };
  const lines: HistoryLine[] = [];
  for (const e of events) {
    const who = e.actorName ?? t("journey.history.someone");
    if (opts.person && who !== opts.person) continue;
    const q = e.questionId ? questions.get(e.questionId) : undefined;
    const assignee = (value: unknown) => (value && typeof value === "object" && "name" in value && typeof value.name === "string" ? value.name : "");
    const vars = { who, ref: e.paragraphRef ?? "", question: q ? localText(q.label, lang).text : "", assignee: assignee(e.newValue), previous: assignee(e.oldValue) };
    const key = SENTENCE[e.action] ?? "other";
    let sentence = t(`journey.history.${key}`, vars);
    let before: string | null = null;
    let after: string | null = null;
    if (e.action === "answer.disclosure_changed") {
      const level = (v: unknown) => (v === "public" || v === "commission" || v === "secretariat" ? t(`consent.summary.${v}`) : null);
      before = level(e.oldValue);
      after = level(e.newValue);
    } else if (e.action.startsWith("answer.") || e.action.startsWith("submission.")) {
      before = label(e.oldValue, e.questionId);
      after = label(e.newValue, e.questionId);
    } else if (e.action === "report.submitted") {
      const level = (e.newValue as { disclosure?: string } | null)?.disclosure;
      if (level === "public" || level === "commission" || level === "secretariat") sentence = t("journey.history.submittedVisible", { ...vars, audience: t(`disclosure.levels.${level}`) });
    } else if (e.action === "report.accepted") {
      const reason = (e.newValue as { reason?: string } | null)?.reason;
      after = reason ? t("journey.history.reason", { reason }) : null;
    } else if (e.action.startsWith("comment.") && typeof e.newValue === "string") {
      after = e.newValue;
    }
    lines.push({ id: e.id, at: e.at.toISOString(), who, sentence, before, after });
  }
  return { lines, people };
}
