/**
 * Draws a ChartSpec as SVG markup, without a chart library and without a browser: the server
 * renders each chart once per data version (render.server.ts caches the strings) and the page
 * only inlines them, so the browser loads no chart code.
 *
 * - Responsive: a viewBox and width 100 %; three layouts — "wide" (labels beside the bars),
 *   "narrow" for phones (labels above the bars, 360 units wide), "slide" for the meeting room.
 * - Readable: text in the body colour (legends carry a colour swatch), never in a series
 *   colour; axis and label text at least 14 units (24 on slides); long labels wrapped, with
 *   widths measured for the script in use (text-measure.ts), never truncated.
 * - Arabic (and any rtl language) is fully mirrored: the value axis grows to the left, labels
 *   sit on the right, the legend and heat map read from the right.
 * - `standaloneChartSvg` adds the title, what it counts, source, date, methodology and notes,
 *   for downloads (SVG, PNG) and documents.
 */
import type { ChartLayout, ChartSpec } from "#app/insights/chart-spec.ts";
import { GRID, HEAT_CLASSES, heatClass, INK, luminance, MUTED, OUTLINE, PAPER } from "#app/insights/palette.ts";
import { textWidth, wrapText } from "#app/insights/text-measure.ts";

export type { ChartLayout };

export const LAYOUTS: Record<ChartLayout, { width: number; font: number }> = {
  wide: { width: 760, font: 14 },
  narrow: { width: 340, font: 14 },
  slide: { width: 1280, font: 24 },
};

export const FONT_FAMILY = `'Noto Sans', 'Noto Sans Arabic', 'Noto Sans CJK SC', 'Noto Sans SC', 'Segoe UI', system-ui, Arial, sans-serif`;

export interface RenderOptions {
  lang: string;
  dir: "ltr" | "rtl";
  layout: ChartLayout;
  /** e.g. "fewer than 3": what a suppressed cell says. */
  fewerThan: string;
  /** Says what "no answer" looks like in a heat map cell, e.g. "no answers". */
  noAnswers?: string;
  /**
   * The legend of the hatched segment that stands for a row's hidden cells in a stacked bar of
   * shares, e.g. "hidden (small numbers)": with it each such bar reaches 100 per cent.
   */
  hiddenShare?: string;
}

/** The hidden share of a stacked bar: a light grey ground with dark diagonal hatching, outlined. */
export const HIDDEN_FILL = "#eef0f2";
export const HIDDEN_HATCH = "#6b7580";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const r1 = (n: number) => Math.round(n * 10) / 10;

/** Collects SVG elements in left-to-right coordinates and mirrors them for rtl. */
class Canvas {
  parts: string[] = [];
  constructor(
    readonly width: number,
    readonly rtl: boolean,
  ) {}
  private x(x: number) {
    return r1(this.rtl ? this.width - x : x);
  }
  rect(x: number, y: number, w: number, h: number, fill: string, extra = "") {
    const left = this.rtl ? this.width - x - w : x;
    this.parts.push(`<rect x="${r1(left)}" y="${r1(y)}" width="${r1(Math.max(0, w))}" height="${r1(h)}" fill="${fill}"${extra}/>`);
  }
  line(x1: number, y1: number, x2: number, y2: number, stroke: string) {
    this.parts.push(`<line x1="${this.x(x1)}" y1="${r1(y1)}" x2="${this.x(x2)}" y2="${r1(y2)}" stroke="${stroke}" stroke-width="1"/>`);
  }
  /**
   * A hatched rectangle: diagonal lines computed inside its bounds (no <pattern>, so no id that
   * could repeat when several charts share a page, and every renderer draws it the same).
   */
  hatched(x: number, y: number, w: number, h: number, gap: number) {
    if (w <= 0 || h <= 0) return;
    this.rect(x, y, w, h, HIDDEN_FILL, ` stroke="${OUTLINE}" stroke-width="1"`);
    const lines: string[] = [];
    for (let t = -h + gap / 2; t < w; t += gap) {
      const u0 = Math.max(0, -t);
      const u1 = Math.min(h, w - t);
      if (u1 <= u0) continue;
      lines.push(`M${this.x(x + t + u0)} ${r1(y + h - u0)}L${this.x(x + t + u1)} ${r1(y + h - u1)}`);
    }
    if (lines.length) this.parts.push(`<path d="${lines.join("")}" stroke="${HIDDEN_HATCH}" stroke-width="1.5" fill="none" class="chart-hidden-hatch"/>`);
  }
  /**
   * Text whose logical start (left in ltr, right in rtl) or end is at x. Anchors are physical
   * (renderers disagree on text-anchor under direction="rtl"), so rtl swaps them; the text
   * itself is embedded right-to-left (RLE … PDF), so numerals and punctuation sit at its
   * left end as Arabic readers expect.
   */
  text(x: number, y: number, s: string, o: { size: number; anchor?: "start" | "middle" | "end"; fill?: string; bold?: boolean; cls?: string }) {
    let a = o.anchor ?? "start";
    if (this.rtl && a !== "middle") a = a === "start" ? "end" : "start";
    const anchor = a !== "start" ? ` text-anchor="${a}"` : "";
    const weight = o.bold ? ` font-weight="700"` : "";
    const content = this.rtl ? `\u202B${esc(s)}\u202C` : esc(s);
    this.parts.push(`<text x="${this.x(x)}" y="${r1(y)}" font-size="${o.size}" fill="${o.fill ?? INK}"${anchor}${weight}${o.cls ? ` class="${o.cls}"` : ""}>${content}</text>`);
  }
  lines(x: number, y: number, lines: string[], lineH: number, o: Parameters<Canvas["text"]>[3]) {
    lines.forEach((l, i) => this.text(x, y + i * lineH, l, o));
  }
}

function niceStep(max: number, target: number): number {
  const raw = max / Math.max(1, target);
  const pow = 10 ** Math.floor(Math.log10(raw || 1));
  const f = raw / pow;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * pow;
}

/** Legend items (swatch + body-colour text), flowing in lines across `width`. Returns the height. */
function legend(cv: Canvas, items: { label: string; color: string; outline?: boolean; hatched?: boolean }[], y0: number, width: number, font: number): number {
  const sw = Math.round(font * 0.95);
  const gap = Math.round(font * 0.45);
  const itemGap = Math.round(font * 1.3);
  const lineH = Math.round(font * 1.45);
  let x = 0;
  let y = y0;
  for (const it of items) {
    const lines = wrapText(it.label, width - sw - gap, font);
    const w = sw + gap + Math.max(...lines.map((l) => textWidth(l, font)));
    if (x > 0 && x + w > width) {
      x = 0;
      y += lineH;
    }
    const light = it.outline ?? luminance(it.color) > 0.6;
    if (it.hatched) cv.hatched(x, y + (lineH - sw) / 2 - font * 0.15, sw, sw, Math.max(4, sw / 3));
    else cv.rect(x, y + (lineH - sw) / 2 - font * 0.15, sw, sw, it.color, light ? ` stroke="${OUTLINE}" stroke-width="1"` : "");
    cv.lines(x + sw + gap, y + lineH / 2 + font * 0.2, lines, lineH, { size: font, cls: "chart-legend" });
    y += (lines.length - 1) * lineH;
    x += w + itemGap;
  }
  return y + lineH - y0 + Math.round(font * 0.5);
}

function svgRoot(width: number, height: number, title: string, o: RenderOptions, body: string, extraAttrs = ""): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${Math.ceil(height)}" width="100%" role="img" aria-label="${esc(title)}" lang="${esc(o.lang)}"` +
    ` font-family="${FONT_FAMILY}" class="chart-svg chart-svg--${o.layout}"${extraAttrs}><title>${esc(title)}</title>` +
    `<rect x="0" y="0" width="${width}" height="${Math.ceil(height)}" fill="${PAPER}"/>${body}</svg>`
  );
}

interface Drawn {
  width: number;
  height: number;
  body: string;
}

function barChart(spec: ChartSpec, o: RenderOptions): Drawn {
  const { width: W, font: f } = LAYOUTS[o.layout];
  const narrow = o.layout === "narrow";
  const cv = new Canvas(W, o.dir === "rtl");
  const fmt = new Intl.NumberFormat(o.lang, { maximumFractionDigits: spec.scale?.decimals ?? 0 });
  // Slides are tighter (the room reads them from afar, the screen is short).
  const slide = o.layout === "slide";
  const lineH = Math.round(f * (slide ? 1.15 : 1.3));
  const barH = Math.round(f * (slide ? 1.1 : 1.35));
  const rowGap = Math.round(f * (o.layout === "slide" ? 0.3 : 0.75));
  let y = 0;
  // Stacked shares: a row's hidden cells are one hatched segment, so that the bar reaches 100.
  const hiddenSegments = spec.kind === "stacked-bar" && spec.percent === true && Boolean(o.hiddenShare);
  const totals = spec.rows.map((r) => {
    const vals = spec.categories.map((c) => r.values[c.key]);
    const hidden = vals.some((v) => v === null);
    const sum = vals.reduce<number>((a, v) => a + (v ?? 0), 0);
    return { hidden, sum, hiddenShare: hiddenSegments && hidden ? Math.max(0, 100 - sum) : 0 };
  });
  const withHidden = totals.some((t) => t.hiddenShare > 0);
  const legendItems = spec.categories.length > 1 ? spec.categories.map((c) => ({ label: c.label, color: c.color })) : [];
  if (withHidden) legendItems.push({ label: o.hiddenShare!, color: HIDDEN_FILL, hatched: true } as (typeof legendItems)[number]);
  if (legendItems.length) y += legend(cv, legendItems, 0, W, f);
  // A bar of shares always ends at 100 (101 or 99 once each share is rounded): it ends with its
  // denominator instead, the one figure the bar does not show.
  const percentStack = spec.kind === "stacked-bar" && spec.percent === true;
  const denominators = percentStack;
  const valueText = (i: number) => {
    const n = spec.rows[i]!.n;
    if (denominators && typeof n === "number") return `n = ${fmt.format(n)}`;
    return totals[i]!.hidden && totals[i]!.sum === 0 ? o.fewerThan : fmt.format(totals[i]!.sum + totals[i]!.hiddenShare);
  };
  const valueW = Math.max(...spec.rows.map((_, i) => textWidth(valueText(i), f))) + f * 0.6;
  const min = spec.scale?.min ?? 0;
  const maxData = Math.max(0, ...totals.map((t) => t.sum + t.hiddenShare));
  // Whole steps (the axis prints whole numbers); with no data above 0, shares run to 100.
  const top0 = maxData || (spec.percent ? 100 : 1);
  const step = spec.scale ? niceStep(spec.scale.max - min, 4) : Math.max(1, niceStep(top0, narrow ? 3 : 5));
  // Shares stacked to 100 keep a 0–100 axis even when rounding makes a bar 101.
  const max = spec.scale ? spec.scale.max : percentStack ? Math.max(100, maxData) : Math.max(step, Math.ceil(top0 / step) * step);
  // Every value hidden: there is nothing to measure, so no value axis (it would only read 0 … 1).
  const anyPublished = spec.rows.some((r) => spec.categories.some((c) => typeof r.values[c.key] === "number"));

  // Slides have no data table: long labels (a standards question in full) get half the width.
  const labelW = narrow ? W : Math.min(W * (slide ? 0.5 : 0.38), Math.max(...spec.rows.map((r) => textWidth(r.label, f))) + 2);
  const x0 = narrow ? f * 0.5 : labelW + f * 0.8;
  const x1 = W - valueW;
  const px = (v: number) => ((v - min) / (max - min || 1)) * (x1 - x0);

  const top = y;
  const rowBoxes: { y: number; h: number; lines: string[] }[] = [];
  for (const r of spec.rows) {
    const lines = wrapText(r.label, narrow ? W : labelW, f);
    const h = narrow ? lines.length * lineH + barH + f * 0.3 : Math.max(barH, lines.length * lineH);
    rowBoxes.push({ y, h, lines });
    y += h + rowGap;
  }
  const plotBottom = y - rowGap + f * 0.4;
  // Grid lines first, so bars draw over them.
  const ticks: number[] = [];
  if (anyPublished) for (let v = min; v <= max + 1e-9; v += step) ticks.push(Math.round(v * 1000) / 1000);
  for (const v of ticks) cv.line(x0 + px(v), top, x0 + px(v), plotBottom, GRID);
  spec.rows.forEach((r, i) => {
    const box = rowBoxes[i]!;
    const barY = narrow ? box.y + box.lines.length * lineH + f * 0.15 : box.y + (box.h - barH) / 2;
    const textX = narrow ? 0 : labelW;
    const firstBaseline = narrow ? box.y + f : box.y + (box.h - box.lines.length * lineH) / 2 + f * 0.98;
    cv.lines(textX, firstBaseline, box.lines, lineH, { size: f, anchor: narrow ? "start" : "end", cls: "chart-label" });
    let x = x0;
    for (const c of spec.categories) {
      const v = r.values[c.key];
      if (v === null || v === undefined || v <= min) continue;
      const w = px(v);
      const light = luminance(c.color) > 0.6;
      cv.rect(x, barY, w, barH, c.color, light ? ` stroke="${OUTLINE}" stroke-width="1"` : spec.categories.length > 1 ? ` stroke="${PAPER}" stroke-width="1"` : "");
      x += w;
    }
    const t = totals[i]!;
    if (t.hiddenShare > 0) {
      const w = px(t.hiddenShare + min);
      cv.hatched(x, barY, w, barH, Math.max(5, Math.round(f * 0.45)));
      x += w;
    }
    cv.text(x + f * 0.35, barY + barH / 2 + f * 0.35, valueText(i), { size: f, fill: t.hidden && t.sum === 0 ? MUTED : INK, cls: "chart-value" });
  });
  // The value axis.
  cv.line(x0, top, x0, plotBottom, INK);
  if (!anyPublished) return { width: W, height: plotBottom + f * 0.6, body: cv.parts.join("") };
  const axisY = plotBottom + f * 1.2;
  for (const v of ticks) cv.text(x0 + px(v), axisY, fmt.format(v), { size: f, anchor: "middle", cls: "chart-axis" });
  return { width: W, height: axisY + f * 0.6, body: cv.parts.join("") };
}

function heatMap(spec: ChartSpec, o: RenderOptions): Drawn {
  const { width: W, font: f } = LAYOUTS[o.layout];
  const narrow = o.layout === "narrow";
  const cv = new Canvas(W, o.dir === "rtl");
  const scale = spec.scale ?? { min: 0, max: 1, decimals: 1 };
  const fmt = new Intl.NumberFormat(o.lang, { minimumFractionDigits: scale.decimals, maximumFractionDigits: scale.decimals });
  const lineH = Math.round(f * 1.3);
  const cellText = (v: number | null | undefined) => (v === null ? `<${new Intl.NumberFormat(o.lang).format(spec.threshold ?? 3)}` : v === undefined ? "–" : fmt.format(v));
  const cell = (x: number, y: number, w: number, h: number, v: number | null | undefined) => {
    if (v === null || v === undefined) {
      cv.rect(x, y, w, h, "#f3f5f7", ` stroke="${GRID}" stroke-width="1"`);
      cv.text(x + w / 2, y + h / 2 + f * 0.35, cellText(v), { size: f, anchor: "middle", fill: MUTED, cls: "chart-value" });
      return;
    }
    const k = heatClass((v - scale.min) / (scale.max - scale.min || 1));
    const cls = HEAT_CLASSES[k]!;
    cv.rect(x, y, w, h, cls.fill, k === 0 ? ` stroke="${GRID}" stroke-width="1"` : "");
    cv.text(x + w / 2, y + h / 2 + f * 0.35, cellText(v), { size: f, anchor: "middle", fill: cls.text, cls: "chart-value" });
  };
  // Legend: the five classes, then "fewer than" and "no answers" when they occur.
  const classW = (scale.max - scale.min) / HEAT_CLASSES.length;
  const items: { label: string; color: string; outline?: boolean }[] = HEAT_CLASSES.map((c, i) => ({
    label: `${fmt.format(scale.min + i * classW)}–${fmt.format(scale.min + (i + 1) * classW)}`,
    color: c.fill,
  }));
  const values = spec.rows.flatMap((r) => spec.categories.map((c) => r.values[c.key]));
  if (values.some((v) => v === null)) items.push({ label: `<${spec.threshold ?? 3}: ${o.fewerThan}`, color: "#f3f5f7", outline: true });
  if (values.some((v) => v === undefined) && o.noAnswers) items.push({ label: `–: ${o.noAnswers}`, color: "#f3f5f7", outline: true });
  let y = legend(cv, items, 0, W, f);
  const cellH = Math.round(f * 2.2);

  if (narrow) {
    // Phones: one block per column of the spec (a theme), one line per row (a group).
    const cellW = Math.max(textWidth("0.0", f) + f, 64);
    for (const c of spec.categories) {
      const title = wrapText(c.label, W, f, true);
      cv.lines(0, y + f, title, lineH, { size: f, bold: true, cls: "chart-label" });
      y += title.length * lineH + f * 0.4;
      for (const r of spec.rows) {
        const lines = wrapText(r.label, W - cellW - f * 0.6, f);
        const h = Math.max(cellH, lines.length * lineH + f * 0.4);
        cv.lines(0, y + (h - lines.length * lineH) / 2 + f * 0.98, lines, lineH, { size: f, cls: "chart-label" });
        cell(W - cellW, y + (h - cellH) / 2, cellW, cellH - 2, r.values[c.key]);
        y += h + 2;
      }
      y += f * 0.8;
    }
    return { width: W, height: y, body: cv.parts.join("") };
  }
  // Wide and slides: themes down the side (their titles are long), groups across the top.
  const labelW = Math.min(W * 0.36, Math.max(...spec.categories.map((c) => textWidth(c.label, f))) + 2);
  const x0 = labelW + f * 0.8;
  const cols = Math.max(1, spec.rows.length);
  const cellW = (W - x0) / cols;
  const headers = spec.rows.map((r) => wrapText(r.label, cellW - f * 0.5, f));
  const headerLines = Math.max(...headers.map((h) => h.length));
  headers.forEach((h, j) => cv.lines(x0 + j * cellW + cellW / 2, y + f + (headerLines - h.length) * lineH, h, lineH, { size: f, anchor: "middle", cls: "chart-label" }));
  y += headerLines * lineH + f * 0.5;
  for (const c of spec.categories) {
    const lines = wrapText(c.label, labelW, f);
    const h = Math.max(cellH, lines.length * lineH + f * 0.4);
    cv.lines(labelW, y + (h - lines.length * lineH) / 2 + f * 0.98, lines, lineH, { size: f, anchor: "end", cls: "chart-label" });
    spec.rows.forEach((r, j) => cell(x0 + j * cellW + 1, y + 1, cellW - 2, h - 2, r.values[c.key]));
    y += h;
  }
  return { width: W, height: y + f * 0.5, body: cv.parts.join("") };
}

function draw(spec: ChartSpec, o: RenderOptions): Drawn {
  if (spec.rows.length === 0) return { width: LAYOUTS[o.layout].width, height: LAYOUTS[o.layout].font * 2, body: "" };
  return spec.kind === "heatmap" ? heatMap(spec, o) : barChart(spec, o);
}

/** The chart alone (the page shows title, summary and notes around it in HTML). */
export function chartSvg(spec: ChartSpec, o: RenderOptions): string {
  const d = draw(spec, o);
  return svgRoot(d.width, d.height, spec.title, o, d.body);
}

export interface StandaloneTexts {
  /** e.g. "Counts States · from 87 States · data as of 1 December 2026". */
  meta: string;
  /** e.g. "Source: national reports on the Kyoto Declaration, accepted by the secretariat. kyoto.example.org/insights/4". */
  source: string;
  /** How the figures are made, one or two sentences. */
  methodology?: string;
  /** "Synthetic demo data: …" when it applies. */
  synthetic?: string;
  /** "Cells built from fewer than 3 States are not shown …" when cells were hidden. */
  suppressed?: string;
}

/**
 * A chart that stands on its own (downloads, documents): title, what it counts, the chart
 * with its legend, then source, methodology and notes. Always the wide layout; a white
 * background, the page's fonts, no external references.
 */
export function standaloneChartSvg(spec: ChartSpec, o: Omit<RenderOptions, "layout">, texts: StandaloneTexts): string {
  const opts = { ...o, layout: "wide" as const };
  const { width: W, font: f } = LAYOUTS.wide;
  const pad = 24;
  const inner = W - 2 * pad;
  const cv = new Canvas(W, o.dir === "rtl");
  let y = pad;
  const titleLines = wrapText(spec.title, inner, f * 1.4, true);
  cv.lines(pad, y + f * 1.4, titleLines, f * 1.8, { size: f * 1.4, bold: true });
  y += titleLines.length * f * 1.8 + f * 0.4;
  for (const s of [spec.summary, texts.meta].filter(Boolean)) {
    const lines = wrapText(s, inner, f);
    cv.lines(pad, y + f, lines, f * 1.35, { size: f, fill: s === texts.meta ? MUTED : INK });
    y += lines.length * f * 1.35 + f * 0.3;
  }
  y += f * 0.6;
  const chart = draw(spec, opts);
  const scale = inner / chart.width;
  const chartTop = y;
  y += chart.height * scale + f;
  for (const s of [texts.suppressed, texts.methodology, texts.source, texts.synthetic].filter((x): x is string => Boolean(x))) {
    const lines = wrapText(s, inner, f);
    cv.lines(pad, y + f, lines, f * 1.35, { size: f, fill: s === texts.synthetic ? INK : MUTED, bold: s === texts.synthetic });
    y += lines.length * f * 1.35 + f * 0.4;
  }
  const body = `${cv.parts.join("")}<g transform="translate(${pad} ${r1(chartTop)}) scale(${Math.round(scale * 10000) / 10000})">${chart.body}</g>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svgRoot(W, y + pad, spec.title, opts, body)}`;
}
