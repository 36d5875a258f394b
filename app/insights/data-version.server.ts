/**
 * One short string that changes whenever anything a public insights page shows may change:
 * a report started, submitted, sent back, accepted or reopened (its status and dates),
 * excluded from the aggregates or put back (and why), or a cycle's title, scope, status or synthetic flag. The page cache
 * (server/page-cache.ts) keys every cached page on it, so a page is rendered once per data
 * version and the first request after a change renders afresh. One indexed scan of the
 * reports (a few hundred rows a cycle) and of the cycles: well under a millisecond.
 */
import { sql } from "drizzle-orm";
import { getDb } from "#db/client.ts";

export function insightsDataVersion(): string {
  const db = getDb();
  // Who may read an answer is chosen per answer (answers.disclosure) and can change only while
  // the report may be edited: a counted report's disclosure changes only with its status.
  const r = db.get<{ n: number; st: number; sub: number | null; acc: number | null; ex: number; exAt: number | null }>(sql`
    select count(*) as n,
      coalesce(sum(id * (case status when 'draft' then 1 when 'submitted' then 2 when 'clarification_requested' then 3 when 'accepted' then 5 else 7 end)), 0) as st,
      max(submitted_at) as sub, max(accepted_at) as acc,
      coalesce(sum(case when excluded_at is not null then id * (1 + length(excluded_reason)) end), 0) as ex, max(excluded_at) as exAt
    from reports`);
  const c = db.get<{ h: string | null }>(sql`select group_concat(id || ':' || title || ':' || scope || ':' || status || ':' || synthetic, '|') as h from cycles`);
  return `${r?.n ?? 0}.${r?.st ?? 0}.${r?.sub ?? 0}.${r?.acc ?? 0}.${r?.ex ?? 0}.${r?.exAt ?? 0}.${hash(c?.h ?? "")}`;
}

/** FNV-1a, 32 bits, as hex. */
export function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16);
}
