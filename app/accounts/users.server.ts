import { and, asc, eq, ne } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { sessions, users } from "#db/schema/index.ts";
import type { Role } from "#app/accounts/roles.ts";
import { recordAudit } from "#app/audit/audit.server.ts";

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  stateIso3: string | null;
  passwordHash: string | null;
  language?: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Create the user, or update name/role/State of an existing one with that e-mail. */
export async function upsertUser(u: NewUser): Promise<number> {
  const email = normaliseEmail(u.email);
  const row = getDb()
    .insert(users)
    .values({ ...u, email })
    .onConflictDoUpdate({
      target: users.email,
      set: { name: u.name, role: u.role, stateIso3: u.stateIso3, ...(u.passwordHash ? { passwordHash: u.passwordHash } : {}) },
    })
    .returning({ id: users.id })
    .get();
  return row.id;
}

/** A user's account as sign-in and the user list read it (the password hash only says whether one is set). */
const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  stateIso3: users.stateIso3,
  passwordHash: users.passwordHash,
  disabledAt: users.disabledAt,
};

export async function findUserByEmail(email: string) {
  return getDb()
    .select(accountColumns)
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export interface UserListRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  stateIso3: string | null;
  active: boolean;
  disabled: boolean;
}

/** Users, all of them or one State's (a focal point sees only its own State's). */
export async function listUsers(scope: { stateIso3: string } | "all"): Promise<UserListRow[]> {
  const q = getDb()
    .select(accountColumns)
    .from(users);
  const rows = (scope === "all" ? q : q.where(eq(users.stateIso3, scope.stateIso3))).orderBy(asc(users.stateIso3), asc(users.email)).all();
  return rows.map(({ passwordHash, disabledAt, ...r }) => ({ ...r, active: passwordHash !== null, disabled: disabledAt !== null }));
}

export async function findUserById(id: number) {
  return getDb()
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, stateIso3: users.stateIso3, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, id))
    .get();
}

/** Disable (or enable again) an account. Disabling ends every session of the user at once. */
export async function setUserDisabled(userId: number, disabled: boolean, actorUserId: number, ip: string | null): Promise<void> {
  const db = getDb();
  const now = new Date();
  db.transaction((tx) => {
    tx.update(users)
      .set({ disabledAt: disabled ? now : null })
      .where(eq(users.id, userId))
      .run();
    if (disabled) tx.delete(sessions).where(eq(sessions.userId, userId)).run();
    recordAudit(tx, { actorUserId, action: disabled ? "user.disabled" : "user.enabled", entityType: "user", entityId: userId, ip, at: now });
  });
}

/**
 * A new password while signed in: every other session of the user ends (whoever had the old
 * password is out); the current one stays.
 */
export async function changePassword(userId: number, passwordHash: string, keepSessionHash: string | null, ip: string | null): Promise<number> {
  const db = getDb();
  return db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    const others = keepSessionHash ? and(eq(sessions.userId, userId), ne(sessions.idHash, keepSessionHash)) : eq(sessions.userId, userId);
    const ended = tx.delete(sessions).where(others).run().changes;
    recordAudit(tx, { actorUserId: userId, action: "user.password_changed", entityType: "user", entityId: userId, newValue: { otherSessionsEnded: ended }, ip });
    return ended;
  });
}

export async function passwordHashOf(userId: number): Promise<string | null> {
  return getDb().select({ h: users.passwordHash }).from(users).where(eq(users.id, userId)).get()?.h ?? null;
}
