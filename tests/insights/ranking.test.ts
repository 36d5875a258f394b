/**
 * The public rankings "where most States ask for assistance / tools" disclose nothing the
 * suppression hides: with every row hidden (36 States, so many ask in each paragraph that the
 * few who do not would be singled out), the summary names no paragraph, the rows stand in
 * paragraph order (not by their hidden shares) and the drawing has no value axis; with some
 * rows hidden, the summary names only a published leader and the hidden rows follow in
 * paragraph order. Built from answers through the same publishing path as the pages.
 */
import { describe, expect, test } from "vitest";
import { chartSvg } from "#app/insights/chart-svg.ts";
import { specToCsv } from "#app/insights/chart-spec.ts";
import { askingSpec, type InsightContext } from "#app/insights/charts.server.tsx";
import { publishIndependent, tallyAny, type AnswerRow } from "#app/insights/figures.ts";
import { rankingSummary, rankPublished } from "#app/insights/ranking.ts";
import { i18next } from "#app/utils/i18n.server.ts";

const REFS = ["21", "22", "23", "24", "25", "26", "27", "28"];
const THEMES = ["Crime prevention", "Victims", "Youth", "Prisons", "Rule of law", "Corruption", "Cybercrime", "Cooperation"];
const STATES = Array.from({ length: 36 }, (_, i) => `S${String(i).padStart(2, "0")}`);

async function context(lang = "en"): Promise<InsightContext> {
  return {
    lang,
    t: await i18next.getFixedT(lang),
    viewer: "public",
    threshold: 3,
    minReports: 10,
    published: true,
    states: STATES.length,
    excluded: 0,
    excludedKinds: [],
    dataAsOf: "2026-06-30T00:00:00.000Z",
    cycle: {
      id: 7,
      title: "Cycle 2026",
      deadline: "2026-06-30T00:00:00.000Z",
      periodStart: "2021-03-12T00:00:00.000Z",
    },
    q: {
      adoptedOn: "2021-03-12",
      paragraphs: REFS.map((ref, i) => ({ ref, themeNumber: i + 1 })),
      themes: THEMES.map((title, i) => ({
        number: i + 1,
        title: { en: title },
      })),
    },
    paragraphs: [],
  } as unknown as InsightContext;
}

/** In paragraph `ref`, the first `asking[ref]` States ask for something, the others answer "none". */
function answers(asking: Record<string, number>): AnswerRow[] {
  return REFS.flatMap((ref) =>
    STATES.map((state, i) => ({
      state,
      group: "WEOG",
      ref,
      key: "ta_needed",
      value: i < asking[ref]! ? ["training"] : ["none"],
    }))
  );
}

const publish = (asking: Record<string, number>) => publishIndependent(tallyAny(answers(asking), "ta_needed", REFS), { minCell: 3, minGroup: 10 }, "binary");
const chart = {
  id: "ta-paragraphs",
  title: "Where most States ask for technical assistance",
  color: "#0072b2",
};
/** The paragraphs a text names, by label ("27 · Cybercrime") or title. */
const named = (text: string) => REFS.filter((ref, i) => text.includes(`${ref} ·`) || text.includes(THEMES[i]!));

describe("a ranking whose every row is hidden", () => {
  // 34 to 36 of 36 States ask in every paragraph: "the 1 or 2 who did not" (or "all of them") would be singled out.
  // By the hidden shares the order would be 23, 26, 28, 21, …; paragraph order is 21, 22, 23, ….
  const asking = {
    "21": 34,
    "22": 34,
    "23": 36,
    "24": 34,
    "25": 35,
    "26": 36,
    "27": 34,
    "28": 35,
  };

  test("every cell is hidden (the premise)", () => {
    expect(publish(asking).map((r) => r.counts.any)).toEqual(REFS.map(() => null));
  });

  for (const lang of ["en", "fr", "ar"]) {
    test(`${lang}: the summary names no paragraph and says why they are not ranked`, async () => {
      const c = await context(lang);
      const spec = askingSpec(c, publish(asking), chart);
      expect(spec.summary).toBe(c.t("figures.rankAllHidden"));
      expect(named(spec.summary)).toEqual([]);
    });
  }

  test("the rows stand in paragraph order, not by what they hide; the CSV says hidden", async () => {
    const spec = askingSpec(await context(), publish(asking), chart);
    expect(spec.rows.map((r) => r.key)).toEqual(REFS);
    expect(spec.rows.every((r) => r.values.any === null && r.counts?.any === null)).toBe(true);
    const csv = specToCsv(spec, "hidden");
    expect(csv).not.toMatch(/comes first/);
    expect(
      csv
        .split("\r\n")
        .slice(1, 9)
        .map((l) => l.split(",")[0]!.split(" ")[0])
    ).toEqual(REFS);
  });

  test("the same order however the hidden values change", async () => {
    const other = {
      "21": 36,
      "22": 35,
      "23": 34,
      "24": 36,
      "25": 34,
      "26": 35,
      "27": 36,
      "28": 34,
    };
    const c = await context();
    const a = askingSpec(c, publish(asking), chart);
    const b = askingSpec(c, publish(other), chart);
    expect(b.rows.map((r) => r.key)).toEqual(a.rows.map((r) => r.key));
    expect(b.summary).toBe(a.summary);
  });

  test("the drawing has no meaningless value axis (no 0 … 1 ticks), and each bar says hidden", async () => {
    const spec = askingSpec(await context(), publish(asking), chart);
    for (const layout of ["wide", "narrow", "slide"] as const) {
      const svg = chartSvg(spec, {
        lang: "en",
        dir: "ltr",
        layout,
        fewerThan: "hidden",
      });
      expect(svg).not.toContain('class="chart-axis"');
      expect(svg.match(/class="chart-value">hidden</g)).toHaveLength(REFS.length);
    }
  });
});

describe("a ranking with some rows hidden", () => {
  // Published: 22 (20 of 36), 24 (12), 27 (25). Hidden: the rest (1, 35, 36, 0, 2 States) — 23 and 26 hold the highest shares.
  const asking = {
    "21": 1,
    "22": 20,
    "23": 35,
    "24": 12,
    "25": 0,
    "26": 36,
    "27": 25,
    "28": 2,
  };

  test("the premise: three shares published, five hidden", () => {
    expect(publish(asking).map((r) => r.counts.any)).toEqual([null, 20, null, 12, null, null, 25, null]);
  });

  test("the summary names the published leader only, and says the hidden rows are not ranked", async () => {
    const c = await context();
    const spec = askingSpec(c, publish(asking), chart);
    expect(spec.summary).toBe(`27 · Cybercrime comes first: 25 of 36 States (69 per cent) ask for it. ${c.t("figures.rankSomeHidden")}`);
    expect(named(spec.summary)).toEqual(["27"]);
  });

  test("published rows by their share, then the hidden rows in paragraph order", async () => {
    const spec = askingSpec(await context(), publish(asking), chart);
    expect(spec.rows.map((r) => r.key)).toEqual(["27", "22", "24", "21", "23", "25", "26", "28"]);
  });

  test("the value axis is drawn from the published shares, in whole per cent", async () => {
    const svg = chartSvg(askingSpec(await context(), publish(asking), chart), {
      lang: "en",
      dir: "ltr",
      layout: "wide",
      fewerThan: "hidden",
    });
    const ticks = [...svg.matchAll(/class="chart-axis">([^<]+)</g)].map((m) => m[1]);
    expect(ticks[0]).toBe("0");
    expect(new Set(ticks).size).toBe(ticks.length);
  });
});

describe("rankPublished and rankingSummary (also the priorities chart)", () => {
  const row = (key: string, value: number | null, count: number | null = value) => ({ key, label: key, values: { any: value }, counts: { any: count } });

  test("hidden rows keep the given order whatever their position; ties by count, then given order", () => {
    const rows = [row("5(a)", null), row("5(b)", 40, 8), row("6", null), row("7", 40, 10), row("8", 10)];
    expect(rankPublished(rows, "any").map((r) => r.key)).toEqual(["7", "5(b)", "8", "5(a)", "6"]);
  });

  test("all hidden: no leader named; none at all: the empty text", async () => {
    const t = await i18next.getFixedT("en");
    const top = (r: { key: string }) => `Most named: ${r.key}`;
    expect(
      rankingSummary([row("81", null), row("35", null)], "any", t, {
        empty: "none",
        top,
      })
    ).toBe(t("figures.rankAllHidden"));
    expect(rankingSummary([], "any", t, { empty: "none", top })).toBe("none");
    expect(
      rankingSummary([row("81", 30), row("35", 50)], "any", t, {
        empty: "none",
        top,
      })
    ).toBe("Most named: 35");
  });
});
