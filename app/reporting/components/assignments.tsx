/** The focal point's assignment form and the current assignments (issue 14, finding 4). */
import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, FieldError, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { AssignSchema } from "#app/reporting/handover.ts";

export interface AssignmentsData {
  themes: { number: number; title: string; refs: string[] }[];
  paragraphs: { ref: string; theme: string | null; assignedTo: string | null; ready: boolean }[];
  contributors: { id: number; name: string }[];
}

export function AssignForm({ data, lastResult }: { data: AssignmentsData; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "assign",
    lastResult,
    constraint: getZodConstraint(AssignSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <>
      <ErrorSummary
        items={summaryItems([
          [fields.target, t("assign.what")],
          [fields.assignee, t("assign.who")],
        ])}
      />
      <Form method="post" {...getFormProps(form)} className="assign-form">
        <div className="field">
          <label className="field__label" htmlFor={fields.target.id}>
            {t("assign.what")}
          </label>
          <select {...withoutKey(getSelectProps(fields.target))} defaultValue="">
            <option value="" disabled>
              {t("assign.choose")}
            </option>
            <optgroup label={t("assign.themes")}>
              {data.themes.map((th) => (
                <option key={th.number} value={`t:${th.number}`}>
                  {t("assign.themeOption", { title: th.title, count: th.refs.length })}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("assign.paragraphs")}>
              {data.paragraphs.map((p) => (
                <option key={p.ref} value={`p:${p.ref}`}>
                  {t("paragraph.title", { ref: p.ref })}
                </option>
              ))}
            </optgroup>
          </select>
          <FieldError id={fields.target.errorId} errors={fields.target.errors} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={fields.assignee.id}>
            {t("assign.who")}
          </label>
          <select {...withoutKey(getSelectProps(fields.assignee))} defaultValue="none">
            <option value="none">{t("assign.nobody")}</option>
            {data.contributors.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError id={fields.assignee.errorId} errors={fields.assignee.errors} />
        </div>
        <button type="submit" className="button">
          {t("assign.submit")}
        </button>
      </Form>
    </>
  );
}

export function AssignmentsTable({ data }: { data: AssignmentsData }) {
  const { t } = useTranslation();
  return (
    <table className="table table--stack">
      <caption>{t("assign.tableCaption")}</caption>
      <thead>
        <tr>
          <th scope="col">{t("assign.paragraph")}</th>
          <th scope="col">{t("assign.theme")}</th>
          <th scope="col">{t("assign.assignedTo")}</th>
        </tr>
      </thead>
      <tbody>
        {data.paragraphs.map((p) => (
          <tr key={p.ref}>
            <td data-label={t("assign.paragraph")}>{t("paragraph.title", { ref: p.ref })}</td>
            <td data-label={t("assign.theme")}>{p.theme ?? "—"}</td>
            <td data-label={t("assign.assignedTo")}>
              {p.assignedTo ?? <span className="muted">{t("assign.nobody")}</span>}
              {p.ready ? (
                <>
                  {" "}
                  <span className="tag tag--ready">{t("handover.readyTag")}</span>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
