import crypto from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getDb, type DB } from "#db/client.ts";
import { sessions, users, userTokens } from "#db/schema/index.ts";
import type { Role } from "#app/accounts/roles.ts";
import { hashToken } from "#app/accounts/session-cookie.server.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import { normaliseEmail } from "#app/accounts/users.server.ts";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;

export class InvitationError extends Error {
  constructor(
    public readonly code: "already_active" | "other_state" | "role_conflict" | "already_invited",
    public readonly userId: number | null = null,
  ) {
    super(code);
  }
}

function newToken() {
  return crypto.randomBytes(32).toString("base64url");
}

export interface InvitationInput {
  email: string;
  name: string;
  role: Role;
  stateIso3: string | null;
  language: string;
  invitedBy: number;
  ip: string | null;
}

type Tx = Parameters<Parameters<DB["transaction"]>[0]>[0];

/** A user invited and not yet signed up: no password, invitation not cancelled. */
const pendingUser = (userId: number) => and(eq(users.id, userId), isNull(users.passwordHash), isNull(users.disabledAt));

/** Every unused token of the user stops working. */
function endTokens(tx: Tx, userId: number, now: Date) {
  tx.update(userTokens).set({ usedAt: now }).where(and(eq(userTokens.userId, userId), isNull(userTokens.usedAt))).run();
}

/** A new single-use invitation token (stored as a hash, valid 7 days); returns the token. */
function issueInvitationToken(tx: Tx, userId: number, createdBy: number, now: Date, token = newToken()): string {
  tx.insert(userTokens).values({ tokenHash: hashToken(token), kind: "invitation", userId, createdBy, createdAt: now, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) }).run();
  return token;
}

/**
 * Invite a user: create the account without a password and issue a single-use token, valid 7
 * days, for the set-password page. Returns the token, to be sent by e-mail — it is stored only
 * as a hash. An address with a pending invitation is never changed here ("already_invited":
 * resend or cancel it, or change the role explicitly); a cancelled invitation may be renewed.
 */
export async function createInvitation(input: InvitationInput): Promise<{ token: string; userId: number; expiresAt: Date }> {
  const db = getDb();
  const email = normaliseEmail(input.email);
  const token = newToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const userId = db.transaction((tx) => {
    const existing = tx
      .select({ id: users.id, passwordHash: users.passwordHash, stateIso3: users.stateIso3, role: users.role, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.email, email))
      .get();
    let id: number;
    if (existing) {
      if (existing.stateIso3 !== input.stateIso3) throw new InvitationError("other_state", existing.id);
      if (existing.passwordHash) throw new InvitationError("already_active", existing.id);
      if (!existing.disabledAt) throw new InvitationError("already_invited", existing.id);
      // A cancelled invitation: invited afresh, as asked.
      tx.update(users).set({ name: input.name, role: input.role, language: input.language, disabledAt: null }).where(eq(users.id, existing.id)).run();
      id = existing.id;
    } else {
      id = tx
        .insert(users)
        .values({ email, name: input.name, role: input.role, stateIso3: input.stateIso3, language: input.language, passwordHash: null })
        .returning({ id: users.id })
        .get().id;
    }
    issueInvitationToken(tx, id, input.invitedBy, now, token);
    recordAudit(tx, {
      actorUserId: input.invitedBy,
      action: "user.invited",
      entityType: "user",
      entityId: id,
      newValue: { email, role: input.role, stateIso3: input.stateIso3 },
      ip: input.ip,
      at: now,
    });
    return id;
  });
  return { token, userId, expiresAt };
}

export interface PendingInvitation {
  id: number;
  email: string;
  name: string;
  role: Role;
  stateIso3: string | null;
  language: string;
}

/** A user who has not yet set a password and whose invitation is not cancelled. */
export async function findPendingInvitation(userId: number): Promise<PendingInvitation | undefined> {
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, stateIso3: users.stateIso3, language: users.language })
    .from(users)
    .where(pendingUser(userId))
    .get();
}

/** A new invitation token for a pending user; every older token of theirs stops working. */
export async function resendInvitation(userId: number, actorUserId: number, ip: string | null): Promise<string | null> {
  const db = getDb();
  const now = new Date();
  return db.transaction((tx) => {
    if (!tx.select({ id: users.id }).from(users).where(pendingUser(userId)).get()) return null;
    endTokens(tx, userId, now);
    const token = issueInvitationToken(tx, userId, actorUserId, now);
    recordAudit(tx, { actorUserId, action: "user.invitation_resent", entityType: "user", entityId: userId, ip, at: now });
    return token;
  });
}

/** Cancel a pending invitation: its links stop working and the address may be invited afresh. */
export async function cancelInvitation(userId: number, actorUserId: number, ip: string | null): Promise<boolean> {
  const db = getDb();
  const now = new Date();
  return db.transaction((tx) => {
    if (!tx.select({ id: users.id }).from(users).where(pendingUser(userId)).get()) return false;
    endTokens(tx, userId, now);
    tx.update(users).set({ disabledAt: now }).where(eq(users.id, userId)).run();
    recordAudit(tx, { actorUserId, action: "user.invitation_cancelled", entityType: "user", entityId: userId, ip, at: now });
    return true;
  });
}

/** Change a user's role: an explicit action, audited; the user's sessions end (new rights at the next sign-in). */
export async function changeRole(userId: number, role: Role, actorUserId: number, ip: string | null): Promise<boolean> {
  const db = getDb();
  const now = new Date();
  return db.transaction((tx) => {
    const current = tx.select({ role: users.role }).from(users).where(eq(users.id, userId)).get();
    if (!current) return false;
    if (current.role === role) return true;
    tx.update(users).set({ role }).where(eq(users.id, userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    recordAudit(tx, { actorUserId, action: "user.role_changed", entityType: "user", entityId: userId, oldValue: { role: current.role }, newValue: { role }, ip, at: now });
    return true;
  });
}

/** A reset token for an active account; null (and nothing written) for an unknown e-mail. */
export async function createPasswordReset(emailInput: string, ip: string | null): Promise<{ token: string; language: string; email: string } | null> {
  const db = getDb();
  const email = normaliseEmail(emailInput);
  const user = db
    .select({ id: users.id, language: users.language, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.email, email))
    .get();
  if (!user || user.disabledAt) return null;
  const token = newToken();
  const now = new Date();
  db.transaction((tx) => {
    tx.insert(userTokens)
      .values({ tokenHash: hashToken(token), kind: "password_reset", userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + RESET_TTL_MS) })
      .run();
    recordAudit(tx, { actorUserId: null, action: "user.password_reset_requested", entityType: "user", entityId: user.id, ip, at: now });
  });
  return { token, language: user.language, email };
}

/** What a token is for, if it is still valid. */
export async function peekToken(token: string) {
  return getDb()
    .select({ kind: userTokens.kind, email: users.email, name: users.name, expiresAt: userTokens.expiresAt })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, hashToken(token)), isNull(userTokens.usedAt), gt(userTokens.expiresAt, new Date())))
    .get();
}

/**
 * Set the password with a valid token, once. Ends every session of the user (a reset must
 * lock out whoever had the old password). Returns the user id, or null for a bad token.
 */
export async function consumePasswordToken(token: string, passwordHash: string, ip: string | null): Promise<number | null> {
  const db = getDb();
  const now = new Date();
  return db.transaction((tx) => {
    const row = tx
      .select({ userId: userTokens.userId, kind: userTokens.kind })
      .from(userTokens)
      .where(and(eq(userTokens.tokenHash, hashToken(token)), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now)))
      .get();
    if (!row) return null;
    // This token, and every other open token of the user, is void.
    endTokens(tx, row.userId, now);
    tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId)).run();
    tx.delete(sessions).where(eq(sessions.userId, row.userId)).run();
    recordAudit(tx, {
      actorUserId: row.userId,
      action: row.kind === "invitation" ? "user.invitation_accepted" : "user.password_reset",
      entityType: "user",
      entityId: row.userId,
      ip,
      at: now,
    });
    return row.userId;
  });
}
