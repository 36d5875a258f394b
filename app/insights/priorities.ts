/**
 * Technical-assistance priorities (issue 12, item 4): each State names up to three paragraphs,
 * ranked, once per report (`<instrument>.report.ta_priorities`). The figure is the share of the
 * States that answered the question naming a paragraph among their top three; the denominator
 * is the same for every paragraph. Pure: the rows come from the counted answers.
 */
import type { AnswerRow, FigureRow } from "#app/insights/figures.ts";

/** The question's key (report-level, so one per report). */
export const PRIORITIES_KEY = "ta_priorities";

/** The paragraph a ranking value names: "81" → "81", "5_a" → "5(a)" (surveys/compiler/facts.ts rankingValue). */
export function refOfPriority(value: string): string {
  return value.replace(/_([a-z]+)$/, "($1)");
}

/**
 * One row per paragraph of `refs`: `n` States answered the priorities question (named at least
 * one paragraph), `counts.any` of them named this paragraph among their three, `counts.first` first.
 */
export function tallyPriorities(rows: readonly Pick<AnswerRow, "state" | "key" | "value">[], refs: readonly string[]): FigureRow[] {
  const answered = new Map<string, string[]>();
  for (const r of rows) {
    if (r.key !== PRIORITIES_KEY || !Array.isArray(r.value) || r.value.length === 0) continue;
    answered.set(r.state, (r.value as unknown[]).filter((v): v is string => typeof v === "string").map(refOfPriority));
  }
  const n = answered.size;
  return refs.map((ref) => {
    let any = 0;
    let first = 0;
    for (const chosen of answered.values()) {
      if (chosen.includes(ref)) any++;
      if (chosen[0] === ref) first++;
    }
    return { key: ref, n, counts: { any, first } };
  });
}
