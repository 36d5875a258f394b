/**
 * `npm run bench:insights`: fills a temporary database (os.tmpdir) with 3 synthetic cycles of
 * 193 States, every action paragraph, every report accepted, through the real migrate and seed
 * scripts and scripts/seed/synthetic.ts; then times, in this process, the loaders of the insights
 * overview (`/insights/<id>`) and of a pillar page (`/insights/<id>/pillars/2`) — the route
 * modules' own `loader`s, anonymous `Request`s — and a bare `SELECT count(*) FROM answers`.
 * 3 warm-up runs, then 20 timed runs each.
 *
 * Then a breakdown to see where the time goes: each aggregate of app/models/insights.server.ts
 * timed alone, the SQL the loaders run (time, rows) with its query plan, and what-ifs run on
 * the temporary database only (the app is not changed): `question_id like '%.key'` replaced
 * by an IN list of question ids, and a per-cycle cache of the specs. BENCH_QUICK=1 skips those.
 *
 * Env: BENCH_STATES (default 193), BENCH_CYCLES (default 3), BENCH_KEEP_DB=1 keeps the file.
 * Last line: {"bench":"insights","answers":…,"overviewP50Ms":…,"pillarP50Ms":…,"countP50Ms":…}
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { installSqlProbe } from "./bench/sql-probe.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kyoto-bench-insights-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
const STATES = Number(process.env.BENCH_STATES ?? 193);
const CYCLES = Number(process.env.BENCH_CYCLES ?? 3);
const WARMUP = 3;
const RUNS = 20;
const AIM_MS = 50;

const tsx = path.join(root, "node_modules/.bin/tsx");
const env = { ...process.env, SEED_DEMO: "false" };
execFileSync(tsx, ["db/migrate.ts"], { cwd: root, env, stdio: "inherit" });
execFileSync(tsx, ["scripts/seed.ts"], { cwd: root, env, stdio: "inherit" });

const { closeDb, getDb } = await import("#db/client.ts");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { listMemberStates } = await import("#app/states/member-states.server.ts");
const { getCurrentQuestionnaire } = await import("#app/questionnaires/questionnaires.server.ts");
const { getCycle } = await import("#app/reporting/reports.server.ts");
const { fillSyntheticCycle, syntheticUserId } = await import("#scripts/seed/synthetic.ts");

type Stats = { p50: number; p95: number; min: number; max: number; mean: number };
function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  return { p50: q(0.5), p95: q(0.95), min: s[0]!, max: s[s.length - 1]!, mean: s.reduce((a, b) => a + b, 0) / s.length };
}
async function time(fn: () => unknown, runs = RUNS, warmup = WARMUP): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return stats(samples);
}
const r1 = (n: number) => Math.round(n * 10) / 10;
const ms = (n: number) => n.toFixed(1).padStart(8);
function table(title: string, rows: [string, Stats][]) {
  const w = Math.max(28, ...rows.map(([n]) => n.length));
  console.log(`\n${title}`);
  console.log(`${"".padEnd(w)}  ${"p50 ms".padStart(8)}  ${"p95 ms".padStart(8)}  ${"min ms".padStart(8)}  ${"max ms".padStart(8)}`);
  for (const [name, s] of rows) console.log(`${name.padEnd(w)}  ${ms(s.p50)}  ${ms(s.p95)}  ${ms(s.min)}  ${ms(s.max)}`);
}

try {
  // ---- Fill -------------------------------------------------------------------------------
  const kyoto = await getCurrentQuestionnaire("kyoto-2021");
  if (!kyoto) throw new Error("the seed did not create the Kyoto questionnaire");
  const actor = await syntheticUserId();
  const states = (await listMemberStates("en")).map((s) => s.iso3).slice(0, STATES);
  const cycleIds: number[] = [];
  const tFill = performance.now();
  for (let i = 0; i < CYCLES; i++) {
    const year = 2027 - 2 * (CYCLES - 1) + 2 * i;
    const id = await createCycle(
      {
        title: `${year} benchmark cycle (synthetic)`,
        instrumentId: kyoto.id,
        versionId: kyoto.versionId,
        scope: { kind: "all" },
        opensOn: `${year - 1}-09-01`,
        deadline: `${year}-03-31`,
        status: i === CYCLES - 1 ? "open" : "closed",
        synthetic: true,
      },
      actor,
      null,
    );
    cycleIds.push(id);
    const cycle = (await getCycle(id))!;
    // In slices, to print progress; each slice is its own deterministic seed.
    const slice = 25;
    for (let from = 0; from < states.length; from += slice) {
      const c = await fillSyntheticCycle({ cycle, states: states.slice(from, from + slice), seed: 7000 + i * 100 + from, actorUserId: actor, startShare: 1, submitShare: 1, acceptShare: 1 });
      const done = Math.min(states.length, from + slice);
      process.stdout.write(`\rcycle ${i + 1}/${CYCLES}: ${done}/${states.length} States (${c.accepted} accepted in this slice), ${((performance.now() - tFill) / 1000).toFixed(0)} s   `);
    }
    process.stdout.write("\n");
  }
  const client = getDb().$client;
  const answers = (client.prepare("select count(*) as n from answers").get() as { n: number }).n;
  const nonNull = (client.prepare("select count(*) as n from answers where value is not null").get() as { n: number }).n;
  const accepted = client.prepare("select cycle_id as cycle, count(*) as n from reports where status = 'accepted' group by cycle_id").all() as { cycle: number; n: number }[];
  console.log(`filled in ${((performance.now() - tFill) / 1000).toFixed(1)} s: ${answers} answers (${nonNull} non-null), accepted reports per cycle: ${accepted.map((a) => `#${a.cycle} ${a.n}`).join(", ")}`);
  client.pragma("optimize");
  client.exec("analyze");

  // ---- The loaders, as the server calls them --------------------------------------------------
  const overviewRoute = await import("#app/routes/insights.$cycleId._index.tsx");
  const pillarRoute = await import("#app/routes/insights.$cycleId.pillars.$pillar.tsx");
  const cycleId = String(cycleIds[cycleIds.length - 1]);
  const pillar = "2";
  const overview = () => overviewRoute.loader({ request: new Request(`http://localhost/insights/${cycleId}`), params: { cycleId }, context: {} });
  const pillarPage = () => pillarRoute.loader({ request: new Request(`http://localhost/insights/${cycleId}/pillars/${pillar}`), params: { cycleId, pillar }, context: {} });
  // The first request after the accepted reports change computes everything (cold); later
  // ones are served from the cache until a report is accepted or reopened.
  let t0 = performance.now();
  const firstOverview = await overview();
  const coldOverview = performance.now() - t0;
  t0 = performance.now();
  const firstPillar = await pillarPage();
  const coldPillar = performance.now() - t0;
  console.log(`cold (first request after a change): overview ${coldOverview.toFixed(1)} ms, pillar ${coldPillar.toFixed(1)} ms`);
  console.log(
    `\noverview: ${firstOverview.specs.length} charts (${firstOverview.specs.map((s) => s.id).join(", ")}); pillar ${pillar}: ${firstPillar.specs.length} charts (${firstPillar.specs.map((s) => s.id).join(", ")}); ${firstOverview.frame.states} accepted reports in cycle #${cycleId}`,
  );

  const countStmt = client.prepare("SELECT count(*) FROM answers").pluck();
  global.gc?.();
  const tOverview = await time(overview);
  global.gc?.();
  const tPillar = await time(pillarPage);
  const tCount = await time(() => countStmt.get());
  table(`Loaders (${WARMUP} warm-up + ${RUNS} timed runs, ${answers} answers, aim p50 < ${AIM_MS} ms)`, [
    [`overview loader /insights/${cycleId}`, tOverview],
    [`pillar loader .../pillars/${pillar}`, tPillar],
    ["SELECT count(*) FROM answers", tCount],
  ]);
  const missed = tOverview.p50 >= AIM_MS || tPillar.p50 >= AIM_MS;
  console.log(`\naim (each loader p50 < ${AIM_MS} ms): ${missed ? "MISSED" : "met"}`);

  if (process.env.BENCH_QUICK !== "1") {
    // ---- Each aggregate alone ----------------------------------------------------------------
    const m = await import("#app/insights/aggregates.server.ts");
    const { requireInsightContext, frameData } = await import("#app/insights/page.server.ts");
    const { overviewSpecs, pillarSpecs, trendSpec, computeFigures } = await import("#app/insights/charts.server.tsx");
    const cy = Number(cycleId);
    const v = kyoto.versionId;
    const p = Number(pillar);
    const req = () => new Request(`http://localhost/insights/${cycleId}`);
    const c = await requireInsightContext(req(), cycleId);
    const parts: [string, () => unknown][] = [
      ["requireInsightContext", () => requireInsightContext(req(), cycleId)],
      ["  insightCycles", () => m.insightCycles()],
      ["frameData", () => frameData(c)],
      ["overviewSpecs", () => overviewSpecs(c)],
      ["  reportsByGroup", () => m.reportsByGroup(cy)],
      ["  countedRows(status + options)", () => m.countedRows(cy, v, ["status", "measures", "challenges", "ta_needed", "tools_needed"])],
      ["  computeFigures (tallies + disclosure control)", async () => computeFigures(c, await m.countedRows(cy, v, ["status", "measures", "challenges", "ta_needed", "tools_needed"]))],
      [`pillarSpecs(${p})`, () => pillarSpecs(c, p)],
      [`trendSpec(pillar ${p})`, () => trendSpec(c, { pillar: p })],
    ];
    const partRows: [string, Stats][] = [];
    for (const [name, fn] of parts) partRows.push([name, await time(fn, 10, 1)]);
    table("Parts, each alone (1 warm-up + 10 runs); indented = inside the line above", partRows);

    // ---- The SQL the loaders run ----------------------------------------------------------------
    const probe = installSqlProbe(client);
    const sqlReport = async (label: string, fn: () => unknown, rewriteLike: boolean) => {
      probe.reset();
      probe.state.rewriteLike = rewriteLike;
      probe.state.recording = true;
      const runs = 5;
      for (let i = 0; i < runs; i++) await fn();
      probe.state.recording = false;
      probe.state.rewriteLike = false;
      const list = [...probe.stats.values()].sort((a, b) => b.ms - a.ms);
      const total = list.reduce((a, s) => a + s.ms, 0) / runs;
      console.log(`\n${label}${rewriteLike ? " (statements shown as written by the app; run rewritten)" : ""}: ${list.reduce((a, s) => a + s.calls, 0) / runs} statements per call, ${total.toFixed(1)} ms in SQLite per call (mean of ${runs})`);
      for (const s of list.slice(0, 8)) {
        const what = describe(s.sql);
        console.log(`  ${(s.ms / runs).toFixed(1).padStart(7)} ms  ${String(s.calls / runs).padStart(3)}x  ${String(Math.round(s.rows / s.calls)).padStart(6)} rows  ${what}`);
      }
      return list;
    };
    const overviewSql = await sqlReport("Overview loader, SQL by statement", overview, false);
    const pillarSql = await sqlReport("Pillar loader, SQL by statement", pillarPage, false);

    const heaviest = [...overviewSql, ...pillarSql].filter((s) => s.sql.includes('"answers"')).sort((a, b) => b.ms - a.ms)[0];
    if (heaviest) {
      console.log(`\nQuery plan of the heaviest statement (${describe(heaviest.sql)}), as is:`);
      for (const line of probe.plan(heaviest.sql, heaviest.params)) console.log(line);
      console.log("…and with question_id in (<ids>) instead of like '%.key':");
      for (const line of probe.plan(heaviest.sql, heaviest.params, true)) console.log(line);
    }
    const rowsPerCycle = client.prepare("select count(*) from answers a join reports r on r.id = a.report_id where r.cycle_id = ? and r.status = 'accepted'").pluck().get(cy) as number;
    const statusRows = client.prepare("select count(*) from answers a join reports r on r.id = a.report_id where r.cycle_id = ? and r.status = 'accepted' and a.question_id like '%.status'").pluck().get(cy) as number;
    console.log(`\nanswers of the cycle's accepted reports: ${rowsPerCycle}; of them status answers: ${statusRows} (each like '%.key' aggregate reads all ${rowsPerCycle} rows to keep ~${statusRows})`);

    // ---- What-ifs on the temporary database only ------------------------------------------------
    const whatIf: [string, Stats][] = [];
    probe.state.rewriteLike = true;
    await sqlReport("Overview loader with question_id IN (…) instead of LIKE", overview, true);
    await sqlReport("Pillar loader with question_id IN (…) instead of LIKE", pillarPage, true);
    probe.state.rewriteLike = true;
    whatIf.push(["overview, question_id IN (…)", await time(overview)]);
    whatIf.push(["pillar, question_id IN (…)", await time(pillarPage)]);
    probe.state.rewriteLike = false;

    // A per-cycle cache keyed by the cycle's (accepted count, max accepted_at): the specs only
    // change when a report is accepted (or leaves "accepted"). Modelled here as the key query
    // plus a Map lookup around the real loader.
    const keyStmt = client.prepare("select count(*) as n, max(accepted_at) as at from reports where cycle_id = ? and status = 'accepted'");
    const cache = new Map<string, unknown>();
    const cached = (name: string, fn: () => Promise<unknown>) => async () => {
      const k = keyStmt.get(cy) as { n: number; at: number };
      const key = `${name}|${cy}|${k.n}|${k.at}`;
      if (!cache.has(key)) cache.set(key, await fn());
      return cache.get(key);
    };
    whatIf.push(["overview, cached per cycle+dataAsOf", await time(cached("overview", overview))]);
    whatIf.push(["pillar, cached per cycle+dataAsOf", await time(cached("pillar", pillarPage))]);
    probe.uninstall();

    // One pass over the cycle's accepted answers, grouped by question id (= paragraph + key) and
    // value: everything the overview charts need (pillar/theme come from the questionnaire in memory).
    const onePass = client.prepare(
      "select a.question_id, a.value, count(*) as n from answers a join reports r on r.id = a.report_id where r.cycle_id = ? and r.status = 'accepted' group by a.question_id, a.value",
    );
    whatIf.push(["one pass: group by question_id, value", await time(() => onePass.all(cy))]);

    // Index what-if: a covering index for the aggregates' access path (report → its answers of one key).
    client.exec("create index bench_answers_report_question_value on answers(report_id, question_id, paragraph_ref, value)");
    client.exec("analyze");
    whatIf.push(["overview, + covering index*", await time(overview)]);
    whatIf.push(["pillar, + covering index*", await time(pillarPage)]);
    const probe2 = installSqlProbe(client);
    probe2.state.rewriteLike = true;
    whatIf.push(["overview, IN (…) + covering index*", await time(overview)]);
    whatIf.push(["pillar, IN (…) + covering index*", await time(pillarPage)]);
    probe2.uninstall();
    client.exec("drop index bench_answers_report_question_value");
    table("What-ifs (temporary database only; the app is unchanged)", whatIf);
    console.log("* answers(report_id, question_id, paragraph_ref, value): the aggregates read only these columns, so no table lookups");
  }

  console.log(
    JSON.stringify({
      bench: "insights",
      answers,
      overviewP50Ms: r1(tOverview.p50),
      pillarP50Ms: r1(tPillar.p50),
      countP50Ms: r1(tCount.p50),
    }),
  );
} finally {
  closeDb();
  if (process.env.BENCH_KEEP_DB === "1") console.error(`kept ${process.env.DATABASE_PATH}`);
  else fs.rmSync(dir, { recursive: true, force: true });
}

/** A one-line description of a drizzle statement: what it selects from, its grouping, its LIKE. */
function describe(sql: string): string {
  const from = /from "(\w+)"/.exec(sql)?.[1] ?? "?";
  const joins = [...sql.matchAll(/join "(\w+)"/g)].map((m) => m[1]).join("+");
  const group = /group by (.*?)(?: order by| limit|$)/.exec(sql)?.[1]?.replace(/"(\w+)"\./g, "").replace(/"/g, "") ?? "";
  const like = sql.includes("like ?") ? " like ?" : "";
  const sel = sql.startsWith("select") ? sql.slice(7, 60).replace(/"/g, "") : sql.slice(0, 50);
  return `${from}${joins ? ` ⋈ ${joins}` : ""}${like}${group ? ` group by ${group}` : ""} [${sel}…]`.slice(0, 150);
}
