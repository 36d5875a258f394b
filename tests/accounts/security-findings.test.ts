/**
 * Regression tests for the findings of the security test (issue 10) that live in the account
 * routes: each fails on the code before the fix.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { listOutbox } from "#app/mail/outbox.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import * as forgotPassword from "#app/routes/forgot-password.tsx";
import * as login from "#app/routes/login.tsx";
import { safeRedirectPath } from "#app/utils/redirect.ts";
import { settleBackgroundWork } from "#app/utils/background.server.ts";
import { callRoute, getRequest, postRequest, sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

beforeAll(() => {
  useTestDatabase();
});

async function forgot(email: string, init: { url?: string; headers?: Record<string, string>; ip?: string } = {}) {
  const request = postRequest("/forgot-password", { body: { email }, headers: init.headers });
  const moved = init.url ? new Request(init.url, { method: "POST", headers: request.headers, body: await request.text() }) : request;
  return callRoute(forgotPassword.action, { request: moved, context: { clientIp: init.ip ?? "192.0.2.10" } });
}

async function mailsTo(email: string) {
  await settleBackgroundWork();
  return (await listOutbox(1000)).filter((m) => m.to === email);
}

describe("F1: reset links never come from the request's Host", () => {
  test("a reset asked through Host: evil.example and X-Forwarded-Host links to the configured origin", async () => {
    const email = "focalpoint.bra@example.org";
    const outcome = await forgot(email, { url: "http://evil.example/forgot-password", headers: { "X-Forwarded-Host": "evil2.example", Host: "evil.example" } });
    expect(outcome.status).toBe(200);
    const [mail] = await mailsTo(email);
    expect(mail!.body).not.toMatch(/evil/);
    expect(mail!.body).toMatch(/http:\/\/localhost:3000\/set-password\//);
  });
});

describe("F4: reset requests never lock sign-in, and have their own limits", () => {
  test("after eight reset requests the right password still signs in", async () => {
    const email = "focalpoint.ken@example.org";
    for (let i = 0; i < 8; i++) expect((await forgot(email, { ip: `198.51.100.${i}` })).status).toBe(200);
    const outcome = await callRoute(login.action, {
      request: postRequest("/login", { body: { email, password: "kyoto-demo-password" } }),
      context: { clientIp: "198.51.100.1" },
    });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/reports");
  });

  test("per account: three mails an hour, and the fourth answer is the same as the first", async () => {
    const email = "contributor.jpn@example.org";
    const before = (await mailsTo(email)).length;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await forgot(email, { ip: `203.0.113.${i}` }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect((await mailsTo(email)).length - before).toBe(3);
  });

  test("per address: the eleventh request in 15 minutes gets 429 with Retry-After, and sign-in still works from there", async () => {
    const ip = "192.0.2.99";
    for (let i = 0; i < 10; i++) expect((await forgot(`nobody.${i}@example.org`, { ip })).status).toBe(200);
    const refused = await forgot("nobody.11@example.org", { ip });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    const signIn = await callRoute(login.action, {
      request: postRequest("/login", { body: { email: "focalpoint.jpn@example.org", password: "kyoto-demo-password" } }),
      context: { clientIp: ip },
    });
    expect(signIn.status).toBe(302);
  });
});

describe("F9: forgot-password does the same work whether or not the account exists", () => {
  test("the answer is sent before any account is looked up or any mail written", async () => {
    const email = "secretariat@example.org";
    const before = (await listOutbox(1000)).filter((m) => m.to === email).length;
    const existing = await forgot(email, { ip: "192.0.2.50" });
    // Nothing written yet when the answer is ready: the mail comes after.
    expect((await listOutbox(1000)).filter((m) => m.to === email).length).toBe(before);
    const unknown = await forgot("no.such.account@example.org", { ip: "192.0.2.50" });
    expect(existing.body).toEqual(unknown.body);
    expect(existing.status).toBe(unknown.status);
    expect((await mailsTo(email)).length).toBe(before + 1);
  });
});

describe("F17: a 429 carries Retry-After to the browser", () => {
  test("the login and forgot-password routes pass Retry-After on to the document response", () => {
    for (const route of [login, forgotPassword]) {
      const headers = (route.headers as (a: { actionHeaders: Headers; loaderHeaders: Headers }) => Headers)({
        actionHeaders: new Headers({ "Retry-After": "840" }),
        loaderHeaders: new Headers(),
      });
      expect(new Headers(headers).get("Retry-After")).toBe("840");
    }
  });
});

/** Known open-redirect forms (OWASP, PortSwigger and the finding itself). */
const BYPASSES = [
  "/%09/evil.example",
  "/\t/evil.example",
  "//evil.example",
  "///evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "/%5Cevil.example",
  "/%5cevil.example",
  "%2F%2Fevil.example",
  "/%2F/evil.example",
  "/%252F%252Fevil.example",
  "https://evil.example",
  "http:evil.example",
  "javascript:alert(1)",
  "evil.example",
  "/%0d%0aSet-Cookie:x=1",
  "/\r\n/evil.example",
  "/%0a/evil.example",
  "/ /evil.example",
  "/%20/evil.example",
  "/\u3000/evil.example",
  "/%E3%80%80/evil.example",
  "/\u00a0/evil.example",
  "/%00/evil.example",
  "/.%2F/evil.example",
  "/reports//evil.example",
  "/%",
  "",
  "/\u2028/evil.example",
  "/\u200b/evil.example",
];

describe("F2: open redirect", () => {
  test.each(BYPASSES)("refused: %j", (to) => {
    expect(safeRedirectPath(to, "/home")).toBe("/home");
  });

  test.each(["/reports", "/reports/12?tab=history", "/insights/3/pillars/2#chart", "/review?state=JPN&cycle=1"])("kept: %s", (to) => {
    expect(safeRedirectPath(to, "/home")).toBe(to);
  });

  test("a signed-in user opening /login?redirectTo=/%09/evil.example lands on their home page", async () => {
    const cookie = await sessionCookie((await findUserByEmail("focalpoint.jpn@example.org"))!.id);
    const outcome = await callRoute(login.loader, { request: getRequest(`/login?redirectTo=${encodeURIComponent("/%09/evil.example")}`, cookie) });
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/reports");
    const raw = await callRoute(login.loader, { request: getRequest("/login?redirectTo=/%09/evil.example", cookie) });
    expect(raw.location).toBe("/reports");
  });
});
