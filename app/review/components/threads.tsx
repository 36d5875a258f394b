import type { SubmissionResult } from "@conform-to/react";
import { Form, useFetcher, useLocation } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { FieldError } from "#app/components/ui/form.tsx";
import { MAX_COMMENT } from "#app/review/comment-limits.ts";
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
              <CommentForm
                id={`reply-form-${th.id}`}
                textareaId={`reply-${th.id}`}
                action={action}
                hidden={{ intent: "reply", threadId: String(th.id), redirectTo: here }}
                label={t("threads.reply")}
                submit={t("threads.sendReply")}
                rows={2}
              />
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
          <CommentForm
            id={`new-form-${questionId}`}
            textareaId={`new-${questionId}`}
            action={action}
            hidden={{ intent: "comment", questionId, paragraphRef, redirectTo: here }}
            label={t("threads.newComment")}
            submit={t("threads.send")}
            rows={3}
          />
        </details>
      ) : null}
    </div>
  );
}

/**
 * A comment or reply form. The server parses it (conform + zod, CommentSchema) and answers a
 * refused comment with conform's reply (`SubmissionResult`); this form only shows that reply,
 * so the questionnaire page carries neither a schema library nor conform's client (about
 * 9.5 KB of gzipped JavaScript). The browser checks `required` and `maxLength` itself. With
 * JavaScript it posts through a fetcher, so a refused comment shows its error under the field
 * and keeps the text; without, the comments route's page shows the form again (`lastResult`).
 */
export function CommentForm({
  id,
  textareaId = `${id}-body`,
  action,
  hidden,
  label,
  submit,
  rows,
  lastResult,
}: {
  id: string;
  textareaId?: string;
  action: string;
  hidden: Record<string, string>;
  label: string;
  submit: string;
  rows: number;
  lastResult?: SubmissionResult<string[]>;
}) {
  const fetcher = useFetcher<{ result: SubmissionResult<string[]> }>();
  const result = fetcher.data?.result ?? lastResult;
  const errors = [...(result?.error?.[""] ?? []), ...(result?.error?.body ?? [])];
  const sent = result?.initialValue?.body;
  const errorId = `${textareaId}-error`;
  return (
    <fetcher.Form method="post" action={action} id={id} className={errors.length ? "field--error" : undefined}>
      {Object.entries(hidden).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <label htmlFor={textareaId} className="field__label">
        {label}
      </label>
      <FieldError id={errorId} errors={errors} />
      <textarea
        id={textareaId}
        name="body"
        rows={rows}
        required
        maxLength={MAX_COMMENT}
        defaultValue={typeof sent === "string" ? sent : undefined}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={errors.length ? errorId : undefined}
        data-no-autosave
      />
      <button type="submit" className="button button--secondary" disabled={fetcher.state !== "idle"}>
        {submit}
      </button>
    </fetcher.Form>
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
