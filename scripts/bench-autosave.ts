/**
 * `npm run bench:autosave`: a benchmark (not a test) of the autosave endpoint under load.
 *
 * 1. Builds the production app (skipped with SKIP_BUILD=1 when build/ exists), migrates and
 *    seeds a fresh database in a temporary directory with the real scripts, then — through the
 *    app's own model functions — creates one focal point per Member State (50 by default) and
 *    opens each State's report for the demo cycle #1.
 * 2. Starts the production server (`server.ts`, NODE_ENV=production) on a free port of
 *    127.0.0.1 and signs every focal point in with a real POST /login.
 * 3. Drives authenticated autosaves with autocannon (50 connections, 20 s, no pipelining).
 *    Every connection owns one (report, paragraph, question) slot and sends a new, unique
 *    answer each time, starting from the revision the previous save returned.
 * 4. Stops the server and checks the database: every acknowledged save (200) must be in the
 *    audit trail, and each slot's stored answer must be its last acknowledged one (or a later
 *    save of the same slot that was still in flight when the run ended).
 * 5. Measures the ceiling: a bare node:http server doing one better-sqlite3 upsert per
 *    request (scripts/bench/bare-server.ts), started after the app server stopped.
 * 6. Prints the figures, then one JSON line (the last line of stdout).
 *
 * Environment: BENCH_SECONDS (20), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (2, not
 * measured), SKIP_BUILD=1, BENCH_CPU_PROF=1 (profile the app server with --cpu-prof and print
 * where its time goes; slows it down, so those figures are not comparable),
 * BENCH_KEEP_TMP=1 (keep the temporary directory for inspection).
 * Only 127.0.0.1 traffic. Exit 0 when the run completed, whatever the figures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { revisionValueSql } from "#app/audit/chain.server.ts";
import { summariseProfile } from "./bench/cpu-profile.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const HOST = "127.0.0.1";
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

function intEnv(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
  return n;
}

const SECONDS = intEnv("BENCH_SECONDS", 20);
const CONNECTIONS = intEnv("BENCH_CONNECTIONS", 50);
const WARMUP_SECONDS = intEnv("BENCH_WARMUP_SECONDS", 2, 0);
const CPU_PROF = process.env.BENCH_CPU_PROF === "1";
const KEEP_TMP = process.env.BENCH_KEEP_TMP === "1";
/** The password of the bench users: hashed once, the hash reused for every user. */
const BENCH_PASSWORD = "bench-autosave-password";

const log = (message: string) => console.error(`[bench] ${message}`);

// ---------------------------------------------------------------------------------------------
// Processes and cleanup

const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];

interface Captured {
  child: ChildProcess;
  output: () => string;
}

function startProcess(command: string, args: string[], env: NodeJS.ProcessEnv): Captured {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let output = "";
  const keep = (d: Buffer) => {
    output += d.toString("utf8");
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { child, output: () => output };
}

/** Runs a command to completion; throws with its output when it fails. */
async function runCommand(label: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const started = Date.now();
  const p = startProcess(command, args, env);
  const code = await new Promise<number | null>((resolve, reject) => {
    p.child.once("error", reject);
    p.child.once("exit", (c) => resolve(c));
  });
  if (code !== 0) throw new Error(`${label} failed (exit ${code}):\n${p.output().slice(-4000)}`);
  log(`${label}: ok in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return p.output();
}

async function stopProcess(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

async function cleanup(): Promise<void> {
  await Promise.all([...children].map((c) => stopProcess(c, 5_000)));
  for (const fn of cleanups.splice(0).reverse()) {
    try {
      fn();
    } catch (error) {
      log(`cleanup: ${String(error)}`);
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, HOST, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHealth(origin: string, p: Captured, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (p.child.exitCode !== null) throw new Error(`Server exited with ${p.child.exitCode}:\n${p.output().slice(-4000)}`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`Server at ${origin} not healthy after ${timeoutMs / 1000} s:\n${p.output().slice(-4000)}`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** User + system CPU time of a process so far, in ms (Linux /proc), or null elsewhere. */
function processCpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after the last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Data

interface Slot {
  index: number;
  iso3: string;
  email: string;
  reportId: number;
  ref: string;
  key: string;
  questionId: string;
  cookie: string;
  path: string;
  /** The revision the next save starts from (the last one the server told us about). */
  revision: number;
  /** Next sequence number: the value of save n is answerText(slot, n). */
  seq: number;
  /** Acknowledged saves (200 with the question changed), in order. */
  acks: { seq: number; revision: number }[];
  /** Saves sent since the last acknowledged one (timed out, or in flight at the end of a run). */
  unacked: number[];
  conflicts: number;
  /** Saves sent without an acknowledgement that the database shows landed anyway. */
  landedUnacked: number;
}

const FILLER =
  "Progress on the national action plan — État d'avancement; coordination between the ministry of justice, " +
  "the police and civil society; training of 120 officers; data collection in line with the ICCS.\n" +
  "Next steps: evaluation in 2027.";

function answerText(slot: Pick<Slot, "index">, seq: number): string {
  return `Bench slot ${slot.index} save ${seq}. ${FILLER}`;
}

/** Users, reports and slots, created through the app's model functions on the bench database. */
async function prepareData(dbFile: string, connections: number) {
  process.env.DATABASE_PATH = dbFile; // before the first getDb()
  const { closeDb } = await import("#db/client.ts");
  const { listMemberStates } = await import("#app/states/member-states.server.ts");
  const { upsertUser } = await import("#app/accounts/users.server.ts");
  const { getCycle, getReportContext, openReport } = await import("#app/reporting/reports.server.ts");
  const { hashPassword } = await import("#app/accounts/password.server.ts");
  try {
    const cycle = await getCycle(1);
    if (!cycle) throw new Error("The seed did not create the demo cycle #1.");
    if (cycle.status !== "open") throw new Error(`Demo cycle #1 is ${cycle.status}, not open.`);
    const states = (await listMemberStates("en")).map((s) => s.iso3).sort();
    if (states.length === 0) throw new Error("No Member States in the database.");
    const stateCount = Math.min(connections, states.length);
    const passwordHash = await hashPassword(BENCH_PASSWORD);

    const perState: { iso3: string; email: string; reportId: number; paragraphs: { ref: string; key: string; questionId: string }[] }[] = [];
    for (const iso3 of states.slice(0, stateCount)) {
      const email = `bench.focalpoint.${iso3.toLowerCase()}@example.org`;
      const userId = await upsertUser({ email, name: `Bench focal point ${iso3}`, role: "focal_point", stateIso3: iso3, passwordHash });
      const reportId = await openReport(cycle, iso3, userId, HOST);
      const ctx = await getReportContext(reportId);
      if (!ctx) throw new Error(`Report ${reportId} has no context`);
      const paragraphs = ctx.paragraphs.flatMap((p) => {
        const q = p.questions.find((x) => x.key === "description") ?? p.questions.find((x) => x.type === "text");
        return q ? [{ ref: p.ref, key: q.key, questionId: q.id }] : [];
      });
      if (paragraphs.length === 0) throw new Error(`Report ${reportId} has no paragraph with a text question.`);
      perState.push({ iso3, email, reportId, paragraphs });
    }

    const slots: Slot[] = [];
    for (let i = 0; i < connections; i++) {
      const s = perState[i % stateCount]!;
      const lap = Math.floor(i / stateCount);
      if (lap >= s.paragraphs.length) throw new Error(`Too many connections: ${connections} > ${stateCount} States × ${s.paragraphs.length} paragraphs.`);
      // Different States work on different paragraphs; a State's extra slots take the next ones.
      const p = s.paragraphs[(i % stateCount + lap) % s.paragraphs.length]!;
      slots.push({
        index: i,
        iso3: s.iso3,
        email: s.email,
        reportId: s.reportId,
        ref: p.ref,
        key: p.key,
        questionId: p.questionId,
        cookie: "",
        path: `/reports/${s.reportId}/${encodeURIComponent(p.ref)}/autosave`,
        revision: 0,
        seq: 1,
        acks: [],
        unacked: [],
        conflicts: 0,
        landedUnacked: 0,
      });
    }
    return { slots, stateCount, cycleTitle: cycle.title };
  } finally {
    closeDb(); // the server must be the only writer from now on
  }
}

/** Real sign-in: POST /login, keep the session cookie. A few at a time (argon2 is slow on purpose). */
async function signIn(origin: string, slots: Slot[]): Promise<void> {
  const emails = [...new Set(slots.map((s) => s.email))];
  const cookies = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < emails.length) {
      const email = emails[next++]!;
      const res = await fetch(`${origin}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
        body: new URLSearchParams({ email, password: BENCH_PASSWORD, redirectTo: "" }).toString(),
      });
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(";")[0]!)
        .find((c) => /^(__Host-)?kr_session=./.test(c));
      if (res.status !== 302 || !cookie) {
        throw new Error(`Sign-in of ${email} failed: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
      }
      await res.body?.cancel();
      cookies.set(email, cookie);
    }
  };
  await Promise.all([worker(), worker()]);
  for (const s of slots) s.cookie = cookies.get(s.email)!;
}

// ---------------------------------------------------------------------------------------------
// Load

interface RunStats {
  result: autocannon.Result;
  statusSamples: Map<number, string>;
  unchanged: number;
  /** Per second of the run: responses and the slowest one (ms), to spot stalls. */
  timeline: { responses: number; maxMs: number }[];
}

/** autocannon with a per-second timeline of responses and the slowest response. */
function drive(options: autocannon.Options): Promise<{ result: autocannon.Result; timeline: RunStats["timeline"] }> {
  return new Promise((resolve, reject) => {
    const timeline: RunStats["timeline"] = [];
    const started = Date.now();
    const instance = autocannon(options, (err: unknown, result) => {
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve({ result, timeline });
    });
    instance.on("response", (_client, _status, _bytes, responseTime) => {
      const second = Math.floor((Date.now() - started) / 1000);
      const bucket = (timeline[second] ??= { responses: 0, maxMs: 0 });
      bucket.responses++;
      bucket.maxMs = Math.max(bucket.maxMs, responseTime);
    });
  });
}

function autosaveBody(slot: Slot, seq: number): string {
  const form = new URLSearchParams();
  form.set("intent", "autosave");
  form.set(`rev.${slot.key}`, String(slot.revision));
  form.set(slot.key, answerText(slot, seq));
  return form.toString();
}

async function runAutosave(origin: string, slots: Slot[], seconds: number): Promise<RunStats> {
  const statusSamples = new Map<number, string>();
  let unchanged = 0;
  let nextClient = 0;

  const onResponse = (slot: Slot, status: number, body: string) => {
    // Pipelining 1: the response belongs to the last save sent on this connection.
    const seq = slot.unacked[slot.unacked.length - 1];
    if (status === 200 && seq !== undefined) {
      let json: { revisions?: Record<string, number>; changed?: string[] } = {};
      try {
        json = JSON.parse(body) as typeof json;
      } catch {
        if (!statusSamples.has(status)) statusSamples.set(status, body.slice(0, 300));
      }
      const revision = json.revisions?.[slot.key];
      if (typeof revision === "number" && json.changed?.includes(slot.key)) {
        slot.acks.push({ seq, revision });
        slot.revision = revision;
        slot.unacked = [];
      } else {
        unchanged++;
      }
      return;
    }
    if (!statusSamples.has(status)) statusSamples.set(status, body.slice(0, 300));
    if (status === 409) {
      // A save the server ran but whose answer we never saw (a timeout): start from theirs.
      try {
        const json = JSON.parse(body) as { conflicts?: { key: string; theirRevision: number }[] };
        const theirs = json.conflicts?.find((c) => c.key === slot.key);
        if (theirs) {
          slot.revision = theirs.theirRevision;
          slot.conflicts++;
        }
      } catch {
        // not JSON: leave the revision as it is
      }
    }
  };

  const { result, timeline } = await drive({
    url: origin,
    connections: slots.length,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    setupClient: (client) => {
      const slot = slots[nextClient++ % slots.length]!;
      client.setRequests([
        {
          method: "POST",
          path: slot.path,
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            cookie: slot.cookie,
            origin,
            accept: "application/json",
          },
          setupRequest: (request) => {
            const seq = slot.seq++;
            slot.unacked.push(seq);
            return { ...request, body: autosaveBody(slot, seq) };
          },
          onResponse: (status, body) => onResponse(slot, status, body),
        },
      ]);
    },
  });
  return { result, statusSamples, unchanged, timeline: Array.from(timeline, (b) => b ?? { responses: 0, maxMs: 0 }) };
}

/**
 * After a run, saves still in flight when autocannon stopped may have landed: read each slot's
 * stored revision so the next run starts from it (reading alongside the server is fine in WAL).
 */
async function resync(dbFile: string, slots: Slot[]): Promise<void> {
  await sleep(500);
  const db = new Database(dbFile, { readonly: true, timeout: 5000 });
  try {
    const stmt = db.prepare<[number, string], { value: string; revision: number }>("select value, revision from answers where report_id = ? and question_id = ?");
    for (const slot of slots) {
      const row = stmt.get(slot.reportId, slot.questionId);
      if (!row || row.revision <= slot.revision) continue;
      const stored = JSON.parse(row.value) as unknown;
      if (slot.unacked.some((seq) => answerText(slot, seq) === stored)) slot.landedUnacked++;
      else log(`slot ${slot.index}: stored revision ${row.revision} holds a value this bench did not send`);
      slot.revision = row.revision;
    }
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Verification

interface Verification {
  acknowledged: number;
  lost: number;
  slotsChecked: number;
  slotsEndingOnUnacked: number;
  auditShort: number;
  nonIncreasingRevisions: number;
  problems: string[];
  /** All 'answer.changed' audit rows, and the database size (page_count × page_size) after the run. */
  auditRows: number;
  dbBytes: number;
}

function verify(dbFile: string, slots: Slot[]): Verification {
  const db = new Database(dbFile, { readonly: true, timeout: 5000 });
  try {
    const answerStmt = db.prepare<[number, string], { value: string; revision: number }>("select value, revision from answers where report_id = ? and question_id = ?");
    // Audit events fold a burst of autosaves into one (decision 010): the trail must count every
    // acknowledged save (`saves`) and end on the stored value (resolved from its revision).
    const auditStmt = db.prepare<[number, string], { saves: number; value: string | null }>(
      `select a.saves, coalesce(${revisionValueSql("r")}, a.new_value) as value from audit_events a left join answer_revisions r on r.id = a.new_revision_id
       where a.action = 'answer.changed' and a.report_id = ? and a.question_id = ? order by coalesce(a.last_at, a.at), a.id`,
    );
    const auditRows = (db.prepare("select count(*) as n from audit_events where action = 'answer.changed'").get() as { n: number }).n;
    const dbBytes = (db.pragma("page_count", { simple: true }) as number) * (db.pragma("page_size", { simple: true }) as number);
    const v: Verification = {
      acknowledged: 0,
      lost: 0,
      slotsChecked: 0,
      slotsEndingOnUnacked: 0,
      auditShort: 0,
      nonIncreasingRevisions: 0,
      problems: [],
      auditRows,
      dbBytes,
    };
    for (const slot of slots) {
      v.slotsChecked++;
      v.acknowledged += slot.acks.length;
      const auditRows = auditStmt.all(slot.reportId, slot.questionId);
      const auditedSaves = auditRows.reduce((n, r) => n + r.saves, 0);
      if (auditedSaves < slot.acks.length) {
        v.auditShort++;
        v.problems.push(`slot ${slot.index}: the audit trail counts ${auditedSaves} saves < ${slot.acks.length} acknowledged`);
      }
      const lastAudited = auditRows.length ? (auditRows[auditRows.length - 1]!.value === null ? null : (JSON.parse(auditRows[auditRows.length - 1]!.value!) as unknown)) : undefined;
      const lostSeqs = new Set<number>();
      for (let i = 1; i < slot.acks.length; i++) {
        if (slot.acks[i]!.revision <= slot.acks[i - 1]!.revision) v.nonIncreasingRevisions++;
      }
      const last = slot.acks[slot.acks.length - 1];
      const row = answerStmt.get(slot.reportId, slot.questionId);
      if (last) {
        const stored = row ? (JSON.parse(row.value) as unknown) : undefined;
        const exact = row !== undefined && row.revision === last.revision && stored === answerText(slot, last.seq);
        // A later save of the same slot, sent but not acknowledged (in flight when the run
        // stopped), may have replaced it: that is not a loss.
        const superseded =
          row !== undefined && row.revision > last.revision && slot.unacked.some((seq) => seq > last.seq && answerText(slot, seq) === stored);
        if (superseded) v.slotsEndingOnUnacked++;
        if (stored !== lastAudited) {
          v.auditShort++;
          v.problems.push(`slot ${slot.index}: the audit trail does not end on the stored answer`);
        }
        if (!exact && !superseded) {
          lostSeqs.add(last.seq);
          v.problems.push(
            `slot ${slot.index} (report ${slot.reportId}, ${slot.questionId}): last acknowledged save ${last.seq} at revision ${last.revision}, stored revision ${row?.revision ?? "none"}`,
          );
        }
      }
      v.lost += lostSeqs.size;
    }
    return v;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Ceiling

async function runBare(tmp: string, connections: number, seconds: number, warmup: number) {
  const port = await freePort();
  const origin = `http://${HOST}:${port}`;
  const p = startProcess(process.execPath, ["--import", "tsx", "scripts/bench/bare-server.ts"], {
    ...process.env,
    NODE_ENV: "production",
    BARE_PORT: String(port),
    BARE_HOST: HOST,
    BARE_DB: path.join(tmp, "bare.db"),
  });
  try {
    await waitForHealth(origin, p);
    const body = new URLSearchParams({ intent: "autosave", "rev.description": "1", description: answerText({ index: 0 }, 1) }).toString();
    const drive = (duration: number) => {
      let nextClient = 0;
      return autocannon({
        url: origin,
        connections,
        duration,
        pipelining: 1,
        setupClient: (client) => {
          const i = nextClient++;
          client.setRequests([
            { method: "POST", path: `/upsert/${i}`, headers: { "content-type": "application/x-www-form-urlencoded", origin }, body },
          ]);
        },
      });
    };
    if (warmup > 0) await drive(warmup);
    return await drive(seconds);
  } finally {
    await stopProcess(p.child);
  }
}

// ---------------------------------------------------------------------------------------------

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

interface Summary {
  bench: "autosave";
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  acknowledged: number;
  lost: number;
  bareHttpReqPerSec: number;
  ratio: number;
}

async function main(): Promise<Summary> {
  log(`${CONNECTIONS} connections, ${SECONDS} s (+${WARMUP_SECONDS} s warm-up), pipelining 1; ${os.cpus().length} CPU(s), Node ${process.version}`);

  // 1. Build, database, users, reports.
  const hasBuild = fs.existsSync(path.join(ROOT, "build/server/index.js"));
  if (process.env.SKIP_BUILD === "1" && hasBuild) log("build: skipped (SKIP_BUILD=1)");
  else await runCommand("build", "npm", ["run", "build"]);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kyoto-bench-"));
  cleanups.push(() => {
    if (KEEP_TMP) log(`kept ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  });
  const dbFile = path.join(tmp, "bench.db");
  const dbEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: dbFile, NODE_ENV: "production" };
  await runCommand("migrate", TSX, ["db/migrate.ts"], dbEnv);
  await runCommand("seed", TSX, ["scripts/seed.ts"], dbEnv);
  const { slots, stateCount, cycleTitle } = await prepareData(dbFile, CONNECTIONS);
  log(`data: ${stateCount} focal points of ${stateCount} States, their reports opened in cycle #1 "${cycleTitle}"; ${slots.length} slots`);

  // 2. The production server.
  const port = await freePort();
  const origin = `http://${HOST}:${port}`;
  const profDir = path.join(tmp, "cpu-prof");
  const nodeArgs = ["--import", "tsx", ...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : []), "server.ts"];
  const server = startProcess(process.execPath, nodeArgs, {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST,
    DATABASE_PATH: dbFile,
    TRUST_PROXY: "false",
    PUBLIC_URL: origin,
  });
  await waitForHealth(origin, server);
  log(`server: ${origin} (pid ${server.child.pid})`);
  await signIn(origin, slots);
  log(`signed in ${new Set(slots.map((s) => s.email)).size} users`);

  // 3. Load.
  if (WARMUP_SECONDS > 0) {
    const warm = await runAutosave(origin, slots, WARMUP_SECONDS);
    log(`warm-up: ${warm.result["2xx"]} saves acknowledged, ${warm.result.non2xx} non-2xx`);
    await resync(dbFile, slots);
  }
  const cpuBefore = processCpuMs(server.child.pid);
  const benchCpuBefore = process.cpuUsage();
  const loadBefore = os.loadavg()[0]!;
  const run = await runAutosave(origin, slots, SECONDS);
  const cpuAfter = processCpuMs(server.child.pid);
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const loadAfter = os.loadavg()[0]!;
  const r = run.result;
  // CPU the server spent per response: unlike throughput, barely moved by other work on the machine.
  const cpuPerResponseMs = cpuBefore !== null && cpuAfter !== null && r.requests.total > 0 ? (cpuAfter - cpuBefore) / r.requests.total : null;
  // The load generator (autocannon, in this process) runs on the same cores: its share counts.
  const benchCpuPerResponseMs = r.requests.total > 0 ? (benchCpu.user + benchCpu.system) / 1000 / r.requests.total : null;

  // 4. Stop the server (it finishes what is in flight), then check the database.
  await stopProcess(server.child);
  if (server.child.exitCode !== 0) log(`server exit code ${server.child.exitCode} signal ${server.child.signalCode}`);
  let profileText = "";
  if (CPU_PROF && fs.existsSync(profDir)) {
    // One profile per thread: the main thread's is the big one (the others are tsx's loader).
    const files = fs
      .readdirSync(profDir)
      .filter((x) => x.endsWith(".cpuprofile"))
      .map((f) => path.join(profDir, f))
      .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
    if (files[0]) {
      const s = summariseProfile(files[0], 25);
      const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
      profileText += `\nCPU profile of the app server's main thread (warm-up + run, ${round(s.totalMs / 1000, 1)} s on CPU, idle excluded)\n  self time by origin:\n`;
      for (const o of s.byOrigin.slice(0, 15)) profileText += `    ${pct(o.share)}  ${o.origin}\n`;
      profileText += "  self time by function:\n";
      for (const fn of s.byFunction) profileText += `    ${pct(fn.share)}  ${fn.name}\n`;
      profileText += "  inclusive time of the project's functions:\n";
      for (const fn of s.projectInclusive) profileText += `    ${pct(fn.share)}  ${fn.name}\n`;
    }
  }
  const v = verify(dbFile, slots);

  // 5. The ceiling, with the app server stopped.
  const bare = await runBare(tmp, CONNECTIONS, SECONDS, WARMUP_SECONDS);

  // 6. Figures.
  const reqPerSec = r.duration > 0 ? r["2xx"] / r.duration : 0;
  const bareReqPerSec = bare.duration > 0 ? bare["2xx"] / bare.duration : 0;
  const errors = r.non2xx + r.errors; // autocannon's `errors` already counts timeouts
  const conflicts = slots.reduce((n, s) => n + s.conflicts, 0);
  const landed = slots.reduce((n, s) => n + s.landedUnacked, 0);
  const statusLine = Object.entries(r.statusCodeStats ?? {})
    .map(([code, s]) => `${code}: ${s.count ?? 0}`)
    .join(", ");
  const lines = [
    "",
    `Autosave benchmark — ${CONNECTIONS} connections × ${SECONDS} s, pipelining 1, POST /reports/:id/:ref/autosave`,
    `  throughput : ${round(reqPerSec)} acknowledged saves/s (${r["2xx"]} × 2xx in ${r.duration} s; all responses ${round(r.requests.average)} req/s avg)`,
    `  latency    : p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms (2xx only)`,
    `  statuses   : ${statusLine || "none"}; socket errors ${r.errors - r.timeouts}, timeouts ${r.timeouts}; errors total ${errors}`,
    ...[...run.statusSamples].map(([code, body]) => `    sample ${code}: ${body.replace(/\s+/g, " ")}`),
    `  per second : ${run.timeline.map((b) => b.responses).join(" ")} responses`,
    `  slowest/s  : ${run.timeline.map((b) => Math.round(b.maxMs)).join(" ")} ms`,
    `  conflicts  : ${conflicts} 409s adopted server revisions; ${run.unchanged} 200s without a change; ${landed} in-flight saves landed after a run stopped`,
    `  integrity  : ${v.acknowledged} acknowledged saves (warm-up included) over ${v.slotsChecked} slots; lost ${v.lost}; ` +
      `${v.slotsEndingOnUnacked} slots end on a later, unacknowledged save; audit short in ${v.auditShort} slots; ${v.nonIncreasingRevisions} non-increasing revisions`,
    ...v.problems.slice(0, 10).map((p) => `    ! ${p}`),
    `  storage    : ${v.auditRows} 'answer.changed' audit rows; database ${round(v.dbBytes / 1024 / 1024)} MB after the run`,
    `  ceiling    : bare node:http + one better-sqlite3 WAL upsert: ${round(bareReqPerSec)} req/s (p50 ${bare.latency.p50} ms, p99 ${bare.latency.p99} ms, non-2xx ${bare.non2xx}, errors ${bare.errors})`,
    `  ratio      : ${bareReqPerSec > 0 ? round(reqPerSec / bareReqPerSec, 3) : 0} of the ceiling`,
    `  server CPU : ${cpuPerResponseMs === null ? "not measured (no /proc)" : `${round(cpuPerResponseMs, 3)} ms per response (user + system, main and helper threads), so at most ${Math.round(1000 / cpuPerResponseMs)} saves/s on one free core`}`,
    `  bench CPU  : ${benchCpuPerResponseMs === null ? "none" : `${round(benchCpuPerResponseMs, 3)} ms per response for the load generator (autocannon, on the same ${os.cpus().length} cores)`}; ` +
      `the run used ${cpuPerResponseMs === null || benchCpuPerResponseMs === null ? "?" : round(((cpuPerResponseMs + benchCpuPerResponseMs) * r.requests.total) / 1000 / r.duration, 2)} cores of ${os.cpus().length}; load average ${round(loadBefore, 1)} → ${round(loadAfter, 1)}`,
  ];
  console.log(lines.join("\n") + (profileText ? `\n${profileText}` : ""));

  return {
    bench: "autosave",
    reqPerSec: round(reqPerSec),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors,
    acknowledged: v.acknowledged,
    lost: v.lost,
    bareHttpReqPerSec: round(bareReqPerSec),
    ratio: bareReqPerSec > 0 ? round(reqPerSec / bareReqPerSec, 3) : 0,
  };
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

let summary: Summary | undefined;
let exitCode = 0;
try {
  summary = await main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  exitCode = 1;
} finally {
  await cleanup();
}
if (summary) console.log(JSON.stringify(summary));
process.exit(exitCode);
