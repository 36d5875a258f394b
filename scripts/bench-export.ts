/**
 * `npm run bench:export`: fills a temporary database with a full synthetic cycle (193 States,
 * every action paragraph, all reports submitted) and times the streamed XLSX and CSV exports.
 * Last line: {"bench":"export","rows":…,"xlsxSeconds":…,"csvSeconds":…,"peakRssMb":…}
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kyoto-bench-export-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
const tsx = path.join(root, "node_modules/.bin/tsx");
const env = { ...process.env, SEED_DEMO: "true" };
execFileSync(tsx, ["db/migrate.ts"], { cwd: root, env, stdio: "inherit" });
execFileSync(tsx, ["scripts/seed.ts"], { cwd: root, env, stdio: "inherit" });

const { closeDb } = await import("#db/client.ts");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { listMemberStates } = await import("#app/states/member-states.server.ts");
const { getQuestionnaireVersion } = await import("#app/questionnaires/questionnaires.server.ts");
const { getCycle, scopedParagraphs } = await import("#app/reporting/reports.server.ts");
const { fillSyntheticCycle, syntheticUserId } = await import("#scripts/seed/synthetic.ts");
const { writeCsv, writeXlsx } = await import("#app/review/export-writers.server.ts");

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

try {
  const demo = (await getCycle(1))!;
  const actor = await syntheticUserId();
  const cycleId = await createCycle(
    { title: "Benchmark cycle", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "all" }, opensOn: "2026-01-01", deadline: "2026-12-31", status: "open" },
    actor,
    null,
  );
  const cycle = (await getCycle(cycleId))!;
  const states = (await listMemberStates("en")).map((s) => s.iso3);
  const t0 = performance.now();
  const filled = await fillSyntheticCycle({ cycle, states, seed: 7, actorUserId: actor, startShare: 1, submitShare: 1, acceptShare: 0.8 });
  console.log(`filled ${filled.submitted} submitted reports, ${filled.answers} answers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // Memory is measured for the exports, not for filling the database.
  global.gc?.();
  peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  const q = (await getQuestionnaireVersion(cycle.versionId))!;
  const paragraphs = scopedParagraphs(q, cycle.scope);

  const timed = async (name: string, fn: (out: Writable) => Promise<number>) => {
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        bytes += chunk.length;
        cb();
      },
    });
    const start = performance.now();
    const rows = await fn(sink);
    await new Promise((r) => (sink.writableFinished ? r(null) : sink.once("finish", r)));
    const seconds = (performance.now() - start) / 1000;
    console.log(`${name}: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s`);
    return { rows, seconds };
  };
  const xlsx = await timed("xlsx", (out) => writeXlsx(out, cycle, q, paragraphs));
  const csv = await timed("csv", (out) => writeCsv(out, cycle, q, paragraphs));
  clearInterval(sampler);
  console.log(`resident memory: ${Math.round(rssBefore / 1024 / 1024)} MB before the exports, ${Math.round(peakRss / 1024 / 1024)} MB at the peak`);
  console.log(
    JSON.stringify({
      bench: "export",
      rows: csv.rows,
      xlsxSeconds: Number(xlsx.seconds.toFixed(2)),
      csvSeconds: Number(csv.seconds.toFixed(2)),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
    }),
  );
} finally {
  clearInterval(sampler);
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
