import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";

/**
 * Under every insights page: who is counted and why, the denominators, the disclosure rule,
 * that answers are self-assessments, the reporting period and the exclusions; above it, when
 * too few States count yet, why nothing is broken down.
 */
export function NotPublishedNotice({ published, states, minReports }: { published: boolean; states: number; minReports: number }) {
  const { t } = useTranslation();
  if (published) return null;
  return (
    <p className="notice" role="note">
      {t("figures.notPublished", { count: states, min: minReports })}
    </p>
  );
}

/** With `cycleId`, the note links to the list of the States counted (the respondents). */
export function MethodologyNote({ notes, cycleId }: { notes: string[]; cycleId?: number }) {
  const { t } = useTranslation();
  if (notes.length === 0) return null;
  return (
    <section className="methodology" aria-labelledby="methodology-h">
      <h2 id="methodology-h">{t("figures.methodTitle")}</h2>
      <ul>
        {notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
        {cycleId ? (
          <li>
            <Link to={`/insights/${cycleId}/respondents`}>{t("respondents.methodLink")}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
