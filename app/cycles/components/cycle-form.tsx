import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, FieldError, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { CycleSchema, type CycleForm as CycleFormValues } from "#app/cycles/schemas.ts";
import { CYCLE_STATUSES } from "#app/cycles/cycle-status.ts";
import { useState } from "react";
import { questionsWhere, scopeCount, type ScopeChoice, type ScopeParagraph } from "#app/cycles/scope-count.ts";

export interface CycleFormOptions {
  versions: { id: number; label: string }[];
  pillars: { number: number; title: string }[];
  themes: { number: number; title: string }[];
  /** Action paragraphs of the newest version with their question counts (the burden of a scope). */
  paragraphs: ScopeParagraph[];
}

type Defaults = Partial<Record<"title" | "versionId" | "scopeKind" | "paragraphs" | "opensOn" | "deadline" | "periodStart" | "status", string>> & {
  pillars?: string[];
  themes?: string[];
};

/** Create or edit a reporting cycle. Works without JavaScript; validates as you go with it. */
export function CycleForm({
  options,
  defaults,
  lastResult,
  submitLabel,
  periodHint,
}: {
  options: CycleFormOptions;
  defaults: Defaults;
  lastResult?: SubmissionResult<string[]> | null;
  submitLabel: string;
  /** What an empty period start becomes (the previous cycle's deadline, or the adoption), formatted. */
  periodHint: string | null;
}) {
  const { t, i18n } = useTranslation();
  const [form, fields] = useForm<CycleFormValues>({
    id: "cycle",
    lastResult,
    defaultValue: defaults,
    constraint: getZodConstraint(CycleSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CycleSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const names = ["title", "versionId", "scopeKind", "pillars", "themes", "paragraphs", "opensOn", "deadline", "periodStart", "status"] as const;
  const summary = summaryItems(names.map((k) => [fields[k], t(`cycles.fields.${k}`)]));
  const chosen = (value: unknown, n: number) => (Array.isArray(value) ? value.map(String).includes(String(n)) : String(value) === String(n));
  const asList = (value: unknown) => (Array.isArray(value) ? value.map(String) : value === undefined || value === null || value === "" ? [] : [String(value)]);
  const [choice, setChoice] = useState<ScopeChoice>(() => ({
    kind: String(fields.scopeKind.initialValue ?? "all"),
    pillars: asList(fields.pillars.initialValue),
    themes: asList(fields.themes.initialValue),
    paragraphs: String(fields.paragraphs.initialValue ?? ""),
  }));
  const count = scopeCount(options.paragraphs, choice);
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  const recount = (formElement: HTMLFormElement) => {
    const data = new FormData(formElement);
    setChoice({
      kind: String(data.get(fields.scopeKind.name) ?? "all"),
      pillars: data.getAll(fields.pillars.name).map(String),
      themes: data.getAll(fields.themes.name).map(String),
      paragraphs: String(data.get(fields.paragraphs.name) ?? ""),
    });
  };
  return (
    <>
      <ErrorSummary items={summary} />
      <Form method="post" {...getFormProps(form)} className="form-grid" onChange={(e) => recount(e.currentTarget)}>
        <InputField {...withoutKey(getInputProps(fields.title, { type: "text" }))} id={fields.title.id} label={t("cycles.fields.title")} hint={t("cycles.titleHint")} errors={fields.title.errors} />
        <div className="field">
          <label htmlFor={fields.versionId.id} className="field__label">
            {t("cycles.fields.versionId")}
          </label>
          <FieldError id={`${fields.versionId.id}-error`} errors={fields.versionId.errors} />
          <select {...withoutKey(getSelectProps(fields.versionId))} id={fields.versionId.id}>
            {options.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="field" aria-describedby={fields.scopeKind.errors?.length ? `${fields.scopeKind.id}-error` : undefined}>
          <legend className="field__label">{t("cycles.fields.scopeKind")}</legend>
          <FieldError id={`${fields.scopeKind.id}-error`} errors={fields.scopeKind.errors} />
          {(["all", "pillars", "themes", "paragraphs"] as const).map((k, i) => (
            <div className="choice" key={k}>
              <input
                type="radio"
                id={i === 0 ? fields.scopeKind.id : `${fields.scopeKind.id}-${k}`}
                name={fields.scopeKind.name}
                value={k}
                defaultChecked={(fields.scopeKind.initialValue ?? "all") === k}
              />
              <label htmlFor={i === 0 ? fields.scopeKind.id : `${fields.scopeKind.id}-${k}`}>
                {t(`cycles.scope.${k}`)}
                {k === "all" ? ` (${t("cycleScope.questions", { count: questionsWhere(options.paragraphs, () => true), formatted: fmt(questionsWhere(options.paragraphs, () => true)) })})` : null}
              </label>
            </div>
          ))}
          <p className="hint cycle-scope-count" role="status" aria-live="polite">
            {t("cycleScope.total", { count: count.questions, questions: fmt(count.questions), paragraphs: fmt(count.paragraphs) })}
          </p>
        </fieldset>
        <fieldset className="field">
          <legend className="field__label" id={fields.pillars.id}>
            {t("cycles.fields.pillars")}
          </legend>
          <FieldError id={`${fields.pillars.id}-error`} errors={fields.pillars.errors} />
          {options.pillars.map((p) => (
            <div className="choice" key={p.number}>
              <input type="checkbox" id={`pillar-${p.number}`} name={fields.pillars.name} value={p.number} defaultChecked={chosen(fields.pillars.initialValue, p.number)} />
              <label htmlFor={`pillar-${p.number}`}>
                {p.title} ({t("cycleScope.questions", { count: questionsWhere(options.paragraphs, (x) => x.pillar === p.number), formatted: fmt(questionsWhere(options.paragraphs, (x) => x.pillar === p.number)) })})
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend className="field__label" id={fields.themes.id}>
            {t("cycles.fields.themes")}
          </legend>
          <FieldError id={`${fields.themes.id}-error`} errors={fields.themes.errors} />
          <div className="choices-columns">
            {options.themes.map((th) => (
              <div className="choice" key={th.number}>
                <input type="checkbox" id={`theme-${th.number}`} name={fields.themes.name} value={th.number} defaultChecked={chosen(fields.themes.initialValue, th.number)} />
                <label htmlFor={`theme-${th.number}`}>
                  {th.title} ({t("cycleScope.questions", { count: questionsWhere(options.paragraphs, (x) => x.theme === th.number), formatted: fmt(questionsWhere(options.paragraphs, (x) => x.theme === th.number)) })})
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <InputField
          {...withoutKey(getInputProps(fields.paragraphs, { type: "text" }))}
          id={fields.paragraphs.id}
          label={t("cycles.fields.paragraphs")}
          hint={t("cycles.paragraphsHint")}
          errors={fields.paragraphs.errors}
        />
        <InputField {...withoutKey(getInputProps(fields.opensOn, { type: "date" }))} id={fields.opensOn.id} label={t("cycles.fields.opensOn")} errors={fields.opensOn.errors} />
        <InputField {...withoutKey(getInputProps(fields.deadline, { type: "date" }))} id={fields.deadline.id} label={t("cycles.fields.deadline")} errors={fields.deadline.errors} />
        <InputField
          {...withoutKey(getInputProps(fields.periodStart, { type: "date" }))}
          id={fields.periodStart.id}
          label={t("cycles.fields.periodStart")}
          hint={periodHint ? t("period.hint", { date: periodHint }) : t("period.hintNoDefault")}
          errors={fields.periodStart.errors}
        />
        <div className="field">
          <label htmlFor={fields.status.id} className="field__label">
            {t("cycles.fields.status")}
          </label>
          <FieldError id={`${fields.status.id}-error`} errors={fields.status.errors} />
          <select {...withoutKey(getSelectProps(fields.status))} id={fields.status.id}>
            {CYCLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`cycles.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit" className="button">
            {submitLabel}
          </button>
        </div>
      </Form>
    </>
  );
}
