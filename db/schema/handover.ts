import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { instant } from "./_columns";
import { reports } from "./reports";
import { users } from "./users";

/**
 * Who works on a paragraph of a report (issue 14, findings 3 and 4): the contributor it is
 * assigned to, and the contributor's hand-over ("ready for the focal point"). One row per
 * report × paragraph, created when the paragraph is first assigned or marked.
 *
 * `readyAt` null with `readyBy` set means: it was marked ready, then changed afterwards
 * (`changedAfterReadyAt/By`): the mark cleared, and the task list says so.
 */
export const paragraphWork = sqliteTable(
  "paragraph_work",
  {
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    paragraphRef: text("paragraph_ref").notNull(),
    assignedTo: integer("assigned_to").references(() => users.id),
    assignedBy: integer("assigned_by").references(() => users.id),
    assignedAt: instant("assigned_at"),
    readyAt: instant("ready_at"),
    readyBy: integer("ready_by").references(() => users.id),
    changedAfterReadyAt: instant("changed_after_ready_at"),
    changedAfterReadyBy: integer("changed_after_ready_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.paragraphRef] }), index("paragraph_work_assignee").on(t.assignedTo)],
);

/**
 * What each focal point's daily digest already told them: one row per recipient × paragraph
 * mark (its `readyAt`), so nothing is sent twice, across restarts.
 */
export const digestItems = sqliteTable(
  "digest_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    recipientId: integer("recipient_id")
      .notNull()
      .references(() => users.id),
    reportId: integer("report_id")
      .notNull()
      .references(() => reports.id),
    paragraphRef: text("paragraph_ref").notNull(),
    readyAt: instant("ready_at").notNull(),
    sentAt: instant("sent_at").notNull(),
  },
  (t) => [uniqueIndex("digest_items_once").on(t.recipientId, t.reportId, t.paragraphRef, t.readyAt)],
);

/** The days (UTC, YYYY-MM-DD) the server's digest scheduler already ran. */
export const digestRuns = sqliteTable("digest_runs", {
  day: text("day").primaryKey(),
  ranAt: instant("ran_at").notNull(),
  sent: integer("sent").notNull(),
});
