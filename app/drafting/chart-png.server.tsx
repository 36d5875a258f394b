/**
 * Charts for documents: the same SVG as the insights pages (app/insights/chart-svg.ts), rasterised to PNG on
 * the server with resvg and the Noto fonts installed on the machine (Latin, Arabic, CJK).
 */
import fs from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { chartSvg as drawChart, LAYOUTS } from "#app/insights/chart-svg.ts";
import type { ChartSpec } from "#app/insights/chart-spec.ts";

export const CHART_WIDTH = LAYOUTS.wide.width;

const FONT_CANDIDATES = [
  "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
  "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
  "/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf",
  "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
];

let fonts: string[] | null = null;
function fontFiles(): string[] {
  fonts ??= FONT_CANDIDATES.filter((f) => fs.existsSync(f));
  return fonts;
}

/** The chart's SVG document, exactly as the insights page draws it (wide layout), at its own size. */
export function chartSvg(spec: ChartSpec, rtl = false, lang = rtl ? "ar" : "en"): string {
  const svg = drawChart(spec, { lang, dir: rtl ? "rtl" : "ltr", layout: "wide", fewerThan: `<${spec.threshold ?? 3}` });
  const [, w, h] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!;
  return svg.replace('width="100%"', `width="${w}" height="${h}"`);
}

export interface ChartImage {
  png: Buffer;
  width: number;
  height: number;
}

/** PNG at twice the SVG's size (sharp in print), with its displayed size. */
export function chartPng(spec: ChartSpec, rtl = false): ChartImage {
  const svg = chartSvg(spec, rtl);
  const resvg = new Resvg(svg, {
    background: "white",
    fitTo: { mode: "zoom", value: 2 },
    font: { loadSystemFonts: false, fontFiles: fontFiles(), defaultFontFamily: "Noto Sans", sansSerifFamily: "Noto Sans" },
  });
  const image = resvg.render();
  const png = image.asPng();
  return { png: Buffer.from(png), width: image.width / 2, height: image.height / 2 };
}
