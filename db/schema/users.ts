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
  },
  (t) => [index("sessions_user").on(t.userId)],
);
