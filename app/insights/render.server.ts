/**
 * Chart rendering for pages and downloads. Specs come from charts.server.tsx (which caches
 * them per data version, page, viewer class and language and returns the same objects while
 * nothing changes); the SVG strings drawn from a spec are kept with the spec object, so each
 * chart is drawn once per data version, whatever specs exist.
 */
import { Resvg } from "@resvg/resvg-js";
import { chartSvg, standaloneChartSvg } from "#app/insights/chart-svg.ts";
import { specToCsv, type ChartLayout, type ChartSpec, type RenderedChart } from "#app/insights/chart-spec.ts";
import { anySyntheticData } from "#app/insights/aggregates.server.ts";
import type { InsightContext } from "#app/insights/charts.server.tsx";
import { directionOf } from "#app/utils/i18n.ts";
import { sendOnce } from "#app/utils/markup-once.server.ts";

const drawn = new WeakMap<ChartSpec, Map<string, string>>();

function memo(spec: ChartSpec, key: string, make: () => string): string {
  let m = drawn.get(spec);
  if (!m) drawn.set(spec, (m = new Map()));
  let s = m.get(key);
  if (s === undefined) m.set(key, (s = make()));
  return s;
}

function options(c: Pick<InsightContext, "lang" | "t">, spec: ChartSpec, layout: ChartLayout) {
  return {
    lang: c.lang,
    dir: directionOf(c.lang),
    layout,
    // Hidden cells say "hidden", never "fewer than N": a complementary cell may be large (ADR 011).
    fewerThan: c.t("figures.hidden"),
    noAnswers: c.t("chartView.noAnswers"),
    hiddenShare: c.t("hiddenShare.legend"),
  };
}

/** The SVG of one chart in one layout, drawn once per spec object. */
export function svgFor(c: Pick<InsightContext, "lang" | "t">, spec: ChartSpec, layout: ChartLayout): string {
  return memo(spec, `${layout}|${c.lang}`, () => chartSvg(spec, options(c, spec, layout)));
}

/**
 * Specs with their drawings, for a page's route data: in a document request the drawings go
 * into the HTML once, and the data carries references to them (`svgRef`).
 */
export function renderCharts(c: Pick<InsightContext, "lang" | "t">, specs: ChartSpec[], layouts: ChartLayout[] = ["wide", "narrow"]): RenderedChart[] {
  return specs.map((spec) => withDrawings(spec, Object.fromEntries(layouts.map((l) => [l, svgFor(c, spec, l)]))));
}

/** A spec with the given drawings, sent once (see renderCharts). */
export function withDrawings(spec: ChartSpec, svg: Partial<Record<ChartLayout, string>>): RenderedChart {
  const once = sendOnce(svg);
  return { ...spec, svg: once.markup, ...(once.ref ? { svgRef: once.ref } : {}) };
}

/**
 * A standalone SVG for a spec (title, what it counts, legend, source, methodology, notes): the
 * download, and what documents embed (render it to PNG with `chartPng`).
 */
export async function standaloneSvg(c: InsightContext, spec: ChartSpec, pageUrl?: string): Promise<string> {
  const synthetic = await anySyntheticData();
  return memo(spec, `standalone|${c.lang}|${synthetic}|${pageUrl ?? ""}`, () => {
    const asOf = spec.dataAsOf ? new Intl.DateTimeFormat(c.lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(spec.dataAsOf)) : "—";
    const methodology = spec.notes?.join(" ");
    return standaloneChartSvg(
      spec,
      { lang: c.lang, dir: directionOf(c.lang), fewerThan: c.t("figures.hidden"), noAnswers: c.t("chartView.noAnswers"), hiddenShare: c.t("hiddenShare.legend") },
      {
        meta: c.t("insights.meta", { unit: spec.unit, states: spec.states, date: asOf }),
        source: c.t("chartView.source", { cycle: c.cycle.title }) + (pageUrl ? ` ${pageUrl}` : ""),
        methodology: methodology ?? c.t("chartView.methodology"),
        synthetic: synthetic ? `${c.t("insights.syntheticTitle")} ${c.t("insights.syntheticBody")}` : undefined,
        suppressed: spec.suppressed ? c.t("figures.suppressedNote", { count: spec.threshold ?? 3 }) : undefined,
      },
    );
  });
}

/** Raster a standalone SVG with the installed Noto fonts (Latin, Arabic, CJK), 2× for print. */
export function svgToPng(svg: string, width = 1520): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width },
    background: "#ffffff",
    font: { loadSystemFonts: true, defaultFontFamily: "Noto Sans" },
  });
  return resvg.render().asPng();
}

const pngs = new WeakMap<ChartSpec, Map<string, Buffer>>();

/** `?format=csv|svg|png&chart=<id>`: the chart's data or a standalone image, from the same spec as the page. */
export async function chartDownload(request: Request, specs: ChartSpec[], c: InsightContext): Promise<Response | null> {
  const url = new URL(request.url);
  const format = url.searchParams.get("format");
  if (!format) return null;
  const spec = specs.find((s) => s.id === url.searchParams.get("chart"));
  if (!spec || (format !== "csv" && format !== "svg" && format !== "png")) return Response.json({ message: "Unknown chart or format." }, { status: 404 });
  const filename = `${spec.id}-cycle-${c.cycle.id}.${format}`;
  const headers = { "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": c.viewer === "public" ? "public, max-age=300" : "private, no-cache" };
  if (format === "csv") {
    return new Response(specToCsv(spec, c.t("figures.hidden"), { n: c.t("figures.nColumn"), states: c.t("insights.states") }), { headers: { ...headers, "Content-Type": "text/csv; charset=utf-8" } });
  }
  const svg = await standaloneSvg(c, spec, `${url.origin}/insights/${c.cycle.id}`);
  if (format === "svg") return new Response(svg, { headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" } });
  let m = pngs.get(spec);
  if (!m) pngs.set(spec, (m = new Map()));
  let png = m.get(svg);
  if (!png) m.set(svg, (png = svgToPng(svg)));
  return new Response(new Uint8Array(png), { headers: { ...headers, "Content-Type": "image/png" } });
}
