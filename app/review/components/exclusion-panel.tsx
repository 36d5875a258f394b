import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, FieldError, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { EXCLUSION_KINDS, EXCLUSION_NOTE_MAX, ExclusionSchema, type ExclusionState } from "#app/insights/exclusion.ts";

/**
 * On the review page: whether the report counts in the insights, and the one way to leave it
 * out (a duplicate, a test, another reason written down) or to put it back (with a reason).
 * The form opens as a confirmation step (`?exclusion=1`, a link: no JavaScript needed) that says
 * what excluding does; both changes are audited.
 */
export function ExclusionPanel({ exclusion, open, lastResult }: { exclusion: ExclusionState | null; open: boolean; lastResult?: SubmissionResult<string[]> | null }) {
  const { t, i18n } = useTranslation();
  const intent = exclusion ? "include" : "exclude";
  const [form, fields] = useForm<{ intent: string; kind?: string; note?: string }>({
    id: `exclusion-${intent}`,
    lastResult,
    constraint: getZodConstraint(ExclusionSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ExclusionSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const showForm = open || Boolean(lastResult?.error);
  const done = useSearchParams()[0].get("done");
  const date = exclusion ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(exclusion.at)) : "";
  const kindField = fields.kind;
  const noteField = fields.note;
  const summary = summaryItems([
    [kindField, t("exclusion.kindLegend")],
    [noteField, exclusion ? t("exclusion.includeNoteLabel") : t("exclusion.noteLabel")],
  ]);
  return (
    <section id="exclusion" className="panel" aria-labelledby="exclusion-h">
      <h2 id="exclusion-h">{t("exclusion.title")}</h2>
      {done === "excluded" || done === "included" ? (
        <p className="notice notice--ok" role="status">
          {t(`exclusion.done.${done}`)}
        </p>
      ) : null}
      {exclusion ? (
        <p>
          <span className="tag tag--excluded">{t("exclusion.excludedTag")}</span>{" "}
          {t("exclusion.excludedSince", { date, by: exclusion.by ?? "—" })} {t(`exclusion.kinds.${exclusion.kind}`)}
          {exclusion.note ? <> — “{exclusion.note}”</> : null}
        </p>
      ) : (
        <p>{t("exclusion.counted")}</p>
      )}
      {!showForm ? (
        <p>
          <Link to="?exclusion=1#exclusion" className="button button--secondary">
            {exclusion ? t("exclusion.includeLink") : t("exclusion.excludeLink")}
          </Link>
        </p>
      ) : (
        <>
          <p>{exclusion ? t("exclusion.includeExplain") : t("exclusion.excludeExplain")}</p>
          <ErrorSummary items={summary} />
          {form.errors?.length ? (
            <div className="error-summary" role="alert">
              <p>{form.errors.map((e) => t(e)).join(" ")}</p>
            </div>
          ) : null}
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value={intent} />
            {exclusion ? null : (
              <fieldset className={`field${kindField.errors?.length ? " field--error" : ""}`} aria-describedby={kindField.errors?.length ? `${kindField.id}-error` : undefined}>
                <legend className="field__label">{t("exclusion.kindLegend")}</legend>
                <FieldError id={`${kindField.id}-error`} errors={kindField.errors} />
                {EXCLUSION_KINDS.map((k, i) => (
                  <div className="choice" key={k}>
                    <input type="radio" id={i === 0 ? kindField.id : `${kindField.id}-${k}`} name={kindField.name} value={k} defaultChecked={kindField.initialValue === k} required />
                    <label htmlFor={i === 0 ? kindField.id : `${kindField.id}-${k}`}>{t(`exclusion.kindOptions.${k}`)}</label>
                  </div>
                ))}
              </fieldset>
            )}
            <div className={`field${noteField.errors?.length ? " field--error" : ""}`}>
              <label htmlFor={noteField.id} className="field__label">
                {exclusion ? t("exclusion.includeNoteLabel") : t("exclusion.noteLabel")}
              </label>
              <p id={`${noteField.id}-hint`} className="hint">
                {exclusion ? t("exclusion.includeNoteHint") : t("exclusion.noteHint", { max: EXCLUSION_NOTE_MAX })}
              </p>
              <FieldError id={`${noteField.id}-error`} errors={noteField.errors} />
              <textarea
                {...withoutKey(getTextareaProps(noteField))}
                rows={3}
                maxLength={EXCLUSION_NOTE_MAX}
                required={Boolean(exclusion)}
                aria-describedby={[`${noteField.id}-hint`, noteField.errors?.length ? `${noteField.id}-error` : null].filter(Boolean).join(" ")}
              />
            </div>
            <div className="button-row">
              <button type="submit" className="button">
                {exclusion ? t("exclusion.includeConfirm") : t("exclusion.excludeConfirm")}
              </button>
              <Link to=".">{t("exclusion.cancel")}</Link>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
