/**
 * Colour-blind-safe colours. Statuses are ordered, so they run light to dark on one blue
 * ramp (readable without hue); "not applicable" stands apart in grey. Categories use the
 * Okabe–Ito palette. Chart text never takes a series colour: it is drawn in INK or MUTED on
 * white, or in the text colour of a heat-map class, each at least 4.5:1 (tests compute it).
 */
export const STATUS_COLORS: Record<string, string> = {
  not_started: "#deebf7",
  planned: "#9ecae1",
  in_progress: "#4292c6",
  largely_implemented: "#2171b5",
  fully_implemented: "#08306b",
  not_applicable: "#969696",
  // The anchored stages (stages edition), on the same ramp; "not known" grey too.
  no_action: "#deebf7",
  adopted: "#4292c6",
  in_operation: "#2171b5",
  evaluated: "#08306b",
  not_known: "#bdbdbd",
};

export const CATEGORY_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** The page's body text colour and its muted colour (app.css --ink, --muted), and chart lines. */
export const INK = "#1b1f24";
export const MUTED = "#505a64";
export const PAPER = "#ffffff";
export const GRID = "#c9d0d6";
/** Outline for fills too light to stand out from the paper on their own. */
export const OUTLINE = "#5f6b77";

/**
 * Heat maps use five classes of equal width over the scale, each with a fill and the text
 * colour that reads on it (no colour falls between the two text colours' safe ranges).
 */
export const HEAT_CLASSES = [
  { fill: "#f7fbff", text: INK },
  { fill: "#c6dbef", text: INK },
  { fill: "#6baed6", text: INK },
  { fill: "#2171b5", text: PAPER },
  { fill: "#08306b", text: PAPER },
] as const;

/** The class of a value `t` in 0..1. */
export function heatClass(t: number): number {
  return Math.min(HEAT_CLASSES.length - 1, Math.max(0, Math.floor(t * HEAT_CLASSES.length)));
}

/** WCAG 2 relative luminance of #rgb, #rrggbb or rgb(r,g,b). */
export function luminance(color: string): number {
  let rgb: number[];
  const m = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(color);
  if (m) rgb = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    let hex = color.replace("#", "");
    if (hex.length === 3) hex = [...hex].map((c) => c + c).join("");
    rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  }
  const [r, g, b] = rgb.map((v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
