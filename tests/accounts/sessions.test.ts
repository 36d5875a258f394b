import { beforeAll, describe, expect, test } from "vitest";
import {
  ABSOLUTE_TIMEOUT_MS,
  IDLE_TIMEOUT_MS,
} from "#app/accounts/session-cookie.server.ts";
import {
  createSession,
  deleteSession,
  getSessionUser,
  loginRetryAfter,
  MAX_FAILURES_PER_ACCOUNT,
  recordLoginFailure,
} from "#app/accounts/sessions.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

let userId: number;
beforeAll(async () => {
  useTestDatabase();
  userId = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
});

describe("sessions", () => {
  test("a session ends after two idle hours, even if it is younger than its absolute limit", async () => {
    const t0 = new Date("2026-11-23T08:00:00Z");
    const id = await createSession(userId, t0);
    expect(await getSessionUser(id, new Date(t0.getTime() + 60 * 60 * 1000))).toMatchObject({ email: "focalpoint.jpn@example.org" });
    // Activity at +1 h moves the idle clock: +2 h 30 is fine, +3 h 30 is not.
    expect(await getSessionUser(id, new Date(t0.getTime() + 2.5 * 60 * 60 * 1000))).not.toBeNull();
    expect(await getSessionUser(id, new Date(t0.getTime() + 2.5 * 60 * 60 * 1000 + IDLE_TIMEOUT_MS + 1000))).toBeNull();
    // Once expired it is gone for good.
    expect(await getSessionUser(id, new Date(t0.getTime() + 60_000))).toBeNull();
  });

  test("a session ends at its absolute limit however active it is", async () => {
    const t0 = new Date("2026-11-23T08:00:00Z");
    const id = await createSession(userId, t0);
    for (let h = 1; h < 12; h++) expect(await getSessionUser(id, new Date(t0.getTime() + h * 3_600_000))).not.toBeNull();
    expect(await getSessionUser(id, new Date(t0.getTime() + ABSOLUTE_TIMEOUT_MS + 1))).toBeNull();
  });

  test("sign-out deletes the session on the server", async () => {
    const id = await createSession(userId);
    await deleteSession(id);
    expect(await getSessionUser(id)).toBeNull();
  });

  test("sign-in failures are limited per account, with the time to wait", async () => {
    const now = new Date("2026-11-23T09:00:00Z");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) await recordLoginFailure("target@example.org", `10.0.0.${i}`, now);
    expect(await loginRetryAfter("target@example.org", "10.9.9.9", now)).toBe(0);
    await recordLoginFailure("target@example.org", "10.0.0.99", now);
    expect(await loginRetryAfter("target@example.org", "10.9.9.9", now)).toBe(15 * 60 * 1000);
    expect(await loginRetryAfter("target@example.org", "10.9.9.9", new Date(now.getTime() + 10 * 60 * 1000))).toBe(5 * 60 * 1000);
    expect(await loginRetryAfter("target@example.org", "10.9.9.9", new Date(now.getTime() + 15 * 60 * 1000 + 1))).toBe(0);
    // Another account from the same addresses is not affected.
    expect(await loginRetryAfter("other@example.org", "10.0.0.1", now)).toBe(0);
  });

  test("sign-in failures are limited per address across accounts", async () => {
    const now = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < 20; i++) await recordLoginFailure(`user${i}@example.org`, "192.0.2.7", now);
    expect(await loginRetryAfter("fresh@example.org", "192.0.2.7", now)).toBeGreaterThan(0);
    expect(await loginRetryAfter("fresh@example.org", "192.0.2.8", now)).toBe(0);
  });
});
