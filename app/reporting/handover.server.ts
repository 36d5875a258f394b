/**
 * The contributor's hand-over and assignments (issue 14, findings 3 and 4).
 *
 * - A contributor marks a paragraph "ready for the focal point". A later change of one of its
 *   answers by anyone but a focal point clears the mark, and the task list says who changed it
 *   and when ("changed since it was marked ready"): the focal point should not take a
 *   paragraph as ready that someone is still editing. The focal point's own edits keep it:
 *   the paragraph is already in their hands.
 * - The State's focal point assigns paragraphs (or whole themes) to the State's contributors.
 *   An assignment orders the work; it locks nothing: any of the State's users may still edit
 *   any paragraph (ministries help each other, and a locked paragraph would stop a report
 *   when someone is away).
 * Every mark, withdrawal, clearing and assignment is audited in the same transaction.
 */
import { and, desc, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb, type DB } from "#db/client.ts";
import { statement } from "#db/prepared.ts";
import { answers, paragraphWork, users } from "#db/schema/index.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import type { ReportContext } from "#app/reporting/reports.server.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { sendAssignmentMail } from "#app/mail/mail.server.ts";
import { can } from "#app/accounts/permissions.ts";
import type { Role } from "#app/accounts/roles.ts";
import { mayEdit } from "#app/reporting/lifecycle.ts";
import { isOpenForReporting } from "#app/cycles/cycle-status.ts";

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0] | DB;

export interface ParagraphWork {
  assignedToId: number | null;
  assignedToName: string | null;
  readyAt: Date | null;
  readyByName: string | null;
  /** Set when the mark was cleared by a change: who changed it, when. */
  changedAfterReadyAt: Date | null;
  changedAfterReadyByName: string | null;
}

const assignee = alias(users, "assignee");
const marker = alias(users, "marker");
const changer = alias(users, "changer");

/** Every paragraph's assignment and hand-over in one report. */
export function workOf(reportId: number): Map<string, ParagraphWork> {
  const rows = getDb()
    .select({
      ref: paragraphWork.paragraphRef,
      assignedToId: paragraphWork.assignedTo,
      assignedToName: assignee.name,
      readyAt: paragraphWork.readyAt,
      readyByName: marker.name,
      changedAfterReadyAt: paragraphWork.changedAfterReadyAt,
      changedAfterReadyByName: changer.name,
    })
    .from(paragraphWork)
    .leftJoin(assignee, eq(assignee.id, paragraphWork.assignedTo))
    .leftJoin(marker, eq(marker.id, paragraphWork.readyBy))
    .leftJoin(changer, eq(changer.id, paragraphWork.changedAfterReadyBy))
    .where(eq(paragraphWork.reportId, reportId))
    .all();
  return new Map(rows.map(({ ref, ...w }) => [ref, w]));
}

/** Per paragraph, the people who last changed its answers, most recent first (at most three). */
export function lastEditors(reportId: number): Map<string, { id: number; name: string }[]> {
  const rows = getDb()
    .select({ ref: answers.paragraphRef, id: users.id, name: users.name })
    .from(answers)
    .innerJoin(users, eq(users.id, answers.updatedBy))
    .where(eq(answers.reportId, reportId))
    .orderBy(desc(answers.updatedAt))
    .all();
  const out = new Map<string, { id: number; name: string }[]>();
  for (const r of rows) {
    const list = out.get(r.ref) ?? [];
    if (list.length < 3 && !list.some((x) => x.id === r.id)) list.push({ id: r.id, name: r.name });
    out.set(r.ref, list);
  }
  return out;
}

/** "My paragraphs": assigned to the user, or with an answer the user changed last. */
export function myParagraphs(ctx: ReportContext, userId: number): string[] {
  const work = workOf(ctx.report.id);
  const editors = lastEditors(ctx.report.id);
  return ctx.paragraphs
    .map((p) => p.ref)
    .filter((ref) => work.get(ref)?.assignedToId === userId || (editors.get(ref) ?? []).some((e) => e.id === userId));
}

/**
 * Mark paragraphs ready for the focal point (those already marked are left as they are).
 * Returns the references newly marked.
 */
export function markReady(ctx: ReportContext, refs: string[], userId: number, ip: string | null, now = new Date()): string[] {
  const known = new Set(ctx.paragraphs.map((p) => p.ref));
  const reportId = ctx.report.id;
  return getDb().transaction((tx) => {
    const marked: string[] = [];
    for (const ref of refs) {
      if (!known.has(ref)) continue;
      const row = tx.select({ readyAt: paragraphWork.readyAt }).from(paragraphWork).where(and(eq(paragraphWork.reportId, reportId), eq(paragraphWork.paragraphRef, ref))).get();
      if (row?.readyAt) continue;
      const set = { readyAt: now, readyBy: userId, changedAfterReadyAt: null, changedAfterReadyBy: null };
      tx.insert(paragraphWork)
        .values({ reportId, paragraphRef: ref, ...set })
        .onConflictDoUpdate({ target: [paragraphWork.reportId, paragraphWork.paragraphRef], set })
        .run();
      recordAudit(tx, { actorUserId: userId, action: "paragraph.ready", entityType: "paragraph", entityId: `${reportId}:${ref}`, reportId, paragraphRef: ref, ip, at: now });
      marked.push(ref);
    }
    return marked;
  }, { behavior: "immediate" });
}

/** Take back a "ready" mark (the contributor is not done after all). */
export function withdrawReady(ctx: ReportContext, ref: string, userId: number, ip: string | null, now = new Date()): boolean {
  const reportId = ctx.report.id;
  return getDb().transaction((tx) => {
    const done = tx
      .update(paragraphWork)
      .set({ readyAt: null, readyBy: null, changedAfterReadyAt: null, changedAfterReadyBy: null })
      .where(and(eq(paragraphWork.reportId, reportId), eq(paragraphWork.paragraphRef, ref), isNotNull(paragraphWork.readyAt)))
      .run();
    if (done.changes === 0) return false;
    recordAudit(tx, { actorUserId: userId, action: "paragraph.ready_withdrawn", entityType: "paragraph", entityId: `${reportId}:${ref}`, reportId, paragraphRef: ref, ip, at: now });
    return true;
  }, { behavior: "immediate" });
}

/**
 * Inside an answer save's transaction: paragraphs marked ready whose answers just changed lose
 * the mark (unless a focal point made the change), audited. Cheap when nothing is marked.
 */
export function clearReadyAfterChange(tx: Tx, reportId: number, refs: string[], userId: number, ip: string | null, now: Date): void {
  if (refs.length === 0) return;
  // One paragraph (every autosave): a statement prepared once.
  const marked =
    refs.length === 1
      ? statement<{ ref: string }, [number, string]>(
          getDb(),
          "select paragraph_ref as ref from paragraph_work where report_id = ? and paragraph_ref = ? and ready_at is not null",
        ).all(reportId, refs[0]!)
      : tx
          .select({ ref: paragraphWork.paragraphRef })
          .from(paragraphWork)
          .where(and(eq(paragraphWork.reportId, reportId), inArray(paragraphWork.paragraphRef, refs), isNotNull(paragraphWork.readyAt)))
          .all();
  if (marked.length === 0) return;
  const role = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get()?.role;
  if (role === "focal_point") return;
  for (const { ref } of marked) {
    tx.update(paragraphWork)
      .set({ readyAt: null, changedAfterReadyAt: now, changedAfterReadyBy: userId })
      .where(and(eq(paragraphWork.reportId, reportId), eq(paragraphWork.paragraphRef, ref)))
      .run();
    recordAudit(tx, { actorUserId: userId, action: "paragraph.ready_cleared", entityType: "paragraph", entityId: `${reportId}:${ref}`, reportId, paragraphRef: ref, ip, at: now });
  }
}

/* ---------------------------------------------------------------- assignments */

export interface Contributor {
  id: number;
  name: string;
  email: string;
  language: string;
}

/** The State's contributors who can be given work (enabled accounts). */
export function contributorsOf(stateIso3: string): Contributor[] {
  return getDb()
    .select({ id: users.id, name: users.name, email: users.email, language: users.language })
    .from(users)
    .where(and(eq(users.stateIso3, stateIso3), eq(users.role, "contributor"), isNull(users.disabledAt)))
    .orderBy(users.name)
    .all();
}

export class AssignError extends Error {
  constructor(public readonly key: string) {
    super(key);
  }
}

/**
 * Assign one paragraph ("p:35") or a theme's paragraphs in this report ("t:4") to one of the
 * State's contributors, or to nobody. Returns the paragraphs whose assignment changed.
 */
export function assignParagraphs(ctx: ReportContext, target: string, assigneeValue: string, byUserId: number, ip: string | null, now = new Date()): { refs: string[]; assignee: Contributor | null } {
  const refs = target.startsWith("p:")
    ? ctx.paragraphs.filter((p) => p.ref === target.slice(2)).map((p) => p.ref)
    : ctx.paragraphs.filter((p) => p.themeNumber === Number(target.slice(2))).map((p) => p.ref);
  if (refs.length === 0) throw new AssignError("assign.chooseTarget");
  let person: Contributor | null = null;
  if (assigneeValue !== "none") {
    person = contributorsOf(ctx.report.stateIso3).find((c) => c.id === Number(assigneeValue)) ?? null;
    if (!person) throw new AssignError("assign.chooseAssignee");
  }
  const reportId = ctx.report.id;
  const to = person?.id ?? null;
  const changed = getDb().transaction((tx) => {
    const out: string[] = [];
    for (const ref of refs) {
      const row = tx.select({ assignedTo: paragraphWork.assignedTo }).from(paragraphWork).where(and(eq(paragraphWork.reportId, reportId), eq(paragraphWork.paragraphRef, ref))).get();
      const before = row?.assignedTo ?? null;
      if (before === to) continue;
      const set = { assignedTo: to, assignedBy: byUserId, assignedAt: now };
      tx.insert(paragraphWork)
        .values({ reportId, paragraphRef: ref, ...set })
        .onConflictDoUpdate({ target: [paragraphWork.reportId, paragraphWork.paragraphRef], set })
        .run();
      const beforeName = before === null ? null : (tx.select({ name: users.name }).from(users).where(eq(users.id, before)).get()?.name ?? null);
      recordAudit(tx, {
        actorUserId: byUserId,
        action: to === null ? "paragraph.unassigned" : "paragraph.assigned",
        entityType: "paragraph",
        entityId: `${reportId}:${ref}`,
        reportId,
        paragraphRef: ref,
        oldValue: before === null ? null : { userId: before, name: beforeName },
        newValue: person ? { userId: person.id, name: person.name } : null,
        ip,
        at: now,
      });
      out.push(ref);
    }
    return out;
  }, { behavior: "immediate" });
  return { refs: changed, assignee: person };
}

/* ---------------------------------------------------------------- what pages show */

/** One paragraph's work as pages show it (dates as ISO strings). */
export interface WorkView {
  assignedTo: string | null;
  assignedToMe: boolean;
  ready: { by: string; at: string } | null;
  /** Marked ready, then changed: the mark cleared. */
  changedSinceReady: { markedBy: string | null; by: string; at: string } | null;
  editors: string[];
}

/** Per paragraph of the report: assignment, hand-over and last editors. */
export function workView(ctx: ReportContext, userId: number): Record<string, WorkView> {
  const work = workOf(ctx.report.id);
  const editors = lastEditors(ctx.report.id);
  const out: Record<string, WorkView> = {};
  for (const p of ctx.paragraphs) {
    const w = work.get(p.ref);
    out[p.ref] = {
      assignedTo: w?.assignedToName ?? null,
      assignedToMe: w?.assignedToId === userId,
      ready: w?.readyAt ? { by: w.readyByName ?? "", at: w.readyAt.toISOString() } : null,
      changedSinceReady: w && !w.readyAt && w.changedAfterReadyAt ? { markedBy: w.readyByName, by: w.changedAfterReadyByName ?? "", at: w.changedAfterReadyAt.toISOString() } : null,
      editors: (editors.get(p.ref) ?? []).map((e) => e.name),
    };
  }
  return out;
}

/** The assignments page: themes and paragraphs of the report, who has each, the contributors. */
export function assignmentsView(ctx: ReportContext, lang: string) {
  const work = workOf(ctx.report.id);
  const themeTitle = (n: number | null) => {
    const th = n === null ? undefined : ctx.questionnaire.themes.find((x) => x.number === n);
    return th ? localText(th.title, lang).text : null;
  };
  const themes = [...new Set(ctx.paragraphs.map((p) => p.themeNumber).filter((n): n is number => n !== null))].map((n) => ({
    number: n,
    title: themeTitle(n) ?? String(n),
    refs: ctx.paragraphs.filter((p) => p.themeNumber === n).map((p) => p.ref),
  }));
  return {
    themes,
    paragraphs: ctx.paragraphs.map((p) => ({ ref: p.ref, theme: themeTitle(p.themeNumber), assignedTo: work.get(p.ref)?.assignedToName ?? null, ready: Boolean(work.get(p.ref)?.readyAt) })),
    contributors: contributorsOf(ctx.report.stateIso3).map((c) => ({ id: c.id, name: c.name })),
  };
}

/** Assign, then tell the contributor by e-mail in their language. Returns how many paragraphs changed. */
export async function assignAndNotify(ctx: ReportContext, target: string, assigneeValue: string, by: { id: number; name: string }, ip: string | null): Promise<number> {
  const { refs, assignee: person } = assignParagraphs(ctx, target, assigneeValue, by.id, ip);
  if (person && refs.length > 0) {
    await sendAssignmentMail(person, { reportId: ctx.report.id, cycleTitle: ctx.cycle.title, stateIso3: ctx.report.stateIso3, refs, byName: by.name });
  }
  return refs.length;
}

function isEditable(ctx: ReportContext): boolean {
  return mayEdit(ctx.report.status) && isOpenForReporting(ctx.cycle.status);
}

/** The paragraph page's part: its work note, and whether this user may mark it ready. */
export function paragraphHandover(ctx: ReportContext, ref: string, user: { id: number; role: Role; stateIso3: string | null }): { work: WorkView; canMark: boolean } {
  const work = workView(ctx, user.id)[ref]!;
  const canMark = user.stateIso3 === ctx.report.stateIso3 && can(user.role, "handover", "paragraph", "own") && isEditable(ctx);
  return { work, canMark };
}
