/**
 * The burden a cycle's scope implies: how many action paragraphs and questions it asks.
 * Browser-safe: the cycle form counts as the secretariat ticks, and the server counts the
 * same way for the first render (so the figure is there without JavaScript too).
 */
import { parseRefList } from "#app/cycles/schemas.ts";

export interface ScopeParagraph {
  ref: string;
  pillar: number | null;
  theme: number | null;
  questions: number;
}

export interface ScopeChoice {
  kind: string;
  pillars: string[];
  themes: string[];
  paragraphs: string;
}

export function scopeCount(paragraphs: readonly ScopeParagraph[], choice: ScopeChoice): { paragraphs: number; questions: number } {
  let inScope: readonly ScopeParagraph[];
  if (choice.kind === "all") inScope = paragraphs;
  else if (choice.kind === "pillars") inScope = paragraphs.filter((p) => p.pillar !== null && choice.pillars.includes(String(p.pillar)));
  else if (choice.kind === "themes") inScope = paragraphs.filter((p) => p.theme !== null && choice.themes.includes(String(p.theme)));
  else {
    const refs = new Set(parseRefList(choice.paragraphs) ?? []);
    inScope = paragraphs.filter((p) => refs.has(p.ref));
  }
  return { paragraphs: inScope.length, questions: inScope.reduce((n, p) => n + p.questions, 0) };
}

/** Questions of the paragraphs matching a filter (the figure shown beside each pillar and theme). */
export function questionsWhere(paragraphs: readonly ScopeParagraph[], keep: (p: ScopeParagraph) => boolean): number {
  return paragraphs.filter(keep).reduce((n, p) => n + p.questions, 0);
}
