import { useEffect, useRef } from "react";
import { useTranslation } from "#app/utils/translation.tsx";

/**
 * An error message: an i18n key (from a zod schema) with optional parameters. Conform carries
 * errors as strings, so a key may bring one value as `key|value` (shown as {{value}}).
 */
export type ErrorMessage = string | { key: string; params?: Record<string, string | number> };

export function useErrorText() {
  const { t } = useTranslation();
  return (e: ErrorMessage) => {
    if (typeof e !== "string") return t(e.key, e.params);
    const [key, value] = e.split("|");
    return value === undefined ? t(key!) : t(key!, { value });
  };
}

export interface SummaryItem {
  fieldId: string;
  label: string;
  message: ErrorMessage;
}

/**
 * GOV.UK-style error summary at the top of a form: a heading, one link per problem to its
 * field, and focus moved here when it appears so screen readers announce it.
 */
export function ErrorSummary({ items, title }: { items: SummaryItem[]; title?: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const ref = useRef<HTMLDivElement>(null);
  const signature = items.map((i) => i.fieldId).join(",");
  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{title ?? t("form.errorSummaryTitle")}</h2>
      <ul>
        {items.map((i) => (
          <li key={i.fieldId}>
            <a href={`#${i.fieldId}`}>
              {i.label}: {errorText(i.message)}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The summary items of conform fields that have an error, each with its label. */
export function summaryItems(entries: [{ id: string; errors?: string[] }, string][]): SummaryItem[] {
  return entries.flatMap(([field, label]) => (field.errors?.length ? [{ fieldId: field.id, label, message: field.errors[0]! }] : []));
}

export function FieldError({ id, errors }: { id: string; errors?: ErrorMessage[] | null }) {
  const errorText = useErrorText();
  if (!errors?.length) return null;
  return (
    <p id={id} className="field-error">
      {errors.map(errorText).join(" ")}
    </p>
  );
}

interface InputFieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  id: string;
  label: string;
  hint?: string;
  errors?: ErrorMessage[] | null;
}

/** A labelled input with its hint and error wired to aria-describedby. */
export function InputField({ id, label, hint, errors, ...input }: InputFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${errors?.length ? " field--error" : ""}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} errors={errors} />
      <input id={id} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy} {...input} />
    </div>
  );
}

/** Conform's input props without `key` (React warns when a key is spread into JSX). */
export function withoutKey<T extends { key?: unknown }>(props: T): Omit<T, "key"> {
  const { key: _key, ...rest } = props;
  return rest;
}
