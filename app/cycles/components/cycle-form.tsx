import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary, FieldError, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { CycleSchema, type CycleForm as CycleFormValues } from "#app/cycles/schemas.ts";
import { CYCLE_STATUSES } from "#app/cycles/cycle-status.ts";

export interface CycleFormOptions {
  versions: { id: number; label: string }[];
  pillars: { number: number; title: string }[];
  themes: { number: number; title: string }[];
}

type Defaults = Partial<Record<"title" | "versionId" | "scopeKind" | "paragraphs" | "opensOn" | "deadline" | "status", string>> & {
  pillars?: string[];
  themes?: string[];
};

/** Create or edit a reporting cycle. Works without JavaScript; validates as you go with it. */
export function CycleForm({ options, defaults, lastResult, submitLabel }: { options: CycleFormOptions; defaults: Defaults; lastResult?: SubmissionResult<string[]> | null; submitLabel: string }) {
  const { t } = useTranslation();
  const [form, fields] = useForm<CycleFormValues>({
    id: "cycle",
    lastResult,
    defaultValue: defaults,
    constraint: getZodConstraint(CycleSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CycleSchema }),
    shouldValidate: "onBlur",
  });
  const names = ["title", "versionId", "scopeKind", "pillars", "themes", "paragraphs", "opensOn", "deadline", "status"] as const;
  const summary = summaryItems(names.map((k) => [fields[k], t(`cycles.fields.${k}`)]));
  const chosen = (value: unknown, n: number) => (Array.isArray(value) ? value.map(String).includes(String(n)) : String(value) === String(n));
  return (
    <>
      <ErrorSummary items={summary} />
      <Form method="post" {...getFormProps(form)} className="form-grid">
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
              <label htmlFor={i === 0 ? fields.scopeKind.id : `${fields.scopeKind.id}-${k}`}>{t(`cycles.scope.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend className="field__label" id={fields.pillars.id}>
            {t("cycles.fields.pillars")}
          </legend>
          <FieldError id={`${fields.pillars.id}-error`} errors={fields.pillars.errors} />
          {options.pillars.map((p) => (
            <div className="choice" key={p.number}>
              <input type="checkbox" id={`pillar-${p.number}`} name={fields.pillars.name} value={p.number} defaultChecked={chosen(fields.pillars.initialValue, p.number)} />
              <label htmlFor={`pillar-${p.number}`}>{p.title}</label>
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
                <label htmlFor={`theme-${th.number}`}>{th.title}</label>
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
