import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { FieldError, type SummaryItem } from "#app/components/ui/form.tsx";

type Schema = Parameters<typeof parseWithZod>[1]["schema"];

/** What an action answers when it refuses a button form (`refusedButtonForm` on the server). */
export interface ButtonFormReply {
  result: SubmissionResult<string[]>;
  form: string;
}

/** The refused button form's reply, when `reply` is one. */
export function buttonFormReply(reply: unknown): ButtonFormReply | null {
  if (!reply || typeof reply !== "object") return null;
  const r = reply as Partial<ButtonFormReply>;
  return typeof r.form === "string" && r.result && typeof r.result === "object" ? (r as ButtonFormReply) : null;
}

/** The error summary's item for a refused button form (the error is the form's, not a field's). */
export function buttonFormSummary(reply: unknown, label: string): SummaryItem[] {
  const r = buttonFormReply(reply);
  const message = r?.result.error?.[""]?.[0];
  return r && message ? [{ fieldId: r.form, label, message }] : [];
}

/**
 * A form of hidden fields (and perhaps a select) with one button. The browser checks it with the
 * schema the server parses (conform `useForm`); without JavaScript it posts as it is. A refusal
 * for this form (`reply.form === id`) shows beside the button.
 */
export function ButtonForm({
  id,
  schema,
  reply,
  hidden,
  className,
  children,
}: {
  id: string;
  schema: Schema;
  reply?: unknown;
  hidden: Record<string, string | number>;
  className?: string;
  children: ReactNode;
}) {
  const mine = buttonFormReply(reply);
  const [form] = useForm({
    id,
    lastResult: mine?.form === id ? mine.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className={className}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {/* Its fields are hidden: every error (the form's, or a field's from the browser's check) shows here. */}
      <FieldError id={form.errorId} errors={[...new Set(Object.values(form.allErrors).flat())]} />
      {children}
    </Form>
  );
}
