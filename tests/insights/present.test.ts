/**
 * A standards chart in the meeting room: cut into slides whose drawing keeps its text at 24
 * units (SLIDE_CHART_HEIGHT), rows in order, each row with its full label (no data table on a
 * slide), each part numbered "n of N"; a chart that fits stays one slide. What the room sees at
 * 1920 × 1080 and 1366 × 768: tests/e2e/insights.test.ts.
 */
import { describe, expect, test } from "vitest";
import type { ChartSpec } from "#app/insights/chart-spec.ts";
import type { InsightContext } from "#app/insights/charts.server.tsx";
import { SLIDE_CHART_HEIGHT, slideParts } from "#app/insights/present.server.ts";
import { svgFor } from "#app/insights/render.server.ts";
import { i18next } from "#app/utils/i18n.server.ts";

async function context(lang: "en" | "fr" | "ar"): Promise<InsightContext> {
  return { lang, t: await i18next.getFixedT(lang) } as unknown as InsightContext;
}

const QUESTIONS = [
  "Has your country applied the Nelson Mandela Rules?",
  "Are data on the matters covered by this paragraph collected?",
  "Are these data disaggregated by sex and age?",
  "Has a gender perspective been mainstreamed into the measures taken under this paragraph?",
];

function standardsSpec(rows: number): ChartSpec {
  return {
    id: "standards-pillar-2",
    kind: "stacked-bar",
    title: "Standards and instruments: II. Advancing the criminal justice system",
    summary: "",
    unit: "per cent of the States that answered",
    states: 40,
    dataAsOf: "2026-06-30T00:00:00Z",
    threshold: 3,
    percent: true,
    suppressed: false,
    categories: [
      { key: "yes", label: "Yes", color: "#0072b2" },
      { key: "no", label: "No", color: "#56b4e9" },
    ],
    rows: Array.from({ length: rows }, (_, i) => {
      const title = `${30 + Math.floor(i / 4)} · Prison conditions: ${QUESTIONS[i % 4]}`;
      return { key: `q${i}`, label: `${title.slice(0, 24)}…`, title, n: 20 + i, counts: { yes: 10, no: 10 + i }, values: { yes: 50, no: 50 } };
    }),
  };
}

const height = (svg: string) => Number(/viewBox="0 0 [\d.]+ ([\d.]+)"/.exec(svg)![1]);

describe("the standards deck", () => {
  for (const lang of ["en", "fr", "ar"] as const) {
    test(`${lang}: a pillar's 38 questions are cut into parts that each fit a slide, in order, with full labels and their n`, async () => {
      const c = await context(lang);
      const spec = standardsSpec(38);
      const parts = slideParts(c, spec);
      expect(parts.length).toBeGreaterThan(2);
      // Every row once, in order, labelled in full.
      expect(parts.flatMap((p) => p.rows.map((r) => r.key))).toEqual(spec.rows.map((r) => r.key));
      for (const p of parts) for (const r of p.rows) expect(r.label).toBe(r.title);
      parts.forEach((p, i) => {
        const svg = svgFor(c, p, "slide");
        expect(height(svg), p.title).toBeLessThanOrEqual(SLIDE_CHART_HEIGHT);
        // Nothing is shortened: each question's words are in the drawing; bars end with their denominator.
        for (const r of p.rows) expect(svg.replace(/<[^>]+>/g, " ").replace(/[\s\u202B\u202C]+/g, "")).toContain(r.title!.replace(/\s+/g, ""));
        expect([...svg.matchAll(/class="chart-value">([^<]*)</g)].map((m) => m[1]!.replace(/[\u202B\u202C]/g, ""))).toEqual(p.rows.map((r) => `n = ${new Intl.NumberFormat(lang).format(r.n!)}`));
        expect(p.title).toBe(c.t("present.part", { title: spec.title, part: i + 1, parts: parts.length }));
      });
      // Even parts, not full slides followed by a few questions left over.
      const heights = parts.map((p) => height(svgFor(c, p, "slide")));
      expect(Math.min(...heights)).toBeGreaterThan(SLIDE_CHART_HEIGHT / 2);
      expect(Math.max(...parts.map((p) => p.rows.length)) - Math.min(...parts.map((p) => p.rows.length))).toBeLessThanOrEqual(2);
      // Cut once per spec and language.
      expect(slideParts(c, spec)).toBe(parts);
    });
  }

  test("a pillar's questions a row over one slide make two parts of about half each, not a full one and a single row", async () => {
    const c = await context("en");
    let rows = 4;
    while (slideParts(c, standardsSpec(rows)).length === 1) rows++;
    const parts = slideParts(c, standardsSpec(rows));
    expect(parts).toHaveLength(2);
    expect(Math.abs(parts[0]!.rows.length - parts[1]!.rows.length)).toBeLessThanOrEqual(1);
  });

  test("a chart that fits one slide stays whole, under its own title", async () => {
    const c = await context("en");
    const spec = standardsSpec(4);
    const parts = slideParts(c, spec);
    expect(parts).toHaveLength(1);
    expect(parts[0]!.title).toBe(spec.title);
    expect(parts[0]!.rows.map((r) => r.label)).toEqual(spec.rows.map((r) => r.title));
  });

  test("English part titles read 'Title (2 of 4)'", async () => {
    const c = await context("en");
    const parts = slideParts(c, standardsSpec(38));
    expect(parts[1]!.title).toBe(`Standards and instruments: II. Advancing the criminal justice system (2 of ${parts.length})`);
  });
});
