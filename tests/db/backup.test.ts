import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { backupDatabase, checkDatabaseFile, listBackups, lockFileOf, restoreDatabase, RestoreRefused } from "#db/backup.ts";
import { closeDb } from "#db/client.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { getCycle, openReport } from "#app/reporting/reports.server.ts";
import { ROOT, TMP } from "#tests/setup/base-db.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

const TSX = path.join(ROOT, "node_modules/.bin/tsx");
let dbFile: string;
let work: string;
let reportId: number;
let userId: number;

beforeAll(async () => {
  dbFile = useTestDatabase();
  work = fs.mkdtempSync(path.join(TMP, "backup-"));
  userId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  reportId = await openReport((await getCycle(1))!, "JPN", userId, null);
  closeDb(); // the writer process and the backup connection are the only users from here on
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

interface Ack {
  questionId: string;
  revision: number;
  value: string;
}

describe("backup and restore", () => {
  test("a backup taken during autosave load restores every save acknowledged before it began", { timeout: 60_000 }, async () => {
    const acks: Ack[] = [];
    const writer = spawn(TSX, ["tests/setup/autosave-writer.ts", String(reportId), String(userId), "35"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_PATH: dbFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let errors = "";
    writer.stderr.on("data", (d) => (errors += String(d)));
    let buffer = "";
    writer.stdout.on("data", (d) => {
      buffer += String(d);
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) {
        const m = /^ack (\S+) (\d+) (.*)$/.exec(line);
        if (m) acks.push({ questionId: m[1]!, revision: Number(m[2]), value: JSON.parse(m[3]!) as string });
      }
    });
    const exited = new Promise<number | null>((resolve) => writer.once("exit", resolve));
    try {
      const until = async (n: number) => {
        const deadline = Date.now() + 40_000;
        while (acks.length < n) {
          if (writer.exitCode !== null) throw new Error(`The writer stopped: ${errors}`);
          if (Date.now() > deadline) throw new Error(`Only ${acks.length} saves in 40 s: ${errors}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      await until(150);

      // Everything acknowledged up to here must be in the backup.
      const before = acks.slice();
      const source = new Database(dbFile, { fileMustExist: true, timeout: 5000 });
      let backup;
      try {
        backup = await backupDatabase(source, { dir: work, keep: 3, oneStep: true });
      } finally {
        source.close();
      }
      await until(acks.length + 50); // the load went on
      writer.kill("SIGTERM");
      expect(await exited).toBe(0);

      // Restore into a fresh place, as `npm run db:restore` does.
      const target = path.join(work, "restored.db");
      const restored = restoreDatabase(backup.file, target);
      expect(restored.replacedAside).toBeNull();
      const db = new Database(target, { readonly: true });
      try {
        expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
        expect(db.pragma("foreign_key_check")).toEqual([]);
        const answer = db.prepare("select value, revision from answers where report_id = ? and question_id = ?");
        const lastBefore = new Map<string, Ack>();
        for (const a of before) lastBefore.set(a.questionId, a);
        expect(lastBefore.size).toBeGreaterThan(1);
        for (const [questionId, ack] of lastBefore) {
          const row = answer.get(reportId, questionId) as { value: string; revision: number } | undefined;
          expect(row, `answer ${questionId}`).toBeDefined();
          // The backup began after this save was acknowledged: it holds it, or a later save of the same answer.
          expect(row!.revision).toBeGreaterThanOrEqual(ack.revision);
          const stored = JSON.parse(row!.value) as string;
          const sameRevision = acks.find((a) => a.questionId === questionId && a.revision === row!.revision);
          expect(stored).toBe(sameRevision?.value);
        }
        // The copy is a snapshot taken mid-load: the live database went on to later saves.
        const total = (d: Database.Database) => (d.prepare("select sum(revision) as n from answers where report_id = ?").get(reportId) as { n: number }).n;
        const live = new Database(dbFile, { readonly: true });
        try {
          expect(total(live)).toBeGreaterThan(total(db));
        } finally {
          live.close();
        }
      } finally {
        db.close();
      }
    } finally {
      if (writer.exitCode === null) writer.kill("SIGKILL");
    }
  });

  test("backups keep the last N; a restore keeps the replaced database (and its WAL) aside", async () => {
    const dir = path.join(work, "keep");
    const source = new Database(dbFile, { fileMustExist: true });
    const made: string[] = [];
    try {
      for (let i = 0; i < 4; i++) made.push((await backupDatabase(source, { dir, keep: 2, prefix: "kyoto", now: new Date(Date.UTC(2026, 11, 1, 4, i)) })).file);
    } finally {
      source.close();
    }
    expect(listBackups(dir, "kyoto")).toEqual([made[3], made[2]]);
    expect(fs.readdirSync(dir).sort()).toEqual([path.basename(made[2]!), path.basename(made[3]!)]);

    const target = path.join(work, "live.db");
    fs.copyFileSync(made[2]!, target);
    fs.writeFileSync(`${target}-wal`, "not this file's WAL");
    const r = restoreDatabase(made[3]!, target, new Date(Date.UTC(2026, 11, 1, 5)));
    expect(r.replacedAside).toBe(`${target}.replaced-2026-12-01T05-00-00-000Z`);
    expect(fs.existsSync(r.replacedAside!)).toBe(true);
    expect(fs.readFileSync(`${r.replacedAside}-wal`, "utf8")).toBe("not this file's WAL");
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    expect(checkDatabaseFile(target).ok).toBe(true);
  });

  test("a restore is refused while a server holds the database, for a damaged file, and for a newer schema", { timeout: 60_000 }, async () => {
    const dir = path.join(work, "refuse");
    const source = new Database(dbFile, { fileMustExist: true });
    let good: string;
    try {
      good = (await backupDatabase(source, { dir, keep: 5 })).file;
    } finally {
      source.close();
    }
    const target = path.join(work, "held.db");
    fs.copyFileSync(good, target);

    // A live server's lock (this test process plays the server) stops `npm run db:restore`.
    fs.writeFileSync(lockFileOf(target), JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname(), startedAt: "2026-12-01T04:00:00.000Z" }));
    const cli = spawnSync(TSX, ["db/restore-cli.ts", good], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: target }, encoding: "utf8" });
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain(`Restore refused: A server (pid ${process.pid}`);
    // A lock left by a process that is gone does not.
    fs.writeFileSync(lockFileOf(target), JSON.stringify({ pid: 2 ** 22 + 12345, host: (await import("node:os")).hostname(), startedAt: "2026-12-01T04:00:00.000Z" }));
    const ok = spawnSync(TSX, ["db/restore-cli.ts", good], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: target }, encoding: "utf8" });
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/The replaced database is kept as .*held\.db\.replaced-/);

    const damaged = path.join(work, "damaged.db");
    const bytes = fs.readFileSync(good);
    bytes.fill(0x5a, 4096 * 3, 4096 * 6); // scribble over a few pages
    fs.writeFileSync(damaged, bytes);
    expect(() => restoreDatabase(damaged, path.join(work, "other.db"))).toThrow(RestoreRefused);

    const newer = path.join(work, "newer.db");
    fs.copyFileSync(good, newer);
    const n = new Database(newer);
    n.prepare("insert into __drizzle_migrations (hash, created_at) values ('from-the-future', 4102444800000)").run();
    n.close();
    expect(() => restoreDatabase(newer, path.join(work, "other.db"))).toThrow(/newer version of the application/);
    expect(fs.existsSync(path.join(work, "other.db"))).toBe(false);
  });
});
