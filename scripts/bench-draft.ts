/**
 * `npm run bench:draft`: fills a temporary database (os.tmpdir) with one synthetic cycle of 193
 * States answering every action paragraph, every report accepted (the real migrate and seed
 * scripts and scripts/seed/synthetic.ts), then times, in this process, a whole draft: generation
 * over all pillars, the pillar charts rendered to PNG, and the internal DOCX with its
 * provenance comments. Peak RSS is sampled every 5 ms during the run (it includes the
 * process's own baseline). BENCH_STATES (default 193), BENCH_KEEP_DB=1 keeps the file.
 * Last line: {"bench":"draft","states","paragraphs","seconds","peakRssMb","docxBytes"}
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kyoto-bench-draft-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
const STATES = Number(process.env.BENCH_STATES ?? 193);

const tsx = path.join(root, "node_modules/.bin/tsx");
const env = { ...process.env, SEED_DEMO: "false" };
execFileSync(tsx, ["db/migrate.ts"], { cwd: root, env, stdio: "inherit" });
execFileSync(tsx, ["scripts/seed.ts"], { cwd: root, env, stdio: "inherit" });

const { closeDb } = await import("#db/client.ts");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { listMemberStates } = await import("#app/states/member-states.server.ts");
const { getCurrentQuestionnaire } = await import("#app/questionnaires/questionnaires.server.ts");
const { getCycle } = await import("#app/reporting/reports.server.ts");
const { fillSyntheticCycle, syntheticUserId } = await import("#scripts/seed/synthetic.ts");
const { draftDocx } = await import("#app/drafting/document.server.ts");

try {
  const kyoto = await getCurrentQuestionnaire("kyoto-2021");
  if (!kyoto) throw new Error("the seed did not create the Kyoto questionnaire");
  const actor = await syntheticUserId();
  const states = (await listMemberStates("en")).map((s) => s.iso3).slice(0, STATES);
  const tFill = performance.now();
  const id = await createCycle(
    { title: "2027 benchmark cycle (synthetic)", instrumentId: kyoto.id, versionId: kyoto.versionId, scope: { kind: "all" }, opensOn: "2026-09-01", deadline: "2027-03-31", status: "open", synthetic: true },
    actor,
    null,
  );
  const cycle = (await getCycle(id))!;
  for (let from = 0; from < states.length; from += 25) {
    await fillSyntheticCycle({ cycle, states: states.slice(from, from + 25), seed: 9100 + from, actorUserId: actor, startShare: 1, submitShare: 1, acceptShare: 1 });
    process.stdout.write(`\rfilling: ${Math.min(states.length, from + 25)}/${states.length} States, ${((performance.now() - tFill) / 1000).toFixed(0)} s   `);
  }
  process.stdout.write("\n");

  global.gc?.();
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const result = await draftDocx({ cycleId: id, lang: "en", version: "internal" });
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (!result) throw new Error("no draft");
  const paragraphs = result.gen.sections.filter((s) => s.key.startsWith("para-")).length;
  console.log(`draft of cycle ${id}: ${result.stats.sections} sections, ${result.stats.sentences} sentences, ${result.stats.figures} figures, ${result.stats.images} images, ${result.buffer.length} bytes in ${seconds.toFixed(2)} s (peak RSS ${(peak / 1e6).toFixed(0)} MB)`);
  console.log(JSON.stringify({ bench: "draft", states: states.length, paragraphs, seconds: Math.round(seconds * 100) / 100, peakRssMb: Math.round(peak / 1e6), docxBytes: result.buffer.length }));
} finally {
  closeDb();
  if (!process.env.BENCH_KEEP_DB) fs.rmSync(dir, { recursive: true, force: true });
  else console.error(`kept ${dir}`);
}
