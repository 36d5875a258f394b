import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, FieldError, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { SectionSchema } from "#app/drafting/schemas.ts";

export interface SectionEditorData {
  draft: { id: number; title: string; lang: string };
  section: { id: number; key: string; heading: string; revision: number; text: string; edited: boolean; changes: { key: string; label: string; old: string; new: string }[] | null };
  revisions: { revision: number; text: string | null; at: string; byName: string | null }[];
}

type SaveReply = { saved?: boolean; revision?: number; result?: SubmissionResult<string[]>; conflict?: { revision: number; text: string | null } };

/**
 * One section's text: a plain form that posts and returns to the draft without JavaScript;
 * with JavaScript, saved as you type (one request at a time, the revision carried along) and
 * announced in a live region. A stale revision shows the stored text instead of overwriting it.
 * conform + zod on both sides: a refused post comes back with what was typed, and its error.
 */
export function SectionEditor({ d, reply }: { d: SectionEditorData; reply?: SaveReply }) {
  const { t, i18n } = useTranslation();
  const fetcher = useFetcher<SaveReply>();
  const [revision, setRevision] = useState(d.section.revision);
  const [status, setStatus] = useState<"idle" | "dirty" | "saving" | "saved" | "problem">("idle");
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pending = useRef(false);
  const conflict = reply?.conflict ?? fetcher.data?.conflict ?? null;
  const [form, fields] = useForm({
    id: "section",
    lastResult: reply?.result,
    defaultValue: { text: d.section.text },
    constraint: getZodConstraint(SectionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SectionSchema }),
    shouldValidate: "onSubmit",
  });

  useEffect(() => {
    if (fetcher.state !== "idle" || !fetcher.data) return;
    pending.current = false;
    if (fetcher.data.saved && fetcher.data.revision) {
      setRevision(fetcher.data.revision);
      setStatus("saved");
      setSavedAt(new Date());
    } else {
      setStatus("problem");
    }
  }, [fetcher.state, fetcher.data]);

  const save = () => {
    if (!formRef.current || pending.current) return;
    const form = new FormData(formRef.current);
    form.set("autosave", "1");
    pending.current = true;
    setStatus("saving");
    fetcher.submit(form, { method: "post" });
  };
  const onInput = () => {
    setStatus("dirty");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(save, 1200);
  };
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  // A refused revision (its field is hidden) is explained against the text.
  const textErrors = [...(fields.text.errors ?? []), ...(fields.revision.errors ?? [])];
  const items = summaryItems([[{ id: fields.text.id, errors: textErrors }, t("drafting.sectionText")]]);
  const time = (date: Date) => new Intl.DateTimeFormat(i18n.language, { timeStyle: "short" }).format(date);
  return (
    <>
      <p className="muted">
        <Link to={`/drafting/${d.draft.id}#section-${d.section.id}`}>{d.draft.title}</Link>
      </p>
      <h1>{t("drafting.editSection", { heading: d.section.heading })}</h1>
      <ErrorSummary items={items} />
      {conflict ? (
        <div className="notice" role="alert">
          <p>{t("drafting.conflict")}</p>
          <p className="muted">{t("drafting.storedText")}</p>
          <pre className="draft-conflict" lang={d.draft.lang} dir="auto">{conflict.text ?? t("drafting.asGenerated")}</pre>
        </div>
      ) : null}
      {d.section.changes ? (
        <div className="notice">
          <p>{t("drafting.changedFigures")}</p>
          <ul>
            {d.section.changes.map((c) => (
              <li key={c.key}>{t("drafting.changeLine", { label: c.label, old: c.old, new: c.new })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" ref={formRef} {...getFormProps(form)} className="stack">
        <input type="hidden" name="revision" value={conflict ? conflict.revision : revision} />
        <div className="field">
          <label htmlFor={fields.text.id}>{t("drafting.sectionText")}</label>
          <p className="hint" id="section-text-hint">
            {t("drafting.sectionHint")}
          </p>
          <FieldError id={fields.text.errorId} errors={textErrors.length ? textErrors : null} />
          <textarea
            {...withoutKey(getTextareaProps(fields.text))}
            rows={16}
            lang={d.draft.lang}
            dir="auto"
            onInput={onInput}
            aria-describedby={textErrors.length ? `section-text-hint ${fields.text.errorId}` : "section-text-hint"}
            aria-invalid={textErrors.length ? true : undefined}
          />
        </div>
        <p className="autosave-status" role="status" aria-live="polite">
          {status === "saving" ? t("drafting.saving") : status === "dirty" ? t("drafting.unsaved") : status === "problem" ? t("drafting.saveProblem") : savedAt ? t("drafting.savedAt", { time: time(savedAt) }) : ""}
        </p>
        <button type="submit" className="button">
          {t("drafting.saveSection")}
        </button>
      </Form>
      <h2>{t("drafting.revisions")}</h2>
      {d.revisions.length === 0 ? (
        <p>{t("drafting.noRevisions")}</p>
      ) : (
        <ol reversed className="revisions">
          {d.revisions.map((r) => (
            <li key={r.revision}>
              <details>
                <summary>{t("drafting.revisionLine", { revision: r.revision, name: r.byName ?? "—", date: new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(r.at)) })}</summary>
                <pre lang={d.draft.lang} dir="auto">{r.text ?? t("drafting.asGenerated")}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
