/**
 * A probe on a better-sqlite3 connection for `npm run bench:insights`: times every statement
 * run through `prepare()` (drizzle prepares per query, then calls all/get/run/iterate, often
 * after `raw()`), keyed by SQL text, and can rewrite `"answers"."question_id" like '%.key'`
 * into `"answers"."question_id" in (<the ids with that key>)` to measure what that change to
 * the app's queries would buy (an IN list can use the existing (report_id, question_id)
 * index; a LIKE with a leading wildcard cannot). Benchmark only: never used by the app.
 */
import type Database from "better-sqlite3";

export interface StatementStat {
  sql: string;
  params: unknown[];
  calls: number;
  ms: number;
  rows: number;
}

const LIKE = '"answers"."question_id" like ?';

export function installSqlProbe(client: Database.Database) {
  const stats = new Map<string, StatementStat>();
  const state = { recording: false, rewriteLike: false };
  const originalPrepare = client.prepare.bind(client);
  const idsByKey = new Map<string, string[]>();
  const rewritten = new Map<string, Database.Statement>();

  const idsFor = (pattern: string): string[] | null => {
    const m = /^%\.([a-z_]+)$/.exec(pattern);
    if (!m) return null;
    let ids = idsByKey.get(m[1]!);
    if (!ids) {
      ids = (originalPrepare("select distinct id from questions where key = ?").pluck().all(m[1]) as string[]).sort();
      idsByKey.set(m[1]!, ids);
    }
    return ids;
  };

  /** SQL + params with each `question_id like ?` replaced by an IN list, or null when nothing applies. */
  const rewrite = (sql: string, params: unknown[]): { sql: string; params: unknown[] } | null => {
    if (!sql.includes(LIKE)) return null;
    let out = "";
    const outParams: unknown[] = [];
    let p = 0;
    let changed = false;
    for (let i = 0; i < sql.length; ) {
      if (sql.startsWith(LIKE, i)) {
        const ids = idsFor(String(params[p]));
        if (ids && ids.length) {
          out += `"answers"."question_id" in (${ids.map(() => "?").join(", ")})`;
          outParams.push(...ids);
          changed = true;
        } else {
          out += LIKE;
          outParams.push(params[p]);
        }
        p++;
        i += LIKE.length;
        continue;
      }
      const ch = sql[i]!;
      if (ch === "?") outParams.push(params[p++]);
      // drizzle quotes identifiers with "…" and never inlines string literals with '?' here.
      out += ch;
      i++;
    }
    return changed ? { sql: out, params: outParams } : null;
  };

  client.prepare = ((sql: string) => {
    const stmt = originalPrepare(sql);
    let raw = false;
    const originalRaw = stmt.raw.bind(stmt);
    stmt.raw = ((toggle?: boolean) => {
      raw = toggle ?? true;
      originalRaw(raw);
      return stmt;
    }) as typeof stmt.raw;
    for (const method of ["all", "get", "run", "iterate"] as const) {
      const original = (stmt[method] as (...a: unknown[]) => unknown).bind(stmt);
      (stmt as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
        let run = () => original(...params);
        if (state.rewriteLike && method !== "run") {
          const r = rewrite(sql, params);
          if (r) {
            let alt = rewritten.get(r.sql);
            if (!alt) rewritten.set(r.sql, (alt = originalPrepare(r.sql)));
            if (alt.reader) alt.raw(raw);
            run = () => (alt![method] as (...a: unknown[]) => unknown)(...r.params);
          }
        }
        if (!state.recording) return run();
        const t0 = performance.now();
        const result = run();
        const ms = performance.now() - t0;
        const s = stats.get(sql) ?? { sql, params, calls: 0, ms: 0, rows: 0 };
        s.calls++;
        s.ms += ms;
        s.rows += Array.isArray(result) ? result.length : result ? 1 : 0;
        s.params = params;
        stats.set(sql, s);
        return result;
      };
    }
    return stmt;
  }) as typeof client.prepare;

  return {
    state,
    stats,
    reset: () => stats.clear(),
    /** `EXPLAIN QUERY PLAN` of a statement (rewritten when asked), as indented lines. */
    plan(sql: string, params: unknown[], rewriteLike = false): string[] {
      const r = rewriteLike ? rewrite(sql, params) : null;
      const rows = originalPrepare(`explain query plan ${r?.sql ?? sql}`).all(...(r?.params ?? params)) as { id: number; parent: number; detail: string }[];
      const depth = new Map<number, number>([[0, 0]]);
      return rows.map((row) => {
        const d = (depth.get(row.parent) ?? 0) + 1;
        depth.set(row.id, d);
        return `${"  ".repeat(d)}${row.detail}`;
      });
    },
    uninstall: () => {
      client.prepare = originalPrepare as typeof client.prepare;
    },
  };
}
