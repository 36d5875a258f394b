/**
 * Builds the insights charts (as ChartSpecs) from the published figures of a cycle, in the
 * viewer's language, and answers chart downloads (CSV, SVG). What each chart counts:
 * shares of the States that answered (n shown), never sums of State × paragraph answers, and
 * nothing broken down before `INSIGHTS_MIN_REPORTS` States count (ADR 011). Drawing them (SVG,
 * PNG) and the downloads live in render.server.ts and chart-svg.ts.
 */
import { RETIRED_QUESTION_KEYS } from "#app/reporting/retired-questions.ts";
import { CATEGORY_COLORS, STATUS_COLORS } from "#app/insights/palette.ts";
import { ADOPTION_CLASSES, adoptionKeyOf, adoptionRows, headlineOf, headlineRows, headlineUnits, unitInfo, type Headline, type HeadlineUnit } from "#app/insights/headline.ts";
import { sincePhrase } from "#app/cycles/period.ts";
import { countedRows, dataVersion, insightCycles, minReports, reportsByGroup, smallCellThreshold, type Viewer } from "#app/insights/aggregates.server.ts";
import { exclusions } from "#app/insights/counted.server.ts";
import { exclusionKinds, type ExclusionKind } from "#app/insights/exclusion.ts";
import {
  averageShares,
  notApplicable,
  panelOf,
  publishIndependent,
  publishSingle,
  share,
  tallyAny,
  tallyMulti,
  type AnswerRow,
  type FigureRow,
  type ParagraphInfo,
  type PublishOptions,
} from "#app/insights/figures.ts";
import { getQuestionnaireVersion } from "#app/questionnaires/questionnaires.server.ts";
import { getCycle, scopedParagraphs, type CycleRow } from "#app/reporting/reports.server.ts";
import { REGIONAL_GROUPS } from "#app/states/regional-groups.ts";
import type { Paragraph, Questionnaire } from "#surveys/schema.ts";
import type { SessionUser } from "#app/accounts/auth.server.ts";
import type { ChartRow, ChartSpec } from "#app/insights/chart-spec.ts";
import { i18next } from "#app/utils/i18n.server.ts";
import { localText, roman } from "#app/questionnaires/labels.ts";
import { can } from "#app/accounts/permissions.ts";
import { prioritiesSpec } from "#app/insights/priorities.server.ts";
import { rankingSummary, rankPublished } from "#app/insights/ranking.ts";

export function viewerOf(user: SessionUser | null): Viewer {
  if (!user) return "public";
  return can(user.role, "read", "report", "any") ? "secretariat" : "commission";
}

export { minReports, smallCellThreshold };

export const MULTI_KEYS = ["measures", "challenges", "ta_needed", "tools_needed"] as const;

export interface InsightContext {
  cycle: CycleRow;
  q: Questionnaire;
  lang: string;
  viewer: Viewer;
  /** Hidden-cell threshold for this viewer (0 = nothing hidden: the secretariat). */
  threshold: number;
  /** Groups and cycles need this many States to be shown (0 for the secretariat). */
  minReports: number;
  /** False when fewer than INSIGHTS_MIN_REPORTS States count and the viewer is not the secretariat. */
  published: boolean;
  dataAsOf: string | null;
  /** Counted reports (States). */
  states: number;
  excluded: number;
  /** The excluded reports by kind of reason (duplicate, test, other), for the methodology note. */
  excludedKinds: { kind: ExclusionKind; count: number }[];
  /** The action paragraphs the cycle asks about. */
  paragraphs: Paragraph[];
  t: Awaited<ReturnType<typeof i18next.getFixedT>>;
}

export async function insightContext(cycleIdParam: string | undefined, lang: string, viewer: Viewer): Promise<InsightContext | null> {
  const id = Number(cycleIdParam);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const info = (await insightCycles()).find((c) => c.id === id);
  const cycle = info ? await getCycle(id) : undefined;
  const q = cycle ? await getQuestionnaireVersion(cycle.versionId) : undefined;
  if (!info || !cycle || !q) return null;
  const secretariat = viewer === "secretariat";
  return {
    cycle,
    q,
    lang,
    viewer,
    threshold: secretariat ? 0 : smallCellThreshold(),
    minReports: secretariat ? 0 : minReports(),
    published: secretariat || info.counted >= minReports(),
    dataAsOf: info.dataAsOf ? new Date(info.dataAsOf).toISOString() : null,
    states: info.counted,
    excluded: info.excluded,
    excludedKinds: info.excluded ? exclusionKinds((await exclusions(id)).reasons) : [],
    paragraphs: scopedParagraphs(q, cycle.scope).filter((p) => p.kind === "action"),
    t: await i18next.getFixedT(lang),
  };
}

/* ------------------------------------------------------------------ labels */

/** "35 · Prison conditions": the paragraph's short title when the instrument gives one, else its theme. */
export function paragraphLabel(q: Questionnaire, ref: string, lang: string): string {
  const p = q.paragraphs.find((x) => x.ref === ref);
  const short = (p as { shortTitle?: Parameters<typeof localText>[0] } | undefined)?.shortTitle;
  const theme = p?.themeNumber ? q.themes.find((th) => th.number === p.themeNumber) : undefined;
  const title = short ? localText(short, lang).text : theme ? localText(theme.title, lang).text : "";
  return title ? `${ref} · ${title}` : ref;
}

function pillarLabel(c: InsightContext, n: number) {
  const p = c.q.pillars.find((x) => x.number === n);
  return p ? `${roman(n)}. ${localText(p.title, c.lang).text}` : roman(n);
}

function themeLabel(c: InsightContext, n: number) {
  const th = c.q.themes.find((x) => x.number === n);
  return th ? localText(th.title, c.lang).text : String(n);
}

/** The first question with this key, or with this base key (`stage` finds `data.stage`). */
function questionOf(c: InsightContext, key: string) {
  return c.paragraphs.flatMap((p) => p.questions).find((x) => x.key === key || x.key.endsWith(`.${key}`));
}

function optionsOf(c: InsightContext, key: string) {
  const question = questionOf(c, key);
  return question && "options" in question ? question.options.filter((o) => o.value !== "none") : [];
}

/** The headline's options: the six-level status (status edition) or the anchored stages. */
function headlineOptions(c: InsightContext): string[] {
  return optionsOf(c, headlineOf(c.paragraphs)).map((o) => o.value);
}

/**
 * A unit's row label and its full title. A paragraph: "35 · Detention conditions". An element:
 * "35 · Improve detention conditions…" on the row (the element, so that the rows of one paragraph
 * differ once shortened), "35 · Detention conditions — Improve detention conditions of …" in full.
 */
function unitLabel(c: InsightContext, u: HeadlineUnit | undefined, key: string): { label: string; title: string } {
  if (!u) return { label: paragraphLabel(c.q, key, c.lang), title: paragraphLabel(c.q, key, c.lang) };
  const paragraph = paragraphLabel(c.q, u.ref, c.lang);
  if (!u.elementText) return { label: paragraph, title: paragraph };
  const element = localText(u.elementText, c.lang).text;
  return { label: `${u.ref} · ${element}`, title: `${paragraph} — ${element}` };
}

function statusCategories(c: InsightContext) {
  return optionsOf(c, headlineOf(c.paragraphs)).map((o) => ({ key: o.value, label: localText(o.label, c.lang).text, color: STATUS_COLORS[o.value] ?? "#999" }));
}

/** The paragraph-specific yes/no questions (standards applied, data collected, strategy adopted…): every one is charted. */
export function structuredKeys(c: InsightContext, refs?: string[]): { ref: string; key: string; label: string }[] {
  const out: { ref: string; key: string; label: string }[] = [];
  for (const p of c.paragraphs) {
    if (refs && !refs.includes(p.ref)) continue;
    for (const question of p.questions) if (question.type === "yes_no" && !RETIRED_QUESTION_KEYS.has(question.key)) out.push({ ref: p.ref, key: question.key, label: localText(question.label, c.lang).text });
  }
  return out;
}

/* ------------------------------------------------------------------ figures */

export interface CycleFigures {
  info: ParagraphInfo[];
  /** Which question `status` counts: the status (status edition) or the anchored stage. */
  headline: Headline;
  /** The rows of `status.byParagraph` are units: paragraphs, or elements of a paragraph (`81.data`) when stages are asked per element. */
  units: Map<string, HeadlineUnit>;
  status: { byParagraph: FigureRow[]; byPillarGroup: Map<number, FigureRow[]>; byGroup: FigureRow[] };
  multi: Record<(typeof MULTI_KEYS)[number], FigureRow[]>;
  asking: { ta_needed: FigureRow[]; tools_needed: FigureRow[] };
  /** `ref|key` → the published yes/no row of that paragraph-specific question. */
  structured: Map<string, FigureRow>;
  /** Per unit (stages edition), the States whose dated measures include one adopted since the period start (`new`) or all before it (`baseline`). */
  adoption: FigureRow[];
  states: Set<string>;
}

/** The day the cycle's reporting period starts (its own, else the instrument's adoption). */
export function periodStartOf(c: Pick<InsightContext, "cycle" | "q">): string {
  return c.cycle.periodStart ?? c.q.adoptedOn;
}

function publishOptions(c: InsightContext): PublishOptions {
  return { minCell: c.threshold, minGroup: c.minReports };
}

/** Every published figure of a cycle for this viewer's level, computed together (one read, one protection). */
export function computeFigures(c: InsightContext, rows: AnswerRow[]): CycleFigures {
  const info: ParagraphInfo[] = c.paragraphs.map((p) => ({ ref: p.ref, pillar: p.pillarNumber ?? 0, theme: p.themeNumber }));
  const refs = info.map((p) => p.ref);
  const opts = publishOptions(c);
  const headline = headlineOf(c.paragraphs);
  const units = headlineUnits(c.paragraphs);
  const status = publishSingle(headlineRows(rows, units, headline), headline, unitInfo(units), headlineOptions(c), REGIONAL_GROUPS, opts);
  const na = notApplicable(rows);
  const multi = Object.fromEntries(MULTI_KEYS.map((k) => [k, publishIndependent(tallyMulti(rows, k, refs, optionsOf(c, k).map((o) => o.value), na), opts, "options")])) as CycleFigures["multi"];
  const asking = {
    ta_needed: publishIndependent(tallyAny(rows, "ta_needed", refs, na), opts, "binary"),
    tools_needed: publishIndependent(tallyAny(rows, "tools_needed", refs, na), opts, "binary"),
  };
  const structured = new Map<string, FigureRow>();
  const yesNo = structuredKeys(c);
  for (const key of new Set(yesNo.map((s) => s.key))) {
    const inScope = yesNo.filter((s) => s.key === key).map((s) => info.find((p) => p.ref === s.ref)!);
    const keyRows = rows.filter((r) => r.key === key && !na.has(`${r.state}|${r.ref}`));
    const out = publishSingle(keyRows, key, inScope, ["yes", "no"], [], opts);
    for (const row of out.byParagraph) structured.set(`${row.key}|${key}`, row);
  }
  const adoption = publishSingle(adoptionRows(rows, units, periodStartOf(c)), "adoption", unitInfo(units), [...ADOPTION_CLASSES], [], opts).byParagraph;
  return { info, headline, units: new Map(units.map((u) => [u.key, u])), status, multi, asking, structured, adoption, states: new Set(rows.map((r) => r.state)) };
}

const figureCache = new Map<string, Promise<CycleFigures>>();
export async function cycleFigures(c: InsightContext): Promise<CycleFigures> {
  const key = [c.cycle.id, c.cycle.versionId, JSON.stringify(c.cycle.scope), c.threshold, c.minReports, await dataVersion()].join("|");
  let hit = figureCache.get(key);
  if (!hit) {
    if (figureCache.size > 50) figureCache.clear();
    hit = (async () => {
      const units = headlineUnits(c.paragraphs);
      const adoptionKeys = units.map(adoptionKeyOf).filter((k): k is string => k !== null);
      const keys = [...new Set([...units.map((u) => u.questionKey), ...adoptionKeys]), ...MULTI_KEYS, ...new Set(structuredKeys(c).map((s) => s.key))];
      return computeFigures(c, await countedRows(c.cycle.id, c.cycle.versionId, keys));
    })();
    figureCache.set(key, hit);
    hit.catch(() => figureCache.delete(key));
  }
  return hit;
}

/** The counted headline answers of a cycle, one row per State and unit (the trends read them for every cycle), per data version. */
const statusRowsCache = new Map<string, Promise<AnswerRow[]>>();
async function statusRows(cycleId: number, versionId: number): Promise<AnswerRow[]> {
  const key = [cycleId, versionId, await dataVersion()].join("|");
  let hit = statusRowsCache.get(key);
  if (!hit) {
    if (statusRowsCache.size > 20) statusRowsCache.clear();
    hit = (async () => {
      const q = await getQuestionnaireVersion(versionId);
      const paragraphs = (q?.paragraphs ?? []).filter((p) => p.kind === "action");
      const units = headlineUnits(paragraphs);
      const rows = await countedRows(cycleId, versionId, [...new Set(units.map((u) => u.questionKey))]);
      return headlineRows(rows, units, headlineOf(paragraphs));
    })();
    statusRowsCache.set(key, hit);
    hit.catch(() => statusRowsCache.delete(key));
  }
  return hit;
}

/**
 * After a change (a report submitted, excluded, put back…), computes the figures of every
 * cycle with insights at both disclosure levels (public and Commission; secretariat) and the
 * status rows the trends read, so that the first page asked for after the change finds them
 * ready instead of reading the answers. The production server calls it in the background
 * when the data version changes (server.ts, through entry.server.tsx). Returns how many
 * figure sets it computed.
 */
export async function warmInsightFigures(): Promise<number> {
  let n = 0;
  for (const info of await insightCycles()) {
    await statusRows(info.id, info.versionId);
    for (const viewer of ["public", "secretariat"] as const) {
      const c = await insightContext(String(info.id), "en", viewer);
      if (!c?.published) continue;
      await cycleFigures(c);
      n++;
      // Let requests waiting meanwhile go first.
      await new Promise((r) => setImmediate(r));
    }
  }
  return n;
}

/* ------------------------------------------------------------------ spec helpers */

function base(c: InsightContext, partial: Omit<ChartSpec, "dataAsOf" | "threshold" | "states" | "suppressed"> & { states?: number }): ChartSpec {
  const suppressed = partial.rows.some((r) => Object.values(r.values).some((v) => v === null) || (r.counts && Object.values(r.counts).some((v) => v === null)));
  return { states: c.states, dataAsOf: c.dataAsOf, threshold: c.threshold || smallCellThreshold(), ...partial, suppressed, notes: methodologyNotes(c) };
}

/** The spec frame (counted States, data date, threshold, suppression flag, methodology) for charts built elsewhere. */
export const specBase = base;

/** A label the drawing can hold on one line: whole words up to about 26 characters, then "…". */
export function shortLabel(label: string, max = 26): string {
  if ([...label].length <= max) return label;
  const cut = [...label].slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** A published row as shares of its denominator, with its counts. */
function shareRow(row: FigureRow, options: string[], label: string | { label: string; title: string }, href?: string): ChartRow {
  const { label: long, title } = typeof label === "string" ? { label, title: label } : label;
  const short = shortLabel(long);
  return {
    key: row.key,
    label: short,
    ...(short !== title ? { title } : {}),
    href,
    n: row.n,
    counts: Object.fromEntries(options.map((o) => [o, row.counts[o] ?? null])),
    values: Object.fromEntries(options.map((o) => [o, row.n === 0 ? 0 : share(row.counts[o], row.n)])),
  };
}

/** Whole per cent outside the secretariat, for figures averaged over paragraphs. */
function rounded(c: InsightContext, v: number) {
  return c.threshold ? Math.round(v) : Math.round(v * 10) / 10;
}

/** The methodology note: who counts and why, denominators, the disclosure rule, self-assessment, period, exclusions. */
export function methodologyNotes(c: InsightContext): string[] {
  const t = c.t;
  const date = (d: string) => new Intl.DateTimeFormat(c.lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(d));
  return [
    t("figures.method.counted", { count: c.states }),
    // The reporting period the questions asked about ("since <period start>"), not the weeks the cycle was open.
    t("period.methodology", { cycle: c.cycle.title, from: date(c.cycle.periodStart ?? c.q.adoptedOn), to: date(c.cycle.deadline) }),
    excludedNote(c),
    t("figures.method.denominators"),
    t("figures.method.carriedOver"),
    c.threshold ? t("figures.method.disclosure", { cell: c.threshold, reports: minReports() }) : t("figures.method.secretariat"),
    t("figures.method.selfAssessment"),
  ];
}

/** "1 report excluded (test)"; "3 reports excluded (2 duplicates, 1 test)": how many, and why by kind (never the written reason). */
export function excludedNote(c: Pick<InsightContext, "t" | "lang" | "excluded" | "excludedKinds">): string {
  if (c.excluded === 0 || c.excludedKinds.length === 0) return c.t("figures.method.excluded", { count: c.excluded });
  const reasons =
    c.excludedKinds.length === 1
      ? c.t(`exclusion.methodKinds.${c.excludedKinds[0]!.kind}`, { count: c.excludedKinds[0]!.count })
      : new Intl.ListFormat(c.lang, { type: "conjunction", style: "narrow" }).format(c.excludedKinds.map((k) => c.t(`exclusion.methodKindsCounted.${k.kind}`, { count: k.count })));
  return c.t("exclusion.method", { count: c.excluded, reasons });
}

/* ------------------------------------------------------------------ pages */

/**
 * Specs are cached per page, cycle, viewer level, language and threshold, keyed on the data
 * version: a report submitted, excluded or put back anywhere makes a new key.
 */
const specCache = new Map<string, Promise<unknown>>();
async function cached<T>(c: InsightContext, page: string, compute: () => Promise<T>): Promise<T> {
  const key = [page, c.cycle.id, c.cycle.versionId, c.cycle.title, JSON.stringify(c.cycle.scope), c.viewer, c.lang, c.threshold, c.minReports, await dataVersion()].join("|");
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

export function standardsSpecs(c: InsightContext): Promise<ChartSpec[]> {
  return cached(c, "standards", () => computeStandardsSpecs(c));
}

/** Trend panels (like-for-like, then all reporters) for a pillar or a paragraph. */
export function trendSpec(c: InsightContext, within: { pillar?: number; ref?: string }): Promise<ChartSpec[]> {
  return cached(c, `trend-${within.pillar ?? ""}-${within.ref ?? ""}`, () => computeTrendSpecs(c, within));
}

/** An insights page: the cycle overview, one pillar, one paragraph, or the standards and instruments across paragraphs. */
export type InsightPage = { kind: "overview" } | { kind: "pillar"; pillar: number } | { kind: "paragraph"; ref: string } | { kind: "standards" };

/**
 * The charts of a page, in the order it shows them: the one mapping used by the pages, the
 * downloads and the slides (a pillar or paragraph ends with its trend across cycles, if any).
 */
export async function pageSpecs(c: InsightContext, page: InsightPage): Promise<ChartSpec[]> {
  if (page.kind === "overview") return overviewSpecs(c);
  if (page.kind === "standards") return standardsSpecs(c);
  const within = page.kind === "pillar" ? { pillar: page.pillar } : { ref: page.ref };
  const specs = page.kind === "pillar" ? await pillarSpecs(c, page.pillar) : await paragraphSpecs(c, page.ref);
  return [...specs, ...(await trendSpec(c, within))];
}

async function computeOverviewSpecs(c: InsightContext): Promise<ChartSpec[]> {
  if (!c.published) return [];
  const t = c.t;
  const f = await cycleFigures(c);
  const byGroup = await reportsByGroup(c.cycle.id);
  const groupRows = REGIONAL_GROUPS.map((g) => {
    const n = (pred: (r: (typeof byGroup)[number]) => boolean) => byGroup.filter((r) => r.group === g && pred(r)).reduce((a, r) => a + r.n, 0);
    return { key: g, label: t(`groups.${g}`), values: { started: n(() => true), counted: n((r) => r.status !== "draft" && !r.excluded) } };
  });
  const reportsChart = base(c, {
    id: "reports-by-group",
    kind: "bar",
    title: t("insights.charts.reportsByGroup"),
    summary: t("figures.reportsByGroupSummary", { counted: c.states, excluded: c.excluded }),
    unit: t("insights.unitReports"),
    categories: [
      { key: "started", label: t("insights.started"), color: CATEGORY_COLORS[4]! },
      { key: "counted", label: t("figures.counted"), color: CATEGORY_COLORS[0]! },
    ],
    rows: groupRows,
  });

  const statusOptions = headlineOptions(c);
  const pillars = [...new Set(f.info.map((p) => p.pillar))].sort((a, b) => a - b);
  const pillarRows = pillars.map((pl) => {
    const refs = new Set(f.info.filter((p) => p.pillar === pl).map((p) => p.ref));
    const avg = averageShares(f.status.byParagraph.filter((r) => refs.has(f.units.get(r.key)?.ref ?? r.key)), statusOptions, "single", c.threshold);
    return { key: String(pl), label: pillarLabel(c, pl), href: `/insights/${c.cycle.id}/pillars/${pl}`, values: Object.fromEntries(statusOptions.map((o) => [o, rounded(c, avg.shares[o]!)])) };
  });
  const pillarsChart = base(c, {
    id: "status-by-pillar",
    kind: "stacked-bar",
    title: t("insights.charts.statusByPillar"),
    summary: t("figures.averagedSummary"),
    unit: t("figures.unitAveraged"),
    percent: true,
    categories: statusCategories(c),
    rows: pillarRows,
  });

  const asking = (key: "ta_needed" | "tools_needed", id: string, title: string) => askingSpec(c, f.asking[key], { id, title, color: CATEGORY_COLORS[key === "ta_needed" ? 5 : 2]! });
  const ta = asking("ta_needed", "ta-paragraphs", t("insights.charts.taParagraphs"));
  const tools = asking("tools_needed", "tools-paragraphs", t("insights.charts.toolsParagraphs"));

  const themes = [...new Set(f.info.map((p) => p.theme).filter((n): n is number => n !== null))];
  const themeTable = themes.map((th) => {
    const refs = new Set(f.info.filter((p) => p.theme === th).map((p) => p.ref));
    const inTheme = f.asking.ta_needed.filter((r) => refs.has(r.key));
    const avg = averageShares(inTheme, ["any"], "independent", c.threshold);
    // A theme whose every answered paragraph is hidden has no published share to average: hidden, not a stand-in value.
    const allHidden = avg.paragraphs > 0 && inTheme.every((r) => !r.n || r.counts.any === null);
    const values: Record<string, number | null> = { any: allHidden ? null : avg.paragraphs ? rounded(c, avg.shares.any!) : 0 };
    return { key: String(th), label: themeLabel(c, th), values };
  });
  // Ranked by published figures only; hidden themes after, in theme order (ranking.ts).
  const themeRows = rankPublished(themeTable, "any").slice(0, 10);
  const themesChart = base(c, {
    id: "ta-themes",
    kind: "bar",
    title: t("insights.charts.taThemes"),
    summary: t("figures.taThemesSummary"),
    unit: t("figures.unitAveraged"),
    percent: true,
    categories: [{ key: "any", label: t("figures.asking"), color: CATEGORY_COLORS[3]! }],
    rows: themeRows,
  });
  // The States' own ranking of where they most need assistance (issue 12), when the version asks it.
  const priorities = await prioritiesSpec(c);
  return [reportsChart, pillarsChart, ta, tools, themesChart, ...(priorities ? [priorities] : [])];
}

/**
 * "Where most States ask for …": the ten paragraphs with the highest published share of the
 * States asking, of those that answered. Ranked and summed up from published figures only
 * (ranking.ts): a hidden share neither orders the rows nor is named; hidden rows follow the
 * published ones in paragraph order, and when every row is hidden the summary names none.
 */
export function askingSpec(c: InsightContext, published: FigureRow[], chart: { id: string; title: string; color: string }): ChartSpec {
  const t = c.t;
  const rows = published.filter((r) => r.n).map((r) => shareRow(r, ["any"], paragraphLabel(c.q, r.key, c.lang), `/insights/${c.cycle.id}/paragraphs/${r.key}`));
  return base(c, {
    id: chart.id,
    kind: "bar",
    title: chart.title,
    summary: rankingSummary(rows, "any", t, {
      empty: t("insights.noData"),
      top: (first) => t("figures.topSummary", { label: first.title ?? first.label, count: first.counts!.any!, n: first.n!, percent: Math.round(first.values.any!) }),
    }),
    unit: t("figures.unitShare"),
    percent: true,
    categories: [{ key: "any", label: t("figures.asking"), color: chart.color }],
    rows: rankPublished(rows, "any").slice(0, 10),
  });
}

async function computePillarSpecs(c: InsightContext, pillar: number): Promise<ChartSpec[]> {
  if (!c.published) return [];
  const t = c.t;
  const f = await cycleFigures(c);
  const refs = f.info.filter((p) => p.pillar === pillar).map((p) => p.ref);
  const statusOptions = headlineOptions(c);
  const status = base(c, {
    id: "status-by-paragraph",
    kind: "stacked-bar",
    title: t("insights.charts.statusByParagraph"),
    summary: t("figures.statusByParagraphSummary"),
    unit: t("figures.unitShare"),
    percent: true,
    categories: statusCategories(c),
    rows: f.status.byParagraph
      .filter((r) => refs.includes(f.units.get(r.key)?.ref ?? r.key))
      .map((r) => shareRow(r, statusOptions, unitLabel(c, f.units.get(r.key), r.key), `/insights/${c.cycle.id}/paragraphs/${f.units.get(r.key)?.ref ?? r.key}`)),
  });
  const groups = f.status.byPillarGroup.get(pillar) ?? [];
  const withheld = REGIONAL_GROUPS.length - groups.length;
  const byGroup = base(c, {
    id: "status-by-group",
    kind: "stacked-bar",
    title: t("figures.statusByGroup"),
    summary: t("figures.statusByGroupSummary") + (withheld ? ` ${t("figures.groupsWithheld", { count: withheld, min: c.minReports })}` : ""),
    unit: t("figures.unitAnswerShare"),
    percent: true,
    categories: statusCategories(c),
    rows: groups.filter((g) => g.states).map((g) => shareRow(g, statusOptions, `${t(`groups.${g.key}`)} (${t("figures.statesCount", { count: g.states ?? 0 })})`)),
  });
  const optionChart = (key: (typeof MULTI_KEYS)[number], id: string, title: string) => {
    const options = optionsOf(c, key);
    const rowsIn = f.multi[key].filter((r) => refs.includes(r.key));
    const avg = averageShares(rowsIn, options.map((o) => o.value), "independent", c.threshold);
    return base(c, {
      id,
      kind: "bar",
      title,
      summary: t("figures.tickedAveragedSummary", { count: avg.paragraphs }),
      unit: t("figures.unitAveraged"),
      percent: true,
      categories: [{ key: "share", label: t("figures.ticked"), color: CATEGORY_COLORS[0]! }],
      rows: options.map((o) => ({ key: o.value, label: localText(o.label, c.lang).text, values: { share: rounded(c, avg.shares[o.value]!) } })).sort((a, b) => b.values.share - a.values.share),
    });
  };
  const standards = structuredSpec(c, f, refs, "standards");
  return [
    status,
    byGroup,
    optionChart("measures", "measures", t("insights.charts.measures")),
    optionChart("challenges", "challenges", t("insights.charts.challenges")),
    optionChart("ta_needed", "ta-types", t("insights.charts.taTypes")),
    ...(standards.rows.length ? [standards] : []),
  ];
}

/** The paragraph-specific yes/no questions of some paragraphs, one row each: "35 · Nelson Mandela Rules applied". */
function structuredSpec(c: InsightContext, f: CycleFigures, refs: string[] | undefined, id: string, title?: string): ChartSpec {
  const t = c.t;
  const rows = structuredKeys(c, refs)
    .map((s) => {
      const row = f.structured.get(`${s.ref}|${s.key}`);
      return row && row.n ? { ...shareRow(row, ["yes", "no"], `${s.ref} · ${s.label}`, `/insights/${c.cycle.id}/paragraphs/${s.ref}`), key: `${s.ref}.${s.key}` } : null;
    })
    .filter((r): r is NonNullable<typeof r> => r !== null);
  return base(c, {
    id,
    kind: "stacked-bar",
    title: title ?? t("figures.standards"),
    summary: t("figures.standardsSummary"),
    unit: t("figures.unitShare"),
    percent: true,
    categories: [
      { key: "yes", label: t("question.yes"), color: CATEGORY_COLORS[0]! },
      { key: "no", label: t("question.no"), color: CATEGORY_COLORS[4]! },
    ],
    rows,
  });
}

/**
 * The "Standards and instruments" page: every paragraph-specific yes/no question of the cycle
 * (standards applied, data collected, strategy adopted…), one chart per pillar so that no chart
 * runs to a hundred rows; each row is the share of the States that answered it (n shown), from
 * the same protected figures as the pillar and paragraph pages.
 */
async function computeStandardsSpecs(c: InsightContext): Promise<ChartSpec[]> {
  if (!c.published) return [];
  const f = await cycleFigures(c);
  const pillars = [...new Set(f.info.map((p) => p.pillar))].sort((a, b) => a - b);
  return pillars
    .map((pl) => structuredSpec(c, f, f.info.filter((p) => p.pillar === pl).map((p) => p.ref), `standards-pillar-${pl}`, c.t("standardsView.chartTitle", { pillar: pillarLabel(c, pl) })))
    .filter((spec) => spec.rows.length > 0);
}

async function computeParagraphSpecs(c: InsightContext, ref: string): Promise<ChartSpec[]> {
  if (!c.published) return [];
  const t = c.t;
  const f = await cycleFigures(c);
  const statusOptions = headlineOptions(c);
  // One row per element when the stages are asked per element, each with its own n.
  const unitRows = f.status.byParagraph.filter((r) => (f.units.get(r.key)?.ref ?? r.key) === ref);
  const n = Math.max(0, ...unitRows.map((r) => r.n ?? 0));
  const status = base(c, {
    id: "status",
    kind: "stacked-bar",
    title: t("insights.charts.paragraphStatus"),
    summary: n ? t("figures.paragraphStatusSummary", { n }) : t("insights.noData"),
    unit: t("figures.unitShare"),
    percent: true,
    categories: statusCategories(c),
    rows: unitRows.filter((r) => r.n !== 0 || unitRows.length === 1).map((r) => shareRow(r, statusOptions, unitLabel(c, f.units.get(r.key), r.key))),
  });
  const optionChart = (key: (typeof MULTI_KEYS)[number], id: string, title: string) => {
    const options = optionsOf(c, key);
    const r = f.multi[key].find((x) => x.key === ref);
    return base(c, {
      id,
      kind: "bar",
      title,
      summary: r?.n ? t("figures.tickedSummary", { n: r.n }) : t("insights.noData"),
      unit: t("figures.unitShare"),
      percent: true,
      categories: [{ key: "share", label: t("figures.ticked"), color: CATEGORY_COLORS[0]! }],
      rows: !r?.n
        ? []
        : options
            .map((o) => ({ key: o.value, label: localText(o.label, c.lang).text, n: r.n, counts: { share: r.counts[o.value] ?? null }, values: { share: share(r.counts[o.value], r.n) } }))
            .sort((a, b) => (b.values.share ?? -1) - (a.values.share ?? -1)),
    });
  };
  const standards = structuredSpec(c, f, [ref], "standards");
  // Dates of adoption: per element, the States with a measure adopted since the period start, or only earlier ones.
  const since = sincePhrase(periodStartOf(c), c.lang);
  const adoptionRowsOf = f.adoption.filter((r) => (f.units.get(r.key)?.ref ?? r.key) === ref && r.n);
  const adoptionN = Math.max(0, ...adoptionRowsOf.map((r) => r.n ?? 0));
  const adoption = base(c, {
    id: "adoption",
    kind: "stacked-bar",
    title: t("figures.adoptionTitle"),
    summary: t("figures.adoptionSummary", { n: adoptionN, since }),
    unit: t("figures.unitShare"),
    percent: true,
    categories: [
      { key: "new", label: t("figures.adoptionNew", { since }), color: STATUS_COLORS.in_operation! },
      { key: "baseline", label: t("figures.adoptionBaseline"), color: STATUS_COLORS.no_action! },
    ],
    rows: adoptionRowsOf.map((r) => shareRow(r, [...ADOPTION_CLASSES], unitLabel(c, f.units.get(r.key), r.key))),
  });
  return [
    status,
    ...(adoption.rows.length ? [adoption] : []),
    optionChart("measures", "measures", t("insights.charts.measures")),
    optionChart("challenges", "challenges", t("insights.charts.challenges")),
    optionChart("ta_needed", "ta-types", t("insights.charts.taTypes")),
    optionChart("tools_needed", "tools", t("insights.charts.tools")),
    ...(standards.rows.length ? [standards] : []),
  ];
}

/**
 * Status over the cycles of the same instrument: first the like-for-like panel (the States
 * that reported in every cycle shown), then all reporters, each a labelled view with its n.
 * Outside the secretariat, only cycles that are published count, and the panel is shown only
 * when it differs from all reporters by none or by at least INSIGHTS_MIN_REPORTS States in
 * each cycle (else the difference of the two views would single States out).
 */
async function computeTrendSpecs(c: InsightContext, within: { pillar?: number; ref?: string }): Promise<ChartSpec[]> {
  if (!c.published) return [];
  const t = c.t;
  const all = (await insightCycles()).filter((x) => x.instrumentId === c.cycle.instrumentId && (c.viewer === "secretariat" || x.counted >= minReports())).reverse();
  if (all.length < 2) return [];
  const perCycle: { cy: (typeof all)[number]; ctx: InsightContext; refs: string[]; units: HeadlineUnit[]; rows: AnswerRow[]; states: string[] }[] = [];
  for (const cy of all) {
    const ctx = await insightContext(String(cy.id), c.lang, c.viewer);
    if (!ctx) continue;
    const refs = ctx.paragraphs.filter((p) => (within.pillar ? p.pillarNumber === within.pillar : within.ref ? p.ref === within.ref : true)).map((p) => p.ref);
    if (refs.length === 0) continue;
    // A cycle asking the other edition's headline (status, or stages) is not comparable: left out.
    if (headlineOf(ctx.paragraphs) !== headlineOf(c.paragraphs)) continue;
    const units = headlineUnits(ctx.paragraphs.filter((p) => refs.includes(p.ref)));
    const unitKeys = new Set(units.map((u) => u.key));
    const rows = (await statusRows(cy.id, cy.versionId)).filter((r) => unitKeys.has(r.ref));
    perCycle.push({ cy, ctx, refs, units, rows, states: [...new Set(rows.map((r) => r.state))] });
  }
  if (perCycle.length < 2) return [];
  const panel = panelOf(perCycle.map((p) => p.states));
  const statusOptions = headlineOptions(c);
  const seriesRow = (p: (typeof perCycle)[number], rows: AnswerRow[]) => {
    const pub = publishSingle(rows, headlineOf(c.paragraphs), unitInfo(p.units), statusOptions, [], { minCell: c.threshold, minGroup: 0 });
    const avg = averageShares(pub.byParagraph, statusOptions, "single", c.threshold);
    const states = new Set(rows.map((r) => r.state)).size;
    return { key: String(p.cy.id), label: `${p.cy.title} (${t("figures.statesCount", { count: states })})`, values: Object.fromEntries(statusOptions.map((o) => [o, rounded(c, avg.shares[o]!)])) };
  };
  const safePanel = c.viewer === "secretariat" || (panel.size >= minReports() && perCycle.every((p) => p.states.length === panel.size || p.states.length - panel.size >= minReports()));
  const specs: ChartSpec[] = [];
  specs.push(
    base(c, {
      id: "trend-panel",
      kind: "stacked-bar",
      title: t("figures.trendPanel", { count: panel.size }),
      summary: safePanel ? t("figures.trendPanelSummary", { count: panel.size, cycles: perCycle.length }) : t("figures.trendPanelWithheld", { min: minReports() }),
      unit: t("figures.unitAveraged"),
      percent: true,
      categories: statusCategories(c),
      rows: safePanel ? perCycle.map((p) => seriesRow(p, p.rows.filter((r) => panel.has(r.state)))) : [],
    }),
  );
  specs.push(
    base(c, {
      id: "trend-all",
      kind: "stacked-bar",
      title: t("figures.trendAll"),
      summary: t("figures.trendAllSummary"),
      unit: t("figures.unitAveraged"),
      percent: true,
      categories: statusCategories(c),
      rows: perCycle.map((p) => seriesRow(p, p.rows)),
    }),
  );
  return specs;
}

export { exclusions };
