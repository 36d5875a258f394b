import { useTranslation } from "#app/utils/translation.tsx";
import type { RenderedChart } from "#app/insights/chart-spec.ts";
import { ChartView } from "#app/insights/components/chart-view.tsx";

/**
 * One chart as a meeting needs it: title, a sentence that says what it shows, what it counts,
 * from how many States and as of when, the SVG, its data table, and its downloads (CSV, and
 * SVG and PNG images that carry their title, legend, source, date and notes). On a slide only
 * the title, the sentence, the chart and its notes: no table toggle, no download links.
 */
export function ChartFigure({ spec, downloadBase, level = 2, slide = false }: { spec: RenderedChart; downloadBase: string; level?: 2 | 3; slide?: boolean }) {
  const { t, i18n } = useTranslation();
  const H = level === 2 ? "h2" : "h3";
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: spec.scale?.decimals ?? 0 });
  const asOf = spec.dataAsOf ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(spec.dataAsOf)) : "—";
  const pct = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  const count = new Intl.NumberFormat(i18n.language);
  const hidden = t("figures.hidden");
  const withN = spec.percent && spec.rows.some((r) => r.n !== undefined);
  // Shares print as "60% (52)": the share of the row's n, and the States behind it.
  const cell = (v: number | null | undefined, states?: number | null) =>
    v === null
      ? hidden
      : v === undefined
        ? "–"
        : spec.percent
          ? `${pct.format(v / 100)}${states !== undefined && states !== null ? ` (${count.format(states)})` : ""}`
          : fmt.format(v);
  const href = (format: string) => `${downloadBase}&chart=${spec.id}&format=${format}`;
  return (
    <figure className={`chart-figure${slide ? " chart-figure--slide" : ""}`} id={`chart-${spec.id}`} aria-labelledby={`chart-${spec.id}-title`}>
      <H id={`chart-${spec.id}-title`}>{spec.title}</H>
      <p className="chart-figure__summary">{spec.summary}</p>
      <p className="muted chart-figure__meta">{t("insights.meta", { unit: spec.unit, states: spec.states, date: asOf })}</p>
      {spec.rows.length === 0 ? <p className="notice">{t("insights.noData")}</p> : <ChartView svg={spec.svg} svgRef={spec.svgRef} />}
      {spec.suppressed ? <p className="hint">{t("figures.suppressedNote", { count: spec.threshold ?? 3 })}</p> : null}
      {slide ? null : (
        <>
          <details className="chart-figure__table">
            <summary>{t("insights.showTable")}</summary>
            <div className="table-scroll">
              <table className="table">
                <caption>{spec.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">{t("insights.rowHeader")}</span>
                    </th>
                    {withN ? <th scope="col">{t("figures.nColumn")}</th> : null}
                    {spec.categories.map((c) => (
                      <th scope="col" key={c.key}>
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {spec.rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.href ? <a href={r.href}>{r.title ?? r.label}</a> : (r.title ?? r.label)}</th>
                      {withN ? <td>{r.n === null || r.n === undefined ? hidden : count.format(r.n)}</td> : null}
                      {spec.categories.map((c) => (
                        <td key={c.key}>{cell(r.values[c.key], r.counts?.[c.key])}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <p className="chart-figure__downloads">
            <a href={href("csv")} download>
              {t("insights.downloadCsv")}
            </a>{" "}
            ·{" "}
            <a href={href("svg")} download>
              {t("insights.downloadSvg")}
            </a>{" "}
            ·{" "}
            <a href={href("png")} download>
              {t("insights.downloadPng")}
            </a>
          </p>
        </>
      )}
    </figure>
  );
}
