import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, instant } from "./_columns";
import { cycles } from "./cycles";
import { users } from "./users";

export const DRAFT_KINDS = ["report", "meeting_pack"] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** What part of the questionnaire a draft covers: everything, one pillar, or chosen themes. */
export type DraftScope = { pillar?: number; themes?: number[] };

/**
 * A draft document of the secretariat built from a cycle's answers: the report on the
 * implementation of the Declaration, or a meeting pack for an intersessional discussion.
 * Released drafts can be read, in their public version, by Commission members.
 */
export const drafts = sqliteTable(
  "drafts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id),
    kind: text("kind", { enum: DRAFT_KINDS }).notNull().default("report"),
    title: text("title").notNull(),
    lang: text("lang").notNull().default("en"),
    scope: text("scope", { mode: "json" }).$type<DraftScope>().notNull(),
    /** Meeting packs: the date of the meeting (YYYY-MM-DD). */
    meetingDate: text("meeting_date"),
    createdAt: createdAt(),
    createdBy: integer("created_by").references(() => users.id),
    generatedAt: instant("generated_at").notNull(),
    releasedAt: instant("released_at"),
    releasedBy: integer("released_by").references(() => users.id),
  },
  (t) => [index("drafts_cycle").on(t.cycleId)],
);

/** One provenance-carrying figure of a generated sentence. */
export interface DraftFigure {
  /** Stable within a draft, e.g. `p35.measures.legislative`. */
  key: string;
  label: string;
  numerator: number;
  denominator: number;
}

/** A generated sentence with where its numbers come from. */
export interface DraftSentence {
  id: string;
  text: string;
  /** Questionnaire question ids (or keys) it counts. */
  questions: string[];
  /** What was counted, in words and as a machine-readable filter. */
  filter: { description: string; cycleId: number; pillar?: number; ref?: string; questionKey?: string; option?: string; statuses?: string[]; groups?: boolean };
  figures: DraftFigure[];
  /** Quoted narratives: the language it is written in, who said it (when disclosure allows), and its disclosure level. */
  quote?: { lang: string; state: string | null; disclosure: string; reportId: number; questionId: string };
}

/**
 * One section of a draft, in document order. `generated` holds the sentences of the last
 * generation; `text` is what the secretariat wrote (null while the section is as generated).
 */
export const draftSections = sqliteTable(
  "draft_sections",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    draftId: integer("draft_id")
      .notNull()
      .references(() => drafts.id),
    key: text("key").notNull(),
    position: integer("position").notNull(),
    level: integer("level").notNull(),
    heading: text("heading").notNull(),
    generated: text("generated", { mode: "json" }).$type<DraftSentence[]>().notNull(),
    text: text("text"),
    revision: integer("revision").notNull().default(1),
    /** Set by a regeneration whose figures differ from the previous one's: old and new numbers. */
    changes: text("changes", { mode: "json" }).$type<{ key: string; label: string; old: string; new: string }[] | null>(),
    updatedAt: instant("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [uniqueIndex("draft_sections_draft_key").on(t.draftId, t.key), index("draft_sections_draft_position").on(t.draftId, t.position)],
);

/** Every edit of a section's text, like answers: who, when, what it became. */
export const draftSectionRevisions = sqliteTable(
  "draft_section_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sectionId: integer("section_id")
      .notNull()
      .references(() => draftSections.id),
    revision: integer("revision").notNull(),
    text: text("text"),
    at: instant("at").notNull(),
    by: integer("by").references(() => users.id),
  },
  (t) => [index("draft_section_revisions_section").on(t.sectionId, t.revision)],
);

/** Narratives the secretariat picked to quote in a paragraph's section. */
export const draftQuotes = sqliteTable(
  "draft_quotes",
  {
    draftId: integer("draft_id")
      .notNull()
      .references(() => drafts.id),
    paragraphRef: text("paragraph_ref").notNull(),
    reportId: integer("report_id").notNull(),
    questionId: text("question_id").notNull(),
    pickedAt: instant("picked_at").notNull(),
    pickedBy: integer("picked_by").references(() => users.id),
  },
  (t) => [uniqueIndex("draft_quotes_unique").on(t.draftId, t.reportId, t.questionId)],
);
