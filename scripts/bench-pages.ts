/**
 * `npm run bench:pages`: a benchmark (not a test) of the pages people open most, as a meeting
 * opens them.
 *
 * 1. Builds the production app (skipped with SKIP_BUILD=1 when build/ exists).
 * 2. Prepares a database in a temporary directory with the real scripts: migrate, seed, then
 *    `scripts/demo-data.ts --cycles 3 --states 193 --seed 1` (synthetic reports through the real
 *    workflow). BENCH_DB=<file> copies a database prepared earlier instead (much quicker).
 * 3. Starts the production server (`node --import tsx server.ts`, NODE_ENV=production) on a
 *    free port of 127.0.0.1 and signs the demo secretariat account in with a real POST /login.
 * 4. For each page — `/`, `/declarations/kyoto-2021/35`, `/insights/<c>`,
 *    `/insights/<c>/pillars/1`, `/insights/<c>/paragraphs/35` and the search
 *    `/insights/good-practices?q=prison` (<c> is the latest cycle with insights) — signed out and
 *    signed in, runs autocannon with 10 and then 50 connections (BENCH_SECONDS each, 5 by
 *    default, after a one-second warm-up that is not measured).
 * 5. Prints a table (req/s, p50, p99, errors), then, last, one JSON line:
 *    {"bench":"pages","homeReqPerSec","insightsReqPerSec","pillarReqPerSec","paragraphReqPerSec",
 *     "searchP50Ms","signedInInsightsP50Ms","ratio"} — signed out at 10 connections except
 *    signedInInsightsP50Ms; ratio = insights ÷ home.
 *
 * Each row also gives the server's CPU time per response (user + system of the server process,
 * from /proc, over the measured seconds ÷ responses): unlike req/s and latency it barely moves
 * when other work shares the machine, so it is the figure to compare between runs. The load
 * average is printed with the table.
 *
 * Environment: SKIP_BUILD=1, BENCH_DB, BENCH_SECONDS (5), BENCH_KEEP_TMP=1,
 * BENCH_PAGES=insights,pillar (only these pages, by name; the JSON line then holds null for
 * the others), BENCH_CPU_PROF=1 (run the server under --cpu-prof and print where its CPU time
 * went; profiling slows it, so those figures are not comparable).
 * Only 127.0.0.1 traffic. Exit 0 when the run completed, whatever the figures. On a machine
 * shared with other work the figures move a lot from run to run: compare within one run.
 */
import * as OTPAuth from "otpauth";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { benchProcesses, freePort, sleep } from "./bench/processes.ts";
import { summariseProfile } from "./bench/cpu-profile.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOST = "127.0.0.1";
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const KEEP_TMP = process.env.BENCH_KEEP_TMP === "1";
const ONLY = process.env.BENCH_PAGES ? new Set(process.env.BENCH_PAGES.split(",").map((x) => x.trim())) : null;
const CPU_PROF = process.env.BENCH_CPU_PROF === "1";
const DEMO_PASSWORD = "kyoto-demo-password";
const log = (m: string) => console.error(`[bench] ${m}`);

const { start, run, stop, stopAll } = benchProcesses(ROOT, log);

/** User + system CPU time of a process so far, in ms (Linux /proc), or null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime; USER_HZ is 100
  } catch {
    return null;
  }
}

function cannon(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, headers, timeout: 30 }, (err: unknown, result: autocannon.Result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result)));
  });
}

async function main() {
  if (!(process.env.SKIP_BUILD === "1" && fs.existsSync(path.join(ROOT, "build/server/index.js")))) await run("build", "npm", ["run", "build"]);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kyoto-bench-pages-"));
  const dbFile = path.join(tmp, "bench.db");
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: dbFile, NODE_ENV: "production" };
  if (process.env.BENCH_DB) {
    fs.copyFileSync(process.env.BENCH_DB, dbFile);
    log(`data: copied ${process.env.BENCH_DB}`);
  } else {
    await run("migrate", TSX, ["db/migrate.ts"], env);
    await run("seed", TSX, ["scripts/seed.ts"], env);
    await run("demo data (3 cycles × 193 States)", TSX, ["scripts/demo-data.ts", "--cycles", "3", "--states", "193", "--seed", "1"], env);
  }

  const port = await freePort(HOST);
  const origin = `http://${HOST}:${port}`;
  const profDir = path.join(tmp, "cpu-prof");
  const server = start(process.execPath, ["--import", "tsx", ...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []), "server.ts"], { ...env, PORT: String(port), HOST, TRUST_PROXY: "0", PUBLIC_URL: origin });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.output().slice(-4000)}`);
      const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`server not healthy:\n${server.output().slice(-4000)}`);
      await sleep(100);
    }
    // The latest cycle with insights: the first link of /insights.
    const index = await (await fetch(`${origin}/insights`)).text();
    const cycle = /href="\/insights\/(\d+)"/.exec(index)?.[1];
    if (!cycle) throw new Error("no cycle with insights: was the demo data prepared?");
    const login = await fetch(`${origin}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: new URLSearchParams({ email: "secretariat@example.org", password: DEMO_PASSWORD, redirectTo: "" }).toString(),
    });
    const sessionOf = (res: Response) =>
      res.headers
        .getSetCookie()
        .map((c) => c.split(";")[0]!)
        .find((c) => /^(__Host-)?kr_session=./.test(c));
    let cookie = sessionOf(login);
    if (!cookie) throw new Error(`sign-in failed: HTTP ${login.status}`);
    // The secretariat must use two-factor sign-in: on a fresh database it enrols first (the key
    // is read from the page, the code computed here), then signs in with a code.
    if ((login.headers.get("location") ?? "").startsWith("/account/two-factor")) {
      const page = await (await fetch(`${origin}/account/two-factor`, { headers: { cookie } })).text();
      const secret = /class="totp-secret">([A-Z2-7]+)</.exec(page)?.[1];
      if (!secret) throw new Error("two-factor enrolment page without a key");
      const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate();
      const enrolled = await fetch(`${origin}/account/two-factor`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, cookie },
        body: new URLSearchParams({ intent: "enable", code }).toString(),
      });
      cookie = sessionOf(enrolled);
      if (!cookie) throw new Error(`two-factor enrolment failed: HTTP ${enrolled.status}`);
    } else if ((login.headers.get("location") ?? "").startsWith("/login/two-factor")) {
      throw new Error("the demo secretariat already uses two-factor sign-in: run the bench on a fresh demo database");
    }
    log(`server ${origin}, cycle ${cycle}, signed in as the secretariat`);

    const allPages = [
      { name: "home", path: "/" },
      { name: "paragraph form", path: "/declarations/kyoto-2021/35" },
      { name: "insights", path: `/insights/${cycle}` },
      { name: "pillar", path: `/insights/${cycle}/pillars/1` },
      { name: "paragraph", path: `/insights/${cycle}/paragraphs/35` },
      { name: "search", path: "/insights/good-practices?q=prison" },
    ];
    const pages = allPages.filter((p) => !ONLY || ONLY.has(p.name));
    const rows: { page: string; viewer: string; connections: number; reqPerSec: number; p50: number; p99: number; errors: number; kb: number; cpuMs: number | null }[] = [];
    for (const viewer of ["signed out", "signed in"] as const) {
      const headers: Record<string, string> = viewer === "signed in" ? { cookie } : {};
      for (const p of pages) {
        const check = await fetch(`${origin}${p.path}`, { headers });
        const size = (await check.arrayBuffer()).byteLength;
        if (check.status !== 200) log(`warning: ${p.path} (${viewer}) answers ${check.status}`);
        for (const connections of [10, 50]) {
          await cannon(`${origin}${p.path}`, connections, 1, headers);
          const cpuBefore = processCpuMs(server.child.pid);
          const r = await cannon(`${origin}${p.path}`, connections, SECONDS, headers);
          const cpuAfter = processCpuMs(server.child.pid);
          const cpuMs = cpuBefore !== null && cpuAfter !== null && r.requests.total > 0 ? Math.round(((cpuAfter - cpuBefore) / r.requests.total) * 100) / 100 : null;
          rows.push({ page: p.name, viewer, connections, reqPerSec: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts, kb: Math.round(size / 1024), cpuMs });
          log(`${p.name} ${viewer} ${connections}: ${Math.round(r.requests.average)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ${cpuMs ?? "?"} ms CPU per response (load ${os.loadavg()[0]!.toFixed(1)})`);
        }
      }
    }

    // The first request after a change: a report of the cycle is excluded (then put back) by
    // another process, as the secretariat's action would; the server notices within a second
    // and prepares the figures and the cached public pages in the background. Timed: the first
    // signed-in and signed-out requests once it says it has prepared them, and a signed-in
    // request made at once after the second change (racing the preparation).
    process.env.DATABASE_PATH = dbFile;
    const { getDb } = await import("#db/client.ts");
    const { setReportExclusion } = await import("#app/insights/counted.server.ts");
    const db = getDb().$client;
    const reportId = (db.prepare("select id from reports where cycle_id = ? and status in ('submitted', 'accepted') and excluded_at is null order by id limit 1").get(Number(cycle)) as { id: number }).id;
    const actor = (db.prepare("select id from users where email = 'secretariat@example.org'").get() as { id: number }).id;
    const timed = async (headers: Record<string, string>) => {
      const t = performance.now();
      const r = await fetch(`${origin}/insights/${cycle}`, { headers });
      await r.arrayBuffer();
      return Math.round(performance.now() - t);
    };
    const prepared = () => (server.output().match(/insights: data changed/g) ?? []).length;
    const before = prepared();
    await setReportExclusion(reportId, "bench: first request after a change", actor, null);
    // Until the server says it has prepared the change (15 s at most), then the first requests.
    const waitFrom = Date.now();
    while (prepared() === before && Date.now() - waitFrom < 15_000) await sleep(100);
    log(`the server prepared the change ${prepared() > before ? `in under ${((Date.now() - waitFrom) / 1000).toFixed(1)} s` : "not within 15 s"}`);
    const afterChangeSignedIn = await timed({ cookie });
    const afterChangePublic = await timed({});
    await setReportExclusion(reportId, null, actor, null);
    const atOnceSignedIn = await timed({ cookie });
    log(`first request after a change (once prepared): signed in ${afterChangeSignedIn} ms, signed out ${afterChangePublic} ms; at once: signed in ${atOnceSignedIn} ms`);

    console.log(`\nbench:pages — ${SECONDS} s per run after a 1 s warm-up, 127.0.0.1, ${os.cpus().length} CPUs (load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")})`);
    console.log(`${"page".padEnd(16)}${"viewer".padEnd(12)}${"conns".padStart(6)}${"req/s".padStart(8)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${"errors".padStart(8)}${"HTML KB".padStart(9)}${"CPU ms/resp".padStart(13)}`);
    for (const r of rows) console.log(`${r.page.padEnd(16)}${r.viewer.padEnd(12)}${String(r.connections).padStart(6)}${String(r.reqPerSec).padStart(8)}${String(r.p50).padStart(8)}${String(r.p99).padStart(8)}${String(r.errors).padStart(8)}${String(r.kb).padStart(9)}${String(r.cpuMs ?? "?").padStart(13)}`);
    const find = (page: string, viewer = "signed out", connections = 10) => rows.find((r) => r.page === page && r.viewer === viewer && r.connections === connections);
    const home = find("home")?.reqPerSec ?? null;
    const insights = find("insights")?.reqPerSec ?? null;
    console.log(
      JSON.stringify({
        bench: "pages",
        homeReqPerSec: home,
        insightsReqPerSec: insights,
        pillarReqPerSec: find("pillar")?.reqPerSec ?? null,
        paragraphReqPerSec: find("paragraph")?.reqPerSec ?? null,
        searchP50Ms: find("search")?.p50 ?? null,
        signedInInsightsP50Ms: find("insights", "signed in")?.p50 ?? null,
        ratio: home && insights !== null ? Math.round((insights / home) * 100) / 100 : null,
        firstAfterChangeSignedInMs: afterChangeSignedIn,
        firstAfterChangePublicMs: afterChangePublic,
        atOnceAfterChangeSignedInMs: atOnceSignedIn,
        p99At50: Object.fromEntries(rows.filter((r) => r.viewer === "signed out" && r.connections === 50).map((r) => [r.page, r.p99])),
        cpuMsPerResponse: Object.fromEntries(rows.filter((r) => r.connections === 10).map((r) => [`${r.page} ${r.viewer}`, r.cpuMs])),
        loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
      }),
    );
  } finally {
    await stop(server.child);
    if (CPU_PROF && fs.existsSync(profDir)) {
      // One profile per thread: the main thread's is the biggest.
      const file = fs
        .readdirSync(profDir)
        .filter((x) => x.endsWith(".cpuprofile"))
        .map((f) => path.join(profDir, f))
        .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
      if (file) {
        const s = summariseProfile(file, 30);
        const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
        console.error(`\nCPU profile of the server's main thread (${(s.totalMs / 1000).toFixed(1)} s on CPU, idle excluded)\n  self time by origin:`);
        for (const o of s.byOrigin.slice(0, 15)) console.error(`    ${pct(o.share)}  ${o.origin}`);
        console.error("  self time by function:");
        for (const f of s.byFunction) console.error(`    ${pct(f.share)}  ${f.name}`);
        console.error("  inclusive time of the project's functions:");
        for (const f of s.projectInclusive) console.error(`    ${pct(f.share)}  ${f.name}`);
      }
    }
    if (KEEP_TMP) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch(async (error: unknown) => {
  console.error(error);
  await stopAll();
  process.exitCode = 1;
});
