/**
 * Builds the insights charts (as ChartSpecs) from the aggregates, in the viewer's language,
 * with small cells suppressed in public views. Drawing them (SVG, PNG) and the downloads live
 * in render.server.ts and chart-svg.ts.
 */
import { CATEGORY_COLORS, STATUS_COLORS } from "#app/insights/palette.ts";
import {
  acceptedStamp,
  groupThemeLevels,
  insightCycles,
  needs,
  optionStates,
  reportingStates,
  reportsByGroup,
  statusCounts,
  STATUS_LEVEL,
  type Viewer,
} from "#app/insights/aggregates.server.ts";
import { getQuestionnaireVersion } from "#app/questionnaires/questionnaires.server.ts";
import { getCycle, scopedParagraphs, type CycleRow } from "#app/reporting/reports.server.ts";
import { REGIONAL_GROUPS } from "#app/states/regional-groups.ts";
import { AGGREGATED_STATUSES, REPORT_STATUSES, SUBMITTED_STATUSES } from "#app/reporting/lifecycle.ts";
import type { Questionnaire } from "#surveys/schema.ts";
import type { SessionUser } from "#app/accounts/auth.server.ts";
import { suppress, type ChartSpec } from "#app/insights/chart-spec.ts";
import { i18next } from "#app/utils/i18n.server.ts";
import { localText, roman } from "#app/questionnaires/labels.ts";
import { can } from "#app/accounts/permissions.ts";

export function viewerOf(user: SessionUser | null): Viewer {
  if (!user) return "public";
  return can(user.role, "read", "report", "any") ? "secretariat" : "commission";
}

/** Cells from fewer States than this show "fewer than N" in public views (INSIGHTS_MIN_CELL). */
export function smallCellThreshold(): number {
  const n = Number(process.env.INSIGHTS_MIN_CELL ?? 3);
  return Number.isInteger(n) && n >= 1 ? n : 3;
}

export interface InsightContext {
  cycle: CycleRow;
  q: Questionnaire;
  lang: string;
  viewer: Viewer;
  threshold: number;
  dataAsOf: string | null;
  states: number;
  t: Awaited<ReturnType<typeof i18next.getFixedT>>;
}

export async function insightContext(cycleIdParam: string | undefined, lang: string, viewer: Viewer): Promise<InsightContext | null> {
  const id = Number(cycleIdParam);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const info = (await insightCycles()).find((c) => c.id === id);
  const cycle = info ? await getCycle(id) : undefined;
  const q = cycle ? await getQuestionnaireVersion(cycle.versionId) : undefined;
  if (!info || !cycle || !q) return null;
  return {
    cycle,
    q,
    lang,
    viewer,
    threshold: viewer === "public" ? smallCellThreshold() : 0,
    dataAsOf: info.dataAsOf ? new Date(info.dataAsOf).toISOString() : null,
    states: info.accepted,
    t: await i18next.getFixedT(lang),
  };
}

function statusCategories(c: InsightContext) {
  const status = c.q.paragraphs.find((p) => p.kind === "action")?.questions.find((x) => x.key === "status");
  const options = status && "options" in status ? status.options : [];
  return options.map((o) => ({ key: o.value, label: localText(o.label, c.lang).text, color: STATUS_COLORS[o.value] ?? "#999" }));
}

function optionCategories(c: InsightContext, key: string) {
  const question = c.q.paragraphs.find((p) => p.kind === "action")?.questions.find((x) => x.key === key);
  return question && "options" in question ? question.options.filter((o) => o.value !== "none") : [];
}

function base(c: InsightContext, partial: Omit<ChartSpec, "dataAsOf" | "threshold" | "states"> & { states?: number }): ChartSpec {
  const suppressed = partial.rows.some((r) => Object.values(r.values).some((v) => v === null));
  return { states: c.states, dataAsOf: c.dataAsOf, threshold: c.threshold || smallCellThreshold(), ...partial, suppressed };
}

/** Stacked status distribution, one row per key (pillar, theme or paragraph). */
async function statusSpec(c: InsightContext, id: string, by: "pillar" | "paragraph", within: { pillar?: number; ref?: string }, rowLabel: (key: string) => string, keys: string[], title: string, summary: string) {
  const counts = await statusCounts(c.cycle.id, c.cycle.versionId, by, within);
  const categories = statusCategories(c);
  const rows = keys.map((key) => ({
    key,
    label: rowLabel(key),
    values: Object.fromEntries(
      categories.map((cat) => {
        const cell = counts.find((x) => x.key === key && x.status === cat.key);
        return [cat.key, cell ? suppress(cell.n, cell.states, c.threshold) : 0];
      }),
    ),
  }));
  return base(c, { id, kind: "stacked-bar", title, summary, unit: c.t(by === "pillar" ? "insights.unitAnswers" : "insights.unitStates"), categories, rows });
}

async function optionSpec(c: InsightContext, id: string, key: string, within: { pillar?: number; ref?: string }, title: string, summary: string) {
  const counts = await optionStates(c.cycle.id, c.cycle.versionId, key, within);
  const options = optionCategories(c, key);
  const rows = options
    .map((o) => {
      const n = counts.find((x) => x.option === o.value)?.n ?? 0;
      return { key: o.value, label: localText(o.label, c.lang).text, values: { n: suppress(n, n, c.threshold) } };
    })
    .sort((a, b) => (b.values.n ?? 0) - (a.values.n ?? 0));
  return base(c, { id, kind: "bar", title, summary, unit: c.t("insights.unitStates"), categories: [{ key: "n", label: c.t("insights.states"), color: CATEGORY_COLORS[0]! }], rows });
}

/**
 * Chart specs are cached per page, cycle, viewer level, language and threshold, and keyed on
 * the set of accepted reports: a report accepted or reopened anywhere makes a new key.
 */
const specCache = new Map<string, Promise<unknown>>();
async function cached<T>(c: InsightContext, page: string, compute: () => Promise<T>): Promise<T> {
  const key = [page, c.cycle.id, c.cycle.versionId, c.cycle.title, JSON.stringify(c.cycle.scope), c.viewer, c.lang, c.threshold, await acceptedStamp()].join("|");
  let hit = specCache.get(key) as Promise<T> | undefined;
  if (!hit) {
    if (specCache.size > 500) specCache.clear();
    hit = compute();
    specCache.set(key, hit);
    hit.catch(() => specCache.delete(key));
  }
  return hit;
}

export function overviewSpecs(c: InsightContext): Promise<ChartSpec[]> {
  return cached(c, "overview", () => computeOverviewSpecs(c));
}

export function pillarSpecs(c: InsightContext, pillar: number): Promise<ChartSpec[]> {
  return cached(c, `pillar-${pillar}`, () => computePillarSpecs(c, pillar));
}

export function paragraphSpecs(c: InsightContext, ref: string): Promise<ChartSpec[]> {
  return cached(c, `paragraph-${ref}`, () => computeParagraphSpecs(c, ref));
}

export function trendSpec(c: InsightContext, within: { pillar?: number; ref?: string }): Promise<ChartSpec | null> {
  return cached(c, `trend-${within.pillar ?? ""}-${within.ref ?? ""}`, () => computeTrendSpec(c, within));
}

/** An insights page: the cycle overview, one pillar, or one paragraph. */
export type InsightPage = { kind: "overview" } | { kind: "pillar"; pillar: number } | { kind: "paragraph"; ref: string };

/**
 * The charts of a page, in the order it shows them: the one mapping used by the pages, the
 * downloads and the slides (a pillar or paragraph ends with its trend across cycles, if any).
 */
export async function pageSpecs(c: InsightContext, page: InsightPage): Promise<ChartSpec[]> {
  if (page.kind === "overview") return overviewSpecs(c);
  const within = page.kind === "pillar" ? { pillar: page.pillar } : { ref: page.ref };
  const specs = page.kind === "pillar" ? await pillarSpecs(c, page.pillar) : await paragraphSpecs(c, page.ref);
  const trend = await trendSpec(c, within);
  return trend ? [...specs, trend] : specs;
}

async function computeOverviewSpecs(c: InsightContext): Promise<ChartSpec[]> {
  const t = c.t;
  const byGroup = await reportsByGroup(c.cycle.id);
  const groupRows = REGIONAL_GROUPS.map((g) => {
    const n = (statuses: readonly string[]) => byGroup.filter((r) => r.group === g && statuses.includes(r.status)).reduce((a, r) => a + r.n, 0);
    return {
      key: g,
      label: t(`groups.${g}`),
      values: { started: n(REPORT_STATUSES), submitted: n(SUBMITTED_STATUSES), accepted: n(AGGREGATED_STATUSES) },
    };
  });
  const reportsChart = base(c, {
    id: "reports-by-group",
    kind: "bar",
    title: t("insights.charts.reportsByGroup"),
    summary: t("insights.charts.reportsByGroupSummary", { accepted: groupRows.reduce((a, r) => a + r.values.accepted, 0), submitted: groupRows.reduce((a, r) => a + r.values.submitted, 0) }),
    unit: t("insights.unitReports"),
    categories: [
      { key: "started", label: t("insights.started"), color: CATEGORY_COLORS[4]! },
      { key: "submitted", label: t("insights.submitted"), color: CATEGORY_COLORS[1]! },
      { key: "accepted", label: t("insights.accepted"), color: CATEGORY_COLORS[0]! },
    ],
    rows: groupRows,
  });
  const pillarKeys = c.q.pillars.map((p) => String(p.number)).filter((k) => scopedParagraphs(c.q, c.cycle.scope).some((p) => String(p.pillarNumber) === k));
  const pillars = await statusSpec(
    c,
    "status-by-pillar",
    "pillar",
    {},
    (k) => `${roman(Number(k))}. ${localText(c.q.pillars.find((p) => String(p.number) === k)!.title, c.lang).text}`,
    pillarKeys,
    t("insights.charts.statusByPillar"),
    t("insights.charts.statusByPillarSummary"),
  );
  const taNeeds = await needs(c.cycle.id, c.cycle.versionId, "ta_needed");
  const top = async (key: "ta_needed" | "tools_needed", id: string, title: string, summary: string) => {
    const all = key === "ta_needed" ? taNeeds.byParagraph : (await needs(c.cycle.id, c.cycle.versionId, key)).byParagraph;
    const rows = all.slice(0, 10);
    const first = rows[0];
    // A summary never states a count its table hides.
    const firstShown = first ? suppress(first.n, first.n, c.threshold) : null;
    return base(c, {
      id,
      kind: "bar",
      title,
      summary: !first ? t("insights.noData") : firstShown === null ? t(`${summary}Hidden`, { ref: first.ref }) : t(summary, { ref: first.ref, count: first.n }),
      unit: t("insights.unitStates"),
      categories: [{ key: "n", label: t("insights.states"), color: CATEGORY_COLORS[key === "ta_needed" ? 5 : 2]! }],
      rows: rows.map((r) => ({ key: r.ref, label: t("paragraph.title", { ref: r.ref }), values: { n: suppress(r.n, r.n, c.threshold) } })),
    });
  };
  const ta = await top("ta_needed", "ta-paragraphs", t("insights.charts.taParagraphs"), "insights.charts.taParagraphsSummary");
  const tools = await top("tools_needed", "tools-paragraphs", t("insights.charts.toolsParagraphs"), "insights.charts.toolsParagraphsSummary");
  const themes = base(c, {
    id: "ta-themes",
    kind: "bar",
    title: t("insights.charts.taThemes"),
    summary: t("insights.charts.taThemesSummary"),
    unit: t("insights.unitAnswers"),
    categories: [{ key: "n", label: t("insights.requests"), color: CATEGORY_COLORS[3]! }],
    rows: taNeeds.byTheme.slice(0, 10).map((r) => ({
      key: String(r.theme),
      label: localText(c.q.themes.find((th) => th.number === r.theme)!.title, c.lang).text,
      values: { n: suppress(r.requests, r.states, c.threshold) },
    })),
  });
  return [reportsChart, pillars, ta, tools, themes];
}

async function computePillarSpecs(c: InsightContext, pillar: number): Promise<ChartSpec[]> {
  const t = c.t;
  const paragraphs = scopedParagraphs(c.q, c.cycle.scope).filter((p) => p.pillarNumber === pillar);
  const status = await statusSpec(
    c,
    "status-by-paragraph",
    "paragraph",
    { pillar },
    (k) => t("paragraph.title", { ref: k }),
    paragraphs.map((p) => p.ref),
    t("insights.charts.statusByParagraph"),
    t("insights.charts.statusByParagraphSummary"),
  );
  const levels = await groupThemeLevels(c.cycle.id, c.cycle.versionId, pillar);
  const themeNumbers = [...new Set(paragraphs.map((p) => p.themeNumber).filter((n): n is number => n !== null))];
  const heat = base(c, {
    id: "heatmap-group-theme",
    kind: "heatmap",
    title: t("insights.charts.heatmap"),
    summary: t("insights.charts.heatmapSummary"),
    unit: t("insights.unitLevel"),
    scale: { min: 0, max: 4, decimals: 1 },
    categories: themeNumbers.map((n) => ({ key: String(n), label: localText(c.q.themes.find((th) => th.number === n)!.title, c.lang).text, color: "" })),
    rows: REGIONAL_GROUPS.map((g) => ({
      key: g,
      label: t(`groups.${g}`),
      values: Object.fromEntries(
        themeNumbers.map((n) => {
          const cell = levels.find((l) => l.group === g && l.theme === n);
          return [String(n), cell ? (c.threshold && cell.states < c.threshold ? null : cell.level) : (undefined as unknown as number)];
        }),
      ),
    })),
  });
  const measures = await optionSpec(c, "measures", "measures", { pillar }, t("insights.charts.measures"), t("insights.charts.measuresSummary"));
  const challenges = await optionSpec(c, "challenges", "challenges", { pillar }, t("insights.charts.challenges"), t("insights.charts.challengesSummary"));
  const ta = await optionSpec(c, "ta-types", "ta_needed", { pillar }, t("insights.charts.taTypes"), t("insights.charts.taTypesSummary"));
  return [status, heat, measures, challenges, ta];
}

async function computeParagraphSpecs(c: InsightContext, ref: string): Promise<ChartSpec[]> {
  const t = c.t;
  const status = await statusSpec(c, "status", "paragraph", { ref }, () => t("paragraph.title", { ref }), [ref], t("insights.charts.paragraphStatus"), t("insights.charts.paragraphStatusSummary"));
  const measures = await optionSpec(c, "measures", "measures", { ref }, t("insights.charts.measures"), t("insights.charts.measuresSummary"));
  const challenges = await optionSpec(c, "challenges", "challenges", { ref }, t("insights.charts.challenges"), t("insights.charts.challengesSummary"));
  const ta = await optionSpec(c, "ta-types", "ta_needed", { ref }, t("insights.charts.taTypes"), t("insights.charts.taTypesSummary"));
  const tools = await optionSpec(c, "tools", "tools_needed", { ref }, t("insights.charts.tools"), t("insights.charts.toolsSummary"));
  return [status, measures, challenges, ta, tools];
}

/** Average implementation level per cycle of the same instrument, for a pillar or a paragraph. */
async function computeTrendSpec(c: InsightContext, within: { pillar?: number; ref?: string }): Promise<ChartSpec | null> {
  const t = c.t;
  const cycles = (await insightCycles()).filter((x) => x.instrumentId === c.cycle.instrumentId).reverse();
  if (cycles.length < 2) return null;
  const rows = [];
  for (const cy of cycles) {
    const counts = await statusCounts(cy.id, cy.versionId, "pillar", within);
    let sum = 0;
    let n = 0;
    for (const r of counts) {
      const level = r.status ? STATUS_LEVEL[r.status] : undefined;
      if (level === undefined) continue;
      sum += level * r.n;
      n += r.n;
    }
    const states = await reportingStates(cy.id, cy.versionId, within);
    const level = n ? Math.round((sum / n) * 100) / 100 : 0;
    rows.push({ key: String(cy.id), label: cy.title, values: { level: suppress(level, states, c.threshold) } });
  }
  return base(c, {
    id: "trend",
    kind: "bar",
    title: t("insights.charts.trend"),
    summary: t("insights.charts.trendSummary", { count: cycles.length }),
    unit: t("insights.unitLevel"),
    scale: { min: 0, max: 4, decimals: 2 },
    categories: [{ key: "level", label: t("insights.averageLevel"), color: CATEGORY_COLORS[0]! }],
    rows,
  });
}
