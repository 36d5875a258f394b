/**
 * The drafting workbench's one door to the figures. Every number of a draft comes through
 * here, and here only from the insights aggregates (app/insights/aggregates.server.ts) and
 * their suppression rule, so a draft counts exactly what the insights pages count and hides
 * exactly what they hide. Re-point these functions, not the generator, when the aggregates move.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { countedAnswers, memberStates, paragraphs, questions, reports } from "#db/schema/index.ts";
import { counted } from "#app/insights/counted.server.ts";
import type { RegionalGroup } from "#app/states/regional-groups.ts";
import { AGGREGATED_STATUSES } from "#app/reporting/lifecycle.ts";
import {
  acceptedReports,
  countedRows,
  disclosedNarratives,
  optionStates,
  statusCounts,
  type Viewer,
} from "#app/insights/aggregates.server.ts";
import { smallCellThreshold } from "#app/insights/charts.server.tsx";
import { adoptionKeyOf, adoptionRows, type AdoptionClass, type HeadlineUnit } from "#app/insights/headline.ts";
import { suppress } from "#app/insights/chart-spec.ts";
import { countMemberStatesByGroup, nameColumn } from "#app/states/member-states.server.ts";

export type { Viewer };

/** Which reports a figure counts, in words for the provenance panel. */
export const COUNTED_REPORTS = AGGREGATED_STATUSES.join(", ");

/** Counts from fewer States than this are shown as "fewer than N" in the public version. */
export function publicThreshold(): number {
  return smallCellThreshold();
}

/** A count as the audience may see it: null when it would single out fewer than `threshold` States. */
export function shown(n: number, threshold: number): number | null {
  return threshold ? suppress(n, n, threshold) : n;
}

/** The States whose reports count, with their group. */
export async function respondents(cycleId: number, lang: string) {
  const rows = await acceptedReports([cycleId]);
  const names = new Map(
    getDb()
      .select({ iso3: memberStates.iso3, name: nameColumn(lang) })
      .from(memberStates)
      .all()
      .map((r) => [r.iso3, r.name]),
  );
  return rows.map((r) => ({ ...r, name: names.get(r.stateIso3) ?? r.stateIso3 }));
}

export async function memberStatesByGroup(): Promise<Record<RegionalGroup, number>> {
  return countMemberStatesByGroup();
}

/** Per paragraph of a pillar: how many States gave each implementation status. */
export async function paragraphStatuses(cycleId: number, versionId: number, pillar: number): Promise<Map<string, Map<string, number>>> {
  const rows = await statusCounts(cycleId, versionId, "paragraph", { pillar });
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!r.status) continue;
    const m = out.get(r.key) ?? new Map<string, number>();
    m.set(r.status, (m.get(r.status) ?? 0) + r.states);
    out.set(r.key, m);
  }
  return out;
}

/**
 * Dates of adoption, per unit (an element's stage, or a paragraph's asked as a whole): how many
 * States dated a measure adopted since the period start (`new`), or dated only earlier ones
 * (`baseline`). Counted as the insights count.
 */
export async function unitAdoption(cycleId: number, versionId: number, units: readonly HeadlineUnit[], periodStart: string): Promise<Map<string, Map<AdoptionClass, number>>> {
  const keys = [...new Set(units.map(adoptionKeyOf).filter((k): k is string => k !== null))];
  const out = new Map<string, Map<AdoptionClass, number>>();
  if (keys.length === 0) return out;
  for (const r of adoptionRows(await countedRows(cycleId, versionId, keys), units, periodStart)) {
    const m = out.get(r.ref) ?? new Map<AdoptionClass, number>();
    m.set(r.value as AdoptionClass, (m.get(r.value as AdoptionClass) ?? 0) + 1);
    out.set(r.ref, m);
  }
  return out;
}

/** How many States chose each option of a multiple-choice question on one paragraph. */
export async function paragraphOptions(cycleId: number, versionId: number, questionKey: string, ref: string) {
  return optionStates(cycleId, versionId, questionKey, { ref });
}

/**
 * The same counts as `paragraphOptions` (States per option, "none" left out, most first), for
 * every paragraph of a pillar from one read: a whole draft asks 4 keys × 75 paragraphs.
 * Counted as the insights count: latest submitted versions, excluded reports and unconfirmed
 * carried-over answers left out.
 */
export async function pillarOptions(cycleId: number, versionId: number, questionKey: string, pillar: number): Promise<Map<string, { option: string; n: number }[]>> {
  const ids = getDb()
    .select({ id: questions.id })
    .from(questions)
    .innerJoin(paragraphs, and(eq(paragraphs.versionId, questions.versionId), eq(paragraphs.ref, questions.paragraphRef)))
    .where(and(eq(questions.versionId, versionId), eq(questions.key, questionKey), eq(paragraphs.pillarNumber, pillar)))
    .all()
    .map((r) => r.id);
  const out = new Map<string, { option: string; n: number }[]>();
  if (ids.length === 0) return out;
  const rows = getDb()
    .select({ ref: countedAnswers.paragraphRef, state: reports.stateIso3, value: countedAnswers.value })
    .from(countedAnswers)
    .innerJoin(reports, eq(reports.id, countedAnswers.reportId))
    .where(and(counted(cycleId), inArray(countedAnswers.questionId, ids), eq(countedAnswers.carriedOver, false)))
    .all();
  const sets = new Map<string, Map<string, Set<string>>>();
  for (const r of rows) {
    if (!Array.isArray(r.value)) continue;
    const byOption = sets.get(r.ref) ?? new Map<string, Set<string>>();
    for (const option of r.value as string[]) {
      if (option === "none") continue;
      const set = byOption.get(option) ?? new Set<string>();
      set.add(r.state);
      byOption.set(option, set);
    }
    sets.set(r.ref, byOption);
  }
  for (const [ref, byOption] of sets) out.set(ref, [...byOption.entries()].map(([option, set]) => ({ option, n: set.size })).sort((a, b) => b.n - a.n || a.option.localeCompare(b.option)));
  return out;
}

/**
 * Narratives of counted reports the audience may read (the level each State chose for the
 * answer, through the insights' own `readableLevels`). Unlike the insights listing this is
 * not capped: a full draft reads every paragraph's good practices.
 */
export async function narratives(cycleId: number, viewer: Viewer, questionKeys: string[], refs?: string[]) {
  // The insights' own read (counted versions, disclosure, INSIGHTS_MIN_REPORTS), uncapped.
  return disclosedNarratives([cycleId], viewer, { questionKeys, refs, limit: Infinity });
}


/**
 * The answers behind a figure, for the secretariat's provenance panel: every counted report's
 * answer as last submitted (excluded reports left out, as in the insights), with the State,
 * so a number can be checked by hand.
 */
export async function answersBehind(cycleId: number, questionIds: string[], lang: string) {
  if (questionIds.length === 0) return [];
  return getDb()
    .select({ reportId: reports.id, stateIso3: reports.stateIso3, state: nameColumn(lang), group: memberStates.regionalGroup, questionId: countedAnswers.questionId, value: countedAnswers.value })
    .from(countedAnswers)
    .innerJoin(reports, eq(reports.id, countedAnswers.reportId))
    .innerJoin(memberStates, eq(memberStates.iso3, reports.stateIso3))
    .where(and(counted(cycleId), inArray(countedAnswers.questionId, questionIds)))
    .orderBy(asc(nameColumn(lang)), asc(countedAnswers.questionId))
    .all();
}
