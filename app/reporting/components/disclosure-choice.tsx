/**
 * The ONE consent control of a narrative answer: who may read this text — the secretariat only
 * (the default), also the Commission's Member States, or also the public. Part of the paragraph
 * form (`disclose.<question key>`), saved with the answer by the page's post and by autosave;
 * shown read-only, with a link to change it, on the check page. Vocabulary:
 * app/reporting/disclosure.ts.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { DISCLOSURE_CHOICES, type Disclosure } from "#app/reporting/disclosure.ts";

/** The radio group under a narrative answer on the paragraph page. */
export function DisclosureChoice({ questionKey, value, goodPractice }: { questionKey: string; value: Disclosure; goodPractice: boolean }) {
  const { t } = useTranslation();
  const id = `disclose-${questionKey}`;
  return (
    <fieldset className="field disclosure-choice" id={id} aria-describedby={`${id}-hint`} data-disclosure={questionKey}>
      <legend className="field__label">{t("consent.legend")}</legend>
      <p className="hint" id={`${id}-hint`}>
        {goodPractice ? t("consent.hintGoodPractice") : t("consent.hint")}
      </p>
      <div className="choices-inline">
        {DISCLOSURE_CHOICES.map((level) => (
          <div className="choice" key={level}>
            <input type="radio" id={`${id}-${level}`} name={`disclose.${questionKey}`} value={level} defaultChecked={level === value} />
            <label htmlFor={`${id}-${level}`}>{t(`consent.choices.${level}`)}</label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** Read-only: who may read the answer, with a link to change it while the report may be edited. */
export function DisclosureSummary({ level, change, label }: { level: Disclosure; change: string | null; label: string }) {
  const { t } = useTranslation();
  return (
    <span className="disclosure-summary">
      {" "}
      — <span className="muted">{t(`consent.summary.${level}`)}</span>
      {change ? (
        <>
          {" "}
          <Link to={change}>
            {t("consent.change")}
            <span className="visually-hidden"> {t("consent.changeFor", { question: label })}</span>
          </Link>
        </>
      ) : null}
    </span>
  );
}
