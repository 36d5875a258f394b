/**
 * Two-factor secrets at rest (issue 10, ADR 012): sealed with AES-256-GCM under TOTP_KEY, bound
 * to their user; secrets stored in clear before the key was set are sealed on first use, and
 * sign-in keeps working throughout.
 */
import crypto from "node:crypto";
import * as OTPAuth from "otpauth";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { eq } from "drizzle-orm";
import { openTotpSecret, sealTotpSecret, totpKey } from "#app/accounts/totp-secret.server.ts";
import { confirmEnrolment, startEnrolment, verifySecondFactor } from "#app/accounts/two-factor.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { initEnv } from "#app/utils/env.server.ts";
import { getDb } from "#db/client.ts";
import { userTotp } from "#db/schema/index.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

const KEY_HEX = crypto.randomBytes(32).toString("hex");
const codeAt = (secret: string, step: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: step * 30_000 });
const at = (step: number) => new Date(step * 30_000 + 5_000);
const stored = (userId: number) => getDb().select({ secret: userTotp.secret }).from(userTotp).where(eq(userTotp.userId, userId)).get()?.secret;

beforeAll(() => {
  useTestDatabase();
});
afterEach(() => {
  delete process.env.TOTP_KEY;
});

describe("sealing and opening", () => {
  test("a sealed secret opens with its key and its user only; without a key nothing is sealed", () => {
    const key = Buffer.from(KEY_HEX, "hex");
    const sealed = sealTotpSecret("JBSWY3DPEHPK3PXP", 7, key);
    expect(sealed).toMatch(/^enc:v1:[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    // Each sealing uses a fresh IV.
    expect(sealTotpSecret("JBSWY3DPEHPK3PXP", 7, key)).not.toBe(sealed);
    expect(openTotpSecret(sealed, 7, key)).toEqual({ secret: "JBSWY3DPEHPK3PXP", reseal: null });
    expect(() => openTotpSecret(sealed, 8, key)).toThrow(/does not open with TOTP_KEY/);
    expect(() => openTotpSecret(sealed, 7, crypto.randomBytes(32))).toThrow(/does not open with TOTP_KEY/);
    expect(() => openTotpSecret(sealed, 7, null)).toThrow(/TOTP_KEY is not set/);
    expect(sealTotpSecret("JBSWY3DPEHPK3PXP", 7, null)).toBe("JBSWY3DPEHPK3PXP");
  });

  test("TOTP_KEY: 64 hex digits or base64 of 32 bytes; anything else is refused at boot", () => {
    expect(totpKey({ TOTP_KEY: KEY_HEX })?.length).toBe(32);
    expect(totpKey({ TOTP_KEY: crypto.randomBytes(32).toString("base64") })?.length).toBe(32);
    expect(totpKey({})).toBeNull();
    expect(() => totpKey({ TOTP_KEY: "short" })).toThrow(/32 bytes/);
    expect(() => initEnv({ TOTP_KEY: "short" })).toThrow(/TOTP_KEY: must be 32 bytes/);
    expect(initEnv({ TOTP_KEY: KEY_HEX }).TOTP_KEY).toBe(KEY_HEX);
  });
});

describe("with the app", () => {
  test("enrolment with a key stores the secret sealed; codes are checked against the opened secret", async () => {
    process.env.TOTP_KEY = KEY_HEX;
    const user = (await findUserByEmail("secretariat@example.org"))!;
    const enrolment = (await startEnrolment(user))!;
    expect(stored(user.id)).toMatch(/^enc:v1:/);
    expect(stored(user.id)).not.toContain(enrolment.secret);
    // A reload shows the same key to scan.
    expect((await startEnrolment(user))!.secret).toBe(enrolment.secret);
    const step = 60_000_000;
    expect(await confirmEnrolment(user.id, codeAt(enrolment.secret, step), null, at(step))).toHaveLength(10);
    expect(await verifySecondFactor(user.id, codeAt(enrolment.secret, step + 1), null, at(step + 1))).toEqual({ ok: true, via: "code" });
  });

  test("a secret stored in clear before the key was set is sealed on its first use, and sign-in goes on", async () => {
    const user = (await findUserByEmail("admin@example.org"))!;
    const enrolment = (await startEnrolment(user))!;
    expect(stored(user.id)).toBe(enrolment.secret); // no key: in clear, as before
    const step = 60_000_100;
    expect(await confirmEnrolment(user.id, codeAt(enrolment.secret, step), null, at(step))).toHaveLength(10);

    process.env.TOTP_KEY = KEY_HEX;
    expect(await verifySecondFactor(user.id, codeAt(enrolment.secret, step + 1), null, at(step + 1))).toEqual({ ok: true, via: "code" });
    const sealed = stored(user.id)!;
    expect(sealed).toMatch(/^enc:v1:/);
    expect(openTotpSecret(sealed, user.id, Buffer.from(KEY_HEX, "hex")).secret).toBe(enrolment.secret);
    // The next code still works, read from the sealed form.
    expect(await verifySecondFactor(user.id, codeAt(enrolment.secret, step + 2), null, at(step + 2))).toEqual({ ok: true, via: "code" });
    expect(stored(user.id)).toBe(sealed);
  });
});
