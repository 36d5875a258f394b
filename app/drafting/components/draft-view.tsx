import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ButtonForm, buttonFormSummary } from "#app/components/ui/button-form.tsx";
import { ErrorSummary } from "#app/components/ui/form.tsx";
import { DraftIntentSchema } from "#app/drafting/schemas.ts";
import type { SectionView } from "#app/drafting/types.ts";

export interface DraftViewData {
  version: "internal" | "public";
  draft: { id: number; title: string; kind: string; lang: string; cycleId: number; cycleTitle: string; meetingDate: string | null; generatedAt: string; releasedAt: string | null };
  sections: SectionView[];
  presentPillars: number[];
}

/** Paragraphs of an edited text: blank lines separate them. */
function paragraphsOf(text: string): string[] {
  return text.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
}

/** The draft; `reply` is the action's refusal of one of its buttons, if any. */
export function DraftView({ d, flash, reply }: { d: DraftViewData; flash: string | null; reply?: unknown }) {
  const { t, i18n } = useTranslation();
  const internal = d.version === "internal";
  const base = `/drafting/${d.draft.id}`;
  const when = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso));
  return (
    <article className="draft" lang={d.draft.lang} dir={d.draft.lang === "ar" ? "rtl" : "ltr"}>
      <p className="muted" lang={i18n.language}>
        <Link to="/drafting">{t("drafting.title")}</Link>
      </p>
      {internal ? <p className="draft-internal-mark">{t("drafting.t.internalMark")}</p> : null}
      <h1 dir="auto">{d.draft.title}</h1>
      <p className="muted" lang={i18n.language}>
        {t(`drafting.kinds.${d.draft.kind}`)} · <span dir="auto">{d.draft.cycleTitle}</span> · {t("drafting.generatedOn", { date: when(d.draft.generatedAt) })} ·{" "}
        {d.draft.releasedAt ? t("drafting.releasedOn", { date: when(d.draft.releasedAt) }) : t("drafting.notReleased")}
      </p>
      {flash ? (
        <div className="notice" role="status" lang={i18n.language}>
          {flash}
        </div>
      ) : null}
      <div lang={i18n.language}>
        <ErrorSummary items={buttonFormSummary(reply, t("drafting.documentActions"))} />
      </div>
      <nav aria-label={t("drafting.documentActions")} className="draft-actions" lang={i18n.language}>
        <ul className="inline-list">
          {internal ? (
            <>
              <li>
                <a href={`${base}/docx?version=internal`}>{t("drafting.downloadInternal")}</a>
              </li>
              <li>
                <a href={`${base}/docx?version=public`}>{t("drafting.downloadPublic")}</a>
              </li>
              <li>
                <Link to={`${base}/print?version=internal`}>{t("drafting.printInternal")}</Link>
              </li>
              <li>
                <Link to={`${base}/print?version=public`}>{t("drafting.printPublic")}</Link>
              </li>
            </>
          ) : (
            <>
              <li>
                <a href={`${base}/docx`}>{t("drafting.download")}</a>
              </li>
              <li>
                <Link to={`${base}/print`}>{t("drafting.print")}</Link>
              </li>
            </>
          )}
          {d.draft.kind === "meeting_pack"
            ? d.presentPillars.map((p) => (
                <li key={p}>
                  <Link to={`/insights/${d.draft.cycleId}/present?pillar=${p}`}>{t("drafting.present", { pillar: p })}</Link>
                </li>
              ))
            : null}
        </ul>
      </nav>
      {internal ? (
        <div className="draft-controls" id="draft-actions" tabIndex={-1} lang={i18n.language}>
          <ButtonForm id="draft-regenerate" schema={DraftIntentSchema} reply={reply} hidden={{ intent: "regenerate" }}>
            <button type="submit" className="button">
              {t("drafting.regenerate")}
            </button>
          </ButtonForm>
          <ButtonForm id="draft-release" schema={DraftIntentSchema} reply={reply} hidden={{ intent: d.draft.releasedAt ? "withdraw" : "release" }}>
            <button type="submit" className="button button--secondary">
              {d.draft.releasedAt ? t("drafting.withdraw") : t("drafting.release")}
            </button>
          </ButtonForm>
          <p className="hint">{t("drafting.releaseHint")}</p>
        </div>
      ) : null}
      {d.sections.map((s) => (
        <DraftSection key={s.key} s={s} d={d} reply={reply} />
      ))}
    </article>
  );
}

function DraftSection({ s, d, reply }: { s: SectionView; d: DraftViewData; reply?: unknown }) {
  const { t, i18n } = useTranslation();
  const internal = d.version === "internal";
  const base = `/drafting/${d.draft.id}`;
  const Heading = s.level === 1 ? "h2" : s.level === 2 ? "h3" : "h4";
  const ref = s.key.startsWith("para-") ? s.key.slice(5) : null;
  return (
    <section id={`section-${s.id}`} className={`draft-section draft-section--${s.level}${s.changes ? " draft-section--flagged" : ""}`} aria-labelledby={`heading-${s.id}`}>
      <Heading id={`heading-${s.id}`}>{s.heading}</Heading>
      {internal && s.changes ? (
        <div className="notice" lang={i18n.language}>
          <p>
            <strong>{t("drafting.changedFigures")}</strong> {s.text !== null ? t("drafting.changedEdited") : t("drafting.changedGenerated")}
          </p>
          <table className="data-table">
            <caption className="visually-hidden">{t("drafting.changedFigures")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("drafting.figure")}</th>
                <th scope="col">{t("drafting.oldValue")}</th>
                <th scope="col">{t("drafting.newValue")}</th>
              </tr>
            </thead>
            <tbody>
              {s.changes.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{c.label}</th>
                  <td>{c.old}</td>
                  <td>{c.new}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <ButtonForm id={`draft-acknowledge-${s.id}`} schema={DraftIntentSchema} reply={reply} hidden={{ intent: "acknowledge", sectionId: s.id }}>
            <button type="submit" className="button button--secondary">
              {t("drafting.acknowledge")}
            </button>
          </ButtonForm>
        </div>
      ) : null}
      {s.text !== null ? (
        <>
          {paragraphsOf(s.text).map((p, i) => (
            <p key={i} className="draft-paragraph">
              {p}
            </p>
          ))}
          {internal ? (
            <p className="hint" lang={i18n.language}>
              {t("drafting.editedBy", { name: s.updatedByName ?? "—" })}
            </p>
          ) : null}
        </>
      ) : s.sentences.length === 0 && s.level === 1 ? (
        <p className="draft-paragraph muted">{t("drafting.t.blank")}</p>
      ) : (
        <p className="draft-paragraph">
          {s.sentences
            .filter((x) => !x.quote)
            .map((x) => (
              <span key={x.id}>
                {x.text}
                {internal && x.figures > 0 ? (
                  <>
                    {" "}
                    <Link to={`${base}/sentences/${x.id}`} className="provenance-link" lang={i18n.language}>
                      [{t("drafting.sources")}]
                    </Link>
                  </>
                ) : null}{" "}
              </span>
            ))}
        </p>
      )}
      {s.sentences
        .filter((x) => x.quote)
        .map((x) => (
          <blockquote key={x.id} className="draft-quote">
            <p lang={x.quote!.lang} dir="auto">
              “{x.text}”
            </p>
            <footer lang={i18n.language}>
              {x.quote!.state ?? t("drafting.t.quoteAnonymous")} · {t("drafting.t.originalIn", { lang: t(`drafting.langs.${x.quote!.lang}`) })}
              {internal && x.quote!.disclosure !== "public" ? <strong> · {t(`drafting.disclosure.${x.quote!.disclosure}`)}</strong> : null}
            </footer>
          </blockquote>
        ))}
      {internal ? (
        <p className="draft-section__tools" lang={i18n.language}>
          <Link to={`${base}/sections/${s.id}`}>{t("drafting.editSection", { heading: s.heading })}</Link>
          {ref ? (
            <>
              {" · "}
              <Link to={`${base}/examples/${ref}`}>{t("drafting.chooseExamples", { ref })}</Link>
            </>
          ) : null}
          {s.chartPillar ? (
            <>
              {" · "}
              <Link to={`/insights/${d.draft.cycleId}/pillars/${s.chartPillar}`}>{t("drafting.chart")}</Link>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}
