import { and, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { prepared } from "#db/prepared.ts";
import { loginAttempts, sessions, users } from "#db/schema/index.ts";
import type { Role } from "#app/accounts/roles.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS, hashToken, newSessionId } from "#app/accounts/session-cookie.server.ts";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  stateIso3: string | null;
  language: string;
}

/** A new session (a new id at every sign-in). Returns the id to put in the cookie. */
export async function createSession(userId: number, now = new Date()): Promise<string> {
  const id = newSessionId();
  getDb()
    .insert(sessions)
    .values({
      idHash: hashToken(id),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
    })
    .run();
  return id;
}

/**
 * The signed-in user of a session id, or null when the session is unknown, idle too long,
 * past its absolute expiry, or its user is disabled. Refreshes last-seen at most once a minute.
 */
export async function getSessionUser(sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const db = getDb();
  const idHash = hashToken(sessionId);
  const row = prepared(db, "session-user", (d) =>
    d
      .select({
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        id: users.id,
        email: users.email,
        name: users.name,
        role: users.role,
        stateIso3: users.stateIso3,
        language: users.language,
        disabledAt: users.disabledAt,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.idHash, sql.placeholder("idHash")))
      .prepare(),
  ).get({ idHash });
  if (!row) return null;
  const idleFor = now.getTime() - row.lastSeenAt.getTime();
  if (row.disabledAt || row.expiresAt <= now || idleFor > IDLE_TIMEOUT_MS) {
    db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    return null;
  }
  if (idleFor > 60_000) db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)).run();
  const { lastSeenAt: _l, expiresAt: _e, disabledAt: _d, ...user } = row;
  return user;
}

export async function deleteSession(sessionId: string): Promise<void> {
  getDb().delete(sessions).where(eq(sessions.idHash, hashToken(sessionId))).run();
}

/** An admin ends every session of a user (audited). Returns how many ended. */
export async function endUserSessions(userId: number, actorUserId: number, ip: string | null): Promise<number> {
  const db = getDb();
  return db.transaction((tx) => {
    const ended = tx.delete(sessions).where(eq(sessions.userId, userId)).run().changes;
    recordAudit(tx, { actorUserId, action: "user.sessions_ended", entityType: "user", entityId: userId, newValue: { sessions: ended }, ip });
    return ended;
  });
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

/** Milliseconds until the account or address may try again; 0 when not limited. */
export async function loginRetryAfter(email: string, ip: string, now = new Date()): Promise<number> {
  const db = getDb();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  const wait = (rows: { at: Date }[], max: number) => {
    if (rows.length < max) return 0;
    // Blocked until the oldest failure that still counts leaves the window.
    const oldest = rows[rows.length - max]!.at.getTime();
    return Math.max(0, oldest + LOGIN_WINDOW_MS - now.getTime());
  };
  const byEmail = db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), gte(loginAttempts.at, since)))
    .orderBy(loginAttempts.at)
    .all();
  const byIp = db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), gte(loginAttempts.at, since)))
    .orderBy(loginAttempts.at)
    .all();
  return Math.max(wait(byEmail, MAX_FAILURES_PER_ACCOUNT), wait(byIp, MAX_FAILURES_PER_ADDRESS));
}

export async function recordLoginFailure(email: string, ip: string, now = new Date()): Promise<void> {
  const db = getDb();
  db.insert(loginAttempts).values({ email, ip, at: now }).run();
  // Keep the table small: failures older than a day no longer matter.
  db.delete(loginAttempts).where(lt(loginAttempts.at, new Date(now.getTime() - 86_400_000))).run();
}

export async function clearLoginFailures(email: string): Promise<void> {
  getDb().delete(loginAttempts).where(eq(loginAttempts.email, email)).run();
}

/** How many sessions a user has open (tests of sign-out everywhere). */
export async function countSessions(userId: number): Promise<number> {
  return getDb()
    .select({ n: sql<number>`count(*)` })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .get()!.n;
}
