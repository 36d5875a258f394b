import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { Label } from "../../surveys/schema";
import { createdAt } from "./_columns";

/** A declaration or resolution that States report on (e.g. `kyoto-2021`). */
export const instruments = sqliteTable("instruments", {
  id: text("id").primaryKey(),
  title: text("title", { mode: "json" }).$type<Label>().notNull(),
  shortTitle: text("short_title", { mode: "json" }).$type<Label>().notNull(),
  adoptedBy: text("adopted_by").notNull(),
  adoptedOn: text("adopted_on").notNull(),
  /** The version new cycles use by default: the latest compiled one. */
  currentVersion: text("current_version").notNull(),
  createdAt: createdAt(),
});
