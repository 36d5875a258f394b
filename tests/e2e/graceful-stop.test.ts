/**
 * SIGTERM during autosave load: requests in flight finish, new ones get 503, the WAL is
 * checkpointed, the database closed, and no acknowledged save is lost. Its own server on its
 * own database (the shared one serves the other browser tests).
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { buildBaseDatabase, ROOT, TMP } from "../setup/base-db.ts";

const PASSWORD = "kyoto-demo-password";
let dbFile: string;
let server: ChildProcess;
let output = "";
let origin: string;
let port: number;
let reportId: number;
let slots: { ref: string; key: string; questionId: string }[];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

beforeAll(async () => {
  dbFile = buildBaseDatabase(path.join(TMP, "e2e", `graceful-stop-${process.pid}.db`));
  // The report and its questions, through the app's own functions, before the server owns the file.
  // The database client is one per process (kept on globalThis), and earlier test files in this
  // fork may have opened the suite's database: close it so this file's database is the one opened.
  const { closeDb } = await import("#db/client.ts");
  closeDb();
  const previous = process.env.DATABASE_PATH;
  process.env.DATABASE_PATH = dbFile;
  const { findUserByEmail } = await import("#app/accounts/users.server.ts");
  const { getCycle, getReportContext, openReport } = await import("#app/reporting/reports.server.ts");
  try {
    const user = (await findUserByEmail("focalpoint.jpn@example.org"))!;
    reportId = await openReport((await getCycle(1))!, "JPN", user.id, null);
    const ctx = (await getReportContext(reportId))!;
    slots = ctx.paragraphs
      .flatMap((p) => p.questions.filter((q) => q.type === "text").map((q) => ({ ref: p.ref, key: q.key, questionId: q.id })))
      .slice(0, 12);
  } finally {
    closeDb();
    process.env.DATABASE_PATH = previous;
  }
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // As `npm start` runs it: node itself receives the signal. (The `tsx` command's wrapper
  // SIGKILLs its child when the child does not acknowledge a signal within 60 ms, as a busy
  // server may not.)
  server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: dbFile, PUBLIC_URL: `http://127.0.0.1:${port}` },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (output += String(d)));
  server.stderr?.on("data", (d) => (output += String(d)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`Server exited:\n${output}`);
    if (Date.now() > deadline) throw new Error(`Server not healthy:\n${output}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(() => {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  for (const suffix of ["", "-wal", "-shm", ".lock"]) fs.rmSync(dbFile + suffix, { force: true });
});

async function signIn(): Promise<string> {
  const res = await fetch(`${origin}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams({ email: "focalpoint.jpn@example.org", password: PASSWORD, redirectTo: "" }).toString(),
  });
  expect(res.status).toBe(302);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("kr_session="))!;
}

const body = (key: string, revision: number, value: string) => new URLSearchParams({ intent: "autosave", [`rev.${key}`]: String(revision), [key]: value }).toString();

describe("graceful stop", () => {
  test("SIGTERM under autosave load: in-flight saves finish, new requests get 503, nothing acknowledged is lost", async () => {
    const cookie = await signIn();
    const headers = { "Content-Type": "application/x-www-form-urlencoded", Origin: origin, Cookie: cookie };
    const acks = new Map<string, { revision: number; value: string }>();
    const sent = new Map<string, Set<string>>();
    const statuses = new Map<string, number>();
    let stopSignalled = false;
    let stoppedLoops = 0;

    // One loop per answer, one save at a time, each from the revision the last one returned.
    const loop = async (slot: (typeof slots)[number]) => {
      let revision = 0;
      sent.set(slot.questionId, new Set());
      for (let seq = 1; ; seq++) {
        const value = `Save ${seq} of ${slot.questionId}`;
        sent.get(slot.questionId)!.add(value);
        let status: string;
        try {
          const res = await fetch(`${origin}/reports/${reportId}/${encodeURIComponent(slot.ref)}/autosave`, { method: "POST", headers, body: body(slot.key, revision, value) });
          status = String(res.status);
          const json = (await res.json().catch(() => ({}))) as { revisions?: Record<string, number>; changed?: string[] };
          if (res.status === 200 && json.changed?.includes(slot.key)) {
            revision = json.revisions![slot.key]!;
            acks.set(slot.questionId, { revision, value });
          }
        } catch {
          status = "connection error";
        }
        if (stopSignalled) statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (stopSignalled && status !== "200") break;
      }
      stoppedLoops++;
    };

    // A save whose body is still arriving when the signal comes: it must finish and count.
    const slow = slots[0]!;
    const slowValue = "The save that was in flight at SIGTERM";
    const slowBody = body(slow.key, 0, slowValue);
    const socket = net.connect(port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    let slowResponse = "";
    socket.on("data", (d) => (slowResponse += String(d)));
    socket.write(
      `POST /reports/${reportId}/${encodeURIComponent(slow.ref)}/autosave HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nCookie: ${cookie}\r\n` +
        `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(slowBody)}\r\n\r\n${slowBody.slice(0, 10)}`,
    );

    const loops = slots.slice(1).map(loop);
    // The load is running before the signal: wait (up to 20 s on a slow machine) for saves on most answers.
    for (const deadline = Date.now() + 20_000; acks.size <= 5 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    expect(acks.size).toBeGreaterThan(5);
    const exited = new Promise<number | null>((resolve) => server.once("exit", resolve));
    const signalledAt = Date.now();
    server.kill("SIGTERM");
    stopSignalled = true;
    await new Promise((r) => setTimeout(r, 300));

    // A new request while stopping.
    const fresh = await fetch(`${origin}/healthz`);
    expect(fresh.status).toBe(503);
    expect(fresh.headers.get("retry-after")).toBe("5");

    // The in-flight one completes.
    socket.write(slowBody.slice(10));
    await new Promise((r) => socket.once("close", r));
    expect(slowResponse).toMatch(/^HTTP\/1\.1 200 /);
    expect(slowResponse).toMatch(/connection: close/i);
    expect(slowResponse).toContain(`"${slow.key}":1`);

    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    await Promise.all(loops);
    expect(stoppedLoops).toBe(slots.length - 1);
    // After the signal: saves that were running finished (200), the rest were turned away.
    for (const status of statuses.keys()) expect(["200", "503", "connection error"]).toContain(status);
    expect(output).toMatch(/SIGTERM: stopping/);
    expect(output).toMatch(/every request finished; \d+ open audit event\(s\) sealed; WAL checkpointed \(\d+ pages\), database closed/);
    expect(fs.existsSync(`${dbFile}.lock`)).toBe(false);
    expect(fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0).toBe(0);

    // Every acknowledged save is in the database.
    acks.set(slow.questionId, { revision: 1, value: slowValue });
    const db = new Database(dbFile, { readonly: true });
    try {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const row = db.prepare("select value, revision from answers where report_id = ? and question_id = ?");
      for (const [questionId, ack] of acks) {
        const stored = row.get(reportId, questionId) as { value: string; revision: number };
        expect(stored.revision, questionId).toBeGreaterThanOrEqual(ack.revision);
        if (stored.revision === ack.revision) expect(JSON.parse(stored.value)).toBe(ack.value);
        else expect(sent.get(questionId)!.has(JSON.parse(stored.value) as string)).toBe(true);
      }
    } finally {
      db.close();
    }
  });
});
