import { sendMail } from "#app/mail/outbox.server.ts";
import { i18next } from "#app/utils/i18n.server.ts";
import { publicOrigin } from "#app/utils/env.server.ts";

/** Every link in every e-mail starts here: the configured origin, never the request's Host. */
function origin(): string {
  return publicOrigin();
}

/** The invitation e-mail, in the invitee's language. */
export async function sendInvitationMail(to: { email: string; name: string; language: string }, token: string, inviterName: string) {
  const t = await i18next.getFixedT(to.language);
  const link = `${origin()}/set-password/${token}`;
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "invitation",
    subject: t("email.invitationSubject"),
    body: t("email.invitationBody", { name: to.name, inviter: inviterName, link, days: 7 }),
  });
}

export async function sendPasswordResetMail(to: { email: string; language: string }, token: string) {
  const t = await i18next.getFixedT(to.language);
  const link = `${origin()}/set-password/${token}`;
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "password_reset",
    subject: t("email.resetSubject"),
    body: t("email.resetBody", { link, minutes: 60 }),
  });
}

/** A reminder to a focal point, in the recipient's language. */
export async function sendReminderMail(
  to: { email: string; name: string; language: string; stateIso3: string },
  cycle: { id: number; title: string; deadline: string },
) {
  const t = await i18next.getFixedT(to.language);
  const deadline = new Intl.DateTimeFormat(to.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${cycle.deadline}T00:00:00Z`));
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "reminder",
    cycleId: cycle.id,
    stateIso3: to.stateIso3,
    subject: t("email.reminderSubject", { cycle: cycle.title }),
    body: t("email.reminderBody", { name: to.name, cycle: cycle.title, deadline, link: `${origin()}/reports` }),
  });
}

/** Tells a State's focal points that the secretariat asked for clarification. */
export async function sendClarificationMail(to: { email: string; name: string; language: string }, reportId: number, cycleTitle: string) {
  const t = await i18next.getFixedT(to.language);
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "clarification",
    subject: t("email.clarificationSubject", { cycle: cycleTitle }),
    body: t("email.clarificationBody", { name: to.name, cycle: cycleTitle, link: `${origin()}/reports/${reportId}` }),
  });
}
