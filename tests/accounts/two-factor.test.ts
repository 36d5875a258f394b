/**
 * Two-factor sign-in (TOTP) and the account page (F14): forced enrolment, single-use codes,
 * rate limits, recovery codes, the focal-point setting; password change and session ending.
 */
import * as OTPAuth from "otpauth";
import { beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { getUser } from "#app/accounts/auth.server.ts";
import { countSessions, createSession } from "#app/accounts/sessions.server.ts";
import { confirmEnrolment, setFocalPointsMustUseTwoFactor, startEnrolment, verifySecondFactor } from "#app/accounts/two-factor.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import * as account from "#app/routes/account._index.tsx";
import * as login from "#app/routes/login.tsx";
import * as codeStep from "#app/routes/login_.two-factor.tsx";
import * as usersRoute from "#app/routes/users.tsx";
import { getDb } from "#db/client.ts";
import { recoveryCodes } from "#db/schema/index.ts";
import { callRoute, getRequest, postRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

beforeAll(() => {
  useTestDatabase();
});

const PASSWORD = "kyoto-demo-password";
const at = (step: number) => new Date(step * 30_000 + 5_000);
const codeAt = (secret: string, step: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: step * 30_000 });

async function signInWithPassword(email: string, ip = "192.0.2.1") {
  const outcome = await callRoute(login.action, { request: postRequest("/login", { body: { email, password: PASSWORD } }), context: { clientIp: ip } });
  const cookie = outcome.headers.get("Set-Cookie")?.split(";")[0] ?? null;
  return { outcome, cookie };
}

describe("two-factor sign-in", () => {
  test("the secretariat's password alone signs in nobody: enrolment comes first", async () => {
    const { outcome, cookie } = await signInWithPassword("secretariat@example.org");
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/account/two-factor?redirectTo=${encodeURIComponent("/cycles")}`);
    expect(await getUser(getRequest("/review", cookie))).toBeNull();
  });

  test("a focal point signs in with the password alone, until an admin requires two-factor sign-in for focal points", async () => {
    expect((await signInWithPassword("focalpoint.ken@example.org")).outcome.location).toBe("/reports");
    const admin = await sessionCookie((await findUserByEmail("admin@example.org"))!.id);
    const set = await callRoute(usersRoute.action, { request: postRequest("/users", { cookie: admin, body: { intent: "two-factor-policy", focalPoints: "required" } }) });
    expect(set.status).toBe(200);
    expect((await signInWithPassword("focalpoint.ken@example.org")).outcome.location).toMatch(/^\/account\/two-factor\?/);
    await setFocalPointsMustUseTwoFactor(false, (await findUserByEmail("admin@example.org"))!.id, null);
    // A focal point may not change the setting.
    const fp = await sessionCookie((await findUserByEmail("focalpoint.jpn@example.org"))!.id);
    expect((await callRoute(usersRoute.action, { request: postRequest("/users", { cookie: fp, body: { intent: "two-factor-policy", focalPoints: "required" } }) })).status).toBe(403);
  });

  test("enrolment, then: a code once, never again in its window; five wrong codes throttle; recovery codes hashed and single-use", async () => {
    const user = (await findUserByEmail("contributor.jpn@example.org"))!;
    const enrolment = (await startEnrolment(user))!;
    expect(enrolment.qrSvg).toMatch(/^<svg[^>]*>/);
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\//);
    const step = 60_000_000;
    expect(await confirmEnrolment(user.id, "000000", null, at(step))).toBe("wrong");
    const codes = await confirmEnrolment(user.id, codeAt(enrolment.secret, step), null, at(step));
    expect(Array.isArray(codes) && codes.length).toBe(10);
    const stored = getDb().select({ h: recoveryCodes.codeHash }).from(recoveryCodes).where(eq(recoveryCodes.userId, user.id)).all();
    expect(stored).toHaveLength(10);
    for (const c of codes as string[]) expect(stored.map((s) => s.h)).not.toContain(c);

    // The enrolment code is spent; so is anything of an earlier step.
    expect(await verifySecondFactor(user.id, codeAt(enrolment.secret, step), null, at(step))).toEqual({ ok: false, reason: "replayed" });
    expect(await verifySecondFactor(user.id, codeAt(enrolment.secret, step + 1), null, at(step + 1))).toEqual({ ok: true, via: "code" });
    expect(await verifySecondFactor(user.id, codeAt(enrolment.secret, step + 1), null, at(step + 1))).toEqual({ ok: false, reason: "replayed" });
    expect(await verifySecondFactor(user.id, codeAt(enrolment.secret, step), null, at(step + 1))).toEqual({ ok: false, reason: "replayed" });

    // A recovery code works once (any case, with or without its dash).
    const first = (codes as string[])[0]!;
    expect(await verifySecondFactor(user.id, first.toUpperCase().replace("-", ""), null, at(step + 2))).toEqual({ ok: true, via: "recovery" });
    expect((await verifySecondFactor(user.id, first, null, at(step + 2))).ok).toBe(false);

    // Wrong codes: four more make five; the sixth try, even with the right code, waits.
    for (let i = 0; i < 4; i++) expect((await verifySecondFactor(user.id, "111111", null, at(step + 3))).ok).toBe(false);
    const throttled = await verifySecondFactor(user.id, codeAt(enrolment.secret, step + 3), null, at(step + 3));
    expect(throttled).toMatchObject({ ok: false, reason: "throttled" });
  });

  test("the code step: a wrong code is a 400 with its message; after five, 429 with Retry-After", async () => {
    const user = (await findUserByEmail("focalpoint.bra@example.org"))!;
    const enrolment = (await startEnrolment(user))!;
    const now = Math.floor(Date.now() / 30_000);
    expect(Array.isArray(await confirmEnrolment(user.id, codeAt(enrolment.secret, now), null))).toBe(true);
    const { outcome, cookie } = await signInWithPassword(user.email, "192.0.2.77");
    expect(outcome.location).toBe(`/login/two-factor?redirectTo=${encodeURIComponent("/reports")}`);
    const send = (code: string) => callRoute(codeStep.action, { request: postRequest("/login/two-factor", { cookie, body: { code } }) });
    const wrong = await send("999999");
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain("security.codeWrong");
    for (let i = 0; i < 4; i++) await send("999999");
    const limited = await send("999999");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});

describe("F14: the account page and sessions", () => {
  test("changing the password ends every other session and keeps this one", async () => {
    const user = (await findUserByEmail("focalpoint.jpn@example.org"))!;
    const here = await sessionCookie(user.id);
    await createSession(user.id);
    await createSession(user.id);
    expect(await countSessions(user.id)).toBeGreaterThanOrEqual(3);
    const outcome = await callRoute(account.action, {
      request: postRequest("/account", { cookie: here, body: { intent: "password", current: PASSWORD, password: "a new and long passphrase 2026", confirm: "a new and long passphrase 2026" } }),
    });
    expect(outcome.status).toBe(200);
    expect(await countSessions(user.id)).toBe(1);
    expect(await getUser(getRequest("/account", here))).toMatchObject({ id: user.id });
  });

  test("my sessions are listed with device, address and last seen, and I can end one", async () => {
    const user = (await findUserByEmail("contributor.ken@example.org")) ?? (await findUserByEmail("focalpoint.ken@example.org"))!;
    const here = await sessionCookie(user.id);
    await createSession(user.id, new Date(), { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Gecko/20100101 Firefox/133.0", ip: "198.51.100.23" });
    const page = await callRoute(account.loader, { request: getRequest("/account", here) });
    const sessions = (page.body as { sessions: { id: string; device: string; ip: string; lastSeenAt: string; current: boolean }[] }).sessions;
    const other = sessions.find((s) => s.device === "Firefox · Windows")!;
    expect(other).toMatchObject({ ip: "198.51.100.23", current: false });
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const before = await countSessions(user.id);
    const ended = await callRoute(account.action, { request: postRequest("/account", { cookie: here, body: { intent: "end-session", session: other.id } }) });
    expect(ended.status).toBe(200);
    expect(await countSessions(user.id)).toBe(before - 1);
  });

  test("an admin ends every session of a user; disabling a user ends them too", async () => {
    const admin = await sessionCookie((await findUserByEmail("admin@example.org"))!.id);
    const target = (await findUserByEmail("focalpoint.ken@example.org"))!;
    const theirs = await sessionCookie(target.id);
    await callRoute(usersRoute.action, { request: postRequest("/users", { cookie: admin, body: { intent: "end-sessions", userId: String(target.id) } }) });
    expect(await countSessions(target.id)).toBe(0);
    expect(await getUser(getRequest("/reports", theirs))).toBeNull();

    const again = await sessionCookie(target.id);
    const disabled = await callRoute(usersRoute.action, { request: postRequest("/users", { cookie: admin, body: { intent: "disable", userId: String(target.id) } }) });
    expect(disabled.status).toBe(200);
    expect(await countSessions(target.id)).toBe(0);
    expect(await getUser(getRequest("/reports", again))).toBeNull();
    expect((await signInWithPassword(target.email, "192.0.2.200")).outcome.status).toBe(400);
    await callRoute(usersRoute.action, { request: postRequest("/users", { cookie: admin, body: { intent: "enable", userId: String(target.id) } }) });
  });
});
