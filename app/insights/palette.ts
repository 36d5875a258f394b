/**
 * Colour-blind-safe colours. Statuses are ordered, so they run light to dark on one blue
 * ramp (readable without hue); "not applicable" stands apart in grey. Categories use the
 * Okabe–Ito palette.
 */
export const STATUS_COLORS: Record<string, string> = {
  not_started: "#deebf7",
  planned: "#9ecae1",
  in_progress: "#4292c6",
  largely_implemented: "#2171b5",
  fully_implemented: "#08306b",
  not_applicable: "#969696",
};

export const CATEGORY_COLORS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** A blue ramp for heat maps (0 = light, 1 = dark). */
export function heatColor(t: number): string {
  const stops = [
    [247, 251, 255],
    [198, 219, 239],
    [107, 174, 214],
    [33, 113, 181],
    [8, 48, 107],
  ];
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const [a, b] = [stops[i]!, stops[i + 1]!];
  const c = a.map((v, k) => Math.round(v + (b[k]! - v) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function textOn(t: number): string {
  return t > 0.55 ? "#ffffff" : "#1b1f24";
}
