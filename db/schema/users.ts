import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, instant } from "./_columns";
import { memberStates } from "./member-states";
import { ROLES } from "#app/accounts/roles.ts";

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull().unique(),
    name: text("name").notNull(),
    /** argon2id; null until the invited user sets a password. */
    passwordHash: text("password_hash"),
    role: text("role", { enum: ROLES }).notNull(),
    /** The State a focal point or contributor reports for; null for admin and secretariat. */
    stateIso3: text("state_iso3").references(() => memberStates.iso3),
    language: text("language").notNull().default("en"),
    createdAt: createdAt(),
    disabledAt: instant("disabled_at"),
  },
  (t) => [index("users_state").on(t.stateIso3)],
);

/** Server-side sessions: the cookie holds only a random id; its SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: instant("last_seen_at").notNull(),
    expiresAt: instant("expires_at").notNull(),
    /**
     * `full` once signed in; `second_factor` after the password while the code is awaited;
     * `enrol` after the password of someone who must set up two-factor sign-in first. Only a
     * full session is a signed-in user. `replaced`: an enrolment just finished in this request
     * and a new session took over; kept for a few seconds so the page can still be drawn.
     */
    stage: text("stage", { enum: ["full", "second_factor", "enrol", "replaced"] }).notNull().default("full"),
    /** The browser's User-Agent and the address at sign-in, for the account page's list. */
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);
