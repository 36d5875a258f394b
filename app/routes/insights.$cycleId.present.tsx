import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ChartFigure } from "#app/insights/components/chart-figure.tsx";
import { LanguageSwitcher } from "#app/components/ui/language-switcher.tsx";
import { frameData, requireInsightContext } from "#app/insights/page.server.ts";
import { overviewSpecs, pillarSpecs, trendSpec } from "#app/insights/charts.server.tsx";

export const meta: MetaFunction = () => [{ title: "Presentation — Kyoto Reporting" }];
export const handle = { presentation: true };

/** Public: one chart a slide for a meeting room — arrow keys, on-screen buttons, full screen. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const c = await requireInsightContext(request, params.cycleId);
  const frame = await frameData(c);
  const url = new URL(request.url);
  const pillarParam = url.searchParams.get("pillar");
  const pillar = pillarParam ? frame.pillars.find((p) => String(p.number) === pillarParam) : undefined;
  if (pillarParam && !pillar) throw data({ message: "No such pillar in this cycle." }, { status: 404 });
  const trend = pillar ? await trendSpec(c, { pillar: pillar.number }) : null;
  const specs = pillar ? [...(await pillarSpecs(c, pillar.number)), ...(trend ? [trend] : [])] : await overviewSpecs(c);
  const total = specs.length + 1;
  const slide = Math.min(Math.max(Number(url.searchParams.get("slide") ?? 1) || 1, 1), total);
  return {
    frame,
    pillar: pillar ? { number: pillar.number, label: pillar.label } : null,
    slide,
    total,
    // Only the slide on screen travels to the browser.
    spec: slide > 1 ? specs[slide - 2]! : null,
    downloadBase: `/insights/${c.cycle.id}/download?page=${pillar ? `pillar-${pillar.number}` : "overview"}`,
  };
}

export default function Present() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [canFullscreen, setCanFullscreen] = useState(false);
  const base = `/insights/${d.frame.cycle.id}/present?${d.pillar ? `pillar=${d.pillar.number}&` : ""}slide=`;
  useEffect(() => setCanFullscreen(typeof document !== "undefined" && Boolean(document.documentElement.requestFullscreen)), []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLElement && e.target.closest("input, textarea, select")) return;
      const go = (n: number) => {
        e.preventDefault();
        navigate(`${base}${Math.min(Math.max(n, 1), d.total)}`, { replace: true });
      };
      if (e.key === "ArrowRight" || e.key === "PageDown" || e.key === " ") go(d.slide + 1);
      else if (e.key === "ArrowLeft" || e.key === "PageUp") go(d.slide - 1);
      else if (e.key === "Home") go(1);
      else if (e.key === "End") go(d.total);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [base, d.slide, d.total, navigate]);
  const asOf = d.frame.dataAsOf ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(d.frame.dataAsOf)) : "—";
  return (
    <div className="presentation">
      <div className="presentation__bar">
        <Link to={d.pillar ? `/insights/${d.frame.cycle.id}/pillars/${d.pillar.number}` : `/insights/${d.frame.cycle.id}`}>{t("present.exit")}</Link>
        <span aria-live="polite" className="presentation__count">
          {t("present.slideOf", { slide: d.slide, total: d.total })}
        </span>
        {canFullscreen ? (
          <button type="button" className="button button--secondary" onClick={() => void document.documentElement.requestFullscreen()}>
            {t("present.fullscreen")}
          </button>
        ) : null}
        <LanguageSwitcher />
      </div>
      {d.frame.synthetic ? (
        <p className="notice notice--synthetic" role="note">
          <strong>{t("insights.syntheticTitle")}</strong> {t("insights.syntheticBody")}
        </p>
      ) : null}
      <section className="presentation__slide" aria-roledescription={t("present.slide")} aria-label={t("present.slideOf", { slide: d.slide, total: d.total })}>
        {d.spec ? (
          <ChartFigure spec={d.spec} downloadBase={d.downloadBase} large />
        ) : (
          <div className="presentation__title">
            <h1>{d.frame.cycle.title}</h1>
            {d.pillar ? <p className="presentation__subtitle">{d.pillar.label}</p> : null}
            <p className="presentation__subtitle">{t("present.reportingStates", { count: d.frame.states })}</p>
            <p>{t("insights.dataAsOf", { date: asOf })}</p>
            <p className="muted">{t("present.keysHint")}</p>
          </div>
        )}
      </section>
      <nav className="presentation__nav" aria-label={t("present.navLabel")}>
        {d.slide > 1 ? (
          <Link to={`${base}${d.slide - 1}`} replace className="button button--secondary" rel="prev">
            {t("present.previous")}
          </Link>
        ) : (
          <span />
        )}
        {d.slide < d.total ? (
          <Link to={`${base}${d.slide + 1}`} replace className="button" rel="next">
            {t("present.next")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
