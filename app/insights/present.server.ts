/**
 * The meeting-room deck: a title slide, then one slide per chart. The overview deck adds each
 * pillar in the cycle's scope (a section slide, then the pillar's charts); a pillar deck adds
 * each of its paragraphs in scope; a paragraph deck is that paragraph's charts. Only the slide
 * on screen is drawn (at room scale) and sent.
 */
import { data } from "@remix-run/node";
import type { ChartSpec, RenderedChart } from "#app/insights/chart-spec.ts";
import { pageSpecs, type InsightContext } from "#app/insights/charts.server.tsx";
import { svgFor, withDrawings } from "#app/insights/render.server.ts";
import { scopedParagraphs } from "#app/reporting/reports.server.ts";
import { localText, roman } from "#app/questionnaires/labels.ts";

export type DeckScope = { kind: "overview" } | { kind: "pillar"; pillar: number } | { kind: "paragraph"; ref: string } | { kind: "standards" };

type Slide = { kind: "section"; heading: string; subtitle?: string } | { kind: "chart"; section: string; spec: ChartSpec };

export function parseDeckScope(c: InsightContext, url: URL): DeckScope {
  const inScope = scopedParagraphs(c.q, c.cycle.scope);
  const pillar = url.searchParams.get("pillar");
  const ref = url.searchParams.get("paragraph");
  if (url.searchParams.get("view") === "standards") return { kind: "standards" };
  if (pillar) {
    if (!inScope.some((p) => String(p.pillarNumber) === pillar)) throw data({ message: "No such pillar in this cycle." }, { status: 404 });
    return { kind: "pillar", pillar: Number(pillar) };
  }
  if (ref) {
    if (!inScope.some((p) => p.ref === ref)) throw data({ message: "No such paragraph in this cycle." }, { status: 404 });
    return { kind: "paragraph", ref };
  }
  return { kind: "overview" };
}


async function deck(c: InsightContext, scope: DeckScope): Promise<Slide[]> {
  const t = c.t;
  const inScope = scopedParagraphs(c.q, c.cycle.scope);
  const pillarLabel = (n: number) => `${roman(n)}. ${localText(c.q.pillars.find((p) => p.number === n)!.title, c.lang).text}`;
  const charts = (section: string, specs: ChartSpec[]): Slide[] => specs.filter((s) => s.rows.length > 0).map((spec) => ({ kind: "chart", section, spec }));
  const slides: Slide[] = [];
  if (scope.kind === "overview") {
    slides.push(...charts(t("insights.overview"), await pageSpecs(c, { kind: "overview" })));
    const pillars = [...new Set(inScope.map((p) => p.pillarNumber).filter((n): n is number => n !== null))];
    for (const n of pillars) {
      slides.push({ kind: "section", heading: pillarLabel(n) });
      slides.push(...charts(pillarLabel(n), await pageSpecs(c, { kind: "pillar", pillar: n })));
    }
  } else if (scope.kind === "pillar") {
    slides.push(...charts(pillarLabel(scope.pillar), await pageSpecs(c, { kind: "pillar", pillar: scope.pillar })));
    for (const p of inScope.filter((x) => x.pillarNumber === scope.pillar)) {
      const heading = t("paragraph.title", { ref: p.ref });
      slides.push({ kind: "section", heading, subtitle: pillarLabel(scope.pillar) });
      slides.push(...charts(heading, await pageSpecs(c, { kind: "paragraph", ref: p.ref })));
    }
  } else if (scope.kind === "standards") {
    const title = t("standardsView.title");
    slides.push(...charts(title, (await pageSpecs(c, { kind: "standards" })).flatMap((spec) => slideParts(c, spec))));
  } else {
    slides.push(...charts(t("paragraph.title", { ref: scope.ref }), await pageSpecs(c, { kind: "paragraph", ref: scope.ref })));
  }
  return slides;
}

/**
 * How tall (in drawing units, where slide text is 24 units) a chart may be to keep its text at
 * least 24 px on a 1920 × 1080 screen: what the slide leaves for the drawing under its heading,
 * summary and source line, measured in Chromium (tests/e2e/insights.test.ts checks the result).
 */
export const SLIDE_CHART_HEIGHT = 720;

const slideHeight = (c: InsightContext, spec: ChartSpec) => Number(/viewBox="0 0 [\d.]+ ([\d.]+)"/.exec(svgFor(c, spec, "slide"))?.[1] ?? 0);

/**
 * A chart cut into slides whose drawing fits SLIDE_CHART_HEIGHT, rows kept in order: a
 * standards chart of a pillar asks up to 71 questions, more than a room can read on one screen.
 * A slide has no data table, so each row is drawn with its full label (the page's drawing
 * shortens "22 · Evidence-based crime prevention: Are these data disaggregated by sex and age?"
 * to "22 · Evidence-based…", the same for each question of the paragraph), wrapped.
 * Parts are as few as fit, and even. Each says which it is ("2 of 4") and keeps the whole chart's notes.
 */
export function slideParts(c: InsightContext, spec: ChartSpec): ChartSpec[] {
  // Specs are cached per data version and language (charts.server.tsx): cut each once.
  let byLang = partsOf.get(spec);
  if (!byLang) partsOf.set(spec, (byLang = new Map()));
  let parts = byLang.get(c.lang);
  if (!parts) byLang.set(c.lang, (parts = cutForSlides(c, spec)));
  return parts;
}

const partsOf = new WeakMap<ChartSpec, Map<string, ChartSpec[]>>();

function cutForSlides(c: InsightContext, whole: ChartSpec): ChartSpec[] {
  const spec = { ...whole, rows: whole.rows.map((r) => ({ ...r, label: r.title ?? r.label })) };
  if (slideHeight(c, spec) <= SLIDE_CHART_HEIGHT) return [spec];
  const measured = new Map<string, number>();
  const height = (from: number, to: number) => {
    const key = `${from}-${to}`;
    let h = measured.get(key);
    if (h === undefined) measured.set(key, (h = slideHeight(c, { ...spec, id: `${spec.id}-measure`, rows: spec.rows.slice(from, to) })));
    return h;
  };
  /** Where each part starts when every part is filled up to `budget` (a row taller than it stands alone). */
  const pack = (budget: number): number[] => {
    const starts = [0];
    for (let i = 1; i < spec.rows.length; i++) if (height(starts.at(-1)!, i + 1) > budget) starts.push(i);
    return starts;
  };
  // As few slides as the room's text size allows, filled evenly (no last slide with one question
  // left over): the lowest budget that needs no more slides than the full one.
  const fewest = pack(SLIDE_CHART_HEIGHT).length;
  let low = 0;
  let high = SLIDE_CHART_HEIGHT;
  while (high - low > 2) {
    const mid = (low + high) / 2;
    if (pack(mid).length <= fewest) high = mid;
    else low = mid;
  }
  const starts = pack(high);
  return starts.map((from, i) => {
    const rows = spec.rows.slice(from, starts[i + 1] ?? spec.rows.length);
    return {
      ...spec,
      id: `${spec.id}-part-${i + 1}`,
      title: c.t("present.part", { title: spec.title, part: i + 1, parts: starts.length }),
      rows,
      suppressed: spec.suppressed && rows.some((r) => Object.values(r.values).some((v) => v === null)),
    };
  });
}

export type SlideData =
  | { kind: "title"; heading: string; subtitle: string | null }
  | { kind: "section"; heading: string; subtitle: string | null }
  | { kind: "chart"; section: string; spec: RenderedChart };

/** Slide `n` (1 = the title slide) of the deck for `scope`, and how many there are. */
export async function presentationSlide(c: InsightContext, scope: DeckScope, n: number): Promise<{ slide: number; total: number; current: SlideData }> {
  const slides = await deck(c, scope);
  const total = slides.length + 1;
  const slide = Math.min(Math.max(Number.isSafeInteger(n) ? n : 1, 1), total);
  const s = slide > 1 ? slides[slide - 2]! : null;
  const title =
    scope.kind === "pillar"
      ? `${roman(scope.pillar)}. ${localText(c.q.pillars.find((p) => p.number === scope.pillar)!.title, c.lang).text}`
      : scope.kind === "paragraph"
        ? c.t("paragraph.title", { ref: scope.ref })
        : scope.kind === "standards"
          ? c.t("standardsView.title")
          : null;
  const current: SlideData = !s
    ? { kind: "title", heading: c.cycle.title, subtitle: title }
    : s.kind === "section"
      ? { kind: "section", heading: s.heading, subtitle: s.subtitle ?? null }
      : { kind: "chart", section: s.section, spec: withDrawings(s.spec, { slide: svgFor(c, s.spec, "slide") }) };
  return { slide, total, current };
}
