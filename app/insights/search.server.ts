/**
 * SQLite-only: the FTS5 index of narrative answers (see migration 0004). On PostgreSQL this
 * module becomes a tsvector/pg_trgm search; nothing else changes.
 */
import { and, eq, inArray, like, or, sql } from "drizzle-orm";
import { getDb, type DB } from "#db/client.ts";
import { answers } from "#db/schema/index.ts";

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0] | DB;

export const NARRATIVE_KEYS = ["description", "good_practice", "challenges_text"] as const;

function isNarrative(questionId: string) {
  return NARRATIVE_KEYS.some((k) => questionId.endsWith(`.${k}`));
}

/** Put an accepted report's narratives in the index (replacing what was there). */
export function indexReportNarratives(tx: Tx, reportId: number): void {
  removeReportNarratives(tx, reportId);
  const rows = tx
    .select({ questionId: answers.questionId, value: answers.value })
    .from(answers)
    .where(and(eq(answers.reportId, reportId), or(...NARRATIVE_KEYS.map((k) => like(answers.questionId, `%.${k}`)))))
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
      .select({ reportId: answers.reportId, questionId: answers.questionId, value: answers.value })
      .from(answers)
      .where(and(inArray(answers.reportId, reportIds), or(...NARRATIVE_KEYS.map((k) => like(answers.questionId, `%.${k}`))), like(answers.value, `%${needle}%`)))
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
