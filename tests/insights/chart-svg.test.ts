/**
 * The charts as drawn: every text of every chart type, in Latin, Arabic and Chinese, reads at
 * 4.5:1 or better on what is behind it (axe does not check SVG text, so it is computed here),
 * is at least 14 units (24 on slides), stays inside the drawing, and is never drawn in a series
 * colour; Arabic mirrors; labels wrap rather than truncate; downloads stand alone.
 */
import { describe, expect, test } from "vitest";
import type { ChartSpec } from "#app/insights/chart-spec.ts";
import { chartSvg, HIDDEN_FILL, LAYOUTS, standaloneChartSvg, type ChartLayout } from "#app/insights/chart-svg.ts";
import { contrastRatio, PAPER, STATUS_COLORS } from "#app/insights/palette.ts";
import { textWidth } from "#app/insights/text-measure.ts";

const SCRIPTS = {
  en: {
    dir: "ltr" as const,
    rows: ["I. Prevention of crime, including through a whole-of-society approach to prevention", "II. Criminal justice", "Latin American and Caribbean States"],
    cats: ["Not started", "Planned", "In progress", "Largely implemented", "Fully implemented", "Not applicable"],
  },
  ar: {
    dir: "rtl" as const,
    rows: ["منع الجريمة، بما في ذلك من خلال نهج يشمل المجتمع بأسره إزاء منع الجريمة", "العدالة الجنائية", "دول أمريكا اللاتينية ومنطقة البحر الكاريبي"],
    cats: ["لم يبدأ بعد", "مخطط له", "قيد التنفيذ", "منفذ إلى حد كبير", "منفذ بالكامل", "لا ينطبق"],
  },
  zh: {
    dir: "ltr" as const,
    rows: ["预防犯罪，包括通过全社会办法预防犯罪以及促进社会经济发展和教育", "刑事司法", "拉丁美洲和加勒比国家"],
    cats: ["尚未开始", "已计划", "进行中", "基本实施", "全面实施", "不适用"],
  },
};
type Lang = keyof typeof SCRIPTS;
/** The six statuses the category labels name, in order (the palette holds the anchored stages too). */
const STATUS = ["not_started", "planned", "in_progress", "largely_implemented", "fully_implemented", "not_applicable"];

function specs(lang: Lang): ChartSpec[] {
  const s = SCRIPTS[lang];
  const common = { summary: "", unit: "States", states: 87, dataAsOf: "2026-06-30T00:00:00Z", threshold: 3 };
  return [
    {
      ...common,
      id: "stacked",
      kind: "stacked-bar",
      title: "status",
      categories: STATUS.map((k, i) => ({ key: k, label: s.cats[i]!, color: STATUS_COLORS[k]! })),
      rows: s.rows.map((label, i) => ({ key: String(i), label, values: Object.fromEntries(STATUS.map((k, j) => [k, i === 2 && j === 1 ? null : 3 + i * 4 + j])) })),
    },
    {
      ...common,
      id: "shares",
      kind: "stacked-bar",
      title: "shares with hidden cells",
      percent: true,
      categories: STATUS.slice(0, 3).map((k, i) => ({ key: k, label: s.cats[i]!, color: STATUS_COLORS[k]! })),
      // All shown; all hidden (the whole row is one hidden segment); one shown, two hidden.
      rows: s.rows.map((label, i) => ({
        key: String(i),
        label,
        values: i === 0 ? { not_started: 50, planned: 30, in_progress: 20 } : i === 1 ? { not_started: null, planned: null, in_progress: null } : { not_started: 55, planned: null, in_progress: null },
      })),
    },
    {
      ...common,
      id: "bar",
      kind: "bar",
      title: "bar",
      categories: [{ key: "n", label: s.cats[0]!, color: "#0072B2" }],
      rows: s.rows.map((label, i) => ({ key: String(i), label, values: { n: i === 1 ? null : 120 - i * 30 } })),
    },
    {
      ...common,
      id: "level",
      kind: "bar",
      title: "trend",
      scale: { min: 0, max: 4, decimals: 2 },
      categories: [{ key: "level", label: s.cats[2]!, color: "#0072B2" }],
      rows: s.rows.map((label, i) => ({ key: String(i), label, values: { level: 1.25 + i } })),
    },
    {
      ...common,
      id: "heat",
      kind: "heatmap",
      title: "heat",
      scale: { min: 0, max: 4, decimals: 1 },
      categories: s.rows.map((label, i) => ({ key: String(i), label, color: "" })),
      // Every class of the ramp, a hidden cell and an empty one.
      rows: s.rows.map((label, i) => ({ key: `g${i}`, label, values: { "0": i * 1.9, "1": i === 1 ? null : 0.9 + i, "2": i === 2 ? (undefined as unknown as number) : 3.9 - i } })),
    },
  ];
}

interface Text {
  x: number;
  y: number;
  size: number;
  fill: string;
  anchor: string;
  content: string;
  cls: string;
  bold: boolean;
  behind: string;
}

/** Every <text> with the fill of the rectangle drawn just before it when it sits inside it (heat-map cells), else the paper. */
function texts(svg: string): { width: number; list: Text[] } {
  const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)![1]);
  const list: Text[] = [];
  let lastRect: { x: number; y: number; w: number; h: number; fill: string } | null = null;
  for (const m of svg.matchAll(/<(rect|text)\b([^>]*?)\/?>(?:([^<]*)<\/text>)?/g)) {
    const attr = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(m[2]!)?.[1];
    if (m[1] === "rect") {
      lastRect = { x: Number(attr("x")), y: Number(attr("y")), w: Number(attr("width")), h: Number(attr("height")), fill: attr("fill")! };
      continue;
    }
    const x = Number(attr("x"));
    const y = Number(attr("y"));
    const inside = lastRect && x >= lastRect.x && x <= lastRect.x + lastRect.w && y >= lastRect.y && y <= lastRect.y + lastRect.h && lastRect.w < width;
    list.push({
      x,
      y,
      size: Number(attr("font-size")),
      fill: attr("fill")!,
      anchor: attr("text-anchor") ?? "start",
      content: (m[3] ?? "").replace(/[\u202B\u202C]/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&"),
      cls: attr("class") ?? "",
      bold: attr("font-weight") === "700",
      behind: inside ? lastRect!.fill : PAPER,
    });
  }
  return { width, list };
}

const LAYOUT_NAMES: ChartLayout[] = ["wide", "narrow", "slide"];
const HIDDEN_LEGEND = "hidden (small numbers)";

/** The bars of a chart: rectangles of the given height (legend swatches are smaller), by row (y). */
function barsByRow(svg: string, height: number) {
  const rows = new Map<number, { x: number; w: number; fill: string }[]>();
  for (const m of svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="([^"]+)"/g)) {
    if (Math.abs(Number(m[4]) - height) > 0.01) continue;
    const y = Number(m[2]);
    rows.set(y, [...(rows.get(y) ?? []), { x: Number(m[1]), w: Number(m[3]), fill: m[5]! }]);
  }
  return [...rows.values()];
}

describe("stacked bars of shares with hidden cells", () => {
  const spec = specs("en").find((x) => x.id === "shares")!;
  for (const layout of LAYOUT_NAMES) {
    test(`${layout}: the hidden share is its own hatched segment, so every bar reaches 100 per cent, and the legend says what it is`, () => {
      const svg = chartSvg(spec, { lang: "en", dir: "ltr", layout, fewerThan: "hidden", hiddenShare: HIDDEN_LEGEND });
      const f = LAYOUTS[layout].font;
      const bars = barsByRow(svg, Math.round(f * (layout === "slide" ? 1.1 : 1.35)));
      expect(bars).toHaveLength(3);
      const spans = bars.map((segments) => Math.max(...segments.map((b) => b.x + b.w)) - Math.min(...segments.map((b) => b.x)));
      // The same length for the full row, the all-hidden row and the partly hidden row.
      for (const span of spans) expect(span).toBeCloseTo(spans[0]!, 0);
      expect(bars.map((segments) => segments.filter((b) => b.fill === HIDDEN_FILL).length)).toEqual([0, 1, 1]);
      // The partly hidden row: 55 shown, 45 hidden, in proportion.
      const [shown, hidden] = [bars[2]!.find((b) => b.fill !== HIDDEN_FILL)!, bars[2]!.find((b) => b.fill === HIDDEN_FILL)!];
      expect(hidden.w / shown.w).toBeCloseTo(45 / 55, 1);
      expect(svg).toContain('class="chart-hidden-hatch"');
      const legend = texts(svg).list.find((t) => t.content === HIDDEN_LEGEND);
      expect(legend, "the legend names the hatched segment").toBeDefined();
      expect(contrastRatio(legend!.fill, PAPER)).toBeGreaterThanOrEqual(4.5);
    });
  }

  test("without hidden cells there is no hatched segment and no legend entry for it", () => {
    const full = { ...spec, rows: spec.rows.slice(0, 1) };
    const svg = chartSvg(full, { lang: "en", dir: "ltr", layout: "wide", fewerThan: "hidden", hiddenShare: HIDDEN_LEGEND });
    expect(svg).not.toContain(HIDDEN_LEGEND);
    expect(svg).not.toContain("chart-hidden-hatch");
  });

  test("the standalone download (SVG, and the PNG drawn from it) carries the hatched segment and its legend", () => {
    const svg = standaloneChartSvg(spec, { lang: "en", dir: "ltr", fewerThan: "hidden", hiddenShare: HIDDEN_LEGEND }, { meta: "m", source: "s" });
    expect(svg).toContain(HIDDEN_LEGEND);
    expect(svg).toContain(`fill="${HIDDEN_FILL}"`);
  });
});

describe.each(Object.keys(SCRIPTS) as Lang[])("charts in %s", (lang) => {
  const { dir } = SCRIPTS[lang];
  for (const spec of specs(lang)) {
    for (const layout of LAYOUT_NAMES) {
      test(`${spec.kind} ${spec.id}, ${layout}: every text ≥ 4.5:1, big enough, inside, never in a series colour`, () => {
        const svg = chartSvg(spec, { lang, dir, layout, fewerThan: "fewer than 3", noAnswers: "no answers", hiddenShare: HIDDEN_LEGEND });
        expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+" width="100%"/);
        const { width, list } = texts(svg);
        expect(list.length).toBeGreaterThan(spec.rows.length);
        const seriesColours = new Set(spec.categories.map((c) => c.color.toLowerCase()).filter(Boolean));
        for (const t of list) {
          expect(contrastRatio(t.fill, t.behind), `"${t.content}" ${t.fill} on ${t.behind}`).toBeGreaterThanOrEqual(4.5);
          expect(seriesColours.has(t.fill.toLowerCase()), `"${t.content}" drawn in a series colour`).toBe(false);
          expect(t.size).toBeGreaterThanOrEqual(layout === "slide" ? 24 : 14);
          const w = textWidth(t.content, t.size, t.bold);
          const left = t.anchor === "start" ? t.x : t.anchor === "end" ? t.x - w : t.x - w / 2;
          expect(left, `"${t.content}" starts before the left edge`).toBeGreaterThanOrEqual(-1);
          expect(left + w, `"${t.content}" runs past the right edge (${width})`).toBeLessThanOrEqual(width + 1);
        }
        // Wrapped, not truncated: every word of every label is there.
        const all = list.map((t) => t.content).join(" ");
        for (const r of [...spec.rows, ...(spec.kind === "heatmap" ? spec.categories : [])]) {
          for (const word of r.label.split(" ")) expect(all.replace(/\s/g, "")).toContain(word);
        }
        expect(all).not.toContain("…");
      });
    }
  }

  test("the legend names each series in the body colour beside a swatch of its colour", () => {
    const spec = specs(lang)[0]!;
    const svg = chartSvg(spec, { lang, dir, layout: "wide", fewerThan: "fewer than 3" });
    for (const c of spec.categories) {
      expect(svg).toContain(`fill="${c.color}"`);
      expect(svg).toMatch(new RegExp(`<text [^>]*fill="#1b1f24"[^>]*class="chart-legend">[\\u202B]?${c.label}`));
    }
  });
});

describe("mirroring and layouts", () => {
  test("Arabic is mirrored: row labels on the right, the value axis starts on the right", () => {
    const [ar] = specs("ar").filter((s) => s.id === "bar");
    const [en] = specs("en").filter((s) => s.id === "bar");
    const W = LAYOUTS.wide.width;
    const labels = (svg: string) => texts(svg).list.filter((t) => t.cls === "chart-label");
    const zero = (svg: string) => texts(svg).list.find((t) => t.cls === "chart-axis" && t.content === "0")!.x;
    const arSvg = chartSvg(ar!, { lang: "ar", dir: "rtl", layout: "wide", fewerThan: "أقل من 3" });
    const enSvg = chartSvg(en!, { lang: "en", dir: "ltr", layout: "wide", fewerThan: "fewer than 3" });
    expect(labels(enSvg).every((t) => t.x < W / 2)).toBe(true);
    expect(labels(arSvg).every((t) => t.x > W / 2 && t.anchor === "start")).toBe(true);
    expect(zero(enSvg)).toBeLessThan(W / 2);
    expect(zero(arSvg)).toBeGreaterThan(W / 2);
    // Arabic text is embedded right to left, so numerals and punctuation take its left end.
    expect(arSvg).toContain("\u202B");
  });

  test("Chinese labels are measured as full-width: a long label wraps into more lines than the same count of Latin letters", () => {
    expect(textWidth("刑事司法", 14)).toBeGreaterThan(textWidth("Crim", 14) * 1.5);
  });

  test("a standalone download carries title, summary, what it counts, legend, source, methodology and the synthetic note", () => {
    const spec = { ...specs("en")[0]!, title: "Implementation status across the pillars", summary: "How far States say they are." };
    const svg = standaloneChartSvg(spec, { lang: "en", dir: "ltr", fewerThan: "fewer than 3" }, { meta: "Counts States · from 87 States", source: "Source: national reports", methodology: "Only accepted reports count.", synthetic: "Synthetic demo data.", suppressed: "Cells built from fewer than 3 States are not shown." });
    expect(svg.startsWith("<?xml")).toBe(true);
    for (const s of [spec.title, spec.summary, "Counts States · from 87 States", "Source: national reports", "Only accepted reports count.", "Synthetic demo data.", "Not started", "Cells built from fewer than 3 States"]) expect(svg).toContain(s);
    expect(svg).not.toMatch(/href=|url\(/);
  });
});

describe("shares stacked to 100", () => {
  test("a bar whose rounded shares make 101 keeps a 0–100 axis and ends with its denominator, not with 101", () => {
    const spec: ChartSpec = {
      summary: "",
      unit: "per cent of the States that answered",
      states: 36,
      dataAsOf: "2026-06-30T00:00:00Z",
      threshold: 3,
      id: "rounded",
      kind: "stacked-bar",
      title: "stages",
      percent: true,
      categories: STATUS.slice(0, 3).map((k) => ({ key: k, label: k, color: STATUS_COLORS[k]! })),
      rows: [
        { key: "1", label: "I. Crime prevention", n: 36, values: { not_started: 34, planned: 34, in_progress: 33 } },
        { key: "2", label: "II. Criminal justice", n: 29, values: { not_started: 50, planned: 25, in_progress: 25 } },
      ],
    };
    for (const layout of ["wide", "narrow"] as ChartLayout[]) {
      const svg = chartSvg(spec, { lang: "en", dir: "ltr", layout, fewerThan: "hidden", hiddenShare: HIDDEN_LEGEND });
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      expect(texts, layout).toContain("n = 36");
      expect(texts, layout).toContain("n = 29");
      expect(texts, layout).not.toContain("101");
      expect(texts, layout).not.toContain("125");
      expect(texts, layout).toContain("100");
    }
  });
});
