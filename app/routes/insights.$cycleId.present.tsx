import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ChartFigure } from "#app/insights/components/chart-figure.tsx";
import { LanguageSwitcher } from "#app/components/ui/language-switcher.tsx";
import { frameData, requireInsightContext } from "#app/insights/page.server.ts";
import { parseDeckScope, presentationSlide } from "#app/insights/present.server.ts";

export const meta: MetaFunction = () => [{ title: "Presentation — Kyoto Reporting" }];
export const handle = { presentation: true };

/**
 * Public: one chart a slide for a meeting room — arrow keys, on-screen buttons, full screen.
 * `?pillar=<n>` presents a pillar and each of its paragraphs, `?paragraph=<ref>` one paragraph,
 * `?view=standards` the standards and instruments (each pillar's chart, cut to slide size);
 * `slide=<n>` is in the address, so switching the language keeps the slide.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const c = await requireInsightContext(request, params.cycleId);
  const frame = await frameData(c);
  const url = new URL(request.url);
  const scope = parseDeckScope(c, url);
  const { slide, total, current } = await presentationSlide(c, scope, Number(url.searchParams.get("slide") ?? 1));
  const scopeQuery = scope.kind === "pillar" ? `pillar=${scope.pillar}&` : scope.kind === "paragraph" ? `paragraph=${encodeURIComponent(scope.ref)}&` : scope.kind === "standards" ? "view=standards&" : "";
  const exit =
    scope.kind === "pillar"
      ? `/insights/${c.cycle.id}/pillars/${scope.pillar}`
      : scope.kind === "paragraph"
        ? `/insights/${c.cycle.id}/paragraphs/${scope.ref}`
        : scope.kind === "standards"
          ? `/insights/${c.cycle.id}/standards`
          : `/insights/${c.cycle.id}`;
  return {
    frame: { synthetic: frame.synthetic, cycle: frame.cycle, pillars: frame.pillars, states: frame.states, dataAsOf: frame.dataAsOf, published: frame.published, minReports: frame.minReports },
    scope: scope.kind,
    base: `/insights/${c.cycle.id}/present?${scopeQuery}slide=`,
    exit,
    slide,
    total,
    current,
  };
}

export default function Present() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [canFullscreen, setCanFullscreen] = useState(false);
  useEffect(() => setCanFullscreen(typeof document !== "undefined" && Boolean(document.documentElement.requestFullscreen)), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLElement && e.target.closest("input, textarea, select, summary, button")) return;
      const go = (n: number) => {
        e.preventDefault();
        navigate(`${d.base}${Math.min(Math.max(n, 1), d.total)}`, { replace: true });
      };
      if (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " ") go(d.slide + (i18n.dir?.() === "rtl" && e.key === "ArrowRight" ? -1 : 1));
      else if (e.key === "ArrowLeft" || e.key === "PageUp") go(d.slide + (i18n.dir?.() === "rtl" && e.key === "ArrowLeft" ? 1 : -1));
      else if (e.key === "Home") go(1);
      else if (e.key === "End") go(d.total);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [d.base, d.slide, d.total, navigate, i18n]);
  const asOf = d.frame.dataAsOf ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(d.frame.dataAsOf)) : "—";
  const c = d.current;
  return (
    <div className="presentation">
      <section className="presentation__slide" aria-roledescription={t("present.slide")} aria-label={t("present.slideOf", { slide: d.slide, total: d.total })}>
        {d.frame.synthetic ? (
          <p className="presentation__synthetic" role="note">
            <strong>{t("insights.syntheticTitle")}</strong> {t("insights.syntheticBody")}
          </p>
        ) : null}
        {c.kind === "chart" ? (
          <>
            <p className="presentation__section">{c.section}</p>
            <ChartFigure spec={c.spec} downloadBase="" slide />
          </>
        ) : (
          <div className="presentation__title">
            {c.kind === "title" ? <h1 dir="auto">{c.heading}</h1> : <h2>{c.heading}</h2>}
            {c.subtitle ? <p className="presentation__subtitle">{c.subtitle}</p> : null}
            {c.kind === "title" ? (
              <>
                <p className="presentation__subtitle">{t("present.reportingStates", { count: d.frame.states })}</p>
                <p>{t("insights.dataAsOf", { date: asOf })}</p>
                {d.frame.published ? null : <p className="notice">{t("figures.notPublished", { count: d.frame.states, min: d.frame.minReports })}</p>}
              </>
            ) : null}
          </div>
        )}
      </section>
      <nav className="presentation__controls" aria-label={t("present.navLabel")}>
        {d.slide > 1 ? (
          <Link to={`${d.base}${d.slide - 1}`} replace className="button button--secondary" rel="prev">
            {t("present.previous")}
          </Link>
        ) : (
          <span />
        )}
        <span aria-live="polite" className="presentation__count">
          {t("present.slideOf", { slide: d.slide, total: d.total })}
        </span>
        <Link to={d.exit}>{t("present.exit")}</Link>
        {d.scope === "overview" && c.kind === "title" ? (
          <details className="presentation__menu">
            <summary>{t("chartView.choosePillar")}</summary>
            <ul>
              {d.frame.pillars.map((p) => (
                <li key={p.number}>
                  <Link to={`/insights/${d.frame.cycle.id}/present?pillar=${p.number}`}>{p.label}</Link>
                </li>
              ))}
              <li>
                <Link to={`/insights/${d.frame.cycle.id}/present?view=standards`}>{t("present.standards")}</Link>
              </li>
            </ul>
          </details>
        ) : null}
        <details className="presentation__menu">
          <summary>{t("chartView.language")}</summary>
          <LanguageSwitcher />
        </details>
        {canFullscreen ? (
          <button type="button" className="button button--secondary" onClick={() => void document.documentElement.requestFullscreen()}>
            {t("present.fullscreen")}
          </button>
        ) : null}
        {d.slide < d.total ? (
          <Link to={`${d.base}${d.slide + 1}`} replace className="button" rel="next">
            {t("present.next")}
          </Link>
        ) : (
          <span />
        )}
      </nav>
    </div>
  );
}
