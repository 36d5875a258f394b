/**
 * Leaving a submitted report out of the aggregates (ADR 011): the secretariat cannot reject a
 * State's report, but it may exclude one from the insights for a recorded reason — a duplicate,
 * a test, or another reason it writes down — and put it back, again with a reason. Browser-safe:
 * the review page's form and its action share this schema (conform + zod), and the methodology
 * note reads the kinds back from the stored reason.
 *
 * The reason is stored in `reports.excluded_reason` as `<kind>` or `<kind>: <note>`; a reason
 * written before the kinds existed reads as "other" with its text as the note.
 */
import { z } from "zod";

export const EXCLUSION_KINDS = ["duplicate", "test", "other"] as const;
export type ExclusionKind = (typeof EXCLUSION_KINDS)[number];

export const EXCLUSION_NOTE_MAX = 500;

/** A report's exclusion as the review page shows it. */
export interface ExclusionState {
  at: string;
  kind: ExclusionKind;
  note: string | null;
  by: string | null;
}

export function encodeExclusionReason(kind: ExclusionKind, note?: string | null): string {
  const text = note?.trim();
  return text ? `${kind}: ${text}` : kind;
}

export function decodeExclusionReason(reason: string | null | undefined): { kind: ExclusionKind; note: string | null } {
  const text = (reason ?? "").trim();
  const m = /^(duplicate|test|other)(?::\s*([\s\S]*))?$/.exec(text);
  if (m) return { kind: m[1] as ExclusionKind, note: m[2]?.trim() || null };
  return { kind: "other", note: text || null };
}

/** How many exclusions of each kind, in the vocabulary's order, kinds with none left out. */
export function exclusionKinds(reasons: (string | null)[]): { kind: ExclusionKind; count: number }[] {
  const counts = new Map<ExclusionKind, number>();
  for (const r of reasons) {
    const { kind } = decodeExclusionReason(r);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return EXCLUSION_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
}

const note = z
  .string({ error: "exclusion.errors.noteRequired" })
  .trim()
  .min(1, { error: "exclusion.errors.noteRequired" })
  .max(EXCLUSION_NOTE_MAX, { error: `exclusion.errors.noteTooLong|${EXCLUSION_NOTE_MAX}` });

/**
 * Exclude: a kind is required; "other" needs the reason written out (a note is optional for a
 * duplicate or a test). Include again: the reason is required.
 */
export const ExclusionSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("exclude"),
      kind: z.enum(EXCLUSION_KINDS, { error: "exclusion.errors.kindRequired" }),
      note: note.optional(),
    })
    .refine((v) => v.kind !== "other" || Boolean(v.note), { error: "exclusion.errors.noteRequired", path: ["note"] }),
  z.object({ intent: z.literal("include"), note }),
]);
export type ExclusionInput = z.infer<typeof ExclusionSchema>;
