/**
 * A chart as data: what it counts, its categories and rows. The same spec draws the SVG,
 * fills the data table, and makes the CSV download, so the three always agree.
 */
import { neutraliseCell } from "#app/utils/spreadsheet.ts";

export type ChartKind = "stacked-bar" | "bar" | "heatmap";

export interface ChartRow {
  key: string;
  label: string;
  /** The full label when `label` is shortened for the drawing (the table and CSV print this). */
  title?: string;
  /** Link of the row's label (a paragraph or pillar page), when it has one. */
  href?: string;
  /** Shares in per cent when the spec is `percent`, else counts; null = hidden (disclosure control). */
  values: Record<string, number | null>;
  /** Percent specs: the numerators (States), null when hidden. */
  counts?: Record<string, number | null>;
  /** Percent specs: the denominator of the row (States that answered), null when not one number. */
  n?: number | null;
}

export interface ChartSpec {
  id: string;
  kind: ChartKind;
  title: string;
  summary: string;
  /** What one unit is, e.g. "States" or "per cent of the States that answered". */
  unit: string;
  /** How many States the chart is built from. */
  states: number;
  dataAsOf: string | null;
  categories: { key: string; label: string; color: string }[];
  rows: ChartRow[];
  /** Values are shares in per cent (0–100) of each row's denominator. */
  percent?: boolean;
  /** Heat maps: the value range and how to print a value. */
  scale?: { min: number; max: number; decimals: number };
  /** True when some cells are hidden to protect the States' answers. */
  suppressed?: boolean;
  threshold?: number;
  /** The methodology note, sentence by sentence: printed under the chart and in every download. */
  notes?: string[];
}

/** How a chart is laid out: beside the bars (laptops), above them (phones), or for a slide. */
export type ChartLayout = "wide" | "narrow" | "slide";

/**
 * A spec with the SVG markup the server drew for it, per layout: in `svg`, or (a document
 * request: the markup is in the HTML once, app/utils/markup-once.server.ts) as references in `svgRef`.
 */
export type RenderedChart = ChartSpec & { svg: Partial<Record<ChartLayout, string>>; svgRef?: Partial<Record<ChartLayout, string>> };

export function specToCsv(spec: ChartSpec, hidden: string, labels: { n?: string; states?: string } = {}): string {
  const field = (v: string) => {
    const safe = neutraliseCell(v);
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const num = (v: number | null | undefined, decimals = spec.percent ? 1 : (spec.scale?.decimals ?? 0)) => (v === null ? hidden : v === undefined ? "" : String(Number(v.toFixed(decimals))));
  const withCounts = spec.percent && spec.rows.some((r) => r.counts);
  const header = ["", ...(spec.percent ? [labels.n ?? "n"] : []), ...spec.categories.flatMap((c) => (withCounts ? [`${c.label} (%)`, `${c.label} (${labels.states ?? "States"})`] : [c.label]))];
  const lines = spec.rows.map((r) => [
    r.title ?? r.label,
    ...(spec.percent ? [r.n === undefined ? "" : num(r.n, 0)] : []),
    ...spec.categories.flatMap((c) => (withCounts ? [num(r.values[c.key]), num(r.counts?.[c.key], 0)] : [num(r.values[c.key])])),
  ]);
  const notes = (spec.notes ?? []).map((n) => [n]);
  return "\uFEFF" + [header, ...lines, ...(notes.length ? [[], ...notes] : [])].map((l) => l.map(field).join(",")).join("\r\n") + "\r\n";
}

/**
 * Replace a count from fewer than `threshold` States (but more than none) by null: primary
 * suppression of a cell that stands alone. Linked tables are protected together by
 * app/insights/disclosure-control.ts (ADR 011).
 */
export function suppress(value: number, states: number, threshold: number): number | null {
  return states > 0 && states < threshold ? null : value;
}
