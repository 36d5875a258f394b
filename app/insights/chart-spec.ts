/**
 * A chart as data: what it counts, its categories and rows. The same spec draws the SVG,
 * fills the data table, and makes the CSV download, so the three always agree.
 */
import { neutraliseCell } from "#app/utils/spreadsheet.ts";

export type ChartKind = "stacked-bar" | "bar" | "heatmap";

export interface ChartSpec {
  id: string;
  kind: ChartKind;
  title: string;
  summary: string;
  /** What one unit is, e.g. "States" or "State × paragraph answers". */
  unit: string;
  /** How many States the chart is built from. */
  states: number;
  dataAsOf: string | null;
  categories: { key: string; label: string; color: string }[];
  rows: { key: string; label: string; values: Record<string, number | null> }[];
  /** Heat maps: the value range (e.g. 0–4) and how to print a value. */
  scale?: { min: number; max: number; decimals: number };
  /** True when some cells were replaced by "fewer than N". */
  suppressed?: boolean;
  threshold?: number;
}

/** How a chart is laid out: beside the bars (laptops), above them (phones), or for a slide. */
export type ChartLayout = "wide" | "narrow" | "slide";

/** A spec with the SVG markup the server drew for it, per layout. */
export type RenderedChart = ChartSpec & { svg: Partial<Record<ChartLayout, string>> };

export function specToCsv(spec: ChartSpec, fewerThan: string): string {
  const field = (v: string) => {
    const safe = neutraliseCell(v);
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = ["", ...spec.categories.map((c) => c.label)].map(field).join(",");
  const lines = spec.rows.map((r) =>
    [r.label, ...spec.categories.map((c) => {
      const v = r.values[c.key];
      return v === null ? fewerThan : v === undefined ? "" : String(spec.scale ? Number(v.toFixed(spec.scale.decimals)) : v);
    })].map(field).join(","),
  );
  return "\uFEFF" + [header, ...lines].join("\r\n") + "\r\n";
}

/** Replace counts from fewer than `threshold` States (but more than none) by null. */
export function suppress(value: number, states: number, threshold: number): number | null {
  return states > 0 && states < threshold ? null : value;
}
