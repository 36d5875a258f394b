/**
 * Who may read a narrative answer (descriptions, good practices, challenges): everyone, the
 * Commission (signed-in users of Member States), or the secretariat only. Choice answers
 * always count in anonymous aggregates whatever this says (behind the small-cell threshold).
 * Browser-safe vocabulary: imports nothing; db/schema, the server and components import it.
 */

export const DISCLOSURE_LEVELS = ["public", "commission", "secretariat"] as const;
export type Disclosure = (typeof DISCLOSURE_LEVELS)[number];

/** Chosen when nothing else is: the narrowest level. */
export const DEFAULT_DISCLOSURE: Disclosure = "secretariat";

/** Who reads: the public (signed out), the Commission, or the secretariat. */
export type Viewer = "public" | "commission" | "secretariat";

/** The disclosure levels a viewer may read. */
export function readableLevels(viewer: Viewer): Disclosure[] {
  return DISCLOSURE_LEVELS.slice(0, DISCLOSURE_LEVELS.indexOf(viewer) + 1);
}
