import fs from "node:fs/promises";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "#db/client.ts";
import { outboxMessages } from "#db/schema/index.ts";

export interface Mail {
  to: string;
  subject: string;
  body: string;
  language: string;
  kind: "invitation" | "password_reset" | "reminder" | "clarification" | "submission_receipt" | "review_complete" | "handover_digest" | "assignment";
  cycleId?: number;
  stateIso3?: string;
  /**
   * Parts of the body that only the recipient may read (a sign-in token): they go in the sent
   * message only. The outbox keeps the body with each replaced by REDACTED.
   */
  secrets?: string[];
}

export const REDACTED = "[…]";

function redact(body: string, secrets: string[]): string {
  return secrets.filter((x) => x.length > 0).reduce((text, secret) => text.split(secret).join(REDACTED), body);
}

let transport: Transporter | null | undefined;
function smtp(): Transporter | null {
  if (transport === undefined) {
    transport = process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : null;
  }
  return transport;
}

const FROM = process.env.MAIL_FROM ?? "Kyoto Reporting <no-reply@kyoto-reporting.invalid>";

/**
 * Every message is kept in the outbox (admins read it in the app), its secrets redacted. With
 * SMTP_URL set it is also sent; with MAIL_DIR set (development, browser tests) the message as
 * sent is written there as `<id>.json`. A delivery failure is recorded on the message, never
 * thrown at the user.
 */
export async function sendMail(mail: Mail): Promise<number> {
  const db = getDb();
  const { secrets = [], ...stored } = mail;
  const row = db
    .insert(outboxMessages)
    .values({ ...stored, body: redact(mail.body, secrets) })
    .returning({ id: outboxMessages.id })
    .get();
  const dir = process.env.MAIL_DIR;
  if (dir) {
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, `${row.id}.json`), JSON.stringify({ id: row.id, to: mail.to, subject: mail.subject, body: mail.body, kind: mail.kind }));
    if (!smtp()) db.update(outboxMessages).set({ sentAt: new Date() }).where(eq(outboxMessages.id, row.id)).run();
  }
  const t = smtp();
  if (t) {
    try {
      await t.sendMail({ from: FROM, to: mail.to, subject: mail.subject.replace(/[\r\n]+/g, " "), text: mail.body });
      db.update(outboxMessages).set({ sentAt: new Date() }).where(eq(outboxMessages.id, row.id)).run();
    } catch (error) {
      db.update(outboxMessages)
        .set({ error: error instanceof Error ? error.message : String(error) })
        .where(eq(outboxMessages.id, row.id))
        .run();
    }
  }
  return row.id;
}

export async function listOutbox(limit = 200) {
  return getDb()
    .select()
    .from(outboxMessages)
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit)
    .all();
}
