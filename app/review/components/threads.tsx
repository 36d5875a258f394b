import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { mayResolve } from "#app/review/thread-sides.ts";

export interface ThreadView {
  id: number;
  questionId: string;
  resolved: boolean;
  /** Whether the viewer's side opened the thread (only that side resolves it). */
  canResolve: boolean;
  comments: { id: number; authorName: string; authorRole: string; body: string; createdAt: string }[];
}

/** The comment threads on one answer, with reply and resolve forms (plain posts). */
export function Threads({ reportId, questionId, paragraphRef, threads, canComment }: { reportId: number; questionId: string; paragraphRef: string; threads: ThreadView[]; canComment: boolean }) {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  const action = `/reports/${reportId}/comments`;
  return (
    <div className="threads">
      {threads.map((th) => (
        <section key={th.id} className={`thread${th.resolved ? " thread--resolved" : ""}`} aria-label={t("threads.threadLabel")}>
          <p className="thread__state">
            <span className={`tag tag--${th.resolved ? "complete" : "clarification_requested"}`}>{th.resolved ? t("threads.resolved") : t("threads.open")}</span>
          </p>
          <ol className="thread__comments">
            {th.comments.map((c) => (
              <li key={c.id}>
                <p className="thread__meta">
                  <strong>{c.authorName}</strong> ({t(`roles.${c.authorRole}`)}) · {fmt.format(new Date(c.createdAt))} UTC
                </p>
                <p className="thread__body">{c.body}</p>
              </li>
            ))}
          </ol>
          {canComment ? (
            <div className="thread__actions">
              <Form method="post" action={action}>
                <input type="hidden" name="intent" value="reply" />
                <input type="hidden" name="threadId" value={th.id} />
                <input type="hidden" name="redirectTo" value={here} />
                <label htmlFor={`reply-${th.id}`} className="field__label">
                  {t("threads.reply")}
                </label>
                <textarea id={`reply-${th.id}`} name="body" rows={2} required maxLength={5000} data-no-autosave />
                <button type="submit" className="button button--secondary">
                  {t("threads.sendReply")}
                </button>
              </Form>
              {!th.resolved && th.canResolve ? (
                <Form method="post" action={action}>
                  <input type="hidden" name="intent" value="resolve" />
                  <input type="hidden" name="threadId" value={th.id} />
                  <input type="hidden" name="redirectTo" value={here} />
                  <button type="submit" className="link-button">
                    {t("threads.resolve")}
                  </button>
                </Form>
              ) : null}
            </div>
          ) : null}
        </section>
      ))}
      {canComment ? (
        <details className="thread__new">
          <summary>{t("threads.ask")}</summary>
          <Form method="post" action={action}>
            <input type="hidden" name="intent" value="comment" />
            <input type="hidden" name="questionId" value={questionId} />
            <input type="hidden" name="paragraphRef" value={paragraphRef} />
            <input type="hidden" name="redirectTo" value={here} />
            <label htmlFor={`new-${questionId}`} className="field__label">
              {t("threads.newComment")}
            </label>
            <textarea id={`new-${questionId}`} name="body" rows={3} required maxLength={5000} data-no-autosave />
            <button type="submit" className="button button--secondary">
              {t("threads.send")}
            </button>
          </Form>
        </details>
      ) : null}
    </div>
  );
}

export function threadsView(
  threads: { id: number; questionId: string; resolvedAt: Date | null; openedByRole: string; comments: { id: number; authorName: string; authorRole: string; body: string; createdAt: Date }[] }[],
  viewerRole: string,
): ThreadView[] {
  return threads.map((th) => ({
    id: th.id,
    questionId: th.questionId,
    resolved: th.resolvedAt !== null,
    canResolve: mayResolve(th.openedByRole, viewerRole),
    comments: th.comments.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
  }));
}
