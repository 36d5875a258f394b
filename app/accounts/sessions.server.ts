import { and, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { statement } from "#db/prepared.ts";
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

export type SessionStage = "full" | "second_factor" | "enrol" | "replaced";

/** A half-finished sign-in (password given, second factor or enrolment awaited) lasts this long. */
export const PENDING_TIMEOUT_MS = 10 * 60 * 1000;

export interface NewSessionOptions {
  stage?: SessionStage;
  userAgent?: string | null;
  ip?: string | null;
}

/** A new session (a new id at every sign-in). Returns the id to put in the cookie. */
export async function createSession(userId: number, now = new Date(), options: NewSessionOptions = {}): Promise<string> {
  const id = newSessionId();
  const stage = options.stage ?? "full";
  getDb()
    .insert(sessions)
    .values({
      idHash: hashToken(id),
      userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + (stage === "full" ? ABSOLUTE_TIMEOUT_MS : PENDING_TIMEOUT_MS)),
      stage,
      userAgent: options.userAgent?.slice(0, 300) ?? null,
      ip: options.ip ?? null,
    })
    .run();
  return id;
}

export interface PendingSession {
  idHash: string;
  stage: SessionStage;
  userAgent: string | null;
  ip: string | null;
  user: SessionUser;
}

/** A session joined with its user: the columns both session reads need. */
const sessionUserColumns = {
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  stateIso3: users.stateIso3,
  language: users.language,
  disabledAt: users.disabledAt,
};
type SessionUserRow = { lastSeenAt: Date; expiresAt: Date; disabledAt: Date | null } & SessionUser;

type RawSessionUserRow = { lastSeenAt: number; expiresAt: number; disabledAt: number | null } & SessionUser;

/** Over: its user is disabled, it is past its absolute expiry, or idle too long. */
function isOver(row: SessionUserRow, now: Date): boolean {
  return Boolean(row.disabledAt) || row.expiresAt <= now || now.getTime() - row.lastSeenAt.getTime() > IDLE_TIMEOUT_MS;
}

function userOf(row: SessionUserRow): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, stateIso3: row.stateIso3, language: row.language };
}

/** The session of an id whatever its stage (for the two-factor and enrolment pages), or null. */
export async function getAnySession(sessionId: string, now = new Date()): Promise<PendingSession | null> {
  const db = getDb();
  const idHash = hashToken(sessionId);
  const row = db
    .select({ ...sessionUserColumns, stage: sessions.stage, userAgent: sessions.userAgent, ip: sessions.ip })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash))
    .get();
  if (!row) return null;
  if (isOver(row, now)) {
    db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    return null;
  }
  return { idHash, stage: row.stage, userAgent: row.userAgent, ip: row.ip, user: userOf(row) };
}

/**
 * The second factor is done: the half session is replaced by a full one with a new id (a new
 * token at each change of privilege). Returns the new id for the cookie.
 */
export async function completeSignIn(pending: PendingSession, now = new Date(), options: { keepOldBriefly?: boolean } = {}): Promise<string> {
  const db = getDb();
  const id = newSessionId();
  db.transaction((tx) => {
    if (options.keepOldBriefly) {
      // The page answering this very request still reads the old id: it stays, signing in
      // nobody, for a few seconds.
      tx.update(sessions).set({ stage: "replaced", expiresAt: new Date(now.getTime() + 15_000) }).where(eq(sessions.idHash, pending.idHash)).run();
    } else {
      tx.delete(sessions).where(eq(sessions.idHash, pending.idHash)).run();
    }
    tx.insert(sessions)
      .values({
        idHash: hashToken(id),
        userId: pending.user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS),
        stage: "full",
        userAgent: pending.userAgent,
        ip: pending.ip,
      })
      .run();
  });
  return id;
}

export interface SessionListRow {
  idHash: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ip: string | null;
  current: boolean;
}

/** A user's signed-in sessions, the current one marked, most recent first. */
export async function listUserSessions(userId: number, currentSessionId: string | null): Promise<SessionListRow[]> {
  const current = currentSessionId ? hashToken(currentSessionId) : null;
  return getDb()
    .select({ idHash: sessions.idHash, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent, ip: sessions.ip })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.stage, "full")))
    .orderBy(sql`${sessions.lastSeenAt} desc`)
    .all()
    .map((r) => ({ ...r, current: r.idHash === current }));
}

/** End one of the user's own sessions (never another user's). Returns whether one ended. */
export async function endOwnSession(userId: number, idHash: string, ip: string | null): Promise<boolean> {
  const db = getDb();
  return db.transaction((tx) => {
    const ended = tx.delete(sessions).where(and(eq(sessions.userId, userId), eq(sessions.idHash, idHash))).run().changes;
    if (ended) recordAudit(tx, { actorUserId: userId, action: "user.session_ended", entityType: "user", entityId: userId, ip });
    return ended > 0;
  });
}

/**
 * The signed-in user of a session id, or null when the session is unknown, idle too long,
 * past its absolute expiry, or its user is disabled. Refreshes last-seen at most once a minute.
 */
export async function getSessionUser(sessionId: string, now = new Date()): Promise<SessionUser | null> {
  const db = getDb();
  const idHash = hashToken(sessionId);
  // Every request asks: one raw statement, prepared once (db/prepared.ts `statement`).
  const raw = statement<RawSessionUserRow, [string]>(
    db,
    `select s.last_seen_at as lastSeenAt, s.expires_at as expiresAt, u.id, u.email, u.name, u.role, u.state_iso3 as stateIso3, u.language,
       u.disabled_at as disabledAt
     from sessions s inner join users u on u.id = s.user_id where s.id_hash = ? and s.stage = 'full'`,
  ).get(idHash);
  if (!raw) return null;
  const row: SessionUserRow = {
    ...raw,
    lastSeenAt: new Date(raw.lastSeenAt),
    expiresAt: new Date(raw.expiresAt),
    disabledAt: raw.disabledAt === null ? null : new Date(raw.disabledAt),
  };
  if (isOver(row, now)) {
    db.delete(sessions).where(eq(sessions.idHash, idHash)).run();
    return null;
  }
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash)).run();
  return userOf(row);
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
