import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";

/** The deck of the page one is on: a pillar's, a paragraph's, the standards', else the cycle's. */
function deckQuery(current: string | undefined): string {
  if (current === "standards") return "?view=standards";
  if (current?.startsWith("pillar-")) return `?pillar=${current.slice("pillar-".length)}`;
  if (current?.startsWith("paragraph-")) return `?paragraph=${encodeURIComponent(current.slice("paragraph-".length))}`;
  return "";
}

/**
 * The band above every insights page: synthetic-data notice and the cycle's navigation.
 * `current` is the page: "overview", "pillar-<n>", "paragraph-<ref>", "standards" or "respondents".
 */
export function InsightsFrame({ synthetic, cycle, pillars, current }: { synthetic: boolean; cycle?: { id: number; title: string }; pillars?: { number: number; label: string }[]; current?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {synthetic ? (
        <p className="notice notice--synthetic" role="note">
          <strong>{t("insights.syntheticTitle")}</strong> {t("insights.syntheticBody")}
        </p>
      ) : null}
      {cycle ? (
        <nav aria-label={t("insights.navLabel")} className="insights-nav">
          <Link to="/insights">{t("insights.allCycles")}</Link>
          <Link to={`/insights/${cycle.id}`} aria-current={current === "overview" ? "page" : undefined}>
            {t("insights.overview")}
          </Link>
          {pillars?.map((p) => (
            <Link key={p.number} to={`/insights/${cycle.id}/pillars/${p.number}`} aria-current={current === `pillar-${p.number}` ? "page" : undefined}>
              {p.label}
            </Link>
          ))}
          <Link to={`/insights/${cycle.id}/standards`} aria-current={current === "standards" ? "page" : undefined}>
            {t("standardsView.title")}
          </Link>
          <Link to={`/insights/${cycle.id}/respondents`} aria-current={current === "respondents" ? "page" : undefined}>
            {t("respondents.title")}
          </Link>
          <Link to={`/insights/good-practices?cycle=${cycle.id}`}>{t("insights.goodPractices")}</Link>
          <Link to={`/insights/${cycle.id}/present${deckQuery(current)}`}>{t("insights.present")}</Link>
        </nav>
      ) : null}
    </>
  );
}
