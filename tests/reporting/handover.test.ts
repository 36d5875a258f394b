/**
 * The contributor's hand-over, the focal point's daily digest and assignments (issue 14,
 * findings 3 and 4): marks, their clearing on a later change, what the digest selects (nothing
 * twice, nothing when nothing is ready), the scheduler's once a day, assignments' audit,
 * ordering and permissions, and the history's sentences.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { getCycle, getReportContext, openReport, saveAnswers, type ReportContext } from "#app/reporting/reports.server.ts";
import { AssignError, assignAndNotify, markReady, myParagraphs, withdrawReady, workView } from "#app/reporting/handover.server.ts";
import { dueDigests, runDailyDigest, sendDueDigests } from "#app/reporting/digest.server.ts";
import { readableHistory } from "#app/reporting/history.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { i18next } from "#app/utils/i18n.server.ts";
import { getDb } from "#db/client.ts";
import { auditEvents, outboxMessages, users } from "#db/schema/index.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

const f = { ctx: undefined as unknown as ReportContext, fp: 0, ct: 0, kenFp: 0 };

async function save(userId: number, ref: string, key: string, value: unknown) {
  const ctx = (await getReportContext(f.ctx.report.id))!;
  const p = ctx.paragraphs.find((x) => x.ref === ref)!;
  const q = p.questions.find((x) => x.key === key)!;
  const { getAnswers } = await import("#app/reporting/reports.server.ts");
  const base = (await getAnswers(ctx.report.id)).get(q.id)?.revision ?? 0;
  return saveAnswers(ctx.report.id, userId, [{ question: q, paragraphRef: ref, value: value as never, baseRevision: base }], null);
}

const audits = (action: string) =>
  getDb()
    .select({ id: auditEvents.id, actor: auditEvents.actorUserId, ref: auditEvents.paragraphRef })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), eq(auditEvents.reportId, f.ctx.report.id)))
    .all();

const nameOf = (id: number) => getDb().select({ name: users.name }).from(users).where(eq(users.id, id)).get()!.name;

const digestsTo = (email: string) => getDb().select().from(outboxMessages).where(and(eq(outboxMessages.to, email), eq(outboxMessages.kind, "handover_digest"))).all();

beforeAll(async () => {
  useTestDatabase();
  f.fp = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  f.ct = (await findUserByEmail("contributor.jpn@example.org"))!.id;
  f.kenFp = (await findUserByEmail("focalpoint.ken@example.org"))!.id;
  // Japan's focal point reads French: the digest must be in French.
  getDb().update(users).set({ language: "fr" }).where(eq(users.id, f.fp)).run();
  const id = await openReport((await getCycle(1))!, "JPN", f.fp, null);
  f.ctx = (await getReportContext(id))!;
});

describe("ready for the focal point", () => {
  test("nothing is due when nothing was marked ready", async () => {
    expect(dueDigests()).toEqual([]);
    expect(await sendDueDigests()).toEqual([]);
  });

  test("a contributor's mark shows with who and when, and is audited; marking again changes nothing", () => {
    expect(markReady(f.ctx, ["35"], f.ct, null)).toEqual(["35"]);
    expect(markReady(f.ctx, ["35"], f.ct, null)).toEqual([]);
    const w = workView(f.ctx, f.fp)["35"]!;
    expect(w.ready?.by).toBe(nameOf(f.ct));
    expect(Date.now() - Date.parse(w.ready!.at)).toBeLessThan(60_000);
    expect(audits("paragraph.ready")).toHaveLength(1);
  });

  test("the digest goes once to the State's focal point, in French, and never twice", async () => {
    const sent = await sendDueDigests();
    expect(sent.map((s) => s.to)).toEqual(["focalpoint.jpn@example.org"]);
    expect(sent[0]).toMatchObject({ language: "fr", paragraphs: 1 });
    const mail = digestsTo("focalpoint.jpn@example.org");
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body).toContain("Paragraphe 35");
    expect(mail[0]!.body).toContain(`/reports/${f.ctx.report.id}/35`);
    // Kenya's focal point hears nothing of Japan's work.
    expect(digestsTo("focalpoint.ken@example.org")).toHaveLength(0);
    expect(await sendDueDigests()).toEqual([]);
    expect(digestsTo("focalpoint.jpn@example.org")).toHaveLength(1);
  });

  test("a dry run lists what is due and sends and records nothing", async () => {
    markReady(f.ctx, ["36"], f.ct, null);
    const dry = await sendDueDigests({ dryRun: true });
    expect(dry).toHaveLength(1);
    expect(dry[0]!.outboxId).toBeNull();
    expect(digestsTo("focalpoint.jpn@example.org")).toHaveLength(1);
    expect(dueDigests()[0]!.items.map((i) => i.paragraphRef)).toEqual(["36"]);
  });

  test("the scheduler runs once per UTC day, at or after the hour, whatever restarts happen", async () => {
    expect((await runDailyDigest(6, new Date("2026-12-02T05:59:00Z"))).ran).toBe(false);
    const first = await runDailyDigest(6, new Date("2026-12-02T06:00:00Z"));
    expect(first.ran).toBe(true);
    expect(first.sent.map((s) => s.paragraphs)).toEqual([1]);
    // Something new the same day waits for the next day's digest.
    markReady(f.ctx, ["37"], f.ct, null);
    expect((await runDailyDigest(6, new Date("2026-12-02T18:00:00Z"))).ran).toBe(false);
    const next = await runDailyDigest(6, new Date("2026-12-03T07:00:00Z"));
    expect(next.sent.map((s) => s.paragraphs)).toEqual([1]);
    expect(digestsTo("focalpoint.jpn@example.org")).toHaveLength(3);
  });

  test("a contributor's later change clears the mark, says who changed it, and is audited", async () => {
    await save(f.ct, "35", "status", "planned");
    const w = workView(f.ctx, f.fp)["35"]!;
    expect(w.ready).toBeNull();
    expect(w.changedSinceReady).toMatchObject({ by: nameOf(f.ct), markedBy: nameOf(f.ct) });
    expect(audits("paragraph.ready_cleared").map((a) => a.ref)).toEqual(["35"]);
  });

  test("the focal point's own change keeps the mark (the paragraph is in their hands)", async () => {
    markReady(f.ctx, ["35"], f.ct, null);
    await save(f.fp, "35", "status", "completed");
    expect(workView(f.ctx, f.fp)["35"]!.ready).not.toBeNull();
  });

  test("a new mark after a clearing is a new item of the next digest", async () => {
    const due = dueDigests();
    expect(due[0]!.items.map((i) => i.paragraphRef)).toEqual(["35"]);
  });

  test("taking a mark back is audited", () => {
    expect(withdrawReady(f.ctx, "36", f.ct, null)).toBe(true);
    expect(withdrawReady(f.ctx, "36", f.ct, null)).toBe(false);
    expect(audits("paragraph.ready_withdrawn")).toHaveLength(1);
  });

  test("'my paragraphs' are those whose answers the contributor changed last (or was given)", async () => {
    // The focal point changed 35 last.
    expect(myParagraphs(f.ctx, f.ct)).not.toContain("35");
    await save(f.ct, "41", "status", "planned");
    expect(myParagraphs(f.ctx, f.ct)).toContain("41");
  });
});

describe("assignments", () => {
  test("a theme goes to a contributor: audited per paragraph, e-mailed once in their language, first on their list", async () => {
    const theme = f.ctx.paragraphs.find((p) => p.ref === "40")!.themeNumber!;
    const refs = f.ctx.paragraphs.filter((p) => p.themeNumber === theme).map((p) => p.ref);
    const fp = (await findUserByEmail("focalpoint.jpn@example.org"))!;
    expect(await assignAndNotify(f.ctx, `t:${theme}`, String(f.ct), fp, null)).toBe(refs.length);
    expect(audits("paragraph.assigned").map((a) => a.ref)).toEqual(refs);
    const mail = getDb().select().from(outboxMessages).where(and(eq(outboxMessages.to, "contributor.jpn@example.org"), eq(outboxMessages.kind, "assignment"))).all();
    expect(mail).toHaveLength(1);
    for (const ref of refs) expect(mail[0]!.body).toContain(`/reports/${f.ctx.report.id}/${ref}`);
    const mine = workView(f.ctx, f.ct);
    expect(refs.every((ref) => mine[ref]!.assignedToMe)).toBe(true);
    // Everyone else sees the name on the row.
    expect(workView(f.ctx, f.fp)[refs[0]!]!.assignedTo).toBe(nameOf(f.ct));
    expect(workView(f.ctx, f.fp)[refs[0]!]!.assignedToMe).toBe(false);
    expect(myParagraphs(f.ctx, f.ct)).toEqual(expect.arrayContaining(refs));
    // Assigning the same again changes nothing and sends nothing.
    expect(await assignAndNotify(f.ctx, `t:${theme}`, String(f.ct), fp, null)).toBe(0);
  });

  test("only the State's contributors can be given work", async () => {
    const fp = (await findUserByEmail("focalpoint.jpn@example.org"))!;
    await expect(assignAndNotify(f.ctx, "p:35", String(f.fp), fp, null)).rejects.toBeInstanceOf(AssignError);
    await expect(assignAndNotify(f.ctx, "p:35", String(f.kenFp), fp, null)).rejects.toBeInstanceOf(AssignError);
    await expect(assignAndNotify(f.ctx, "p:999", "none", fp, null)).rejects.toBeInstanceOf(AssignError);
  });

  test("the history tells the State's users in sentences; the secretariat does not see the State's division of work", async () => {
    const fp = (await findUserByEmail("focalpoint.jpn@example.org"))!;
    await assignAndNotify(f.ctx, "p:40", "none", fp, null);
    const en = await i18next.getFixedT("en");
    const { lines } = await readableHistory(f.ctx, "focal_point", "en", en, { paragraphRef: "40" });
    const sentences = lines.map((l) => l.sentence);
    expect(sentences.some((s) => /assigned paragraph 40 to /.test(s))).toBe(true);
    expect(sentences.some((s) => /took paragraph 40 away from .+; nobody is assigned/.test(s))).toBe(true);
    const ar = await i18next.getFixedT("ar");
    const arabic = (await readableHistory(f.ctx, "focal_point", "ar", ar, { paragraphRef: "40" })).lines.map((l) => l.sentence);
    expect(arabic.some((s) => s.includes("أسند"))).toBe(true);
    const all = await readableHistory(f.ctx, "focal_point", "en", en);
    expect(all.lines.some((l) => /marked paragraph 35 ready for the focal point/.test(l.sentence))).toBe(true);
  });
});
