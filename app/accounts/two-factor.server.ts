/**
 * Two-factor sign-in (TOTP, RFC 6238, with `otpauth`) and recovery codes. Required for the
 * secretariat and admins, and for focal points when an admin says so; optional for others.
 * A code is accepted once: its time step is remembered, and no code of that step or an earlier
 * one is accepted again. Wrong codes are rate-limited per account. Recovery codes (ten, single
 * use) are stored as SHA-256 hashes; the codes themselves are shown once.
 */
import crypto from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { getDb } from "#db/client.ts";
import { recoveryCodes, settings, userTotp } from "#db/schema/index.ts";
import type { Role } from "#app/accounts/roles.ts";
import { recordAudit } from "#app/audit/audit.server.ts";
import { clearEvents, recordEvent, retryAfter, type Limit } from "#app/accounts/rate-limit.server.ts";
import { hashToken } from "#app/accounts/session-cookie.server.ts";
import { openTotpSecret, sealTotpSecret } from "#app/accounts/totp-secret.server.ts";

export const PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
export const CODES_PER_ACCOUNT: Limit = { bucket: "2fa:account", max: 5, windowMs: 15 * 60_000 };
const ISSUER = "Kyoto Reporting";
const FOCAL_POINTS_SETTING = "two_factor_focal_points";

function totpOf(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD_SECONDS, secret: OTPAuth.Secret.fromBase32(secret) });
}

/* ---------------------------------------------------------------- who must use it */

export async function focalPointsMustUseTwoFactor(): Promise<boolean> {
  return getDb().select({ value: settings.value }).from(settings).where(eq(settings.key, FOCAL_POINTS_SETTING)).get()?.value === "required";
}

export async function setFocalPointsMustUseTwoFactor(required: boolean, actorUserId: number, ip: string | null): Promise<void> {
  const db = getDb();
  const now = new Date();
  db.transaction((tx) => {
    const value = required ? "required" : "optional";
    tx.insert(settings)
      .values({ key: FOCAL_POINTS_SETTING, value, updatedAt: now, updatedBy: actorUserId })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now, updatedBy: actorUserId } })
      .run();
    recordAudit(tx, { actorUserId, action: "settings.two_factor_focal_points", entityType: "setting", entityId: FOCAL_POINTS_SETTING, newValue: { value }, ip, at: now });
  });
}

/** Whether a user of this role must sign in with a second factor. */
export async function twoFactorRequired(role: Role): Promise<boolean> {
  if (role === "admin" || role === "secretariat") return true;
  if (role === "focal_point") return focalPointsMustUseTwoFactor();
  return false;
}

/* ---------------------------------------------------------------- enrolment */

/** A stored secret, opened (TOTP_KEY); one stored in clear while a key is set is sealed now. */
function secretOf(userId: number, stored: string): string {
  const { secret, reseal } = openTotpSecret(stored, userId);
  if (reseal) getDb().update(userTotp).set({ secret: reseal }).where(and(eq(userTotp.userId, userId), eq(userTotp.secret, stored))).run();
  return secret;
}

export async function twoFactorEnabled(userId: number): Promise<boolean> {
  const row = getDb().select({ enabledAt: userTotp.enabledAt }).from(userTotp).where(eq(userTotp.userId, userId)).get();
  return Boolean(row?.enabledAt);
}

export interface Enrolment {
  secret: string;
  uri: string;
  /** The otpauth:// URI as an SVG QR code, drawn on the server. */
  qrSvg: string;
}

/**
 * The secret to enrol with: the pending one if enrolment has begun (a reload shows the same
 * code to scan), else a new one. Null when two-factor sign-in is already on.
 */
export async function startEnrolment(user: { id: number; email: string }): Promise<Enrolment | null> {
  const db = getDb();
  const row = db.select({ secret: userTotp.secret, enabledAt: userTotp.enabledAt }).from(userTotp).where(eq(userTotp.userId, user.id)).get();
  if (row?.enabledAt) return null;
  let secret = row?.secret ? secretOf(user.id, row.secret) : undefined;
  if (!secret) {
    secret = new OTPAuth.Secret({ size: 20 }).base32;
    db.insert(userTotp).values({ userId: user.id, secret: sealTotpSecret(secret, user.id) }).run();
  }
  const uri = totpOf(secret, user.email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return { secret, uri, qrSvg };
}

/** The time step a code belongs to, if it is valid now (one step either side), else null. */
function stepOf(secret: string, code: string, now: Date): number | null {
  const delta = totpOf(secret, "x").validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta;
}

function newRecoveryCodes(): string[] {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const chars = Array.from(crypto.randomBytes(10), (b) => alphabet[b % alphabet.length]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

/**
 * Finish enrolment with a first code from the app. Returns the ten recovery codes (to show
 * once), "wrong" for a wrong code (counted like any wrong code), or "throttled".
 */
export async function confirmEnrolment(userId: number, code: string, ip: string | null, now = new Date()): Promise<string[] | "wrong" | "throttled"> {
  const db = getDb();
  const key = String(userId);
  if (retryAfter(CODES_PER_ACCOUNT, key, now) > 0) return "throttled";
  const row = db.select({ secret: userTotp.secret, enabledAt: userTotp.enabledAt }).from(userTotp).where(eq(userTotp.userId, userId)).get();
  const step = row && !row.enabledAt ? stepOf(secretOf(userId, row.secret), code.replace(/\s/g, ""), now) : null;
  if (step === null) {
    recordEvent(CODES_PER_ACCOUNT, key, now);
    return "wrong";
  }
  clearEvents(CODES_PER_ACCOUNT, key);
  const codes = newRecoveryCodes();
  db.transaction((tx) => {
    tx.update(userTotp).set({ enabledAt: now, lastStep: step }).where(eq(userTotp.userId, userId)).run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    for (const c of codes) tx.insert(recoveryCodes).values({ userId, codeHash: hashToken(normaliseRecoveryCode(c)), createdAt: now }).run();
    recordAudit(tx, { actorUserId: userId, action: "user.two_factor_enabled", entityType: "user", entityId: userId, ip, at: now });
  });
  return codes;
}

/* ---------------------------------------------------------------- signing in */

export type SecondFactorResult = { ok: true; via: "code" | "recovery" } | { ok: false; reason: "wrong" | "replayed" | "throttled"; retryAfterMs?: number };

/**
 * Check a code at sign-in (or to confirm a sensitive change): a 6-digit code from the app,
 * accepted once, or an unused recovery code. Wrong codes count against the account.
 */
export async function verifySecondFactor(userId: number, input: string, ip: string | null, now = new Date()): Promise<SecondFactorResult> {
  const key = String(userId);
  const wait = retryAfter(CODES_PER_ACCOUNT, key, now);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterMs: wait };
  const db = getDb();
  const code = input.replace(/\s/g, "");
  const fail = (reason: "wrong" | "replayed"): SecondFactorResult => {
    recordEvent(CODES_PER_ACCOUNT, key, now);
    recordAudit(db, { actorUserId: userId, action: "auth.second_factor_failed", entityType: "user", entityId: userId, newValue: { reason }, outcome: "failure", ip, at: now });
    return { ok: false, reason };
  };
  if (/^\d{6}$/.test(code)) {
    const row = db.select({ secret: userTotp.secret, enabledAt: userTotp.enabledAt }).from(userTotp).where(eq(userTotp.userId, userId)).get();
    if (!row?.enabledAt) return fail("wrong");
    const step = stepOf(secretOf(userId, row.secret), code, now);
    if (step === null) return fail("wrong");
    // Accepted only if no code of this step or a later one was: one statement, so two requests
    // racing with the same code cannot both pass.
    const updated = db
      .update(userTotp)
      .set({ lastStep: step })
      .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))))
      .run().changes;
    if (updated === 0) return fail("replayed");
    clearEvents(CODES_PER_ACCOUNT, key);
    return { ok: true, via: "code" };
  }
  const normalised = normaliseRecoveryCode(code);
  if (/^[a-z0-9]{10}$/.test(normalised)) {
    const used = db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashToken(normalised)), isNull(recoveryCodes.usedAt)))
      .run().changes;
    if (used > 0) {
      clearEvents(CODES_PER_ACCOUNT, key);
      recordAudit(db, { actorUserId: userId, action: "auth.recovery_code_used", entityType: "user", entityId: userId, ip, at: now });
      return { ok: true, via: "recovery" };
    }
  }
  return fail("wrong");
}

export async function remainingRecoveryCodes(userId: number): Promise<number> {
  return getDb()
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
    .all().length;
}

/** New recovery codes (the old ones stop working). */
export async function regenerateRecoveryCodes(userId: number, ip: string | null, now = new Date()): Promise<string[]> {
  const codes = newRecoveryCodes();
  getDb().transaction((tx) => {
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    for (const c of codes) tx.insert(recoveryCodes).values({ userId, codeHash: hashToken(normaliseRecoveryCode(c)), createdAt: now }).run();
    recordAudit(tx, { actorUserId: userId, action: "user.recovery_codes_renewed", entityType: "user", entityId: userId, ip, at: now });
  });
  return codes;
}

/** Turn two-factor sign-in off (only where it is not required: the caller checks). */
export async function disableTwoFactor(userId: number, ip: string | null): Promise<void> {
  getDb().transaction((tx) => {
    tx.delete(userTotp).where(eq(userTotp.userId, userId)).run();
    tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)).run();
    recordAudit(tx, { actorUserId: userId, action: "user.two_factor_disabled", entityType: "user", entityId: userId, ip });
  });
}
