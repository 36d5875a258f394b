import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { OPEN_ANSWER_EVENT, auditLogPage, listReportHistory, logAudit, sealAllOpenAuditEvents, sealEndedAuditEvents, verifyAuditChain } from "#app/audit/audit.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getCycle, getReportContext, openReport, saveAnswers } from "#app/reporting/reports.server.ts";
import { getDb } from "#db/client.ts";
import { ROOT } from "#tests/setup/base-db.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let dbFile: string;
let fpId: number;
let contributorId: number;
const MIN = 60_000;

beforeAll(async () => {
  dbFile = useTestDatabase();
  fpId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  contributorId = (await findUserByEmail("contributor.jpn@example.org"))!.id;
});

async function freshAnswer(title: string, key = "description") {
  const demo = (await getCycle(1))!;
  const cycleId = await createCycle(
    { title, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["35"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" },
    fpId,
    null,
  );
  const reportId = await openReport((await getCycle(cycleId))!, "JPN", fpId, null);
  const p = (await getReportContext(reportId))!.paragraphs.find((x) => x.ref === "35")!;
  return { reportId, change: { question: p.questions.find((q) => q.key === key)!, paragraphRef: "35" } };
}

const sql = () => getDb().$client;
const revisionsOf = (reportId: number) => sql().prepare("select revision, value from answer_revisions where report_id = ? order by id").all(reportId) as { revision: number; value: string | null }[];

describe("audit growth: each value once, autosave bursts folded into one event", () => {
  test("consecutive autosaves by one user within minutes are one event from the first old value to the last new one", async () => {
    const { reportId, change } = await freshAnswer("Coalescing cycle");
    const t0 = Date.UTC(2030, 0, 1, 9, 0);
    let revision = 0;
    const save = async (by: number, value: string, at: number) => {
      const r = await saveAnswers(reportId, by, [{ ...change, value, baseRevision: revision }], "10.0.0.9", { now: new Date(at) });
      revision = r.revisions.description!;
    };
    await save(fpId, "Draft one", t0);
    await save(fpId, "Draft one, longer", t0 + 2 * MIN);
    await save(fpId, "Draft one, longer still", t0 + 4 * MIN);
    // Another person's change ends the focal point's burst; it starts from the value the burst ended on.
    await save(contributorId, "The contributor's version", t0 + 5 * MIN);
    // The focal point comes back 20 minutes later: a new event.
    await save(fpId, "The final text", t0 + 25 * MIN);

    const history = (await listReportHistory(reportId)).filter((h) => h.action === "answer.changed");
    expect(history.map((h) => [h.actorEmail, h.oldValue, h.newValue, h.saves, h.at.getTime(), h.lastAt.getTime()])).toEqual([
      ["focalpoint.jpn@example.org", "The contributor's version", "The final text", 1, t0 + 25 * MIN, t0 + 25 * MIN],
      ["contributor.jpn@example.org", "Draft one, longer still", "The contributor's version", 1, t0 + 5 * MIN, t0 + 5 * MIN],
      ["focalpoint.jpn@example.org", null, "Draft one, longer still", 3, t0, t0 + 4 * MIN],
    ]);
    // Each value kept once: the three the history shows, not the intermediate drafts; and the
    // current one only in the answer (its revision row holds null until the answer moves on).
    expect(revisionsOf(reportId).map((r) => [r.revision, r.value === null ? null : JSON.parse(r.value)])).toEqual([
      [3, "Draft one, longer still"],
      [4, "The contributor's version"],
      [5, null],
    ]);
    expect(sql().prepare("select value, revision from answers where report_id = ?").get(reportId)).toEqual({ value: JSON.stringify("The final text"), revision: 5 });
  });

  test("whatever changes an answer, the value it held is kept in its revision (the database's triggers)", async () => {
    const { reportId, change } = await freshAnswer("Trigger cycle");
    const t0 = Date.UTC(2030, 0, 3, 9, 0);
    await saveAnswers(reportId, fpId, [{ ...change, value: "Kept by the trigger", baseRevision: 0 }], null, { now: new Date(t0) });
    sealAllOpenAuditEvents();
    expect(revisionsOf(reportId)).toEqual([{ revision: 1, value: null }]);
    // A change that does not go through the save service (a script, a future code path).
    sql().prepare("update answers set value = ?, revision = revision + 1 where report_id = ?").run(JSON.stringify("Changed elsewhere"), reportId);
    expect(revisionsOf(reportId)).toEqual([{ revision: 1, value: JSON.stringify("Kept by the trigger") }]);
    const history = (await listReportHistory(reportId)).filter((h) => h.action === "answer.changed");
    expect(history.map((h) => h.newValue)).toEqual(["Kept by the trigger"]);
    expect(verifyAuditChain().broken).toBeNull();
  });

  test("a table rebuild would drop the triggers: the migrated database has them", () => {
    const names = sql().prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'answers' order by name").pluck().all();
    expect(names).toEqual(["answers_keep_deleted_value", "answers_keep_superseded_value"]);
  });

  test("a burst that ended is sealed into the chain; one still going on stays open", async () => {
    const { reportId, change } = await freshAnswer("Sealing cycle");
    const t0 = Date.UTC(2030, 0, 2, 9, 0);
    await saveAnswers(reportId, fpId, [{ ...change, value: "Typing", baseRevision: 0 }], null, { now: new Date(t0) });
    const open = () => sql().prepare("select count(*) from audit_events where report_id = ? and seq is null").pluck().get(reportId);
    expect(open()).toBe(1);
    sealEndedAuditEvents(t0 + 2 * MIN);
    expect(open()).toBe(1);
    sealEndedAuditEvents(t0 + 6 * MIN);
    expect(open()).toBe(0);
    // A save after the seal starts a new event, from the sealed one's value (stored once).
    await saveAnswers(reportId, fpId, [{ ...change, value: "Typing more", baseRevision: 1 }], null, { now: new Date(t0 + 7 * MIN) });
    const events = sql().prepare("select old_revision_id as o, new_revision_id as n from audit_events where report_id = ? and action = 'answer.changed' order by id").all(reportId) as { o: number | null; n: number }[];
    expect(events).toHaveLength(2);
    expect(events[1]!.o).toBe(events[0]!.n);
  });
});

describe("sealing ended bursts while others type", () => {
  test("a save finds its answer's open event through the index of open events, however many bursts are open", async () => {
    // Without the hint SQLite read every open event at each save (the unique index of positions
    // taken for one row): 108,000 of them in the demo data, 500 with 500 editors.
    const plan = sql().prepare(`explain query plan ${OPEN_ANSWER_EVENT}`).all(1, "x") as { detail: string }[];
    expect(plan.map((p) => p.detail).join("; ")).toMatch(/^SEARCH a USING INDEX audit_events_open \(report_id=\? AND question_id=\?\)/);
  });

  test("another answer's save seals a burst that ended (looked for at most once a second); any other event seals it before it joins the chain", async () => {
    const a = await freshAnswer("Sweep cycle A");
    const b = await freshAnswer("Sweep cycle B");
    const t0 = Date.UTC(2031, 0, 2, 9, 0);
    const seqOf = (reportId: number) => sql().prepare("select seq from audit_events where report_id = ? and action = 'answer.changed' order by id").pluck().all(reportId) as (number | null)[];
    await saveAnswers(a.reportId, fpId, [{ ...a.change, value: "A types", baseRevision: 0 }], null, { now: new Date(t0) });
    // Just before A's burst ends (5 minutes without a save): B's save looks, A stays open.
    await saveAnswers(b.reportId, fpId, [{ ...b.change, value: "B types", baseRevision: 0 }], null, { now: new Date(t0 + 5 * MIN - 200) });
    expect(seqOf(a.reportId)).toEqual([null]);
    // Half a second later A's burst has ended, but B's next save does not look again so soon.
    await saveAnswers(b.reportId, fpId, [{ ...b.change, value: "B types more", baseRevision: 1 }], null, { now: new Date(t0 + 5 * MIN + 300) });
    expect(seqOf(a.reportId)).toEqual([null]);
    // A sign-in joins the chain at once: A's ended burst is sealed before it.
    await logAudit({ actorUserId: fpId, action: "auth.login", entityType: "user", entityId: fpId, ip: "10.0.0.2", at: new Date(t0 + 5 * MIN + 400) });
    const [sealedA] = seqOf(a.reportId);
    const login = sql().prepare("select seq from audit_events where action = 'auth.login' and ip = '10.0.0.2'").pluck().get() as number;
    expect(sealedA).not.toBeNull();
    expect(sealedA!).toBeLessThan(login);
    // B is still typing: open.
    expect(seqOf(b.reportId)).toEqual([null]);
    // A second after the last look, another answer's save looks again: B's burst, ended by then, is sealed.
    const c = await freshAnswer("Sweep cycle C");
    await saveAnswers(c.reportId, fpId, [{ ...c.change, value: "C types", baseRevision: 0 }], null, { now: new Date(t0 + 11 * MIN) });
    expect(seqOf(b.reportId)[0]).not.toBeNull();
    expect(verifyAuditChain().broken).toBeNull();
  });
});

describe("tamper-evident audit trail", () => {
  test("the chain checks out, and a changed event, a changed value or a removed event is named", async () => {
    await logAudit({ actorUserId: fpId, action: "auth.login", entityType: "user", entityId: fpId, ip: "10.0.0.1" });
    sealAllOpenAuditEvents();
    const ok = verifyAuditChain();
    expect(ok.broken).toBeNull();
    expect(ok.open).toBe(0);
    expect(ok.sealed).toBeGreaterThan(5);

    const db = sql();
    const pick = db.prepare("select id, ip, seq from audit_events where action = 'auth.login' order by seq desc limit 1").get() as { id: number; ip: string; seq: number };
    db.prepare("update audit_events set ip = '203.0.113.66' where id = ?").run(pick.id);
    expect(verifyAuditChain().broken).toMatchObject({ id: pick.id, seq: pick.seq, reason: expect.stringContaining("content") });
    db.prepare("update audit_events set ip = ? where id = ?").run(pick.ip, pick.id);
    expect(verifyAuditChain().broken).toBeNull();

    // A value an event points at, rewritten.
    const withValue = db
      .prepare("select a.id, a.seq, a.new_revision_id as rev from audit_events a join answer_revisions r on r.id = a.new_revision_id where r.value is not null and a.seq is not null order by a.seq limit 1")
      .get() as { id: number; seq: number; rev: number };
    const value = db.prepare("select value from answer_revisions where id = ?").pluck().get(withValue.rev) as string;
    db.prepare("update answer_revisions set value = ? where id = ?").run(JSON.stringify("Rewritten history"), withValue.rev);
    expect(verifyAuditChain().broken).toMatchObject({ id: withValue.id, seq: withValue.seq });
    db.prepare("update answer_revisions set value = ? where id = ?").run(value, withValue.rev);

    // `npm run audit:verify` on the file: exit 0, then exit 1 naming the first broken link.
    const verify = () => spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/audit-verify.ts"], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: dbFile }, encoding: "utf8" });
    const good = verify();
    expect(good.status).toBe(0);
    expect(good.stdout).toMatch(/sealed event\(s\) check out; head at position \d+/);

    const middle = db.prepare("select id, seq from audit_events where seq = 3").get() as { id: number; seq: number };
    const next = db.prepare("select id from audit_events where seq = 4").pluck().get() as number;
    const saved = db.prepare("select * from audit_events where id = ?").get(middle.id) as Record<string, unknown>;
    db.prepare("delete from audit_events where id = ?").run(middle.id);
    const bad = verify();
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`BROKEN at event #${next} (position 4): expected position 3, found 4`);
    const cols = Object.keys(saved);
    db.prepare(`insert into audit_events (${cols.join(",")}) values (${cols.map((c) => `@${c}`).join(",")})`).run(saved);
    expect(verifyAuditChain().broken).toBeNull();
  }, 60_000);

  test("the JSON Lines log holds every event with its values and hashes, in chain order", async () => {
    sealAllOpenAuditEvents();
    const lines: string[] = [];
    let cursor: Parameters<typeof auditLogPage>[0] | null = { seq: 0 };
    while (cursor) {
      const page = auditLogPage(cursor, 7);
      lines.push(...page.lines);
      cursor = page.next;
    }
    const events = lines.map((l) => JSON.parse(l) as { seq: number; hash: string; prevHash: string; action: string; newValue: unknown });
    const total = sql().prepare("select count(*) from audit_events").pluck().get();
    expect(events).toHaveLength(total as number);
    events.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      if (i > 0) expect(e.prevHash).toBe(events[i - 1]!.hash);
    });
    expect(events.some((e) => e.action === "answer.changed" && e.newValue === "The final text")).toBe(true);
  });
});
