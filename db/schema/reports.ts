import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, instant } from "./_columns";
import { cycles } from "./cycles";
import { memberStates } from "./member-states";
import { users } from "./users";
import { DISCLOSURE_LEVELS } from "#app/reporting/disclosure.ts";
import { INITIAL_REPORT_STATUS, REPORT_STATUSES } from "#app/reporting/lifecycle.ts";

/** One State's report for one cycle. */
export const reports = sqliteTable(
  "reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => cycles.id),
    stateIso3: text("state_iso3")
      .notNull()
      .references(() => memberStates.iso3),
    status: text("status", { enum: REPORT_STATUSES }).notNull().default(INITIAL_REPORT_STATUS),
    createdAt: createdAt(),
    submittedAt: instant("submitted_at"),
    acceptedAt: instant("accepted_at"),
    /** Left out of the aggregates by the secretariat (a duplicate, a test), with the reason recorded. */
    excludedAt: instant("excluded_at"),
    excludedReason: text("excluded_reason"),
    excludedBy: integer("excluded_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("reports_cycle_state").on(t.cycleId, t.stateIso3),
    index("reports_state").on(t.stateIso3),
  ],
);

/** One row per report × question. `revision` grows with every change (optimistic concurrency). */
export const answers = sqliteTable(
  "answers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    questionId: text("question_id").notNull(),
    paragraphRef: text("paragraph_ref").notNull(),
    /** null once an answer is cleared (the row stays, so its revision does). */
    value: text("value", { mode: "json" }).$type<unknown>(),
    revision: integer("revision").notNull().default(1),
    updatedAt: instant("updated_at").notNull(),
    updatedBy: integer("updated_by").references(() => users.id),
    /** Copied from an earlier cycle's report; cleared when the answer is confirmed or edited. */
    prefilledFromCycleId: integer("prefilled_from_cycle_id").references(() => cycles.id),
    /** Copied from a cycle whose questionnaire version asked this question differently: to be checked. */
    prefillReview: integer("prefill_review", { mode: "boolean" }).notNull().default(false),
    /** Who may read this narrative answer (app/reporting/disclosure.ts); null = DEFAULT_DISCLOSURE, the secretariat only. */
    disclosure: text("disclosure", { enum: DISCLOSURE_LEVELS }),
  },
  (t) => [
    uniqueIndex("answers_report_question").on(t.reportId, t.questionId),
    index("answers_question").on(t.questionId),
  ],
);

/**
 * The answers that count in the insights: each report's latest SUBMITTED version, copied at
 * submission (edits made afterwards, under clarification, count only once submitted again).
 * `carriedOver`: prefilled from an earlier cycle and never confirmed; not counted in charts.
 */
export const countedAnswers = sqliteTable(
  "counted_answers",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    questionId: text("question_id").notNull(),
    paragraphRef: text("paragraph_ref").notNull(),
    value: text("value", { mode: "json" }).$type<unknown>(),
    carriedOver: integer("carried_over", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("counted_answers_report_question").on(t.reportId, t.questionId), index("counted_answers_question").on(t.questionId)],
);

/** Comment threads on single answers (secretariat review). */
export const comments = sqliteTable(
  "comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    questionId: text("question_id").notNull(),
    paragraphRef: text("paragraph_ref").notNull().default(""),
    /** The first comment of a thread has threadId = null; replies point to it. */
    threadId: integer("thread_id"),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: createdAt(),
    resolvedAt: instant("resolved_at"),
    resolvedBy: integer("resolved_by").references(() => users.id),
  },
  (t) => [index("comments_report").on(t.reportId, t.questionId)],
);

/**
 * A frozen copy of a report at each submission: the receipt. `token` is the one-time value
 * from the submit form, unique, so a double click submits once.
 */
export const reportSubmissions = sqliteTable(
  "report_submissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    token: text("token").notNull().unique(),
    submittedAt: instant("submitted_at").notNull(),
    submittedBy: integer("submitted_by")
      .notNull()
      .references(() => users.id),
    contentHash: text("content_hash").notNull(),
    content: text("content", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index("report_submissions_report").on(t.reportId)],
);
