/**
 * The shapes of an instrument (a declaration turned into a questionnaire).
 * Browser-safe: no Node imports. Shared by the compiler, the database seed and the UI.
 */
import { z } from "zod";
import { REPORT_REF } from "./report-ref.ts";

export const LANGUAGES = ["en", "fr", "es", "ru", "zh", "ar"] as const;
export type Language = (typeof LANGUAGES)[number];

/** A translatable text: English is required, other UN languages optional (English fallback). */
export const labelSchema = z.object({
  en: z.string().min(1),
  fr: z.string().min(1).optional(),
  es: z.string().min(1).optional(),
  ru: z.string().min(1).optional(),
  zh: z.string().min(1).optional(),
  ar: z.string().min(1).optional(),
});
export type Label = z.infer<typeof labelSchema>;

export function labelIn(label: Label, lang: string): string {
  return (label as Record<string, string | undefined>)[lang] ?? label.en;
}
export function hasLanguage(label: Label, lang: string): boolean {
  return lang === "en" || (label as Record<string, string | undefined>)[lang] !== undefined;
}

export const optionSchema = z.object({
  value: z.string().regex(/^[a-z0-9_]+$/),
  label: labelSchema,
  /** An answer that excludes every other one of a multiple-choice list ("None"). */
  exclusive: z.boolean().optional(),
  /** What the option means, shown under it as a hint (the written definition of a stage). */
  hint: labelSchema.optional(),
});
export type Option = z.infer<typeof optionSchema>;

/** Where a paragraph-specific question comes from: the rule and the words of the paragraph that triggered it. */
export const provenanceSchema = z.object({
  rule: z.string(),
  words: z.string(),
});

/** A question is shown/required only when another question of the same paragraph has a value. */
export const conditionSchema = z.object({
  question: z.string(),
  equals: z.union([z.string(), z.boolean()]),
});

/**
/** See ./report-ref.ts. */
export { REPORT_REF };

/** Sections a paragraph's questions are shown in: the structured facts are optional and folded. */
export const QUESTION_SECTIONS = ["facts"] as const;

/**
 * A question's key within its paragraph: `stage`, or `<element>.stage` for a question asked once
 * per element of a compound paragraph (`data.stage` in ¶81). The part after the last dot is the
 * question's base key (what charts group by), the part before it the element.
 */
export const questionKeySchema = z.string().regex(/^([a-z0-9_]+\.)?[a-z0-9_]+$/);

const questionBase = {
  /**
   * Stable id: `<instrument>.p<ref>.<key>`, e.g. `kyoto-2021.p35.stage`, `kyoto-2021.p81.data.stage`;
   * `<instrument>.report.<key>` for the report as a whole.
   */
  id: z.string().regex(/^[a-z0-9-]+\.(p[0-9a-z()]+|report)\.([a-z0-9_]+\.)?[a-z0-9_]+$/),
  key: questionKeySchema,
  label: labelSchema,
  help: labelSchema.optional(),
  required: z.boolean(),
  /** Required only when this condition holds (e.g. a reason when status is "not applicable"). */
  requiredWhen: conditionSchema.optional(),
  /** Set on paragraph-specific questions: which words of the paragraph it comes from. */
  source: provenanceSchema.optional(),
  /** The element (distinct action) of a compound paragraph this question is about. */
  element: z.string().regex(/^[a-z0-9_]+$/).optional(),
  /** Shown in a section of its own ("facts": the optional structured facts of a paragraph). */
  section: z.enum(QUESTION_SECTIONS).optional(),
  /** Readable by the secretariat only, whatever the report's disclosure (the contact person). */
  confidential: z.boolean().optional(),
};

/** What one field of a record holds; each kind has its own check (year: four digits; date: a calendar day, YYYY-MM-DD; link: http(s)). */
export const RECORD_FIELD_KINDS = ["text", "year", "date", "link", "email", "phone", "number"] as const;
export const recordFieldSchema = z.object({
  key: z.string().regex(/^[a-z0-9_]+$/),
  label: labelSchema,
  kind: z.enum(RECORD_FIELD_KINDS),
  maxLength: z.number().int().positive(),
});
export type RecordField = z.infer<typeof recordFieldSchema>;

/**
 * The answers a yes/no question may take besides yes and no, where apt: "partially" (a measure
 * in part), "not_party" (a convention the State has not joined), "not_known".
 */
export const YES_NO_EXTRAS = ["partially", "not_party", "not_known"] as const;
export type YesNoExtra = (typeof YES_NO_EXTRAS)[number];
export const yesNoExtraSchema = z.enum(YES_NO_EXTRAS);

export const questionSchema = z.discriminatedUnion("type", [
  z.object({ ...questionBase, type: z.literal("single_choice"), options: z.array(optionSchema).min(2) }),
  z.object({ ...questionBase, type: z.literal("multiple_choice"), options: z.array(optionSchema).min(1) }),
  z.object({ ...questionBase, type: z.literal("yes_no"), extraAnswers: z.array(yesNoExtraSchema).optional() }),
  z.object({ ...questionBase, type: z.literal("text"), maxLength: z.number().int().positive() }),
  z.object({ ...questionBase, type: z.literal("links"), maxItems: z.number().int().positive() }),
  /** Repeatable groups of fields (legal references: title, article, year, link); maxItems 1 for one group (a result indicator). */
  z.object({ ...questionBase, type: z.literal("records"), fields: z.array(recordFieldSchema).min(1), maxItems: z.number().int().positive() }),
  /** Up to maxItems distinct options, in order of priority (the top three paragraphs for technical assistance). */
  z.object({ ...questionBase, type: z.literal("ranking"), options: z.array(optionSchema).min(1), maxItems: z.number().int().positive() }),
]);
export type Question = z.infer<typeof questionSchema>;

export const PARAGRAPH_KINDS = ["preamble", "undertaking", "action", "follow-up"] as const;
export const paragraphKindSchema = z.enum(PARAGRAPH_KINDS);
export type ParagraphKind = z.infer<typeof paragraphKindSchema>;

/** A footnote of the published text, attached to the paragraph that cites it. */
export const footnoteSchema = z.object({
  /** The marker as printed: "15", "a". */
  marker: z.string().min(1),
  /** The footnote's text, plain (English: the source text's language). */
  text: z.string().min(1),
});
export type Footnote = z.infer<typeof footnoteSchema>;

/** One distinct action of a compound paragraph (¶81 has eight), asked about on its own. */
export const elementSchema = z.object({
  key: z.string().regex(/^[a-z0-9_]+$/),
  text: labelSchema,
});
export type Element = z.infer<typeof elementSchema>;

/** An SDG target ("16.3") or indicator ("16.3.2"). */
export const sdgTargetSchema = z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}(\.\d{1,2})?$/);

export const paragraphSchema = z.object({
  /** "35", or "5(a)" for a lettered subparagraph. */
  ref: z.string().regex(/^[0-9]+(\([a-z]+\))?$/),
  /** Position in the document, 0-based; the order to show paragraphs in. */
  position: z.number().int().nonnegative(),
  kind: paragraphKindSchema,
  pillar: z.string().nullable(),
  /** 1-based number of the pillar (its roman numeral in the UI), null where there is none. */
  pillarNumber: z.number().int().positive().nullable(),
  theme: z.string().nullable(),
  /** 1-based number of the theme across the whole document. */
  themeNumber: z.number().int().positive().nullable(),
  text: labelSchema,
  /** A few words naming the paragraph's subject, for charts, task lists and exports (curated). */
  shortTitle: labelSchema.optional(),
  /** The distinct actions of a compound paragraph (curated); absent when it has one. */
  elements: z.array(elementSchema).optional(),
  /** SDG targets or indicators the paragraph clearly serves (curated). */
  sdgTargets: z.array(sdgTargetSchema).optional(),
  /** Footnotes the paragraph cites, in the order it cites them. */
  footnotes: z.array(footnoteSchema).optional(),
  questions: z.array(questionSchema),
});
export type Paragraph = z.infer<typeof paragraphSchema>;

export const pillarSchema = z.object({
  number: z.number().int().positive(),
  title: labelSchema,
});
export const themeSchema = z.object({
  number: z.number().int().positive(),
  pillarNumber: z.number().int().positive().nullable(),
  title: labelSchema,
});

export const questionnaireSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: labelSchema,
  shortTitle: labelSchema,
  adoptedBy: z.string(),
  adoptedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** Content hash of everything below: answers are tied to the exact questions they answered. */
  version: z.string().regex(/^[0-9a-f]{16,64}$/),
  pillars: z.array(pillarSchema),
  themes: z.array(themeSchema),
  paragraphs: z.array(paragraphSchema),
  /** Questions about the report as a whole, asked before the paragraphs (absent in older versions). */
  reportQuestions: z.array(questionSchema).optional(),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;
