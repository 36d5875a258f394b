/**
 * Aggregates for the Commission's intersessional discussions. Only accepted reports count.
 * Every figure is a SQL GROUP BY over the answers; the loaders receive small series, never
 * answer rows. Narratives appear only as disclosed to the viewer.
 */
import { and, asc, desc, eq, inArray, isNotNull, max, sql } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { answers, cycles, memberStates, paragraphs, questions, reports } from "#db/schema/index.ts";
import { readableLevels, type Disclosure, type Viewer } from "#app/reporting/disclosure.ts";
import { AGGREGATED_STATUSES } from "#app/reporting/lifecycle.ts";

export type { Viewer };

export const STATUS_LEVEL: Record<string, number> = { not_started: 0, planned: 1, in_progress: 2, largely_implemented: 3, fully_implemented: 4 };

/** Only reports the lifecycle counts in aggregates (accepted ones). */
const counted = inArray(reports.status, AGGREGATED_STATUSES);
const countedSql = inArray(sql`r.status`, AGGREGATED_STATUSES);

const accepted = (cycleId: number) => and(eq(reports.cycleId, cycleId), counted);

/**
 * The ids of one question key (e.g. every `…p35.status`) in a questionnaire version: an IN
 * list the (report_id, question_id) index can use, where LIKE '%.status' cannot.
 */
const idsCache = new Map<string, string[]>();
function keyIds(versionId: number, key: string, within: Within = {}) {
  const cacheKey = `${versionId}|${key}|${within.pillar ?? ""}|${within.ref ?? ""}`;
  let ids = idsCache.get(cacheKey);
  if (!ids) {
    // Narrowed to the pillar or paragraph asked for, so the index lookups stay in scope.
    ids = getDb()
      .select({ id: questions.id })
      .from(questions)
      .innerJoin(paragraphs, and(eq(paragraphs.versionId, questions.versionId), eq(paragraphs.ref, questions.paragraphRef)))
      .where(
        and(
          eq(questions.versionId, versionId),
          eq(questions.key, key),
          within.pillar ? eq(paragraphs.pillarNumber, within.pillar) : undefined,
          within.ref ? eq(paragraphs.ref, within.ref) : undefined,
        ),
      )
      .all()
      .map((r) => r.id);
    idsCache.set(cacheKey, ids);
  }
  return inArray(answers.questionId, ids.length ? ids : ["-"]);
}

type Within = { pillar?: number; ref?: string };

/** Answers to one question key of a cycle's accepted reports, within a pillar or a paragraph. */
function inScope(cycleId: number, versionId: number, key: string, within: Within = {}) {
  return and(
    accepted(cycleId),
    keyIds(versionId, key, within),
    within.pillar ? eq(paragraphs.pillarNumber, within.pillar) : undefined,
    within.ref ? eq(paragraphs.ref, within.ref) : undefined,
  );
}

export async function insightCycles() {
  return getDb()
    .select({
      id: cycles.id,
      title: cycles.title,
      instrumentId: cycles.instrumentId,
      versionId: cycles.versionId,
      deadline: cycles.deadline,
      opensOn: cycles.opensOn,
      synthetic: cycles.synthetic,
      accepted: sql<number>`(select count(*) from reports r where r.cycle_id = "cycles"."id" and ${countedSql})`,
      dataAsOf: sql<number | null>`(select max(r.accepted_at) from reports r where r.cycle_id = "cycles"."id" and ${countedSql})`,
    })
    .from(cycles)
    .where(sql`exists (select 1 from reports r where r.cycle_id = "cycles"."id" and ${countedSql})`)
    .orderBy(desc(cycles.opensOn), desc(cycles.id))
    .all();
}

/**
 * Changes whenever the set of accepted reports changes (one accepted, reopened, or accepted
 * again): the insights cache is keyed on it.
 */
export async function acceptedStamp(): Promise<string> {
  const row = getDb()
    .select({ n: sql<number>`count(*)`, last: max(reports.acceptedAt), sum: sql<number>`coalesce(sum(${reports.id}), 0)` })
    .from(reports)
    .where(counted)
    .get();
  return `${row?.n ?? 0}:${row?.last?.getTime() ?? 0}:${row?.sum ?? 0}`;
}

export async function anySyntheticData(): Promise<boolean> {
  return Boolean(getDb().select({ id: cycles.id }).from(cycles).where(eq(cycles.synthetic, true)).limit(1).get());
}

/** Reports by status and regional group (all statuses, for the response-rate chart). */
export async function reportsByGroup(cycleId: number) {
  return getDb()
    .select({ group: memberStates.regionalGroup, status: reports.status, n: sql<number>`count(*)` })
    .from(reports)
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .where(eq(reports.cycleId, cycleId))
    .groupBy(memberStates.regionalGroup, reports.status)
    .all();
}

/**
 * Implementation status counts (States) by pillar, theme or paragraph, over accepted reports.
 * `within` narrows to one pillar or one paragraph.
 */
export async function statusCounts(cycleId: number, versionId: number, by: "pillar" | "theme" | "paragraph", within: Within = {}) {
  const key = by === "pillar" ? paragraphs.pillarNumber : by === "theme" ? paragraphs.themeNumber : paragraphs.ref;
  const rows = getDb()
    .select({ key: sql<string>`${key}`, value: answers.value, n: sql<number>`count(*)`, states: sql<number>`count(distinct ${reports.stateIso3})` })
    .from(answers)
    .innerJoin(reports, eq(reports.id, answers.reportId))
    .innerJoin(paragraphs, and(eq(paragraphs.versionId, versionId), eq(paragraphs.ref, answers.paragraphRef)))
    .where(inScope(cycleId, versionId, "status", within))
    .groupBy(key, answers.value)
    .all();
  return rows.map((r) => ({ key: String(r.key), status: r.value as string | null, n: r.n, states: r.states })).filter((r) => r.status);
}

/** Average implementation level (0–4, not applicable left out) by regional group × theme, with how many States. */
export async function groupThemeLevels(cycleId: number, versionId: number, pillar: number) {
  const rows = getDb()
    .select({ group: memberStates.regionalGroup, theme: paragraphs.themeNumber, state: reports.stateIso3, value: answers.value })
    .from(answers)
    .innerJoin(reports, eq(reports.id, answers.reportId))
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .innerJoin(paragraphs, and(eq(paragraphs.versionId, versionId), eq(paragraphs.ref, answers.paragraphRef)))
    .where(inScope(cycleId, versionId, "status", { pillar }))
    .all();
  // One level per State and theme (its paragraphs averaged), then averaged over the group's States.
  const perState = new Map<string, { group: string; theme: number; sum: number; n: number }>();
  for (const r of rows) {
    const level = STATUS_LEVEL[String(r.value)];
    if (level === undefined || r.theme === null) continue;
    const k = `${r.group}|${r.theme}|${r.state}`;
    const e = perState.get(k) ?? { group: r.group, theme: r.theme, sum: 0, n: 0 };
    e.sum += level;
    e.n++;
    perState.set(k, e);
  }
  const cells = new Map<string, { group: string; theme: number; sum: number; states: number }>();
  for (const e of perState.values()) {
    const k = `${e.group}|${e.theme}`;
    const c = cells.get(k) ?? { group: e.group, theme: e.theme, sum: 0, states: 0 };
    c.sum += e.sum / e.n;
    c.states++;
    cells.set(k, c);
  }
  return [...cells.values()].map((c) => ({ group: c.group, theme: c.theme, level: c.sum / c.states, states: c.states }));
}

/**
 * How many States chose each option of a multiple-choice question (e.g. `measures`,
 * `challenges`, `ta_needed`), counted once per State across the paragraphs in scope.
 */
export async function optionStates(cycleId: number, versionId: number, questionKey: string, within: Within = {}) {
  const rows = getDb()
    .select({ state: reports.stateIso3, value: answers.value })
    .from(answers)
    .innerJoin(reports, eq(reports.id, answers.reportId))
    .innerJoin(paragraphs, and(eq(paragraphs.versionId, versionId), eq(paragraphs.ref, answers.paragraphRef)))
    .where(inScope(cycleId, versionId, questionKey, within))
    .groupBy(reports.stateIso3, answers.value)
    .all();
  const states = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!Array.isArray(r.value)) continue;
    for (const option of r.value as string[]) {
      if (option === "none") continue;
      const set = states.get(option) ?? new Set<string>();
      set.add(r.state);
      states.set(option, set);
    }
  }
  return [...states.entries()].map(([option, set]) => ({ option, n: set.size })).sort((a, b) => b.n - a.n);
}

/**
 * Where States ask for something (technical assistance, tools): by paragraph (States, most
 * first) and by theme (States and requests), from one read of the answers.
 */
export async function needs(cycleId: number, versionId: number, questionKey: "ta_needed" | "tools_needed") {
  const rows = getDb()
    .select({ ref: answers.paragraphRef, theme: paragraphs.themeNumber, state: reports.stateIso3, value: answers.value })
    .from(answers)
    .innerJoin(reports, eq(reports.id, answers.reportId))
    .innerJoin(paragraphs, and(eq(paragraphs.versionId, versionId), eq(paragraphs.ref, answers.paragraphRef)))
    .where(inScope(cycleId, versionId, questionKey))
    .all();
  const byRef = new Map<string, { ref: string; theme: number | null; n: number }>();
  const byTheme = new Map<number, { theme: number; states: Set<string>; requests: number }>();
  for (const r of rows) {
    if (!Array.isArray(r.value) || (r.value as string[]).filter((v) => v !== "none").length === 0) continue;
    const p = byRef.get(r.ref) ?? { ref: r.ref, theme: r.theme, n: 0 };
    p.n++;
    byRef.set(r.ref, p);
    if (r.theme === null) continue;
    const t = byTheme.get(r.theme) ?? { theme: r.theme, states: new Set<string>(), requests: 0 };
    t.states.add(r.state);
    t.requests++;
    byTheme.set(r.theme, t);
  }
  return {
    byParagraph: [...byRef.values()].sort((a, b) => b.n - a.n || Number(a.ref) - Number(b.ref)),
    byTheme: [...byTheme.values()].map((e) => ({ theme: e.theme, states: e.states.size, requests: e.requests })).sort((a, b) => b.requests - a.requests),
  };
}

/** Paragraphs by how many States ask for something there, most first. */
export async function needsByParagraph(cycleId: number, versionId: number, questionKey: "ta_needed" | "tools_needed") {
  return (await needs(cycleId, versionId, questionKey)).byParagraph;
}

/** How many States gave an implementation status within a scope (the base of a level). */
export async function reportingStates(cycleId: number, versionId: number, within: Within = {}): Promise<number> {
  return (
    getDb()
      .select({ n: sql<number>`count(distinct ${reports.stateIso3})` })
      .from(answers)
      .innerJoin(reports, eq(reports.id, answers.reportId))
      .innerJoin(paragraphs, and(eq(paragraphs.versionId, versionId), eq(paragraphs.ref, answers.paragraphRef)))
      .where(inScope(cycleId, versionId, "status", within))
      .get()?.n ?? 0
  );
}

/** Accepted reports of a cycle with their States and disclosure, for narrative listings. */
export async function acceptedReports(cycleIds: number[]) {
  if (cycleIds.length === 0) return [];
  return getDb()
    .select({ id: reports.id, cycleId: reports.cycleId, stateIso3: reports.stateIso3, disclosure: reports.disclosure, group: memberStates.regionalGroup })
    .from(reports)
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .where(and(inArray(reports.cycleId, cycleIds), counted))
    .all();
}

/**
 * Narrative answers of accepted reports that the viewer may read, by question key (e.g.
 * good practices of one paragraph). The disclosure is the answer's own, else the report's.
 */
export async function disclosedNarratives(cycleIds: number[], viewer: Viewer, filter: { questionKeys: string[]; refs?: string[]; reportIds?: number[] }) {
  if (cycleIds.length === 0) return [];
  const levels = readableLevels(viewer);
  const rows = getDb()
    .select({
      reportId: reports.id,
      cycleId: reports.cycleId,
      stateIso3: reports.stateIso3,
      group: memberStates.regionalGroup,
      paragraphRef: answers.paragraphRef,
      questionId: answers.questionId,
      value: answers.value,
      disclosure: sql<Disclosure>`coalesce(${answers.disclosure}, ${reports.disclosure})`,
    })
    .from(answers)
    .innerJoin(reports, eq(reports.id, answers.reportId))
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .where(
      and(
        inArray(reports.cycleId, cycleIds),
        counted,
        inArray(sql`coalesce(${answers.disclosure}, ${reports.disclosure})`, levels),
        isNotNull(answers.value),
        sql`(${filter.questionKeys.map((k) => sql`${answers.questionId} like ${`%.${k}`}`).reduce((a, b) => sql`${a} or ${b}`)})`,
        filter.refs ? inArray(answers.paragraphRef, filter.refs) : undefined,
        filter.reportIds ? inArray(reports.id, filter.reportIds) : undefined,
      ),
    )
    .orderBy(asc(answers.paragraphRef), asc(reports.stateIso3))
    .limit(2000)
    .all();
  return rows.filter((r) => typeof r.value === "string" && r.value.trim());
}
