import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { cycles, instruments, questionnaireVersions, type CycleScope } from "#db/schema/index.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import type { CycleStatus } from "#app/cycles/cycle-status.ts";
import { SUBMITTED_STATUSES } from "#app/reporting/lifecycle.ts";
import { defaultPeriodStart } from "#app/cycles/period.ts";

export interface NewCycle {
  title: string;
  instrumentId: string;
  versionId: number;
  scope: CycleScope;
  opensOn: string;
  deadline: string;
  /** The reporting period's start; left out, the default (periodStartFor). */
  periodStart?: string;
  status: CycleStatus;
  createdBy?: number | null;
  synthetic?: boolean;
}

/**
 * The default start of a cycle's reporting period: the deadline of the instrument's previous
 * cycle, or the instrument's adoption for its first cycle (app/cycles/period.ts).
 */
export async function periodStartFor(instrumentId: string, opensOn: string, except?: number): Promise<string> {
  const db = getDb();
  const adoptedOn = db.select({ adoptedOn: instruments.adoptedOn }).from(instruments).where(eq(instruments.id, instrumentId)).get()?.adoptedOn;
  const earlier = db
    .select({ opensOn: cycles.opensOn, deadline: cycles.deadline })
    .from(cycles)
    .where(except === undefined ? eq(cycles.instrumentId, instrumentId) : and(eq(cycles.instrumentId, instrumentId), ne(cycles.id, except)))
    .all();
  return defaultPeriodStart(adoptedOn ?? opensOn, earlier, opensOn);
}

async function withPeriod<C extends NewCycle>(c: C): Promise<C & { periodStart: string }> {
  return { ...c, periodStart: c.periodStart ?? (await periodStartFor(c.instrumentId, c.opensOn)) };
}

/** Create a cycle unless one with the same title exists for the instrument (idempotent seeds). */
export async function ensureCycle(c: NewCycle): Promise<number> {
  const db = getDb();
  const existing = db
    .select({ id: cycles.id })
    .from(cycles)
    .where(and(eq(cycles.instrumentId, c.instrumentId), eq(cycles.title, c.title)))
    .get();
  if (existing) return existing.id;
  const values = await withPeriod(c);
  return db.insert(cycles).values(values).returning({ id: cycles.id }).get().id;
}

export async function createCycle(given: NewCycle, actorUserId: number, ip: string | null): Promise<number> {
  const db = getDb();
  const c = await withPeriod(given);
  return db.transaction((tx) => {
    const id = tx.insert(cycles).values({ ...c, createdBy: actorUserId }).returning({ id: cycles.id }).get().id;
    recordAudit(tx, { actorUserId, action: "cycle.created", entityType: "cycle", entityId: id, newValue: c, ip });
    return id;
  });
}

export async function updateCycle(id: number, c: Omit<NewCycle, "createdBy">, actorUserId: number, ip: string | null): Promise<void> {
  const db = getDb();
  db.transaction((tx) => {
    const old = tx.select().from(cycles).where(eq(cycles.id, id)).get();
    if (!old) throw new Error(`No cycle ${id}`);
    tx.update(cycles).set(c).where(eq(cycles.id, id)).run();
    recordAudit(tx, {
      actorUserId,
      action: old.status !== c.status ? `cycle.${c.status}` : "cycle.updated",
      entityType: "cycle",
      entityId: id,
      oldValue: { title: old.title, scope: old.scope, opensOn: old.opensOn, deadline: old.deadline, periodStart: old.periodStart, status: old.status, versionId: old.versionId },
      newValue: c,
      ip,
    });
  });
}

export async function listSyntheticCycles() {
  return getDb().select({ id: cycles.id, title: cycles.title }).from(cycles).where(eq(cycles.synthetic, true)).all();
}

export async function listCycles() {
  return getDb()
    .select({
      id: cycles.id,
      title: cycles.title,
      status: cycles.status,
      opensOn: cycles.opensOn,
      deadline: cycles.deadline,
      periodStart: cycles.periodStart,
      instrumentId: cycles.instrumentId,
      scope: cycles.scope,
      reports: sql<number>`(select count(*) from reports r where r.cycle_id = "cycles"."id")`,
      submitted: sql<number>`(select count(*) from reports r where r.cycle_id = "cycles"."id" and ${inArray(sql`r.status`, SUBMITTED_STATUSES)})`,
    })
    .from(cycles)
    .orderBy(desc(cycles.opensOn), asc(cycles.id))
    .all();
}

/** The questionnaire versions a cycle may use, newest first. */
export async function listVersions() {
  return getDb()
    .select({
      id: questionnaireVersions.id,
      instrumentId: questionnaireVersions.instrumentId,
      version: questionnaireVersions.version,
      createdAt: questionnaireVersions.createdAt,
      shortTitle: instruments.shortTitle,
      current: sql<boolean>`${instruments.currentVersion} = ${questionnaireVersions.version}`,
    })
    .from(questionnaireVersions)
    .innerJoin(instruments, eq(instruments.id, questionnaireVersions.instrumentId))
    .orderBy(desc(questionnaireVersions.id))
    .all();
}
