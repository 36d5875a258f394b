/**
 * The config of one instrument folder (`surveys/<id>/config.json`) and of its optional
 * translation files (`surveys/<id>/translations/<lang>.json`), as zod schemas.
 *
 * Everything that differs between declarations lives here, so a new declaration is a new
 * folder (source text + config), never a code change. See surveys/README.md for a reference.
 * Pure and browser-safe: no I/O.
 */
import { z } from "zod";
import { buildRules, ruleEnabled } from "./compiler/rules.ts";
import { isTemplateName } from "./compiler/templates.ts";
import { MEASURES } from "./compiler/stages.ts";
import { elementSchema, labelSchema, LANGUAGES, paragraphKindSchema, sdgTargetSchema, yesNoExtraSchema } from "./schema.ts";

/** A line of the source text: either the exact (trimmed) line, or a regular expression tested against it. */
export const lineMarkerSchema = z.union([
  z.object({ line: z.string().min(1) }).strict(),
  z
    .object({ pattern: z.string().min(1) })
    .strict()
    .refine((m) => isValidRegExp(m.pattern), { message: "not a valid regular expression", path: ["pattern"] }),
]);
export type LineMarker = z.infer<typeof lineMarkerSchema>;

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const sourceSchema = z
  .object({
    /** The declaration starts on the line after this one (e.g. the "Annex" heading). Default: the first line. */
    start: lineMarkerSchema.optional(),
    /** The declaration ends before this line (e.g. the "13th plenary meeting" trailer). Default: the last line. */
    end: lineMarkerSchema.optional(),
    /**
     * How unnumbered short lines without final punctuation are read:
     * "none" ignores them; "themes" makes each a thematic heading; "pillars-and-themes" makes
     * two stacked headings (no paragraph between them) a pillar and its first theme, and a
     * single heading a new theme within the current pillar.
     */
    headings: z.enum(["none", "themes", "pillars-and-themes"]).default("none"),
    /** Longest line (in characters) that may still be a heading. */
    maxHeadingLength: z.number().int().positive().default(200),
    /** Whether an unnumbered line ending in ":" (e.g. "In order to ensure follow-up…:") closes the current pillar and theme. */
    leadInsCloseSections: z.boolean().default(true),
    /** Lettered subparagraphs "(a)", "(b)"…: "merge" keeps them in their paragraph's text, "separate" makes each an item (ref "5(a)"). */
    subparagraphs: z.enum(["merge", "separate"]).default("merge"),
  })
  .strict();

const kindRangeSchema = z
  .object({
    from: z.number().int().positive(),
    to: z.number().int().positive(),
    kind: paragraphKindSchema,
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: "`from` must not be greater than `to`", path: ["to"] });

const kindsSchema = z
  .object({
    /** Kind of any paragraph no range or ref covers. */
    default: paragraphKindSchema.default("undertaking"),
    /** Paragraph-number ranges (inclusive); the first range that covers a number wins. Subparagraphs take their paragraph's kind. */
    ranges: z.array(kindRangeSchema).default([]),
    /** Exact refs ("35", "5(a)") with their kind; these win over ranges. */
    refs: z.record(z.string().regex(/^[0-9]+(\([a-z]+\))?$/, "a ref like 35 or 5(a)"), paragraphKindSchema).default({}),
  })
  .strict();

const instrumentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_]+$/),
    verb: z.enum(["apply", "use", "implement", "participate"]),
    patterns: z.array(z.string().min(1)).min(1),
    name: labelSchema,
  })
  .strict();

const questionSetSchema = z
  .object({
    /** Paragraph kinds this set applies to. */
    kinds: z.array(paragraphKindSchema).min(1),
    /** Template set names ("common") or single template keys ("status", "description"…). */
    templates: z.array(z.string()).default(["common"]),
    /** Paragraph-specific rules: true (all), false (none), or rule ids / prefixes ("instrument", "data"). */
    rules: z.union([z.boolean(), z.array(z.string())]).default(true),
  })
  .strict();

export const surveyConfigSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, "lowercase letters, digits and hyphens"),
    title: labelSchema,
    shortTitle: labelSchema,
    adoptedBy: z.string().min(1),
    adoptedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 2021-03-07"),
    source: sourceSchema.default({
      headings: "none",
      maxHeadingLength: 200,
      leadInsCloseSections: true,
      subparagraphs: "merge",
    }),
    kinds: kindsSchema.default({ default: "undertaking", ranges: [], refs: {} }),
    /** Which questions each kind of paragraph gets. A paragraph matching several sets gets their union. */
    questions: z.array(questionSetSchema).default([]),
    /** Structured facts (authorities, legal references, assistance, stakeholders, an indicator) after each asked paragraph's questions (compiler/facts.ts). */
    facts: z.boolean().default(false),
    /** Questions about the report as a whole: contact person, use of the text, follow-up, assistance priorities (compiler/facts.ts). */
    reportQuestions: z.boolean().default(false),
    /** Instruments this text names that the built-in rules do not know. */
    instruments: z.array(instrumentSchema).default([]),
    limits: z
      .object({
        textMaxLength: z.number().int().positive().default(20000),
        linksMaxItems: z.number().int().positive().default(20),
      })
      .strict()
      .default({ textMaxLength: 20000, linksMaxItems: 20 }),
  })
  .strict()
  .superRefine((config, ctx) => {
    // Template and rule names must exist: a typo would silently drop questions.
    const ruleIds = buildRules(config.instruments).map((r) => r.id);
    config.questions.forEach((set, i) => {
      set.templates.forEach((name, j) => {
        if (!isTemplateName(name)) {
          ctx.addIssue({ code: "custom", path: ["questions", i, "templates", j], message: `unknown template "${name}"` });
        }
      });
      if (Array.isArray(set.rules)) {
        set.rules.forEach((name, j) => {
          if (!ruleIds.some((id) => ruleEnabled([name], id))) {
            ctx.addIssue({ code: "custom", path: ["questions", i, "rules", j], message: `unknown rule "${name}"` });
          }
        });
      }
    });
  });

/** The config as written in config.json (defaults optional). */
export type SurveyConfigInput = z.input<typeof surveyConfigSchema>;
/** The config after parsing (defaults filled in): what the compiler takes. */
export type SurveyConfig = z.output<typeof surveyConfigSchema>;

/** Parse a config object (throws a ZodError); handy for configs written in code, e.g. in tests. */
export function parseSurveyConfig(input: unknown): SurveyConfig {
  return surveyConfigSchema.parse(input);
}

/* ---------------------------------------------------------------------------------------
 * Translation files: translations/<lang>.json, one per language other than English.
 * ------------------------------------------------------------------------------------- */

const textsByKey = z.record(z.string(), z.string().min(1)).default({});

export const translationFileSchema = z
  .object({
    /** Paragraph texts by ref: { "35": "…", "5(a)": "…" }. */
    paragraphs: textsByKey,
    /** Pillar titles by pillar number: { "1": "…" }. */
    pillars: textsByKey,
    /** Theme titles by theme number (1-based across the document): { "3": "…" }. */
    themes: textsByKey,
    /** Question labels by key (all paragraphs) or by full id (one question; wins over the key). */
    questions: textsByKey,
    /** Option labels by "<question key>.<option value>": { "status.planned": "…" }. */
    options: textsByKey,
  })
  .strict();
export type TranslationFile = z.output<typeof translationFileSchema>;

export const TRANSLATABLE_LANGUAGES = LANGUAGES.filter((l) => l !== "en");
export type TranslatableLanguage = (typeof TRANSLATABLE_LANGUAGES)[number];
export type Translations = Partial<Record<TranslatableLanguage, TranslationFile>>;

/* ---------------------------------------------------------------------------------------
 * The curated supplement: paragraphs.json, beside source.txt and config.json. What a reader
 * adds to the text: a short title per paragraph, its distinct actions (elements), the SDG
 * targets it serves, questions the rules cannot derive, and rule hits to switch off.
 * ------------------------------------------------------------------------------------- */

const keySchema = z.string().regex(/^[a-z0-9_]+$/, "lowercase letters, digits and underscores");
const supplementOptionSchema = z
  .object({ value: keySchema, label: labelSchema, exclusive: z.boolean().optional() })
  .strict();
const extraBase = {
  key: keySchema,
  label: labelSchema,
  help: labelSchema.optional(),
  /** The element of the paragraph this question is about (a key of its `elements`). */
  element: keySchema.optional(),
};

export const extraQuestionSchema = z.discriminatedUnion("type", [
  z.object({ ...extraBase, type: z.literal("yes_no"), extraAnswers: z.array(yesNoExtraSchema).optional() }).strict(),
  z.object({ ...extraBase, type: z.literal("text") }).strict(),
  z.object({ ...extraBase, type: z.literal("single_choice"), options: z.array(supplementOptionSchema).min(2) }).strict(),
  z.object({ ...extraBase, type: z.literal("multiple_choice"), options: z.array(supplementOptionSchema).min(1) }).strict(),
]);
export type ExtraQuestion = z.infer<typeof extraQuestionSchema>;

export const paragraphSupplementSchema = z
  .object({
    shortTitle: labelSchema,
    elements: z.array(elementSchema).min(2, "a paragraph with elements has at least two").optional(),
    sdgTargets: z.array(sdgTargetSchema).optional(),
    questions: z.array(extraQuestionSchema).optional(),
    /** Rule ids (or prefixes, as in config.json) whose hits this paragraph does not get. */
    disableRules: z.array(z.string().min(1)).optional(),
    /**
     * What the `stage` template asks of this paragraph, overriding the leading-verb rule
     * (stages.ts `measureFor`): "stage", or "considered" / "examined" for a paragraph that asks no action.
     */
    measure: z.enum(MEASURES).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const elementKeys = new Set<string>();
    p.elements?.forEach((e, i) => {
      if (elementKeys.has(e.key)) ctx.addIssue({ code: "custom", path: ["elements", i, "key"], message: `element key "${e.key}" appears twice` });
      elementKeys.add(e.key);
    });
    const questionKeys = new Set<string>();
    p.questions?.forEach((q, i) => {
      if (questionKeys.has(q.key)) ctx.addIssue({ code: "custom", path: ["questions", i, "key"], message: `question key "${q.key}" appears twice` });
      questionKeys.add(q.key);
      if (q.element !== undefined && !elementKeys.has(q.element)) {
        ctx.addIssue({ code: "custom", path: ["questions", i, "element"], message: `no element "${q.element}" in this paragraph` });
      }
    });
  });
export type ParagraphSupplement = z.output<typeof paragraphSupplementSchema>;

export const supplementFileSchema = z
  .object({
    paragraphs: z.record(z.string().regex(/^[0-9]+(\([a-z]+\))?$/, "a ref like 35 or 5(a)"), paragraphSupplementSchema).default({}),
  })
  .strict();
export type Supplement = z.output<typeof supplementFileSchema>;
