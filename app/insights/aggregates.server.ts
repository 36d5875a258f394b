/**
 * The reads behind the insights (ADR 011). What counts: every submitted report of a cycle
 * with its latest submitted version (counted_answers), unless the secretariat excluded it;
 * answers carried over from an earlier cycle and never confirmed are left out of the charts.
 * The figures themselves are pure functions (figures.ts); this module only reads rows.
 * Narratives appear only as disclosed to the viewer: the level the State chose for each.
 */
import { questionKeyOf } from "#app/reporting/not-applicable.ts";
import { and, asc, desc, eq, inArray, isNotNull, max, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { countedAnswers, cycles, memberStates, paragraphs, questions, reports } from "#db/schema/index.ts";
import { DEFAULT_DISCLOSURE, readableLevels, type Disclosure, type Viewer } from "#app/reporting/disclosure.ts";
import { AGGREGATED_STATUSES } from "#app/reporting/lifecycle.ts";
import { counted } from "#app/insights/counted.server.ts";
import type { AnswerRow } from "#app/insights/figures.ts";

export type { Viewer };
export { readableLevels };

function positiveInt(name: string, fallback: number): number {
  const n = Number(process.env[name] ?? fallback);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}

/** Cells from 1 to N - 1 States are hidden outside the secretariat (INSIGHTS_MIN_CELL, 3). */
export function smallCellThreshold(): number {
  return positiveInt("INSIGHTS_MIN_CELL", 3);
}

/** A cycle is broken down, and its narratives shown, outside the secretariat only from this many counted States (INSIGHTS_MIN_REPORTS, 10). */
export function minReports(): number {
  return positiveInt("INSIGHTS_MIN_REPORTS", 10);
}

/** A counted report (the lifecycle's predicate, not excluded), on `reports r` in raw subqueries. */
const COUNTED_SQL = sql`${inArray(sql`r.status`, AGGREGATED_STATUSES)} and r.excluded_at is null`;

/** Cycles with at least one counted report, newest first, with how many count and how many were excluded. */
export async function insightCycles() {
  return getDb()
    .select({
      id: cycles.id,
      title: cycles.title,
      instrumentId: cycles.instrumentId,
      versionId: cycles.versionId,
      status: cycles.status,
      deadline: cycles.deadline,
      opensOn: cycles.opensOn,
      synthetic: cycles.synthetic,
      counted: sql<number>`(select count(*) from reports r where r.cycle_id = "cycles"."id" and ${COUNTED_SQL})`,
      excluded: sql<number>`(select count(*) from reports r where r.cycle_id = "cycles"."id" and r.status <> 'draft' and r.excluded_at is not null)`,
      dataAsOf: sql<number | null>`(select max(r.submitted_at) from reports r where r.cycle_id = "cycles"."id" and ${COUNTED_SQL})`,
    })
    .from(cycles)
    .where(sql`exists (select 1 from reports r where r.cycle_id = "cycles"."id" and ${COUNTED_SQL})`)
    .orderBy(desc(cycles.opensOn), desc(cycles.id))
    .all();
}

/**
 * A cheap stamp of everything the insights are computed from: it changes whenever a report
 * is submitted (again), excluded or put back, anywhere. Caches key on it.
 */
export async function dataVersion(): Promise<string> {
  const row = getDb()
    .select({
      n: sql<number>`count(*)`,
      last: max(reports.submittedAt),
      sum: sql<number>`coalesce(sum(${reports.id} * (1 + (${reports.excludedAt} is not null))), 0)`,
      excludedLast: max(reports.excludedAt),
    })
    .from(reports)
    .where(sql`${reports.status} <> 'draft'`)
    .get();
  const subs = getDb().get<{ n: number }>(sql`select count(*) as n from report_submissions`);
  return `${row?.n ?? 0}:${row?.last?.getTime() ?? 0}:${row?.sum ?? 0}:${row?.excludedLast?.getTime() ?? 0}:${subs?.n ?? 0}`;
}

/** @deprecated name kept for callers of the accepted-only era: the data version. */
export const acceptedStamp = dataVersion;

export async function anySyntheticData(): Promise<boolean> {
  return Boolean(getDb().select({ id: cycles.id }).from(cycles).where(eq(cycles.synthetic, true)).limit(1).get());
}

/** Reports by status and regional group (every status, for the response chart), excluded ones apart. */
export async function reportsByGroup(cycleId: number) {
  return getDb()
    .select({ group: memberStates.regionalGroup, status: reports.status, excluded: sql<number>`${reports.excludedAt} is not null`, n: sql<number>`count(*)` })
    .from(reports)
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .where(eq(reports.cycleId, cycleId))
    .groupBy(memberStates.regionalGroup, reports.status, sql`${reports.excludedAt} is not null`)
    .all()
    .map((r) => ({ ...r, excluded: Boolean(r.excluded) }));
}

/** The States whose reports count in a cycle (the respondents), with their regional groups. */
export async function respondents(cycleId: number) {
  return getDb()
    .select({ iso3: reports.stateIso3, group: memberStates.regionalGroup, reportId: reports.id })
    .from(reports)
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .where(counted(cycleId))
    .all();
}

/** The ids of some question keys (e.g. every `…p35.status`) in a questionnaire version: an IN list the index can use. */
const idsCache = new Map<string, string[]>();
function keyIds(versionId: number, keys: string[]): string[] {
  const cacheKey = `${versionId}|${keys.join(",")}`;
  let ids = idsCache.get(cacheKey);
  if (!ids) {
    ids = getDb()
      .select({ id: questions.id })
      .from(questions)
      .where(and(eq(questions.versionId, versionId), inArray(questions.key, keys)))
      .all()
      .map((r) => r.id);
    idsCache.set(cacheKey, ids);
  }
  return ids;
}

/**
 * The counted answers of a cycle to some question keys, one row per State, paragraph and key.
 * Carried-over answers (prefilled and never confirmed) are left out unless asked for.
 */
export async function countedRows(cycleId: number, versionId: number, keys: string[], opts: { carriedOver?: boolean } = {}): Promise<AnswerRow[]> {
  const ids = keyIds(versionId, keys);
  if (ids.length === 0) return [];
  const rows = getDb()
    .select({ state: reports.stateIso3, group: memberStates.regionalGroup, ref: countedAnswers.paragraphRef, questionId: countedAnswers.questionId, value: countedAnswers.value })
    .from(countedAnswers)
    .innerJoin(reports, eq(reports.id, countedAnswers.reportId))
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .where(and(counted(cycleId), inArray(countedAnswers.questionId, ids), opts.carriedOver ? undefined : eq(countedAnswers.carriedOver, false)))
    .all();
  return rows.map((r) => ({ state: r.state, group: r.group, ref: r.ref, key: questionKeyOf(r.questionId), value: r.value }));
}

/** How many counted answers to some keys are carried over (prefilled, never confirmed), of all counted ones. */
export async function carriedOverShare(cycleId: number, versionId: number, keys: string[]): Promise<{ carried: number; total: number }> {
  const ids = keyIds(versionId, keys);
  if (ids.length === 0) return { carried: 0, total: 0 };
  const row = getDb()
    .select({ total: sql<number>`count(*)`, carried: sql<number>`coalesce(sum(${countedAnswers.carriedOver}), 0)` })
    .from(countedAnswers)
    .innerJoin(reports, eq(reports.id, countedAnswers.reportId))
    .where(and(counted(cycleId), inArray(countedAnswers.questionId, ids)))
    .get();
  return { carried: row?.carried ?? 0, total: row?.total ?? 0 };
}

/** Counted reports of some cycles with their States and groups, for narrative listings. */
export async function countedReports(cycleIds: number[]) {
  if (cycleIds.length === 0) return [];
  return getDb()
    .select({ id: reports.id, cycleId: reports.cycleId, stateIso3: reports.stateIso3, group: memberStates.regionalGroup })
    .from(reports)
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .where(and(inArray(reports.cycleId, cycleIds), inArray(reports.status, AGGREGATED_STATUSES), sql`${reports.excludedAt} is null`))
    .all();
}

/** @deprecated the accepted-only name: counted reports. */
export const acceptedReports = countedReports;

/**
 * Narrative answers of counted reports that the viewer may read, by question key (e.g. good
 * practices of one paragraph). The level is the one the State chose next to the answer
 * (`answers.disclosure`), the secretariat only unless it chose wider: the only source.
 */
export async function disclosedNarratives(cycleIds: number[], viewer: Viewer, filter: { questionKeys: string[]; refs?: string[]; reportIds?: number[]; limit?: number }) {
  if (cycleIds.length === 0 || filter.questionKeys.length === 0) return [];
  const levels = readableLevels(viewer);
  const level = disclosureSql(countedAnswers.reportId, countedAnswers.questionId);
  const rows = getDb()
    .select({
      reportId: reports.id,
      cycleId: reports.cycleId,
      stateIso3: reports.stateIso3,
      group: memberStates.regionalGroup,
      paragraphRef: countedAnswers.paragraphRef,
      questionId: countedAnswers.questionId,
      value: countedAnswers.value,
      disclosure: level,
    })
    .from(countedAnswers)
    .innerJoin(reports, eq(reports.id, countedAnswers.reportId))
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .where(
      and(
        inArray(reports.cycleId, cycleIds),
        inArray(reports.status, AGGREGATED_STATUSES),
        sql`${reports.excludedAt} is null`,
        // Below INSIGHTS_MIN_REPORTS a cycle shows nothing attributable outside the secretariat.
        viewer === "secretariat" ? undefined : sql`(select count(*) from reports r where r.cycle_id = ${reports.cycleId} and ${COUNTED_SQL}) >= ${minReports()}`,
        isNotNull(countedAnswers.value),
        sql`(${filter.questionKeys.map((k) => sql`${countedAnswers.questionId} like ${`%.${k}`}`).reduce((a, b) => sql`${a} or ${b}`)})`,
        filter.refs ? inArray(countedAnswers.paragraphRef, filter.refs) : undefined,
        filter.reportIds ? inArray(reports.id, filter.reportIds) : undefined,
      ),
    )
    .orderBy(asc(countedAnswers.paragraphRef), asc(reports.stateIso3))
    .all();
  return rows.filter((r) => levels.includes(r.disclosure) && typeof r.value === "string" && r.value.trim()).slice(0, filter.limit ?? 2000);
}

/**
 * The disclosure of a narrative answer, in SQL: what the State chose next to it, else the
 * default (the secretariat only). Search and the insights read it through this one expression.
 */
export function disclosureSql(reportId: SQL | AnyColumn, questionId: SQL | AnyColumn): SQL<Disclosure> {
  return sql<Disclosure>`coalesce((select dx.disclosure from answers dx where dx.report_id = ${reportId} and dx.question_id = ${questionId}), ${DEFAULT_DISCLOSURE})`;
}

/** Paragraph rows of a version: ref, pillar, theme (for figures). */
export async function paragraphInfo(versionId: number) {
  return getDb().select({ ref: paragraphs.ref, pillar: paragraphs.pillarNumber, theme: paragraphs.themeNumber }).from(paragraphs).where(eq(paragraphs.versionId, versionId)).all();
}

type Within = { pillar?: number; ref?: string };

/** The headline question keys of a version: `status` (status edition), or every `stage` and `<element>.stage` (stages edition). */
export function headlineKeys(versionId: number): string[] {
  const keys = getDb()
    .selectDistinct({ key: questions.key })
    .from(questions)
    .where(and(eq(questions.versionId, versionId), sql`(${questions.key} in ('status', 'stage') or ${questions.key} like '%.stage')`))
    .all()
    .map((r) => r.key);
  return keys.includes("status") ? ["status"] : keys;
}

/**
 * Implementation status (or stage) counts by pillar, theme or paragraph (by paragraph: by unit, `81.data` for an element) over the counted answers (the
 * drafting workbench's door): `n` State × paragraph answers, `states` distinct States.
 * Unprotected: callers apply the disclosure rules of their audience.
 */
export async function statusCounts(cycleId: number, versionId: number, by: "pillar" | "theme" | "paragraph", within: Within = {}) {
  const info = new Map((await paragraphInfo(versionId)).map((p) => [p.ref, p]));
  const cells = new Map<string, { key: string; status: string; n: number; states: Set<string> }>();
  for (const r of await countedRows(cycleId, versionId, headlineKeys(versionId))) {
    const p = info.get(r.ref);
    if (!p || typeof r.value !== "string") continue;
    if (within.pillar && p.pillar !== within.pillar) continue;
    if (within.ref && p.ref !== within.ref) continue;
    // By paragraph, an element's stage is its own unit (`81.data`); a paragraph asked as a whole is its ref.
    const element = r.key.includes(".") ? r.key.slice(0, r.key.lastIndexOf(".")) : null;
    const key = by === "paragraph" ? (element ? `${p.ref}.${element}` : p.ref) : String(by === "pillar" ? p.pillar : p.theme);
    const k = `${key}|${r.value}`;
    const c = cells.get(k) ?? { key, status: r.value, n: 0, states: new Set<string>() };
    c.n++;
    c.states.add(r.state);
    cells.set(k, c);
  }
  return [...cells.values()].map((c) => ({ key: c.key, status: c.status as string | null, n: c.n, states: c.states.size }));
}

/** How many States ticked each option of a multiple-choice question, once per State across the paragraphs in scope ("none" left out). */
export async function optionStates(cycleId: number, versionId: number, questionKey: string, within: Within = {}) {
  const info = new Map((await paragraphInfo(versionId)).map((p) => [p.ref, p]));
  const states = new Map<string, Set<string>>();
  for (const r of await countedRows(cycleId, versionId, [questionKey])) {
    const p = info.get(r.ref);
    if (!p || !Array.isArray(r.value)) continue;
    if (within.pillar && p.pillar !== within.pillar) continue;
    if (within.ref && p.ref !== within.ref) continue;
    for (const option of r.value as string[]) {
      if (option === "none") continue;
      const set = states.get(option) ?? new Set<string>();
      set.add(r.state);
      states.set(option, set);
    }
  }
  return [...states.entries()].map(([option, set]) => ({ option, n: set.size })).sort((a, b) => b.n - a.n);
}
