/**
 * The five regional groups of the United Nations, in their usual order. Browser-safe
 * vocabulary (imports nothing): db/schema, the server and components import it. Labels are
 * the locale keys `groups.<group>`. Groups are shown side by side, never ranked on a score.
 */

export const REGIONAL_GROUPS = ["african", "asia_pacific", "eastern_european", "latin_american_caribbean", "weog"] as const;
export type RegionalGroup = (typeof REGIONAL_GROUPS)[number];

export function isRegionalGroup(value: unknown): value is RegionalGroup {
  return typeof value === "string" && (REGIONAL_GROUPS as readonly string[]).includes(value);
}
