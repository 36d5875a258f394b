/**
 * The States that reported in a cycle, listed by regional group as the Secretary-General's
 * reports list them: UN short names in the reader's language, sorted with its collator, each
 * group with "n of N States in the group". Only counted reports (submitted, not excluded).
 *
 * Who submitted is public information (the Secretary-General's reports name the respondents),
 * and naming a State discloses none of its answers: so the list is shown to everybody, signed
 * out too, even below INSIGHTS_MIN_REPORTS (ADR 011), when no figure is broken down yet.
 */
import { countMemberStatesByGroup, collator, listMemberStates } from "#app/states/member-states.server.ts";
import { respondents } from "#app/insights/aggregates.server.ts";
import { REGIONAL_GROUPS, type RegionalGroup } from "#app/states/regional-groups.ts";
import type { InsightContext } from "#app/insights/charts.server.tsx";
import { excludedNote } from "#app/insights/charts.server.tsx";
import { neutraliseCell } from "#app/utils/spreadsheet.ts";

export interface RespondentGroup {
  group: RegionalGroup;
  label: string;
  /** Member States in the group (N). */
  members: number;
  states: { iso3: string; name: string }[];
}

export async function respondentList(c: InsightContext): Promise<{ groups: RespondentGroup[]; total: number; members: number; excludedNote: string | null }> {
  const names = new Map((await listMemberStates(c.lang)).map((s) => [s.iso3, s.name]));
  const members = await countMemberStatesByGroup();
  const rows = await respondents(c.cycle.id);
  const order = collator(c.lang);
  const groups = REGIONAL_GROUPS.map((g) => ({
    group: g,
    label: c.t(`groups.${g}`),
    members: members[g] ?? 0,
    states: rows
      .filter((r) => r.group === g)
      .map((r) => ({ iso3: r.iso3, name: names.get(r.iso3) ?? r.iso3 }))
      .sort((a, b) => order.compare(a.name, b.name)),
  }));
  return {
    groups,
    total: rows.length,
    members: Object.values(members).reduce((a, n) => a + n, 0),
    excludedNote: c.excluded ? excludedNote(c) : null,
  };
}

/** The list as CSV (regional group, State, ISO code), with the note on exclusions, formulas neutralised. */
export function respondentsCsv(c: InsightContext, list: Awaited<ReturnType<typeof respondentList>>): string {
  const field = (v: string) => {
    const safe = neutraliseCell(v);
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const header = [c.t("respondents.csv.group"), c.t("respondents.csv.state"), c.t("respondents.csv.iso3")];
  const lines = list.groups.flatMap((g) => g.states.map((s) => [g.label, s.name, s.iso3]));
  const notes = [c.t("respondents.lead", { count: list.total, members: list.members, cycle: c.cycle.title }), ...(list.excludedNote ? [list.excludedNote] : [])].map((n) => [n]);
  return "\uFEFF" + [header, ...lines, [], ...notes].map((l) => l.map(field).join(",")).join("\r\n") + "\r\n";
}
