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

export type DeckScope = { kind: "overview" } | { kind: "pillar"; pillar: number } | { kind: "paragraph"; ref: string };

type Slide = { kind: "section"; heading: string; subtitle?: string } | { kind: "chart"; section: string; spec: ChartSpec };

export function parseDeckScope(c: InsightContext, url: URL): DeckScope {
  const inScope = scopedParagraphs(c.q, c.cycle.scope);
  const pillar = url.searchParams.get("pillar");
  const ref = url.searchParams.get("paragraph");
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
  } else {
    slides.push(...charts(t("paragraph.title", { ref: scope.ref }), await pageSpecs(c, { kind: "paragraph", ref: scope.ref })));
  }
  return slides;
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
        : null;
  const current: SlideData = !s
    ? { kind: "title", heading: c.cycle.title, subtitle: title }
    : s.kind === "section"
      ? { kind: "section", heading: s.heading, subtitle: s.subtitle ?? null }
      : { kind: "chart", section: s.section, spec: withDrawings(s.spec, { slide: svgFor(c, s.spec, "slide") }) };
  return { slide, total, current };
}
