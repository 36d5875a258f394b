/**
 * Charts for documents: the same ChartView SVG as the insights pages, rasterised to PNG on
 * the server with resvg and the Noto fonts installed on the machine (Latin, Arabic, CJK).
 */
import fs from "node:fs";
import { renderToStaticMarkup } from "react-dom/server";
import { Resvg } from "@resvg/resvg-js";
import { ChartView, CHART_WIDTH } from "#app/insights/components/chart-view.tsx";
import type { ChartSpec } from "#app/insights/chart-spec.ts";

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

/** The chart's SVG document, exactly as the insights page draws it. */
export function chartSvg(spec: ChartSpec, rtl = false): string {
  const markup = renderToStaticMarkup(<ChartView spec={spec} rtl={rtl} />);
  let svg = outerSvg(markup);
  if (!svg.includes("xmlns=")) svg = svg.replace("<svg", '<svg xmlns="http://www.w3.org/2000/svg"');
  // recharts draws its legend as HTML beside the SVG: draw it inside, in the space it keeps on top.
  if (spec.kind !== "heatmap" && spec.categories.length > 1) svg = svg.replace(/<\/svg>$/, `${legend(spec)}</svg>`);
  return svg;
}

/** The first top-level <svg>…</svg> of the markup (recharts wraps it in HTML). */
function outerSvg(markup: string): string {
  const start = markup.indexOf("<svg");
  if (start < 0) return markup;
  const re = /<svg\b|<\/svg>/g;
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(markup); m; m = re.exec(markup)) {
    depth += m[0] === "</svg>" ? -1 : 1;
    if (depth === 0) return markup.slice(start, m.index + 6);
  }
  return markup.slice(start);
}

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function legend(spec: ChartSpec): string {
  let x = 90;
  const items = spec.categories.map((c) => {
    const item = `<rect x="${x}" y="8" width="12" height="12" fill="${escapeXml(c.color)}"/><text x="${x + 16}" y="18" font-size="12" fill="#1b1f24">${escapeXml(c.label)}</text>`;
    x += 28 + c.label.length * 6.5;
    return item;
  });
  return `<g class="legend">${items.join("")}</g>`;
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

export { CHART_WIDTH };
