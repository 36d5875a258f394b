/**
 * `npm run bench:audit`: how much the database grows per 1,000 autosaves of one 2,000-character
 * text, through the app's own save function (audit trail included), against the size of the
 * final text. A benchmark, not a test: prints its figures and, last, one JSON line.
 *
 * A fresh database (the real migrate and seed scripts) in a temporary folder; the demo focal
 * point of Japan edits ANSWERS text answers of the demo cycle, each with SAVES autosaves of a
 * 2,000-character text (each save changes a few characters, as a person revising a text does),
 * one save every CADENCE seconds of simulated time. Scenario "pauses" adds a 6-minute pause
 * after every 100 saves (a person who stops, then comes back).
 *
 * Bytes: (page_count − freelist_count) × page_size after a WAL checkpoint, before and after
 * (whole pages: a few answers of 2 KB leave page slack), and the records' payload (dbstat),
 * with the growth per table and index.
 * Environment: BENCH_ANSWERS (5), BENCH_SAVES (1000), BENCH_CADENCE_SECONDS (2).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const int = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return n;
};
const ANSWERS = int("BENCH_ANSWERS", 5);
const SAVES = int("BENCH_SAVES", 1000);
const CADENCE_MS = int("BENCH_CADENCE_SECONDS", 2) * 1000;
const TEXT_LENGTH = 2000;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kyoto-bench-audit-"));
const dbFile = path.join(tmp, "audit.db");
const env = { ...process.env, DATABASE_PATH: dbFile, NODE_ENV: "production" as const };
const tsx = path.join(ROOT, "node_modules/.bin/tsx");
execFileSync(tsx, ["db/migrate.ts"], { cwd: ROOT, env, stdio: "pipe" });
execFileSync(tsx, ["scripts/seed.ts"], { cwd: ROOT, env, stdio: "pipe" });
process.env.DATABASE_PATH = dbFile;

const { closeDb, getDb } = await import("#db/client.ts");
const { findUserByEmail } = await import("#app/accounts/users.server.ts");
const { getCycle, getReportContext, openReport, saveAnswers } = await import("#app/reporting/reports.server.ts");

function usedBytes(): { total: number; payload: number; tables: Record<string, number> } {
  const db = getDb().$client;
  db.pragma("wal_checkpoint(TRUNCATE)");
  const pages = (db.pragma("page_count", { simple: true }) as number) - (db.pragma("freelist_count", { simple: true }) as number);
  const tables: Record<string, number> = {};
  let payload = 0;
  try {
    const rows = db.prepare("select name, sum(pgsize) as bytes, sum(payload) as payload from dbstat group by name").all() as { name: string; bytes: number; payload: number }[];
    for (const r of rows) {
      tables[r.name] = r.bytes;
      payload += r.payload;
    }
  } catch {
    // no dbstat in this SQLite build
  }
  return { total: pages * (db.pragma("page_size", { simple: true }) as number), payload, tables };
}

// A 2,000-character text (mixed scripts, as answers are), revised a few characters at a time.
const WORDS = "national action plan coordination justice police civil society training officers data ICCS évaluation 评估 تقييم оценка evaluación".split(" ");
function baseText(seed: number): string[] {
  const chars: string[] = [];
  let i = seed;
  while (chars.length < TEXT_LENGTH) {
    for (const ch of `${WORDS[i++ % WORDS.length]} `) chars.push(ch);
  }
  return chars.slice(0, TEXT_LENGTH);
}

interface Scenario {
  name: string;
  pauseEvery: number | null;
}

const fp = (await findUserByEmail("focalpoint.jpn@example.org"))!;
const reportId = await openReport((await getCycle(1))!, "JPN", fp.id, null);
const ctx = (await getReportContext(reportId))!;
const questions = ctx.paragraphs.flatMap((p) => p.questions.filter((q) => q.type === "text").map((q) => ({ question: q, paragraphRef: p.ref })));
if (questions.length < ANSWERS * 2) throw new Error(`Only ${questions.length} text questions in the demo cycle`);

const results: { scenario: string; bytesPer1000: number; payloadPer1000: number; finalTextBytes: number; ratio: number; payloadRatio: number; auditRows: number; revisionRows: number; perTable: Record<string, number> }[] = [];
let q = 0;
let clock = Date.UTC(2026, 11, 1, 8, 0, 0);
for (const scenario of [
  { name: `continuous (a save every ${CADENCE_MS / 1000} s)`, pauseEvery: null },
  { name: `with pauses (6 min after every 100 saves)`, pauseEvery: 100 },
] satisfies Scenario[]) {
  const before = usedBytes();
  const db = getDb().$client;
  const rowsBefore = (table: string) => {
    try {
      return (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    } catch {
      return 0;
    }
  };
  const auditBefore = rowsBefore("audit_events");
  const revisionsBefore = rowsBefore("answer_revisions");
  let finalBytes = 0;
  const started = Date.now();
  for (let a = 0; a < ANSWERS; a++) {
    const target = questions[q++]!;
    const text = baseText(a + q);
    let revision = 0;
    for (let i = 1; i <= SAVES; i++) {
      // A few characters change at a place that moves through the text.
      const at = (i * 37) % TEXT_LENGTH;
      text[at] = String.fromCharCode(97 + (i % 26));
      text[(at + 1) % TEXT_LENGTH] = String.fromCharCode(65 + (i % 26));
      clock += CADENCE_MS + (scenario.pauseEvery && i % scenario.pauseEvery === 0 ? 6 * 60_000 : 0);
      const value = text.join("");
      const r = await saveAnswers(reportId, fp.id, [{ ...target, value, baseRevision: revision }], "127.0.0.1", { now: new Date(clock) } as never);
      revision = r.revisions[target.question.key]!;
      if (i === SAVES) finalBytes += Buffer.byteLength(value, "utf8");
    }
  }
  const after = usedBytes();
  const growth = after.total - before.total;
  const perTable: Record<string, number> = {};
  for (const name of new Set([...Object.keys(after.tables), ...Object.keys(before.tables)])) {
    const d = (after.tables[name] ?? 0) - (before.tables[name] ?? 0);
    if (d !== 0) perTable[name] = d;
  }
  results.push({
    scenario: scenario.name,
    bytesPer1000: Math.round((growth / ANSWERS) * (1000 / SAVES)),
    payloadPer1000: Math.round(((after.payload - before.payload) / ANSWERS) * (1000 / SAVES)),
    payloadRatio: Math.round(((after.payload - before.payload) / finalBytes) * 100) / 100,
    finalTextBytes: Math.round(finalBytes / ANSWERS),
    ratio: Math.round((growth / finalBytes) * 100) / 100,
    auditRows: rowsBefore("audit_events") - auditBefore,
    revisionRows: rowsBefore("answer_revisions") - revisionsBefore,
    perTable,
  });
  console.error(`[bench] ${scenario.name}: ${ANSWERS} × ${SAVES} saves in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
closeDb();
fs.rmSync(tmp, { recursive: true, force: true });

console.log(`\nAudit growth — ${ANSWERS} answers × ${SAVES} autosaves of a ${TEXT_LENGTH}-character text (UTF-8), database bytes in use after a WAL checkpoint`);
for (const r of results) {
  console.log(`  ${r.scenario}`);
  console.log(`    pages in use: ${r.bytesPer1000.toLocaleString("en")} bytes per 1,000 autosaves of one answer; final text ${r.finalTextBytes.toLocaleString("en")} bytes; ratio ${r.ratio}× the final texts`);
  console.log(`    records (dbstat payload, no page slack): ${r.payloadPer1000.toLocaleString("en")} bytes per 1,000 autosaves; ratio ${r.payloadRatio}× the final texts`);
  console.log(`    ${r.auditRows} audit rows, ${r.revisionRows} answer revisions for ${ANSWERS * SAVES} saves`);
  console.log(`    by table and index (dbstat, bytes): ${Object.entries(r.perTable).map(([k, v]) => `${k} ${v.toLocaleString("en")}`).join(", ") || "n/a"}`);
}
console.log(JSON.stringify({ bench: "audit", answers: ANSWERS, saves: SAVES, results: results.map(({ perTable: _p, ...r }) => r) }));
