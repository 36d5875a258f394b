import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, instant } from "./_columns";
import { users } from "./users";

/**
 * Single-use tokens for invitations and password resets. Only the SHA-256 of the token is
 * stored; the token itself travels in the e-mail link.
 */
export const userTokens = sqliteTable(
  "user_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    kind: text("kind", { enum: ["invitation", "password_reset"] }).notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: integer("created_by").references(() => users.id),
    createdAt: createdAt(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
  },
  (t) => [index("user_tokens_user").on(t.userId)],
);

/** Failed sign-ins, counted per account and per address for rate limiting. */
export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    at: instant("at").notNull(),
  },
  (t) => [index("login_attempts_email").on(t.email, t.at), index("login_attempts_ip").on(t.ip, t.at)],
);

/**
 * Every e-mail the platform sends. Without SMTP_URL a message stays here ("outbox") and
 * admins read it in the app; with SMTP_URL it is also sent and `sentAt` is set.
 */
export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    language: text("language").notNull().default("en"),
    kind: text("kind").notNull(),
    /** Set on reminders: the cycle and the State reminded. */
    cycleId: integer("cycle_id"),
    stateIso3: text("state_iso3"),
    createdAt: createdAt(),
    sentAt: instant("sent_at"),
    error: text("error"),
  },
  (t) => [index("outbox_created").on(t.createdAt)],
);

/**
 * Requests counted for a rate limit other than sign-in failures (password-reset requests,
 * two-factor codes): `bucket` names the limit, `key` the account or address it counts.
 */
export const rateEvents = sqliteTable(
  "rate_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    at: instant("at").notNull(),
  },
  (t) => [index("rate_events_key").on(t.bucket, t.key, t.at)],
);

/**
 * Two-factor sign-in (TOTP, RFC 6238). `secret` is the base32 shared secret; `enabledAt` is null
 * while enrolment awaits its first code. `lastStep` is the time step of the last accepted code:
 * a code of that step or earlier is never accepted again (no replay within the window).
 */
export const userTotp = sqliteTable("user_totp", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  createdAt: createdAt(),
  enabledAt: instant("enabled_at"),
  lastStep: integer("last_step"),
});

/** Ten single-use recovery codes per user, stored as SHA-256 hashes. */
export const recoveryCodes = sqliteTable(
  "recovery_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    createdAt: createdAt(),
    usedAt: instant("used_at"),
  },
  (t) => [index("recovery_codes_user").on(t.userId)],
);

/** Platform settings an admin changes (e.g. `two_factor_focal_points` = `required`). */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: instant("updated_at").notNull(),
  updatedBy: integer("updated_by").references(() => users.id),
});
