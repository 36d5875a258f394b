/**
 * "Confirm unchanged": answers carried over from an earlier cycle count in the charts only once
 * the State confirms them. A plain form post to /reports/:id/confirm (works without
 * JavaScript); the count comes back in the URL and is announced by `ConfirmedNotice`.
 */
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";

/** One paragraph's button (task list row or paragraph page). */
export function ConfirmParagraphButton({ reportId, paragraph, from }: { reportId: number; paragraph: string; from: "tasks" | "paragraph" }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action={`/reports/${reportId}/confirm`} className="inline-form">
      <input type="hidden" name="paragraph" value={paragraph} />
      <input type="hidden" name="from" value={from} />
      <button type="submit" className="button button--secondary button--small" aria-label={t("carryOver.confirmParagraphLabel", { ref: paragraph })}>
        {t("carryOver.confirmParagraph")}
      </button>
    </Form>
  );
}

/** The task list's box: how many answers are carried over, and one button for all of them. */
export function ConfirmAllUnchanged({ reportId, answers, paragraphs, toCheck }: { reportId: number; answers: number; paragraphs: number; toCheck: number }) {
  const { t } = useTranslation();
  if (answers === 0 && toCheck === 0) return null;
  return (
    <section className="panel carried-over" aria-labelledby="carried-over-h">
      <h2 id="carried-over-h">{t("carryOver.title")}</h2>
      {answers > 0 ? (
        <>
          <p>{t("carryOver.intro", { answers: t("carryOver.answers", { count: answers }), paragraphs: t("carryOver.paragraphs", { count: paragraphs }) })}</p>
          <Form method="post" action={`/reports/${reportId}/confirm`}>
            <input type="hidden" name="from" value="tasks" />
            <button type="submit" className="button button--secondary">
              {t("carryOver.confirmAll")}
            </button>
          </Form>
        </>
      ) : null}
      {toCheck > 0 ? <p className="hint">{t("carryOver.toCheck", { count: toCheck })}</p> : null}
    </section>
  );
}

/** What a confirmation did ("12 answers in 4 paragraphs confirmed"), announced politely. */
export function ConfirmedNotice({ notice }: { notice: { answers: number; paragraphs: number; toCheck: number } | null }) {
  const { t } = useTranslation();
  if (!notice) return null;
  return (
    <div className="notice notice--ok" role="status">
      <p>
        {notice.answers === 0
          ? t("carryOver.noneConfirmed")
          : t("carryOver.confirmed", { answers: t("carryOver.answers", { count: notice.answers }), paragraphs: t("carryOver.paragraphs", { count: notice.paragraphs }) })}{" "}
        {notice.answers > 0 ? t("carryOver.countsAfterSubmission") : null}
      </p>
      {notice.toCheck > 0 ? <p>{t("carryOver.toCheck", { count: notice.toCheck })}</p> : null}
    </div>
  );
}
