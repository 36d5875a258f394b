import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { Element, Footnote, Label, Question } from "../../surveys/schema";
import { createdAt } from "./_columns";
import { instruments } from "./instruments";

/**
 * One compiled questionnaire. `version` is the compiler's content hash, so a version row
 * never changes: a new wording is a new version and old answers stay tied to the old one.
 */
export const questionnaireVersions = sqliteTable(
  "questionnaire_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    instrumentId: text("instrument_id")
      .notNull()
      .references(() => instruments.id),
    version: text("version").notNull(),
    pillars: text("pillars", { mode: "json" }).$type<{ number: number; title: Label }[]>().notNull(),
    themes: text("themes", { mode: "json" })
      .$type<{ number: number; pillarNumber: number | null; title: Label }[]>()
      .notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("questionnaire_versions_instrument_version").on(t.instrumentId, t.version)],
);

export const paragraphs = sqliteTable(
  "paragraphs",
  {
    versionId: integer("version_id")
      .notNull()
      .references(() => questionnaireVersions.id),
    ref: text("ref").notNull(),
    position: integer("position").notNull(),
    kind: text("kind", { enum: ["preamble", "undertaking", "action", "follow-up"] }).notNull(),
    pillarNumber: integer("pillar_number"),
    themeNumber: integer("theme_number"),
    text: text("text", { mode: "json" }).$type<Label>().notNull(),
    /** Curated (paragraphs.json): a few words naming the subject; null in versions compiled without. */
    shortTitle: text("short_title", { mode: "json" }).$type<Label>(),
    /** Curated: the distinct actions of a compound paragraph. */
    elements: text("elements", { mode: "json" }).$type<Element[]>(),
    sdgTargets: text("sdg_targets", { mode: "json" }).$type<string[]>(),
    /** The footnotes the paragraph cites (marker + text). */
    footnotes: text("footnotes", { mode: "json" }).$type<Footnote[]>(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.ref] }),
    index("paragraphs_version_position").on(t.versionId, t.position),
  ],
);

export const questions = sqliteTable(
  "questions",
  {
    versionId: integer("version_id")
      .notNull()
      .references(() => questionnaireVersions.id),
    /** Stable id, e.g. `kyoto-2021.p35.status`. */
    id: text("id").notNull(),
    /** The paragraph's ref, or REPORT_REF ("report") for a question about the report as a whole. */
    paragraphRef: text("paragraph_ref").notNull(),
    position: integer("position").notNull(),
    key: text("key").notNull(),
    type: text("type", {
      enum: ["single_choice", "multiple_choice", "yes_no", "text", "links", "records", "ranking"],
    }).notNull(),
    required: integer("required", { mode: "boolean" }).notNull(),
    /** The whole zod-typed question (labels, options, conditions, provenance). */
    definition: text("definition", { mode: "json" }).$type<Question>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.versionId, t.id] }),
    index("questions_version_paragraph").on(t.versionId, t.paragraphRef),
  ],
);
