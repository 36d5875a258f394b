import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ErrorSummary, FieldError, InputField, summaryItems, withoutKey } from "#app/components/ui/form.tsx";
import { TableScroll } from "#app/components/ui/table-scroll.tsx";
import { DRAFT_LANGS, GenerateSchema } from "#app/drafting/schemas.ts";

export interface DraftsIndexData {
  manage: boolean;
  drafts: { id: number; title: string; kind: string; lang: string; cycleTitle: string; generatedAt: string; releasedAt: string | null; meetingDate: string | null }[];
  cycles: { id: number; title: string; submitted: number }[];
  pillars: { number: number; label: string }[];
  themes: { number: number; pillar: number | null; label: string }[];
}

/** The drafts, and for the secretariat the form to generate one (conform + zod on both sides; works without JavaScript). */
export function DraftsIndex({ d, lastResult }: { d: DraftsIndexData; lastResult?: SubmissionResult<string[]> }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
  const [form, fields] = useForm({
    id: "draft",
    lastResult,
    defaultValue: { kind: "report", lang: (DRAFT_LANGS as readonly string[]).includes(i18n.language) ? i18n.language : "en" },
    constraint: getZodConstraint(GenerateSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: GenerateSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const labels = { cycleId: t("drafting.cycle"), kind: t("drafting.kind"), lang: t("drafting.language"), pillar: t("drafting.pillar"), themes: t("drafting.themes"), title: t("drafting.meetingTitle"), meetingDate: t("drafting.meetingDate") };
  // A theme refused on its own is an error of "themes[n]": all of them belong to the one list.
  const themeErrors = Object.values(fields.themes.allErrors).flat();
  const items = summaryItems((Object.keys(labels) as (keyof typeof labels)[]).map((k) => [k === "themes" ? { id: fields.themes.id, errors: themeErrors } : fields[k], labels[k]]));
  const chosenThemes = new Set(Array.isArray(fields.themes.initialValue) ? fields.themes.initialValue.map(String) : fields.themes.initialValue ? [String(fields.themes.initialValue)] : []);
  return (
    <>
      <h1>{t("drafting.title")}</h1>
      <p className="lead">{d.manage ? t("drafting.leadSecretariat") : t("drafting.leadCommission")}</p>
      {d.drafts.length === 0 ? (
        <p>{t("drafting.none")}</p>
      ) : (
        <TableScroll label={t("drafting.listCaption")}>
        <table className="data-table">
          <caption>{t("drafting.listCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("drafting.draftTitle")}</th>
              <th scope="col">{t("drafting.cycle")}</th>
              <th scope="col">{t("drafting.kind")}</th>
              <th scope="col">{t("drafting.language")}</th>
              <th scope="col">{t("drafting.generatedAt")}</th>
              <th scope="col">{t("drafting.released")}</th>
            </tr>
          </thead>
          <tbody>
            {d.drafts.map((x) => (
              <tr key={x.id}>
                <td dir="auto">
                  <Link to={`/drafting/${x.id}`}>{x.title}</Link>
                </td>
                <td dir="auto">{x.cycleTitle}</td>
                <td>{t(`drafting.kinds.${x.kind}`)}</td>
                <td>{x.lang}</td>
                <td>{date(x.generatedAt)}</td>
                <td>{x.releasedAt ? date(x.releasedAt) : t("drafting.notReleased")}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableScroll>
      )}
      {d.manage ? (
        <section aria-labelledby="generate-title">
          <h2 id="generate-title">{t("drafting.generateTitle")}</h2>
          <ErrorSummary items={items} />
          <Form method="post" {...getFormProps(form)} className="stack">
            <div className={`field${fields.cycleId.errors ? " field--error" : ""}`}>
              <label htmlFor={fields.cycleId.id}>{labels.cycleId}</label>
              <FieldError id={fields.cycleId.errorId} errors={fields.cycleId.errors} />
              <select {...withoutKey(getSelectProps(fields.cycleId))}>
                {d.cycles.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title} ({t("drafting.submittedCount", { count: c.submitted })})
                  </option>
                ))}
              </select>
            </div>
            <fieldset className={`field${fields.kind.errors ? " field--error" : ""}`} id={fields.kind.id} aria-describedby={fields.kind.errors ? fields.kind.errorId : undefined}>
              <legend>{labels.kind}</legend>
              <FieldError id={fields.kind.errorId} errors={fields.kind.errors} />
              {(["report", "meeting_pack"] as const).map((k) => (
                <label key={k}>
                  <input {...withoutKey(getInputProps(fields.kind, { type: "radio", value: k }))} id={undefined} /> {t(`drafting.kinds.${k}`)}
                </label>
              ))}
            </fieldset>
            <div className={`field${fields.lang.errors ? " field--error" : ""}`}>
              <label htmlFor={fields.lang.id}>{labels.lang}</label>
              <FieldError id={fields.lang.errorId} errors={fields.lang.errors} />
              <select {...withoutKey(getSelectProps(fields.lang))}>
                {DRAFT_LANGS.map((l) => (
                  <option key={l} value={l}>
                    {t(`drafting.langs.${l}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className={`field${fields.pillar.errors ? " field--error" : ""}`}>
              <label htmlFor={fields.pillar.id}>{labels.pillar}</label>
              <FieldError id={fields.pillar.errorId} errors={fields.pillar.errors} />
              <select {...withoutKey(getSelectProps(fields.pillar))}>
                <option value="">{t("drafting.allPillars")}</option>
                {d.pillars.map((p) => (
                  <option key={p.number} value={p.number}>
                    {p.label}
                  </option>
                ))}
              </select>
            </div>
            <details open={chosenThemes.size > 0 || themeErrors.length > 0}>
              <summary>{t("drafting.chooseThemes")}</summary>
              <fieldset className={`field${themeErrors.length ? " field--error" : ""}`} id={fields.themes.id} tabIndex={-1} aria-describedby={themeErrors.length ? fields.themes.errorId : undefined}>
                <legend>{labels.themes}</legend>
                <FieldError id={fields.themes.errorId} errors={themeErrors} />
                {d.themes.map((th) => (
                  <label key={th.number} className="checkbox">
                    <input type="checkbox" name={fields.themes.name} value={th.number} defaultChecked={chosenThemes.has(String(th.number))} /> {th.number}. {th.label}
                  </label>
                ))}
              </fieldset>
            </details>
            <InputField {...withoutKey(getInputProps(fields.title, { type: "text" }))} id={fields.title.id} label={labels.title} hint={t("drafting.meetingTitleHint")} errors={fields.title.errors} />
            <InputField {...withoutKey(getInputProps(fields.meetingDate, { type: "date" }))} id={fields.meetingDate.id} label={labels.meetingDate} hint={t("drafting.meetingDateHint")} errors={fields.meetingDate.errors} />
            <button type="submit" className="button">
              {t("drafting.generate")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
