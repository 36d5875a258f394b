/**
 * The headline question of a questionnaire version, what the "stage" charts count:
 * - the status edition asks one six-level `status` per paragraph: one unit per paragraph;
 * - the stages edition asks an anchored `stage` per element (`data.stage` in ¶81) or once for
 *   the paragraph (`stage`): one unit per element, so ¶81's eight actions are eight rows, each the
 *   share of States at each stage, of the States that answered it. Never an averaged score.
 * A unit's key is the paragraph ref, or `<ref>.<element>` (e.g. `81.data`). Browser-safe, pure.
 */
import type { AnswerRow, ParagraphInfo } from "#app/insights/figures.ts";
import type { Label, Paragraph } from "#surveys/schema.ts";

export type Headline = "status" | "stage";

export interface HeadlineUnit {
  /** `81.data`, or `35` for a paragraph asked as a whole. */
  key: string;
  ref: string;
  element: string | null;
  /** The element's text (null for a paragraph asked as a whole). */
  elementText: Label | null;
  /** The question key answered for the unit (`data.stage`, `stage`, `status`). */
  questionKey: string;
  pillar: number;
  theme: number | null;
}

const baseOf = (key: string) => key.slice(key.lastIndexOf(".") + 1);

/** "stage" when the version asks anchored stages, else "status". */
export function headlineOf(paragraphs: readonly Pick<Paragraph, "questions">[]): Headline {
  return paragraphs.some((p) => p.questions.some((q) => baseOf(q.key) === "stage")) ? "stage" : "status";
}

/** The units of some paragraphs, in paragraph then element order. */
export function headlineUnits(paragraphs: readonly Pick<Paragraph, "ref" | "questions" | "pillarNumber" | "themeNumber" | "elements">[]): HeadlineUnit[] {
  const headline = headlineOf(paragraphs);
  const out: HeadlineUnit[] = [];
  for (const p of paragraphs) {
    for (const q of p.questions) {
      if (baseOf(q.key) !== headline) continue;
      const element = q.element ?? null;
      out.push({
        key: element ? `${p.ref}.${element}` : p.ref,
        ref: p.ref,
        element,
        elementText: element ? (p.elements?.find((e) => e.key === element)?.text ?? null) : null,
        questionKey: q.key,
        pillar: p.pillarNumber ?? 0,
        theme: p.themeNumber,
      });
    }
  }
  return out;
}

/** The units as the rows of a table (`ref` is the unit's key). */
export function unitInfo(units: readonly HeadlineUnit[]): ParagraphInfo[] {
  return units.map((u) => ({ ref: u.key, pillar: u.pillar, theme: u.theme }));
}

/** Counted answers to the units' questions, each relabelled as its unit (`ref` = unit key, `key` = the headline). */
export function headlineRows(rows: readonly AnswerRow[], units: readonly HeadlineUnit[], headline: Headline): AnswerRow[] {
  const byQuestion = new Map(units.map((u) => [`${u.ref}|${u.questionKey}`, u]));
  const out: AnswerRow[] = [];
  for (const r of rows) {
    const u = byQuestion.get(`${r.ref}|${r.key}`);
    if (u) out.push({ ...r, ref: u.key, key: headline });
  }
  return out;
}

/* ---------------------------------------------------------------------------------------
 * Dates of adoption (issue 12, item 3): baseline and new measures.
 * ------------------------------------------------------------------------------------- */

/** A State's measures for a unit, by their dates of adoption: at least one adopted since the period start, or all before it. */
export const ADOPTION_CLASSES = ["new", "baseline"] as const;
export type AdoptionClass = (typeof ADOPTION_CLASSES)[number];

/** The key of the question that lists a unit's measures with their dates (`data.stage` → `data.adoption`; none for a status). */
export function adoptionKeyOf(u: Pick<HeadlineUnit, "questionKey">): string | null {
  return u.questionKey === "stage" || u.questionKey.endsWith(".stage") ? `${u.questionKey.slice(0, -"stage".length)}adoption` : null;
}

/** "new" when any dated measure was adopted on or after the period start, "baseline" when every dated one was adopted before it; null with no date. */
export function adoptionClass(value: unknown, periodStart: string): AdoptionClass | null {
  if (!Array.isArray(value)) return null;
  const dates = value.map((r) => (r && typeof r === "object" ? (r as Record<string, unknown>).adopted_on : null)).filter((d): d is string => typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d));
  if (dates.length === 0) return null;
  return dates.some((d) => d >= periodStart) ? "new" : "baseline";
}

/** One row per State and unit that dated at least one measure: `ref` = the unit's key, `key` = "adoption", `value` = new | baseline. */
export function adoptionRows(rows: readonly AnswerRow[], units: readonly HeadlineUnit[], periodStart: string): AnswerRow[] {
  const byQuestion = new Map<string, HeadlineUnit>();
  for (const u of units) {
    const key = adoptionKeyOf(u);
    if (key) byQuestion.set(`${u.ref}|${key}`, u);
  }
  const out: AnswerRow[] = [];
  for (const r of rows) {
    const u = byQuestion.get(`${r.ref}|${r.key}`);
    const cls = u ? adoptionClass(r.value, periodStart) : null;
    if (u && cls) out.push({ ...r, ref: u.key, key: "adoption", value: cls });
  }
  return out;
}
