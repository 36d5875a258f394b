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

/** Events that record a draft value, not a submitted one. */
const DRAFT_ACTIONS = new Set(["answer.changed", "answer.confirmed"]);

export type HistoryEvent = Awaited<ReturnType<typeof listReportHistory>>[number];

export async function reportHistoryFor(ctx: ReportContext, viewerRole: string, opts: { paragraphRef?: string | null } = {}): Promise<HistoryEvent[]> {
  const events = await listReportHistory(ctx.report.id, opts);
  if (sideOf(viewerRole) === "state") return events;
  const refOf = new Map(ctx.paragraphs.flatMap((p) => p.questions.map((q) => [q.id, p.ref] as const)));
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
  return [...events.filter((e) => !DRAFT_ACTIONS.has(e.action)), ...changes].sort((a, b) => b.at.getTime() - a.at.getTime() || b.id - a.id);
}
