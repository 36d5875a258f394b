import { desc, eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getDb } from "#db/client.ts";
import { outboxMessages } from "#db/schema/index.ts";

export interface Mail {
  to: string;
  subject: string;
  body: string;
  language: string;
  kind: "invitation" | "password_reset" | "reminder" | "clarification";
  cycleId?: number;
  stateIso3?: string;
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
 * Every message is kept in the outbox (admins read it in the app). With SMTP_URL set it is
 * also sent; a delivery failure is recorded on the message, never thrown at the user.
 */
export async function sendMail(mail: Mail): Promise<number> {
  const db = getDb();
  const row = db.insert(outboxMessages).values(mail).returning({ id: outboxMessages.id }).get();
  const t = smtp();
  if (t) {
    try {
      await t.sendMail({ from: FROM, to: mail.to, subject: mail.subject, text: mail.body });
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

export async function countOutbox(): Promise<number> {
  return getDb().select({ n: sql<number>`count(*)` }).from(outboxMessages).get()!.n;
}
