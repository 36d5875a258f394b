/**
 * The good-practice search page: filters from the address, the search (search.server.ts),
 * paragraphs and themes whose titles match, and what to suggest when nothing is found.
 */
import { z } from "zod";
import { anySyntheticData, insightCycles } from "#app/insights/aggregates.server.ts";
import { searchPractices } from "#app/insights/search.server.ts";
import { matchesAll, queryTerms } from "#app/insights/search-terms.ts";
import { getQuestionnaireVersion } from "#app/questionnaires/questionnaires.server.ts";
import type { Viewer } from "#app/reporting/disclosure.ts";
import { listMemberStates } from "#app/states/member-states.server.ts";
import { REGIONAL_GROUPS } from "#app/states/regional-groups.ts";
import { localText, roman } from "#app/questionnaires/labels.ts";

export const PAGE_SIZE = 20;

export const PracticeFilters = z.object({
  q: z.string().max(200).optional().catch(undefined),
  cycle: z.coerce.number().int().positive().optional().catch(undefined),
  pillar: z.coerce.number().int().positive().optional().catch(undefined),
  theme: z.coerce.number().int().positive().optional().catch(undefined),
  group: z.enum(REGIONAL_GROUPS).optional().catch(undefined),
  page: z.coerce.number().int().positive().max(100_000).optional().catch(undefined),
});
export type PracticeFilters = z.infer<typeof PracticeFilters>;

/** The address of the search with some filters changed (undefined removes one). */
export function practicesHref(f: PracticeFilters, change: Partial<Record<keyof PracticeFilters, string | number | undefined>>): string {
  const merged: Record<string, unknown> = { ...f, page: undefined, ...change };
  const params = new URLSearchParams();
  for (const key of ["q", "cycle", "pillar", "theme", "group", "page"]) {
    const v = merged[key];
    if (v !== undefined && v !== "" && v !== null) params.set(key, String(v));
  }
  const s = params.toString();
  return `/insights/good-practices${s ? `?${s}` : ""}`;
}

/** `params`: the address's search parameters, already cleaned of control characters (app/utils/search-params.ts). */
export async function goodPracticesPage(params: Record<string, string>, lang: string, viewer: Viewer) {
  const f = PracticeFilters.parse(params);
  const q = f.q?.trim() ?? "";
  const cycles = await insightCycles();
  const cycleIds = f.cycle ? cycles.filter((c) => c.id === f.cycle).map((c) => c.id) : cycles.map((c) => c.id);
  const questionnaire = cycles[0] ? await getQuestionnaireVersion(cycles[0].versionId) : undefined;
  const paragraphs = questionnaire?.paragraphs ?? [];
  const refs = f.pillar || f.theme ? paragraphs.filter((p) => (!f.pillar || p.pillarNumber === f.pillar) && (!f.theme || p.themeNumber === f.theme)).map((p) => p.ref) : undefined;
  const page = f.page ?? 1;
  const found = searchPractices({ q, cycleIds, viewer, refs, group: f.group, page, pageSize: PAGE_SIZE });
  const names = new Map((await listMemberStates(lang)).map((s) => [s.iso3, s.name]));
  const cycleTitles = new Map(cycles.map((c) => [c.id, c.title]));
  const terms = queryTerms(q);

  // Paragraphs and themes whose titles (or the paragraph's text) say what was asked.
  const label = (l: Parameters<typeof localText>[0]) => [localText(l, lang).text, l.en].join(" ");
  const latest = cycles.find((c) => cycleIds.includes(c.id));
  const titleMatches = q && questionnaire
    ? {
        themes: questionnaire.themes.filter((th) => matchesAll(label(th.title), terms)).slice(0, 6).map((th) => ({ number: th.number, label: localText(th.title, lang).text })),
        paragraphs: paragraphs
          .filter((p) => p.kind === "action" && matchesAll([label(p.text), p.shortTitle ? label(p.shortTitle) : ""].join(" "), terms))
          .slice(0, 8)
          .map((p) => ({ ref: p.ref, label: p.shortTitle ? localText(p.shortTitle, lang).text : localText(p.text, lang).text.slice(0, 140) })),
        cycleId: latest?.id ?? null,
      }
    : null;

  // When nothing is found: ways to widen the search.
  const suggestions: { key: "allCycles" | "noFilters" | "word"; href: string; word?: string }[] = [];
  if (found.total === 0 && q) {
    if (f.cycle) suggestions.push({ key: "allCycles", href: practicesHref(f, { cycle: undefined }) });
    if (f.pillar || f.theme || f.group) suggestions.push({ key: "noFilters", href: practicesHref({ q: f.q }, {}) });
    if (terms.length > 1) for (const t of terms) suggestions.push({ key: "word", word: t.word, href: practicesHref(f, { q: t.word }) });
  }

  return {
    synthetic: await anySyntheticData(),
    viewer,
    filters: f,
    q,
    cycles: cycles.map((c) => ({ id: c.id, title: c.title })),
    pillars: (questionnaire?.pillars ?? []).map((p) => ({ number: p.number, label: `${roman(p.number)}. ${localText(p.title, lang).text}` })),
    themes: (questionnaire?.themes ?? []).map((th) => ({ number: th.number, label: localText(th.title, lang).text })),
    total: found.total,
    perCycle: cycles.filter((c) => found.perCycle[c.id]).map((c) => ({ id: c.id, title: c.title, count: found.perCycle[c.id]! })),
    page,
    pages: Math.max(1, Math.ceil(found.total / PAGE_SIZE)),
    pageSize: PAGE_SIZE,
    prevHref: page > 1 ? practicesHref(f, { page: page - 1 === 1 ? undefined : page - 1 }) : null,
    nextHref: page * PAGE_SIZE < found.total ? practicesHref(f, { page: page + 1 }) : null,
    titleMatches,
    suggestions,
    results: found.results.map((r) => ({
      id: `${r.reportId}-${r.questionId}`,
      state: names.get(r.stateIso3) ?? r.stateIso3,
      cycle: cycleTitles.get(r.cycleId) ?? "",
      cycleId: r.cycleId,
      ref: r.ref,
      kind: r.kind,
      segments: r.segments,
    })),
  };
}
