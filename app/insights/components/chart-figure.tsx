import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ChartSpec } from "#app/insights/chart-spec.ts";
import { ChartView } from "#app/insights/components/chart-view.tsx";

/** Turn the chart's SVG into a PNG in the browser (needs JavaScript; SVG and CSV do not). */
async function downloadPng(figure: HTMLElement, filename: string) {
  const svg = figure.querySelector(".chart svg");
  if (!(svg instanceof SVGSVGElement)) return;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: "image/svg+xml" }));
  const img = new Image();
  await new Promise((resolve, reject) => {
    img.onload = resolve;
    img.onerror = reject;
    img.src = url;
  });
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * 2);
  canvas.height = Math.round(height * 2);
  const g = canvas.getContext("2d")!;
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(img, 0, 0, canvas.width, canvas.height);
  URL.revokeObjectURL(url);
  const a = document.createElement("a");
  a.href = canvas.toDataURL("image/png");
  a.download = filename;
  a.click();
}

/**
 * One chart as a meeting needs it: title, a sentence that says what it shows, what it counts,
 * from how many States and as of when, the SVG, its data table, and its downloads.
 */
export function ChartFigure({ spec, downloadBase, level = 2, large = false }: { spec: ChartSpec; downloadBase: string; level?: 2 | 3; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const H = level === 2 ? "h2" : "h3";
  const fmt = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: spec.scale?.decimals ?? 0 });
  const asOf = spec.dataAsOf ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(spec.dataAsOf)) : "—";
  const cell = (v: number | null | undefined) => (v === null ? t("insights.fewerThan", { count: spec.threshold ?? 3 }) : v === undefined ? "–" : fmt.format(v));
  return (
    <figure className="chart-figure" id={`chart-${spec.id}`} ref={ref} aria-labelledby={`chart-${spec.id}-title`}>
      <H id={`chart-${spec.id}-title`}>{spec.title}</H>
      <p className="chart-figure__summary">{spec.summary}</p>
      <p className="muted chart-figure__meta">{t("insights.meta", { unit: spec.unit, states: spec.states, date: asOf })}</p>
      {spec.rows.length === 0 ? (
        <p className="notice">{t("insights.noData")}</p>
      ) : (
        <div className="chart" dir="ltr">
          <ChartView spec={spec} rtl={i18n.dir?.() === "rtl"} width={large ? 1100 : undefined} />
        </div>
      )}
      {spec.suppressed ? <p className="hint">{t("insights.suppressedNote", { count: spec.threshold ?? 3 })}</p> : null}
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
                  <th scope="row">{r.label}</th>
                  {spec.categories.map((c) => (
                    <td key={c.key}>{cell(r.values[c.key])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p className="chart-figure__downloads">
        <a href={`${downloadBase}&chart=${spec.id}&format=csv`} download={`${spec.id}.csv`}>
          {t("insights.downloadCsv")}
        </a>{" "}
        ·{" "}
        <a href={`${downloadBase}&chart=${spec.id}&format=svg`} download={`${spec.id}.svg`}>
          {t("insights.downloadSvg")}
        </a>
        {hydrated ? (
          <>
            {" "}
            ·{" "}
            <button type="button" className="link-button" onClick={() => ref.current && void downloadPng(ref.current, `${spec.id}.png`)}>
              {t("insights.downloadPng")}
            </button>
          </>
        ) : null}
      </p>
    </figure>
  );
}
