import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt } from "./_columns";
import { instruments } from "./instruments";
import { questionnaireVersions } from "./questionnaire-versions";
import { users } from "./users";
import { CYCLE_STATUSES, INITIAL_CYCLE_STATUS } from "#app/cycles/cycle-status.ts";

/** What part of the questionnaire a cycle asks about. */
export type CycleScope =
  | { kind: "all" }
  | { kind: "pillars"; pillars: number[] }
  | { kind: "themes"; themes: number[] }
  | { kind: "paragraphs"; refs: string[] };

export const cycles = sqliteTable(
  "cycles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    title: text("title").notNull(),
    instrumentId: text("instrument_id")
      .notNull()
      .references(() => instruments.id),
    versionId: integer("version_id")
      .notNull()
      .references(() => questionnaireVersions.id),
    scope: text("scope", { mode: "json" }).$type<CycleScope>().notNull(),
    opensOn: text("opens_on").notNull(),
    deadline: text("deadline").notNull(),
    /**
     * The reporting period starts here (ISO date) and ends at the deadline; questions say "since"
     * it. Set on every cycle written by the app (app/cycles/period.ts gives the default); null
     * only in rows older than the column, which migration 0013 filled.
     */
    periodStart: text("period_start"),
    status: text("status", { enum: CYCLE_STATUSES }).notNull().default(INITIAL_CYCLE_STATUS),
    createdAt: createdAt(),
    createdBy: integer("created_by").references(() => users.id),
    /** Filled by `npm run demo:data`: pages that show it say "synthetic demo data". */
    synthetic: integer("synthetic", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("cycles_status").on(t.status)],
);
