import { sendMail } from "#app/mail/outbox.server.ts";
import { i18next } from "#app/utils/i18n.server.ts";
import { publicOrigin } from "#app/utils/env.server.ts";

/**
 * Text a user typed (a name, a cycle title) as one line: line breaks and other control
 * characters become spaces, so nobody writes their own paragraphs or headers into our mail.
 */
export function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]+/gu, " ").replace(/ {2,}/g, " ").trim();
}

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
    subject: oneLine(t("email.invitationSubject")),
    body: t("email.invitationBody", { name: oneLine(to.name), inviter: oneLine(inviterName), link, days: 7 }),
    secrets: [token],
  });
}

export async function sendPasswordResetMail(to: { email: string; language: string }, token: string) {
  const t = await i18next.getFixedT(to.language);
  const link = `${origin()}/set-password/${token}`;
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "password_reset",
    subject: oneLine(t("email.resetSubject")),
    body: t("email.resetBody", { link, minutes: 60 }),
    secrets: [token],
  });
}

/** A reminder to a focal point, in the recipient's language. */
export async function sendReminderMail(
  to: { email: string; name: string; language: string; stateIso3: string },
  cycle: { id: number; title: string; deadline: string },
) {
  const t = await i18next.getFixedT(to.language);
  const deadline = new Intl.DateTimeFormat(to.language, {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(`${cycle.deadline}T00:00:00Z`));
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "reminder",
    cycleId: cycle.id,
    stateIso3: to.stateIso3,
    subject: oneLine(t("email.reminderSubject", { cycle: oneLine(cycle.title) })),
    body: t("email.reminderBody", { name: oneLine(to.name), cycle: oneLine(cycle.title), deadline, link: `${origin()}/reports` }),
  });
}

/** One open question of the secretariat, labelled in the recipient's language. */
export interface QuestionLink {
  paragraphRef: string;
  questionKey: string;
  label: string;
}

/** Tells a State's focal points that the secretariat asked for clarification, with a link straight to each question. */
export async function sendClarificationMail(
  to: { email: string; name: string; language: string },
  reportId: number,
  cycleTitle: string,
  questions: QuestionLink[] = [],
  stateIso3?: string,
) {
  const t = await i18next.getFixedT(to.language);
  const links = questions.map(
    (q) =>
      `• ${t("journey.mail.questionLine", {
        ref: q.paragraphRef,
        label: q.label,
      })}\n  ${origin()}/reports/${reportId}/${q.paragraphRef}#q-${q.questionKey}`,
  );
  const link = links.length > 0 ? links.join("\n\n") : `${origin()}/reports/${reportId}`;
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "clarification",
    stateIso3,
    subject: oneLine(t("email.clarificationSubject", { cycle: oneLine(cycleTitle) })),
    body: t("email.clarificationBody", { name: oneLine(to.name), cycle: oneLine(cycleTitle), link }),
  });
}

/** The receipt of a submission, to the State's focal points. */
export async function sendSubmissionReceiptMail(
  to: { email: string; name: string; language: string },
  receipt: { reportId: number; cycleId: number; stateIso3: string; stateName: string; cycleTitle: string; number: string; submittedAt: Date; submittedByName: string; contentHash: string },
) {
  const t = await i18next.getFixedT(to.language);
  const when = new Intl.DateTimeFormat(to.language, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(receipt.submittedAt);
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "submission_receipt",
    cycleId: receipt.cycleId,
    stateIso3: receipt.stateIso3,
    subject: oneLine(t("journey.mail.receiptSubject", { state: receipt.stateName, cycle: oneLine(receipt.cycleTitle), number: receipt.number })),
    body: t("journey.mail.receiptBody", {
      name: oneLine(to.name),
      state: receipt.stateName,
      cycle: oneLine(receipt.cycleTitle),
      number: receipt.number,
      when,
      by: oneLine(receipt.submittedByName),
      hash: receipt.contentHash,
      link: `${origin()}/reports/${receipt.reportId}/print`,
    }),
  });
}

/** The secretariat completed its review of a report. */
export async function sendReviewCompleteMail(
  to: { email: string; name: string; language: string },
  report: { reportId: number; cycleId: number; stateIso3: string; stateName: string; cycleTitle: string },
) {
  const t = await i18next.getFixedT(to.language);
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "review_complete",
    cycleId: report.cycleId,
    stateIso3: report.stateIso3,
    subject: oneLine(t("journey.mail.reviewCompleteSubject", { state: report.stateName, cycle: oneLine(report.cycleTitle) })),
    body: t("journey.mail.reviewCompleteBody", { name: oneLine(to.name), state: report.stateName, cycle: oneLine(report.cycleTitle), link: `${origin()}/reports/${report.reportId}` }),
  });
}

/** The focal point's daily digest: the paragraphs contributors marked ready since the last one. */
export async function sendHandoverDigestMail(
  to: { email: string; name: string; language: string; stateIso3: string },
  stateName: string,
  items: { reportId: number; cycleTitle: string; paragraphRef: string; readyAt: Date; readyByName: string }[],
) {
  const t = await i18next.getFixedT(to.language);
  const when = new Intl.DateTimeFormat(to.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const lines = items.map(
    (i) =>
      `• ${t("handover.mail.line", { ref: i.paragraphRef, cycle: oneLine(i.cycleTitle), by: oneLine(i.readyByName), when: when.format(i.readyAt) })}\n  ${origin()}/reports/${i.reportId}/${i.paragraphRef}`,
  );
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "handover_digest",
    stateIso3: to.stateIso3,
    subject: oneLine(t("handover.mail.subject", { count: items.length, state: stateName })),
    body: t("handover.mail.body", { name: oneLine(to.name), count: items.length, list: lines.join("\n\n"), link: `${origin()}/reports/${items[0]!.reportId}` }),
  });
}

/** Tells a contributor which paragraphs the focal point assigned to them. */
export async function sendAssignmentMail(
  to: { email: string; name: string; language: string },
  a: { reportId: number; cycleTitle: string; stateIso3: string; refs: string[]; byName: string },
) {
  const t = await i18next.getFixedT(to.language);
  const list = a.refs.map((ref) => `• ${t("paragraph.title", { ref })}\n  ${origin()}/reports/${a.reportId}/${ref}`).join("\n");
  return sendMail({
    to: to.email,
    language: to.language,
    kind: "assignment",
    stateIso3: a.stateIso3,
    subject: oneLine(t("assign.mail.subject", { count: a.refs.length, cycle: oneLine(a.cycleTitle) })),
    body: t("assign.mail.body", { name: oneLine(to.name), by: oneLine(a.byName), count: a.refs.length, cycle: oneLine(a.cycleTitle), list, link: `${origin()}/reports/${a.reportId}` }),
  });
}
