/**
 * Notices by e-mail about a report, each in its recipient's language: the submission receipt
 * (to the State's focal points and its Permanent Mission's address, if the State profile has one), a clarification
 * request (with a link straight to each open question) and a completed review.
 */
import { focalPointsOf, type Thread } from "#app/review/review.server.ts";
import { getMemberState } from "#app/states/member-states.server.ts";
import { sendClarificationMail, sendReviewCompleteMail, sendSubmissionReceiptMail } from "#app/mail/mail.server.ts";
import { receiptNumber } from "#app/reporting/receipt.ts";
import { localText } from "#app/questionnaires/labels.ts";
import type { ReportContext, Submission } from "#app/reporting/reports.server.ts";
import { reportParts } from "#app/reporting/report-section.ts";
import { getStateProfile } from "#app/states/profile.server.ts";
import { i18next } from "#app/utils/i18n.server.ts";

async function stateName(iso3: string, lang: string): Promise<string> {
  return (await getMemberState(iso3, lang))?.name ?? iso3;
}

export async function noticeSubmitted(ctx: ReportContext, submission: Submission): Promise<number> {
  const recipients: { email: string; name: string; language: string }[] = await focalPointsOf([ctx.report.stateIso3]);
  // The State's Permanent Mission, when its profile gives an address: in the language chosen for it.
  const mission = getStateProfile(ctx.report.stateIso3, "en")?.mission;
  if (mission?.email && !recipients.some((r) => r.email.toLowerCase() === mission.email!.toLowerCase())) {
    const t = await i18next.getFixedT(mission.language);
    recipients.push({ email: mission.email, language: mission.language, name: t("stateProfile.missionName", { state: await stateName(ctx.report.stateIso3, mission.language) }) });
  }
  for (const to of recipients) {
    await sendSubmissionReceiptMail(to, {
      reportId: ctx.report.id,
      cycleId: ctx.cycle.id,
      stateIso3: ctx.report.stateIso3,
      stateName: await stateName(ctx.report.stateIso3, to.language),
      cycleTitle: ctx.cycle.title,
      number: receiptNumber(ctx.report.stateIso3, ctx.cycle.id, submission.id),
      submittedAt: submission.submittedAt,
      submittedByName: submission.submittedByName,
      contentHash: submission.contentHash,
    });
  }
  return recipients.length;
}

export async function noticeClarification(ctx: ReportContext, openThreads: Pick<Thread, "questionId" | "paragraphRef">[]): Promise<number> {
  const recipients = await focalPointsOf([ctx.report.stateIso3]);
  const questions = new Map(reportParts(ctx).flatMap((p) => p.questions.map((q) => [q.id, { paragraphRef: p.ref, key: q.key, label: q.label }] as const)));
  const seen = new Set<string>();
  const open = openThreads.filter((th) => questions.has(th.questionId) && !seen.has(th.questionId) && seen.add(th.questionId));
  for (const to of recipients) {
    const links = open.map((th) => {
      const q = questions.get(th.questionId)!;
      return {
        paragraphRef: q.paragraphRef,
        questionKey: q.key,
        label: localText(q.label, to.language).text,
      };
    });
    await sendClarificationMail(to, ctx.report.id, ctx.cycle.title, links, ctx.report.stateIso3);
  }
  return recipients.length;
}

export async function noticeReviewComplete(ctx: ReportContext): Promise<number> {
  const recipients = await focalPointsOf([ctx.report.stateIso3]);
  for (const to of recipients) {
    await sendReviewCompleteMail(to, {
      reportId: ctx.report.id,
      cycleId: ctx.cycle.id,
      stateIso3: ctx.report.stateIso3,
      stateName: await stateName(ctx.report.stateIso3, to.language),
      cycleTitle: ctx.cycle.title,
    });
  }
  return recipients.length;
}
