import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { instant } from "./_columns";

/**
 * Who did what, when (UTC), from where, with what outcome. Written in the same transaction
 * as the change it records. Never updated or deleted.
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
  },
  (t) => [index("audit_events_report").on(t.reportId, t.at), index("audit_events_entity").on(t.entityType, t.entityId)],
);
