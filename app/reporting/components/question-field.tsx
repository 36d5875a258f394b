import { useState } from "react";
import { useTranslation } from "#app/utils/translation.tsx";
import { formatLinks, recordFieldName, type AnswerValue, type FieldError as FieldErrorValue, type LinkValue, type RecordValue } from "#app/reporting/answer-values.ts";
import type { PresentedQuestion } from "#app/questionnaires/present-question.ts";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";
import { useErrorText } from "#app/components/ui/form.tsx";
import { yesNoKey } from "#app/reporting/yes-no.ts";
import { MAX_TEXT_LENGTH } from "#app/reporting/answer-values.ts";

export function fieldId(key: string) {
  return `q-${key}`;
}

interface Props {
  question: PresentedQuestion;
  value: AnswerValue;
  revision: number;
  error?: FieldErrorValue | null;
  prefilledFrom?: string | null;
  /** The prefilled answer was given to a differently worded question of an earlier version. */
  prefillReview?: boolean;
  disabled?: boolean;
}

/** One question of the paragraph form, rendered by its type. Plain inputs: they post without JavaScript. */
export function QuestionField({ question: q, value, revision, error, prefilledFrom, prefillReview, disabled }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = fieldId(q.key);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hintId, error ? errorId : null].filter(Boolean).join(" ");
  const requirement = q.required ? (
    <span className="required"> ({t("question.required")})</span>
  ) : q.requiredWhen ? (
    <span className="required"> ({t("question.requiredIf", { question: q.requiredWhen.question, value: q.requiredWhen.value })})</span>
  ) : null;
  const hint = (
    <div id={hintId} className="hint">
      {q.help ? <LocalTextSpan value={q.help} as="p" /> : null}
      {q.source && q.source.words ? (
        <p>
          {t("question.source")} <q lang="en">{q.source.words}</q>
        </p>
      ) : null}
      {q.type === "links" ? <p>{t("question.linksHint", { max: q.maxItems })}</p> : null}
      {prefilledFrom ? <p className="tag tag--prefilled">{t("question.prefilledFrom", { cycle: prefilledFrom })}</p> : null}
      {prefilledFrom && prefillReview ? <p className="tag tag--review">{t("measure.prefillReview")}</p> : null}
    </div>
  );
  const errorLine = error ? (
    <p id={errorId} className="field-error">
      {errorText(error)}
    </p>
  ) : null;
  const revisionInput = <input type="hidden" name={`rev.${q.key}`} defaultValue={revision} key={`rev-${q.key}-${revision}`} />;
  const className = `field question${error ? " field--error" : ""}`;

  if (q.type === "single_choice" || q.type === "yes_no" || q.type === "multiple_choice") {
    const options =
      q.type === "yes_no"
        ? ["yes", "no", ...q.extraAnswers].map((value) => ({ value, label: { text: t(yesNoKey(value)), lang: "", fallback: false }, exclusive: false, hint: null }))
        : (q.options ?? []);
    const multiple = q.type === "multiple_choice";
    const selected = new Set(Array.isArray(value) ? (value as string[]) : value ? [String(value)] : []);
    return (
      <fieldset className={className} aria-describedby={describedBy} data-question={q.key}>
        <legend className="field__label">
          <LocalTextSpan value={q.label} />
          {requirement}
        </legend>
        {hint}
        {errorLine}
        {revisionInput}
        <div className={multiple && options.length > 5 ? "choices-columns" : undefined}>
          {options.map((o, i) => {
            const optionId = i === 0 ? id : `${id}-${o.value}`;
            return (
              <div className="choice" key={o.value}>
                <input
                  type={multiple ? "checkbox" : "radio"}
                  id={optionId}
                  name={q.key}
                  value={o.value}
                  defaultChecked={selected.has(o.value)}
                  disabled={disabled}
                  data-exclusive={multiple && o.exclusive ? "" : undefined}
                  onChange={multiple ? (e) => enforceExclusive(e.currentTarget, o.exclusive) : undefined}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={o.hint ? `${optionId}-hint` : undefined}
                />
                <div className="choice__text">
                  <label htmlFor={optionId}>{o.label.lang ? <LocalTextSpan value={o.label} /> : o.label.text}</label>
                  {o.hint ? <LocalTextSpan value={o.hint} as="p" id={`${optionId}-hint`} className="hint choice__hint" /> : null}
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    );
  }

  if (q.type === "records") {
    return (
      <fieldset className={className} aria-describedby={describedBy} data-question={q.key}>
        <legend className="field__label">
          <LocalTextSpan value={q.label} />
          {requirement}
        </legend>
        {hint}
        {errorLine}
        {revisionInput}
        <RecordRows question={q} value={value} id={id} invalid={Boolean(error)} disabled={disabled} />
      </fieldset>
    );
  }

  if (q.type === "ranking") {
    const chosen = Array.isArray(value) ? (value as string[]) : [];
    const ranks = q.maxItems ?? 3;
    return (
      <fieldset className={className} aria-describedby={describedBy} data-question={q.key}>
        <legend className="field__label">
          <LocalTextSpan value={q.label} />
          {requirement}
        </legend>
        {hint}
        {errorLine}
        {revisionInput}
        <ol className="ranking">
          {Array.from({ length: ranks }, (_, i) => (
            <li key={i} className="ranking__rank">
              <label htmlFor={i === 0 ? id : `${id}-${i + 1}`}>{t("ranking.rank", { rank: i + 1 })}</label>{" "}
              <select id={i === 0 ? id : `${id}-${i + 1}`} name={q.key} defaultValue={chosen[i] ?? ""} disabled={disabled} aria-invalid={error ? true : undefined}>
                <option value="">{t("ranking.none")}</option>
                {(q.options ?? []).map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label.text}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ol>
      </fieldset>
    );
  }

  const text = q.type === "links" ? formatLinks(value as LinkValue[] | null) : typeof value === "string" ? value : "";
  return (
    <div className={className} data-question={q.key}>
      <label htmlFor={id} className="field__label">
        <LocalTextSpan value={q.label} />
        {requirement}
      </label>
      {hint}
      {errorLine}
      {revisionInput}
      {q.type === "text" ? (
        <CountedTextarea id={id} name={q.key} defaultValue={text} maxLength={q.maxLength ?? MAX_TEXT_LENGTH} describedBy={describedBy} invalid={Boolean(error)} disabled={disabled} />
      ) : (
        <textarea
          id={id}
          name={q.key}
          defaultValue={text}
          rows={3}
          dir="ltr"
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          disabled={disabled}
          spellCheck={false}
        />
      )}
    </div>
  );
}

/** A textarea with a character count (the limit is enforced on the server, not by truncation). */
function CountedTextarea(props: { id: string; name: string; defaultValue: string; maxLength: number; describedBy: string; invalid: boolean; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const [length, setLength] = useState(props.defaultValue.length);
  const over = length > props.maxLength;
  const fmt = new Intl.NumberFormat(i18n.language);
  return (
    <>
      <textarea
        id={props.id}
        name={props.name}
        defaultValue={props.defaultValue}
        rows={5}
        aria-describedby={`${props.describedBy} ${props.id}-count`}
        aria-invalid={props.invalid || over ? true : undefined}
        disabled={props.disabled}
        onInput={(e) => setLength(e.currentTarget.value.length)}
      />
      <p id={`${props.id}-count`} className={over ? "field-error char-count" : "hint char-count"}>
        {t("question.charCount", { count: length, used: fmt.format(length), max: fmt.format(props.maxLength) })}
      </p>
    </>
  );
}

/**
 * "None" excludes the other answers of a list: with JavaScript, ticking it clears the others and
 * ticking another clears it. Without JavaScript the server refuses the combination with a clear error.
 */
function enforceExclusive(input: HTMLInputElement, exclusive: boolean) {
  if (!input.checked || !input.form) return;
  const group = Array.from(input.form.querySelectorAll<HTMLInputElement>(`input[type="checkbox"][name="${CSS.escape(input.name)}"]`));
  for (const other of group) {
    if (other === input) continue;
    if (exclusive || other.hasAttribute("data-exclusive")) other.checked = false;
  }
}

const INPUT_TYPE: Record<string, string> = { text: "text", year: "text", date: "date", link: "url", email: "email", phone: "tel", number: "text" };

/**
 * The rows of a records question (legal references, an indicator, a contact): the rows saved so
 * far and one empty row more, up to the limit; a row left empty is no row. Without JavaScript,
 * saving the page offers the next empty row.
 */
function RecordRows({ question: q, value, id, invalid, disabled }: { question: PresentedQuestion; value: AnswerValue; id: string; invalid: boolean; disabled?: boolean }) {
  const { t } = useTranslation();
  const rows = Array.isArray(value) ? (value as RecordValue[]) : [];
  const max = q.maxItems ?? 1;
  const shown = Math.min(max, rows.length + 1);
  const fields = q.fields ?? [];
  return (
    <div className="records">
      {Array.from({ length: shown }, (_, i) => (
        <div key={i} className="records__row" role={max > 1 ? "group" : undefined} aria-label={max > 1 ? t("records.row", { row: i + 1 }) : undefined}>
          {max > 1 ? <p className="records__number">{t("records.row", { row: i + 1 })}</p> : null}
          {fields.map((f, j) => {
            const inputId = i === 0 && j === 0 ? id : `${id}-${i}-${f.key}`;
            return (
              <div className={`records__field records__field--${f.kind}`} key={f.key}>
                <label htmlFor={inputId}>
                  <LocalTextSpan value={f.label} />
                </label>
                <input
                  id={inputId}
                  name={recordFieldName(q.key, i, f.key)}
                  type={INPUT_TYPE[f.kind] ?? "text"}
                  inputMode={f.kind === "year" || f.kind === "number" ? "numeric" : undefined}
                  dir={f.kind === "link" || f.kind === "email" || f.kind === "phone" || f.kind === "date" ? "ltr" : undefined}
                  size={f.kind === "year" ? 6 : undefined}
                  defaultValue={rows[i]?.[f.key] ?? ""}
                  disabled={disabled}
                  aria-invalid={invalid ? true : undefined}
                />
              </div>
            );
          })}
        </div>
      ))}
      {max > 1 ? <p className="hint">{shown < max ? t("records.moreAfterSave", { max }) : t("records.limit", { max })}</p> : null}
    </div>
  );
}
