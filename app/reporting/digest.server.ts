/**
 * The focal point's daily digest of paragraphs that became ready (issue 14, finding 3): one
 * e-mail per focal point, in their language, only when something became ready, never twice for
 * the same mark (what was sent is stored in `digest_items`, so a restart or a second run sends
 * nothing again). The server runs it once a day (server/digest.ts); `npm run mail:digest`
 * sends the due digests now.
 */
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { getDb } from "#db/client.ts";
import { cycles, digestItems, digestRuns, paragraphWork, reports, users } from "#db/schema/index.ts";
import { sendHandoverDigestMail } from "#app/mail/mail.server.ts";
import { getMemberState } from "#app/states/member-states.server.ts";

export interface DigestItem {
  reportId: number;
  cycleTitle: string;
  paragraphRef: string;
  readyAt: Date;
  readyByName: string;
}

export interface DueDigest {
  recipient: { id: number; email: string; name: string; language: string; stateIso3: string };
  items: DigestItem[];
}

const marker = alias(users, "marker");

/** Per focal point: the marks of their State's reports that no digest told them about yet. */
export function dueDigests(): DueDigest[] {
  const db = getDb();
  const marks = db
    .select({
      stateIso3: reports.stateIso3,
      reportId: paragraphWork.reportId,
      cycleTitle: cycles.title,
      paragraphRef: paragraphWork.paragraphRef,
      readyAt: paragraphWork.readyAt,
      readyByName: marker.name,
    })
    .from(paragraphWork)
    .innerJoin(reports, eq(reports.id, paragraphWork.reportId))
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(marker, eq(marker.id, paragraphWork.readyBy))
    .where(isNotNull(paragraphWork.readyAt))
    .orderBy(paragraphWork.reportId, paragraphWork.readyAt)
    .all();
  if (marks.length === 0) return [];
  const states = [...new Set(marks.map((m) => m.stateIso3))];
  const recipients = db
    .select({ id: users.id, email: users.email, name: users.name, language: users.language, stateIso3: users.stateIso3 })
    .from(users)
    .where(and(eq(users.role, "focal_point"), isNull(users.disabledAt)))
    .all()
    .filter((u): u is typeof u & { stateIso3: string } => u.stateIso3 !== null && states.includes(u.stateIso3));
  const sent = new Set(
    db
      .select({ recipientId: digestItems.recipientId, reportId: digestItems.reportId, ref: digestItems.paragraphRef, readyAt: digestItems.readyAt })
      .from(digestItems)
      .all()
      .map((s) => `${s.recipientId}|${s.reportId}|${s.ref}|${s.readyAt.getTime()}`),
  );
  const out: DueDigest[] = [];
  for (const r of recipients) {
    const items = marks
      .filter((m) => m.stateIso3 === r.stateIso3 && !sent.has(`${r.id}|${m.reportId}|${m.paragraphRef}|${m.readyAt!.getTime()}`))
      .map((m) => ({ reportId: m.reportId, cycleTitle: m.cycleTitle, paragraphRef: m.paragraphRef, readyAt: m.readyAt!, readyByName: m.readyByName }));
    if (items.length > 0) out.push({ recipient: r, items });
  }
  return out;
}

export interface DigestSent {
  to: string;
  language: string;
  stateIso3: string;
  paragraphs: number;
  reports: number[];
  outboxId: number | null;
}

/**
 * Send every due digest now (or only list them, `dryRun`). A recipient's items are recorded as
 * sent first, then the message goes out: a crash in between loses one digest (the paragraphs
 * still show as ready on the task list) rather than ever sending it twice.
 */
export async function sendDueDigests(opts: { dryRun?: boolean; now?: Date } = {}): Promise<DigestSent[]> {
  const now = opts.now ?? new Date();
  const result: DigestSent[] = [];
  for (const d of dueDigests()) {
    const line: DigestSent = { to: d.recipient.email, language: d.recipient.language, stateIso3: d.recipient.stateIso3, paragraphs: d.items.length, reports: [...new Set(d.items.map((i) => i.reportId))], outboxId: null };
    if (!opts.dryRun) {
      const fresh = getDb().transaction((tx) => {
        let n = 0;
        for (const i of d.items) {
          n += tx
            .insert(digestItems)
            .values({ recipientId: d.recipient.id, reportId: i.reportId, paragraphRef: i.paragraphRef, readyAt: i.readyAt, sentAt: now })
            .onConflictDoNothing()
            .run().changes;
        }
        return n;
      }, { behavior: "immediate" });
      // Another process sent the same digest in the meantime: nothing twice.
      if (fresh === 0) continue;
      const stateName = (await getMemberState(d.recipient.stateIso3, d.recipient.language))?.name ?? d.recipient.stateIso3;
      line.outboxId = await sendHandoverDigestMail(d.recipient, stateName, d.items);
    }
    result.push(line);
  }
  return result;
}

/** "YYYY-MM-DD" of an instant, in UTC. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * The scheduler's daily run: once per UTC day, at or after `hour`. The day is stored, so a
 * restart after the hour does not run it twice (and one before it runs it once).
 */
export async function runDailyDigest(hour: number, now = new Date()): Promise<{ ran: boolean; sent: DigestSent[] }> {
  if (now.getUTCHours() < hour) return { ran: false, sent: [] };
  const day = utcDay(now);
  const claimed = getDb().insert(digestRuns).values({ day, ranAt: now, sent: 0 }).onConflictDoNothing().run().changes;
  if (claimed === 0) return { ran: false, sent: [] };
  const sent = await sendDueDigests({ now });
  getDb().update(digestRuns).set({ sent: sent.length }).where(eq(digestRuns.day, day)).run();
  return { ran: true, sent };
}
