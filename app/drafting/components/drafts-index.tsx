import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "#app/components/ui/form.tsx";
import { ChoiceSelect } from "#app/components/ui/choice-select.tsx";
import { TableScroll } from "#app/components/ui/table-scroll.tsx";

export interface DraftsIndexData {
  manage: boolean;
  drafts: { id: number; title: string; kind: string; lang: string; cycleTitle: string; generatedAt: string; releasedAt: string | null; meetingDate: string | null }[];
  cycles: { id: number; title: string; submitted: number }[];
  pillars: { number: number; label: string }[];
  themes: { number: number; pillar: number | null; label: string }[];
}

const LANGS = ["en", "fr", "es", "ru", "zh", "ar"] as const;

export function DraftsIndex({ d, errors }: { d: DraftsIndexData; errors?: Record<string, string[]> }) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
  const labels: Record<string, string> = { cycleId: t("drafting.cycle"), kind: t("drafting.kind"), lang: t("drafting.language"), pillar: t("drafting.pillar"), themes: t("drafting.themes"), title: t("drafting.meetingTitle"), meetingDate: t("drafting.meetingDate") };
  const items = Object.entries(errors ?? {}).map(([field, messages]) => ({ fieldId: `draft-${field}`, label: labels[field] ?? field, message: messages[0]! }));
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
          <Form method="post" className="stack">
            <div className="field">
              <label htmlFor="draft-cycleId">{labels.cycleId}</label>
              <select id="draft-cycleId" name="cycleId" required aria-invalid={errors?.cycleId ? true : undefined}>
                {d.cycles.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title} ({t("drafting.submittedCount", { count: c.submitted })})
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="field">
              <legend id="draft-kind">{labels.kind}</legend>
              <label>
                <input type="radio" name="kind" value="report" defaultChecked /> {t("drafting.kinds.report")}
              </label>
              <label>
                <input type="radio" name="kind" value="meeting_pack" /> {t("drafting.kinds.meeting_pack")}
              </label>
            </fieldset>
            <div className="field">
              <label htmlFor="draft-lang">{labels.lang}</label>
              <select id="draft-lang" name="lang" defaultValue={LANGS.includes(i18n.language as (typeof LANGS)[number]) ? i18n.language : "en"}>
                {LANGS.map((l) => (
                  <option key={l} value={l}>
                    {t(`drafting.langs.${l}`)}
                  </option>
                ))}
              </select>
            </div>
            <ChoiceSelect className="field" id="draft-pillar" name="pillar" label={t("drafting.pillar")} emptyLabel={t("drafting.allPillars")} invalid={Boolean(errors?.pillar)} options={d.pillars.map((p) => ({ value: p.number, label: p.label }))} />
            <details>
              <summary>{t("drafting.chooseThemes")}</summary>
              <fieldset className="field">
                <legend id="draft-themes">{labels.themes}</legend>
                {d.themes.map((th) => (
                  <label key={th.number} className="checkbox">
                    <input type="checkbox" name="themes" value={th.number} /> {th.number}. {th.label}
                  </label>
                ))}
              </fieldset>
            </details>
            <div className="field">
              <label htmlFor="draft-title">{labels.title}</label>
              <p className="hint">{t("drafting.meetingTitleHint")}</p>
              <input id="draft-title" name="title" type="text" maxLength={300} aria-invalid={errors?.title ? true : undefined} />
            </div>
            <div className="field">
              <label htmlFor="draft-meetingDate">{labels.meetingDate}</label>
              <p className="hint">{t("drafting.meetingDateHint")}</p>
              <input id="draft-meetingDate" name="meetingDate" type="date" aria-invalid={errors?.meetingDate ? true : undefined} />
            </div>
            <button type="submit" className="button">
              {t("drafting.generate")}
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
