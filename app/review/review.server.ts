import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { comments, memberStates, outboxMessages, reports, reportSubmissions, users } from "#db/schema/index.ts";
import { REGIONAL_GROUPS, type RegionalGroup } from "#app/states/regional-groups.ts";
import { allows, isCountedInAggregates, REPORT_TRANSITIONS, type ReportStatus, type ReviewDecision } from "#app/reporting/lifecycle.ts";
import { inboxStatus, inboxSubmitted, reportStatusOf, type InboxStatus } from "#app/review/inbox-status.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import { mayResolve } from "#app/review/thread-sides.ts";
import { nameColumn } from "#app/states/member-states.server.ts";


export interface InboxRow {
  iso3: string;
  name: string;
  regionalGroup: RegionalGroup;
  reportId: number | null;
  status: InboxStatus;
  /** Paragraphs with an implementation status, of those the cycle asks about. */
  answeredParagraphs: number;
  submittedAt: Date | null;
  /** How many times the report was submitted: more than one is a resubmission. */
  submissions: number;
  focalPoints: number;
  /** The secretariat left the report out of the insights (a duplicate, a test…). */
  excluded: boolean;
}

/** One row per Member State for a cycle: the secretariat's inbox. Progress is a count, never answers. */
export async function listCycleReports(cycleId: number, lang: string): Promise<InboxRow[]> {
  const db = getDb();
  const name = nameColumn(lang);
  const rows = db
    .select({
      iso3: memberStates.iso3,
      name,
      regionalGroup: memberStates.regionalGroup,
      reportId: reports.id,
      status: reports.status,
      submittedAt: reports.submittedAt,
      excludedAt: reports.excludedAt,
      answeredParagraphs: sql<number>`(select count(distinct a.paragraph_ref) from answers a where a.report_id = "reports"."id" and (a.question_id like '%.status' or a.question_id like '%.stage') and a.value is not null and a.value <> 'null')`,
      submissions: sql<number>`(select count(*) from report_submissions s where s.report_id = "reports"."id")`,
      focalPoints: sql<number>`(select count(*) from users u where u.state_iso3 = "member_states"."iso3" and u.role = 'focal_point' and u.disabled_at is null)`,
    })
    .from(memberStates)
    .leftJoin(reports, and(eq(reports.stateIso3, memberStates.iso3), eq(reports.cycleId, cycleId)))
    .orderBy(asc(name))
    .all();
  return rows.map(({ excludedAt, ...r }) => ({ ...r, excluded: excludedAt !== null, status: inboxStatus(r.status), answeredParagraphs: r.reportId ? r.answeredParagraphs : 0, submissions: r.reportId ? r.submissions : 0 }));
}

export interface RateRow {
  group: RegionalGroup | "all";
  states: number;
  invited: number;
  started: number;
  submitted: number;
  accepted: number;
}

/** Response rates by regional group and overall, from the inbox rows. */
export function responseRates(rows: InboxRow[]): RateRow[] {
  const groups = new Map<RegionalGroup | "all", RateRow>();
  const bump = (g: RegionalGroup | "all", r: InboxRow) => {
    const row = groups.get(g) ?? { group: g, states: 0, invited: 0, started: 0, submitted: 0, accepted: 0 };
    row.states++;
    if (r.focalPoints > 0) row.invited++;
    if (r.status !== "not_started") row.started++;
    if (inboxSubmitted(r.status)) row.submitted++;
    const status = reportStatusOf(r.status);
    if (status && isCountedInAggregates(status)) row.accepted++;
    groups.set(g, row);
  };
  for (const r of rows) {
    bump(r.regionalGroup, r);
    bump("all", r);
  }
  const order: (RegionalGroup | "all")[] = [...REGIONAL_GROUPS, "all"];
  return order.filter((g) => groups.has(g)).map((g) => groups.get(g)!);
}

/** Focal points (active or invited) of the given States, to remind. */
export async function focalPointsOf(stateIso3s: string[]) {
  if (stateIso3s.length === 0) return [];
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name, language: users.language, stateIso3: users.stateIso3 })
    .from(users)
    .where(and(inArray(users.stateIso3, stateIso3s), eq(users.role, "focal_point"), isNull(users.disabledAt)))
    .all();
}

export async function listReminders(cycleId: number) {
  return getDb()
    .select({ id: outboxMessages.id, to: outboxMessages.to, stateIso3: outboxMessages.stateIso3, createdAt: outboxMessages.createdAt, language: outboxMessages.language })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.kind, "reminder"), eq(outboxMessages.cycleId, cycleId)))
    .orderBy(desc(outboxMessages.id))
    .limit(500)
    .all();
}

/* ---------------------------------------------------------------- status changes */

export class TransitionError extends Error {
  constructor(public readonly from: ReportStatus, public readonly decision: ReviewDecision) {
    super(`A ${from.replace("_", " ")} report cannot be given the decision "${decision.replace("_", " ")}".`);
  }
}

/** The audit action of each decision. */
const DECISION_ACTION: Record<ReviewDecision, string> = {
  request_clarification: "report.clarification_requested",
  accept: "report.accepted",
  reopen: "report.reopened",
};

/**
 * Secretariat decisions on a report, as the lifecycle allows them: request clarification (it
 * goes back to the State with its open threads), accept (closes the review), or reopen an
 * accepted report.
 */
export async function changeReportStatus(
  reportId: number,
  decision: ReviewDecision,
  actorUserId: number,
  ip: string | null,
  /** Why the review was completed with questions still open (kept in the audit trail). */
  reason?: string,
): Promise<void> {
  const db = getDb();
  db.transaction((tx) => {
    const report = tx.select({ status: reports.status }).from(reports).where(eq(reports.id, reportId)).get();
    if (!report) throw new Error(`No report ${reportId}`);
    if (!allows(decision, report.status)) throw new TransitionError(report.status, decision);
    const to = REPORT_TRANSITIONS[decision].to;
    const counted = isCountedInAggregates(to);
    const now = new Date();
    const action = DECISION_ACTION[decision];
    tx.update(reports)
      .set({ status: to, acceptedAt: counted ? now : null })
      .where(eq(reports.id, reportId))
      .run();
    // The review gates nothing in the insights: a report counts with its latest submitted
    // version, indexed at submission (app/insights/counted.server.ts).
    recordAudit(tx, { actorUserId, action, entityType: "report", entityId: reportId, reportId, oldValue: { status: report.status }, newValue: reason ? { status: to, reason } : { status: to }, ip, at: now });
  });
}

/* ---------------------------------------------------------------- comment threads */

export interface Thread {
  id: number;
  questionId: string;
  paragraphRef: string;
  resolvedAt: Date | null;
  /** The role of whoever opened the thread: its side alone may resolve it. */
  openedByRole: string;
  comments: { id: number; authorName: string; authorRole: string; body: string; createdAt: Date }[];
}

export async function listThreads(reportId: number, opts: { paragraphRef?: string } = {}): Promise<Thread[]> {
  const where = opts.paragraphRef ? and(eq(comments.reportId, reportId), eq(comments.paragraphRef, opts.paragraphRef)) : eq(comments.reportId, reportId);
  const rows = getDb()
    .select({
      id: comments.id,
      threadId: comments.threadId,
      questionId: comments.questionId,
      paragraphRef: comments.paragraphRef,
      body: comments.body,
      createdAt: comments.createdAt,
      resolvedAt: comments.resolvedAt,
      authorName: users.name,
      authorRole: users.role,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where(where)
    .orderBy(asc(comments.id))
    .all();
  const threads = new Map<number, Thread>();
  for (const r of rows) {
    const root = r.threadId ?? r.id;
    let thread = threads.get(root);
    if (!thread) {
      thread = { id: root, questionId: r.questionId, paragraphRef: r.paragraphRef, resolvedAt: r.threadId === null ? r.resolvedAt : null, openedByRole: r.authorRole, comments: [] };
      threads.set(root, thread);
    }
    if (r.threadId === null) {
      thread.resolvedAt = r.resolvedAt;
      thread.openedByRole = r.authorRole;
    }
    thread.comments.push({ id: r.id, authorName: r.authorName, authorRole: r.authorRole, body: r.body, createdAt: r.createdAt });
  }
  return [...threads.values()];
}

export async function addComment(input: { reportId: number; questionId: string; paragraphRef: string; authorId: number; body: string; threadId: number | null; ip: string | null }): Promise<number> {
  const db = getDb();
  return db.transaction((tx) => {
    if (input.threadId !== null) {
      const root = tx
        .select({ id: comments.id })
        .from(comments)
        .where(and(eq(comments.id, input.threadId), eq(comments.reportId, input.reportId), isNull(comments.threadId)))
        .get();
      if (!root) throw new Error("No such thread in this report");
      // A reply reopens a resolved thread.
      tx.update(comments).set({ resolvedAt: null, resolvedBy: null }).where(eq(comments.id, root.id)).run();
    }
    const id = tx
      .insert(comments)
      .values({ reportId: input.reportId, questionId: input.questionId, paragraphRef: input.paragraphRef, authorId: input.authorId, body: input.body, threadId: input.threadId })
      .returning({ id: comments.id })
      .get().id;
    recordAudit(tx, {
      actorUserId: input.authorId,
      action: input.threadId === null ? "comment.thread_opened" : "comment.replied",
      entityType: "comment",
      entityId: id,
      reportId: input.reportId,
      paragraphRef: input.paragraphRef,
      questionId: input.questionId,
      newValue: input.body.slice(0, 500),
      ip: input.ip,
    });
    return id;
  });
}

/**
 * Resolve a thread of this report: "missing" when there is no such open thread, "other_side"
 * when the thread was opened by the other side (the secretariat's threads are resolved by the
 * secretariat, the State's by the State; the other side replies).
 */
export async function resolveThread(reportId: number, threadId: number, user: { id: number; role: string }, ip: string | null): Promise<"resolved" | "missing" | "other_side"> {
  const db = getDb();
  const userId = user.id;
  return db.transaction((tx) => {
    const root = tx
      .select({ id: comments.id, questionId: comments.questionId, paragraphRef: comments.paragraphRef, openedByRole: users.role })
      .from(comments)
      .innerJoin(users, eq(users.id, comments.authorId))
      .where(and(eq(comments.id, threadId), eq(comments.reportId, reportId), isNull(comments.threadId), isNull(comments.resolvedAt)))
      .get();
    if (!root) return "missing";
    if (!mayResolve(root.openedByRole, user.role)) return "other_side";
    tx.update(comments).set({ resolvedAt: new Date(), resolvedBy: userId }).where(eq(comments.id, root.id)).run();
    recordAudit(tx, { actorUserId: userId, action: "comment.resolved", entityType: "comment", entityId: root.id, reportId, paragraphRef: root.paragraphRef, questionId: root.questionId, ip });
    return "resolved";
  });
}

/* ---------------------------------------------------------------- submissions and their differences */

export async function listSubmissions(reportId: number) {
  return getDb()
    .select({ id: reportSubmissions.id, submittedAt: reportSubmissions.submittedAt, contentHash: reportSubmissions.contentHash, content: reportSubmissions.content })
    .from(reportSubmissions)
    .where(eq(reportSubmissions.reportId, reportId))
    .orderBy(desc(reportSubmissions.id))
    .all();
}

export interface AnswerDiff {
  questionId: string;
  before: unknown;
  after: unknown;
}

/** What changed between the two latest submissions, answer by answer. */
export function diffSubmissions(previous: Record<string, unknown>, latest: Record<string, unknown>): AnswerDiff[] {
  const ids = [...new Set([...Object.keys(previous), ...Object.keys(latest)])].sort();
  return ids
    .filter((id) => JSON.stringify(previous[id] ?? null) !== JSON.stringify(latest[id] ?? null))
    .map((id) => ({ questionId: id, before: previous[id] ?? null, after: latest[id] ?? null }));
}


