/**
 * Who may read a narrative answer (descriptions, good practices, challenges): the secretariat
 * only (the default), also the Commission (signed-in users of Member States), or also the
 * public. ONE choice per narrative answer, made next to the answer on the paragraph page and
 * saved with it (`answers.disclosure`; null = the default). Choice answers always count in
 * anonymous aggregates whatever this says (behind the disclosure control).
 * Browser-safe vocabulary: imports nothing; db/schema, the server and components import it.
 */

export const DISCLOSURE_LEVELS = ["public", "commission", "secretariat"] as const;
export type Disclosure = (typeof DISCLOSURE_LEVELS)[number];

/** Chosen when nothing else is: the narrowest level. */
export const DEFAULT_DISCLOSURE: Disclosure = "secretariat";

/** The levels as the paragraph page offers them: the default first, then wider and wider. */
export const DISCLOSURE_CHOICES: readonly Disclosure[] = [...DISCLOSURE_LEVELS].reverse();

/** Who reads: the public (signed out), the Commission, or the secretariat. */
export type Viewer = "public" | "commission" | "secretariat";

/** The disclosure levels a viewer may read. */
export function readableLevels(viewer: Viewer): Disclosure[] {
  return DISCLOSURE_LEVELS.slice(0, DISCLOSURE_LEVELS.indexOf(viewer) + 1);
}

export function isDisclosure(value: unknown): value is Disclosure {
  return typeof value === "string" && (DISCLOSURE_LEVELS as readonly string[]).includes(value);
}

/** An answer's level as stored (null when never chosen): the default unless the State chose. */
export function disclosureOf(stored: Disclosure | null | undefined): Disclosure {
  return stored ?? DEFAULT_DISCLOSURE;
}

/** The narrower of two levels. */
export function narrowest(a: Disclosure, b: Disclosure): Disclosure {
  return DISCLOSURE_LEVELS[Math.max(DISCLOSURE_LEVELS.indexOf(a), DISCLOSURE_LEVELS.indexOf(b))]!;
}

/**
 * Migration 0015, the stricter reading of the three old controls: a narrative answer is
 * readable beyond the secretariat only if the report-wide "Readable by" level, the per-answer
 * override (null = as the report) and, for a good practice, the "May this good practice be
 * shared?" answer ("yes" only) all allowed it. The SQL in the migration does the same (a test
 * compares them on every combination).
 */
export function migratedDisclosure(old: { report: Disclosure; override: Disclosure | null; goodPractice: boolean; consent: string | null }): Disclosure {
  if (old.goodPractice && old.consent !== "yes") return "secretariat";
  return narrowest(old.report, old.override ?? old.report);
}
