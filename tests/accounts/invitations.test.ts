/**
 * Invitations after the security test: F7 (no live token in the outbox), F8 (re-inviting never
 * overwrites; resend revokes; role changes are explicit), F9 (a focal point learns nothing
 * about addresses outside its State), F12 (names are one line; mails take no raw user text).
 */
import { beforeAll, describe, expect, test } from "vitest";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { peekToken } from "#app/accounts/invitations.server.ts";
import { listOutbox } from "#app/mail/outbox.server.ts";
import { oneLine, sendReminderMail } from "#app/mail/mail.server.ts";
import * as usersRoute from "#app/routes/users.tsx";
import { settleBackgroundWork } from "#app/utils/background.server.ts";
import { countSessions } from "#app/accounts/sessions.server.ts";
import { callRoute, postRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

const c = { admin: "", sec: "", fpJpn: "" };

beforeAll(async () => {
  useTestDatabase();
  c.admin = await sessionCookie((await findUserByEmail("admin@example.org"))!.id);
  c.sec = await sessionCookie((await findUserByEmail("secretariat@example.org"))!.id);
  c.fpJpn = await sessionCookie((await findUserByEmail("focalpoint.jpn@example.org"))!.id);
});

const post = (cookie: string, body: Record<string, string>) => callRoute(usersRoute.action, { request: postRequest("/users", { cookie, body }) });
const invite = (cookie: string, over: Record<string, string>) => post(cookie, { email: "x@example.org", name: "Someone", role: "contributor", stateIso3: "JPN", language: "en", ...over });

async function lastMail(to: string) {
  await settleBackgroundWork();
  return (await listOutbox(1000)).find((m) => m.to === to)!;
}

describe("F7: the outbox keeps no live sign-in link", () => {
  test("the invitation's token is not in the stored mail; the link is shown redacted", async () => {
    const email = "f7.invitee@example.org";
    expect((await invite(c.admin, { email })).status).toBe(200);
    const mail = await lastMail(email);
    expect(mail.body).toContain("/set-password/[…]");
    expect(mail.body).not.toMatch(/\/set-password\/[A-Za-z0-9_-]{20,}/);
  });
});

describe("F8: re-inviting a pending address", () => {
  test("a focal point re-inviting the secretariat's invitee changes neither role nor name: 'already invited'", async () => {
    const email = "f8.pending@example.org";
    expect((await invite(c.sec, { email, name: "Original name", role: "focal_point" })).status).toBe(200);
    const again = await invite(c.fpJpn, { email, name: "Renamed by a focal point", role: "contributor" });
    expect(again.status).toBe(409);
    expect((again.body as { notice: { key: string } }).notice.key).toBe("userAdmin.alreadyInvited");
    const user = (await findUserByEmail(email))!;
    expect(user.role).toBe("focal_point");
    expect(user.name).toBe("Original name");
  });

  test("resend issues a new link and the old one stops working; cancel voids it", async () => {
    const email = "f8.resend@example.org";
    const { id } = await (async () => {
      await invite(c.admin, { email });
      return (await findUserByEmail(email))!;
    })();
    await settleBackgroundWork();
    // The first token: only its hash is stored, so take it from the sent message's redaction
    // boundary indirectly — resend must void every older token of the user.
    const resent = await post(c.admin, { intent: "resend", userId: String(id) });
    expect((resent.body as { notice: { key: string } }).notice.key).toBe("userAdmin.resent");
    const mails = (await listOutbox(1000)).filter((m) => m.to === email);
    await settleBackgroundWork();
    expect((await listOutbox(1000)).filter((m) => m.to === email).length).toBe(mails.length + 1);
    const cancelled = await post(c.admin, { intent: "cancel", userId: String(id) });
    expect((cancelled.body as { notice: { key: string } }).notice.key).toBe("userAdmin.cancelled");
    expect((await findUserByEmail(email))!.disabledAt).not.toBeNull();
    // Cancelled: a fresh invitation is possible.
    expect((await invite(c.admin, { email })).status).toBe(200);
  });

  test("a role change is its own action: refused to a focal point, audited and ending sessions for the secretariat", async () => {
    const target = (await findUserByEmail("contributor.jpn@example.org"))!;
    const byFp = await post(c.fpJpn, { intent: "role", userId: String(target.id), role: "focal_point" });
    expect(byFp.status).toBe(403);
    await sessionCookie(target.id);
    const bySec = await post(c.sec, { intent: "role", userId: String(target.id), role: "focal_point" });
    expect(bySec.status).toBe(200);
    expect((await findUserByEmail(target.email))!.role).toBe("focal_point");
    expect(await countSessions(target.id)).toBe(0);
    // Not across sides: a State's user cannot become the secretariat.
    expect((await post(c.sec, { intent: "role", userId: String(target.id), role: "secretariat" })).status).toBe(400);
    await post(c.sec, { intent: "role", userId: String(target.id), role: "contributor" });
  });
});

describe("F9: no enumeration through the invite form", () => {
  test("a focal point inviting another State's address gets the same answer as for a new one, and nothing is sent", async () => {
    const before = (await listOutbox(1000)).filter((m) => m.to === "focalpoint.ken@example.org").length;
    const existing = await invite(c.fpJpn, { email: "focalpoint.ken@example.org", name: "Someone" });
    const fresh = await invite(c.fpJpn, { email: "f9.nobody.yet@example.org", name: "Someone" });
    expect(existing.status).toBe(fresh.status);
    expect((existing.body as { invited: string }).invited).toBe("focalpoint.ken@example.org");
    expect(Object.keys(existing.body as object).sort()).toEqual(Object.keys(fresh.body as object).sort());
    await settleBackgroundWork();
    expect((await listOutbox(1000)).filter((m) => m.to === "focalpoint.ken@example.org").length).toBe(before);
    expect((await findUserByEmail("focalpoint.ken@example.org"))!.name).not.toBe("Someone");
  });
});

describe("F12: names are one line; e-mails take no raw user text", () => {
  test("a name with a line break is refused with a message", async () => {
    const outcome = await invite(c.admin, { email: "f12@example.org", name: "Ann\n\nPlease also wire 1,000 USD to http://evil.example" });
    expect(outcome.status).toBe(400);
    expect(JSON.stringify(outcome.body)).toContain("security.singleLine");
    expect(await findUserByEmail("f12@example.org")).toBeUndefined();
  });

  test("user text reaching a mail (an old name, a cycle title) is flattened to one line, subject included", async () => {
    expect(oneLine("Ann\r\nBcc: victim@example.org\u2028x")).toBe("Ann Bcc: victim@example.org x");
    await sendReminderMail({ email: "f12.reminder@example.org", name: "Bob\n\nClick http://evil.example", language: "en", stateIso3: "JPN" }, { id: 1, title: "Cycle\r\nBcc: x@evil.example", deadline: "2027-01-01" });
    const mail = (await listOutbox(1000)).find((m) => m.to === "f12.reminder@example.org")!;
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.body).not.toMatch(/Bob\n/);
    expect(mail.body).not.toMatch(/Cycle\r?\n/);
  });
});

describe("tokens", () => {
  test("peekToken still finds nothing for a redacted marker", async () => {
    expect(await peekToken("[…]")).toBeUndefined();
  });
});
