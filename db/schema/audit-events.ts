import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { instant } from "./_columns";
import { reports } from "./reports";
import { users } from "./users";

/**
 * A value an answer held, stored once. Audit events of answer changes point at the revision
 * before and after the change instead of carrying both values (decision 010). While an
 * event is open (autosaves still being folded into it), the revision it ends on is rewritten
 * in place; once the event is sealed, its revisions never change.
 */
export const answerRevisions = sqliteTable(
  "answer_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    questionId: text("question_id").notNull(),
    /** The answer's `revision` when it held this value. */
    revision: integer("revision").notNull(),
    value: text("value", { mode: "json" }).$type<unknown>(),
    createdAt: instant("created_at").notNull(),
    createdBy: integer("created_by").references(() => users.id),
  },
  (t) => [uniqueIndex("answer_revisions_answer").on(t.reportId, t.questionId, t.revision)],
);

/**
 * Who did what, when (UTC), from where, with what outcome. Written in the same transaction
 * as the change it records. A hash chain makes tampering evident (decision 010): each sealed
 * event has a position `seq` and `hash` = SHA-256(`prev_hash` + its canonical content). An
 * answer change stays open (seq null) while its author's consecutive autosaves are folded into
 * it, and is sealed when that burst ends; every other event is sealed as it is written.
 * Sealed events are never updated or deleted.
 */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: instant("at").notNull(),
    actorUserId: integer("actor_user_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    reportId: integer("report_id"),
    paragraphRef: text("paragraph_ref"),
    questionId: text("question_id"),
    oldValue: text("old_value", { mode: "json" }).$type<unknown>(),
    newValue: text("new_value", { mode: "json" }).$type<unknown>(),
    outcome: text("outcome", { enum: ["success", "refused", "failure"] }).notNull().default("success"),
    ip: text("ip"),
    /** Answer changes: the values before and after, stored once (old_value/new_value stay null). */
    oldRevisionId: integer("old_revision_id").references(() => answerRevisions.id),
    newRevisionId: integer("new_revision_id").references(() => answerRevisions.id),
    /** Autosaves folded into this event, and the time of the last one. */
    saves: integer("saves").notNull().default(1),
    lastAt: instant("last_at"),
    /** Position in the hash chain; null while the event is open. */
    seq: integer("seq"),
    prevHash: text("prev_hash"),
    hash: text("hash"),
  },
  (t) => [
    index("audit_events_report").on(t.reportId, t.at),
    index("audit_events_entity").on(t.entityType, t.entityId),
    uniqueIndex("audit_events_seq").on(t.seq),
    index("audit_events_open").on(t.reportId, t.questionId).where(sql`${t.seq} is null`),
  ],
);
