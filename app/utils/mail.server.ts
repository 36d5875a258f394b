import { sendMail } from "#app/models/outbox.server.ts";
import { i18next } from "./i18n.server.ts";

function origin(request: Request): string {
  return process.env.PUBLIC_URL ?? new URL(request.url).origin;
}

/** The invitation e-mail, in the invitee's language. */
export async function sendInvitationMail(request: Request, to: { email: string; name: string; language: string }, token: string, inviterName: string) {
  const t = await i18next.getFixedT(to.language);
  const link = `${origin(request)}/set-password/${token}`;
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "invitation",
    subject: t("email.invitationSubject"),
    body: t("email.invitationBody", { name: to.name, inviter: inviterName, link, days: 7 }),
  });
}

export async function sendPasswordResetMail(request: Request, to: { email: string; language: string }, token: string) {
  const t = await i18next.getFixedT(to.language);
  const link = `${origin(request)}/set-password/${token}`;
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "password_reset",
    subject: t("email.resetSubject"),
    body: t("email.resetBody", { link, minutes: 60 }),
  });
}
