/**
 * SQLite-only: the FTS5 index of narrative answers (see migration 0004). On PostgreSQL this
 * module becomes a tsvector/pg_trgm search; nothing else changes.
 */
import { and, eq, inArray, like, or, sql } from "drizzle-orm";
import { getDb, type DB } from "#db/client.ts";
import { countedAnswers } from "#db/schema/index.ts";
import { disclosureSql, minReports } from "#app/insights/aggregates.server.ts";
import { readableLevels, type Viewer } from "#app/reporting/disclosure.ts";
import { highlight, matchesAll, queryTerms, type Segment } from "#app/insights/search-terms.ts";
import { AGGREGATED_STATUSES } from "#app/reporting/lifecycle.ts";

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0] | DB;

export const NARRATIVE_KEYS = ["description", "good_practice", "challenges_text"] as const;

function isNarrative(questionId: string) {
  return NARRATIVE_KEYS.some((k) => questionId.endsWith(`.${k}`));
}

/** Put a report's counted (latest submitted) narratives in the index, replacing what was there. */
export function indexReportNarratives(tx: Tx, reportId: number): void {
  removeReportNarratives(tx, reportId);
  const rows = tx
    .select({ questionId: countedAnswers.questionId, value: countedAnswers.value })
    .from(countedAnswers)
    .where(and(eq(countedAnswers.reportId, reportId), or(...NARRATIVE_KEYS.map((k) => like(countedAnswers.questionId, `%.${k}`)))))
    .all();
  for (const r of rows) {
    if (!isNarrative(r.questionId) || typeof r.value !== "string" || !r.value.trim()) continue;
    tx.run(sql`insert into narratives_fts (report_id, question_id, body) values (${reportId}, ${r.questionId}, ${r.value})`);
  }
}

export function removeReportNarratives(tx: Tx, reportId: number): void {
  tx.run(sql`delete from narratives_fts where report_id = ${reportId}`);
}

/**
 * Report ids and question ids whose narrative matches the query, best first. Queries shorter
 * than the trigram tokenizer's 3 characters fall back to a substring scan.
 */
export async function searchNarratives(query: string, reportIds: number[], limit = 200): Promise<{ reportId: number; questionId: string; snippet: string }[]> {
  const db = getDb();
  const q = query.trim();
  if (!q || reportIds.length === 0) return [];
  if ([...q].length < 3) {
    // Values are stored as JSON text: quotes and backslashes would match its syntax, not the words.
    const needle = q.replace(/[%_"\\]/g, "");
    if (!needle) return [];
    const rows = db
      .select({ reportId: countedAnswers.reportId, questionId: countedAnswers.questionId, value: countedAnswers.value })
      .from(countedAnswers)
      .where(and(inArray(countedAnswers.reportId, reportIds), or(...NARRATIVE_KEYS.map((k) => like(countedAnswers.questionId, `%.${k}`))), like(countedAnswers.value, `%${needle}%`)))
      .limit(limit)
      .all();
    return rows.map((r) => ({ reportId: r.reportId, questionId: r.questionId, snippet: String(r.value).slice(0, 300) }));
  }
  // Each word is a quoted phrase: user input never reaches FTS5's query syntax.
  const match = q
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `"${w.replace(/"/g, '""')}"`)
    .join(" ");
  const rows = db.all<{ reportId: number; questionId: string; marked: string }>(
    sql`select report_id as reportId, question_id as questionId, highlight(narratives_fts, 2, '[', ']') as marked
        from narratives_fts where narratives_fts match ${match} order by rank limit ${limit * 4}`,
  );
  const allowed = new Set(reportIds);
  return rows
    .filter((r) => allowed.has(Number(r.reportId)))
    .slice(0, limit)
    .map((r) => ({ reportId: Number(r.reportId), questionId: r.questionId, snippet: around(r.marked) }));
}

/** About 300 characters around the first match, cut at word boundaries. */
function around(marked: string, width = 300): string {
  if (marked.length <= width) return marked;
  const at = Math.max(0, marked.indexOf("["));
  let start = Math.max(0, at - width / 3);
  let end = Math.min(marked.length, start + width);
  if (start > 0) start = marked.indexOf(" ", start) + 1 || start;
  if (end < marked.length) end = marked.lastIndexOf(" ", end) > start ? marked.lastIndexOf(" ", end) : end;
  return `${start > 0 ? "…" : ""}${marked.slice(start, end)}${end < marked.length ? "…" : ""}`;
}

export interface PracticeQuery {
  q?: string;
  cycleIds: number[];
  viewer: Viewer;
  /** Paragraphs to keep (a pillar or theme filter), or all. */
  refs?: string[];
  group?: string;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface PracticeHit {
  reportId: number;
  questionId: string;
  cycleId: number;
  stateIso3: string;
  ref: string;
  kind: string;
  segments: Segment[];
}


/**
 * The narratives a viewer may read that match the query (every word, in any of its English
 * forms; substrings in every script), or, without a query, the good practices — in the cycles
 * asked for (their union for "any cycle"), with the true total and one page of results, each
 * with a highlighted excerpt. Disclosure as on the paragraph pages: the level the State chose
 * for the answer, among the levels the viewer may read; only reports counted in the insights.
 */
export function searchPractices(o: PracticeQuery): { total: number; perCycle: Record<number, number>; results: PracticeHit[] } {
  if (o.cycleIds.length === 0 || o.refs?.length === 0) return { total: 0, perCycle: {}, results: [] };
  const db = getDb();
  const terms = queryTerms(o.q ?? "");
  const levels = readableLevels(o.viewer);
  const filters = sql.join(
    [
      sql`r.status in (${sql.join(AGGREGATED_STATUSES.map((s) => sql`${s}`), sql`, `)}) and r.excluded_at is null`,
      // Below INSIGHTS_MIN_REPORTS a cycle shows nothing attributable outside the secretariat.
      o.viewer === "secretariat" ? sql`1` : sql`(select count(*) from reports r2 where r2.cycle_id = r.cycle_id and r2.status in (${sql.join(AGGREGATED_STATUSES.map((s) => sql`${s}`), sql`, `)}) and r2.excluded_at is null) >= ${minReports()}`,
      sql`r.cycle_id in (${sql.join(o.cycleIds.map((id) => sql`${id}`), sql`, `)})`,
      // The level the State chose next to the answer (the secretariat only unless it chose wider).
      sql`${disclosureSql(sql`a.report_id`, sql`a.question_id`)} in (${sql.join(levels.map((l) => sql`${l}`), sql`, `)})`,
      o.refs ? sql`a.paragraph_ref in (${sql.join(o.refs.map((ref) => sql`${ref}`), sql`, `)})` : sql`1`,
      o.group ? sql`ms.regional_group = ${o.group}` : sql`1`,
    ],
    sql` and `,
  );
  type Row = { reportId: number; questionId: string; cycleId: number; stateIso3: string; ref: string };
  let rows: Row[];
  const shortTerm = terms.some((t) => t.forms.every((f) => [...f].length < 3));
  if (terms.length && !shortTerm) {
    // Every word, as any of its forms; each form a quoted string, so input never reaches FTS5 syntax.
    const match = terms.map((t) => `(${t.forms.map((f) => `"${f.replace(/"/g, '""')}"`).join(" OR ")})`).join(" AND ");
    rows = db.all<Row>(sql`
      select f.report_id as reportId, f.question_id as questionId, r.cycle_id as cycleId, r.state_iso3 as stateIso3, a.paragraph_ref as ref
      from narratives_fts f
      join counted_answers a on a.report_id = f.report_id and a.question_id = f.question_id
      join reports r on r.id = a.report_id
      join member_states ms on ms.iso3 = r.state_iso3
      where narratives_fts match ${match} and ${filters}
      order by f.rank, r.state_iso3`);
  } else {
    // No query (the good practices), or a word shorter than the index's 3 characters: a scan
    // (values are JSON text: an empty answer is "" and never listed).
    const keys = terms.length ? NARRATIVE_KEYS : (["good_practice"] as const);
    const scan = db.all<Row & { value: string }>(sql`
      select a.report_id as reportId, a.question_id as questionId, r.cycle_id as cycleId, r.state_iso3 as stateIso3, a.paragraph_ref as ref${terms.length ? sql`, a.value as value` : sql``}
      from counted_answers a
      join reports r on r.id = a.report_id
      join member_states ms on ms.iso3 = r.state_iso3
      where a.question_id in (select id from questions where key in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)}))
        and a.value is not null and a.value not in ('""', 'null') and ${filters}
      order by r.cycle_id desc, a.paragraph_ref, r.state_iso3`);
    rows = terms.length ? scan.filter((r) => matchesAll(parseValue(r.value), terms)) : scan;
  }
  const perCycle: Record<number, number> = {};
  for (const r of rows) perCycle[r.cycleId] = (perCycle[r.cycleId] ?? 0) + 1;
  const page = rows.slice((o.page - 1) * o.pageSize, o.page * o.pageSize);
  const values = new Map<string, string>();
  if (page.length) {
    const got = db.all<{ reportId: number; questionId: string; value: string }>(sql`
      select report_id as reportId, question_id as questionId, value from counted_answers
      where ${sql.join(page.map((r) => sql`(report_id = ${r.reportId} and question_id = ${r.questionId})`), sql` or `)}`);
    for (const g of got) values.set(`${g.reportId}|${g.questionId}`, parseValue(g.value));
  }
  return {
    total: rows.length,
    perCycle,
    results: page.map((r) => ({
      ...r,
      kind: r.questionId.split(".").at(-1)!,
      segments: highlight(values.get(`${r.reportId}|${r.questionId}`) ?? "", terms),
    })),
  };
}

/** Answer values are stored as JSON text. */
function parseValue(raw: unknown): string {
  if (typeof raw !== "string") return "";
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === "string" ? v : "";
  } catch {
    return raw;
  }
}
