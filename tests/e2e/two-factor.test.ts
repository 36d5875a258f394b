/**
 * Two-factor sign-in in a real browser, with JavaScript off (it must work without it): a
 * secretariat account is made to enrol at its next sign-in (QR code drawn on the server, the
 * key typed into an "app" here), gets ten recovery codes, then signs in with a code; a replayed
 * code is refused; a recovery code works once.
 */
import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, currentStep, DEMO_PASSWORD, totpCode } from "./session.ts";

let browser: Browser;
const EMAIL = `secretariat.totp.${Date.now()}@example.org`;

beforeAll(async () => {
  browser = await launchBrowser();
  // A secretariat account that has never signed in, with the demo password.
  const db = new Database(inject("databasePath"));
  db.prepare(
    "insert into users (email, name, password_hash, role, language, created_at) select ?, 'Two-factor test, secretariat', password_hash, 'secretariat', 'en', created_at from users where email = 'secretariat@example.org'",
  ).run(EMAIL);
  db.close();
});
afterAll(async () => {
  await browser?.close();
});

describe("two-factor sign-in", () => {
  test("forced enrolment at the next sign-in, then sign-in with a code; a replayed code is refused; a recovery code works once — all without JavaScript", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    const passwordStep = async () => {
      await page.goto(`${baseURL}/login`);
      await page.getByLabel("Email address").fill(EMAIL);
      await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
    };

    // Enrolment is forced: the password alone signs in nobody.
    await passwordStep();
    await page.waitForURL(/\/account\/two-factor\?redirectTo=/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-factor sign-in");
    await expect(page.getByRole("status")).toHaveText("Your role requires two-factor sign-in. Set it up now to continue.");
    await expect(page.getByRole("img", { name: "QR code to add Kyoto Reporting to your authenticator app" }).locator("svg")).toBeVisible();
    expect((await page.request.get(`${baseURL}/review`, { maxRedirects: 0 })).status()).toBe(401);
    const secret = (await page.locator(".totp-secret").textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    // Not a code at all: refused by the server (no JavaScript here) at the field and in the
    // error summary, with what was typed kept.
    await page.getByLabel("Code from the app").fill("12-ab");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.locator(".field-error")).toHaveText("Enter the 6-digit code from your app, or a recovery code such as abcde-12345.");
    await expect(page.getByRole("alert").getByRole("link", { name: /^Code from the app: Enter the 6-digit code/ })).toBeVisible();
    await expect(page.getByLabel("Code from the app")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Code from the app")).toHaveValue("12-ab");

    // A wrong code: a clear message, still enrolling.
    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.locator(".field-error")).toHaveText("This code is not right. Check the time on your phone and try the current code.");

    const enrolStep = currentStep();
    const enrolCode = totpCode(secret, enrolStep);
    await page.getByLabel("Code from the app").fill(enrolCode);
    await page.getByRole("button", { name: "Turn on two-factor sign-in" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your recovery codes");
    const recovery = await page.getByRole("list", { name: "Your recovery codes" }).getByRole("listitem").allTextContents();
    expect(recovery).toHaveLength(10);
    expect(new Set(recovery).size).toBe(10);
    await page.getByRole("link", { name: "Continue" }).click();
    await page.waitForURL(`${baseURL}/cycles`);
    await page.getByRole("button", { name: "Sign out" }).click();

    // Signing in again asks for the code; the code used at enrolment cannot be used again.
    await passwordStep();
    await page.waitForURL(/\/login\/two-factor/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Two-factor sign-in");
    await page.getByLabel("Code").fill(enrolCode);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".field-error")).toHaveText(/This code has already been used|This code is not right/);

    // A recovery code signs in, once.
    await page.getByLabel("Code").fill(recovery[0]!);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${baseURL}/cycles`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await passwordStep();
    await page.waitForURL(/\/login\/two-factor/);
    await page.getByLabel("Code").fill(recovery[0]!);
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.locator(".field-error")).toHaveText("This code is not right. Check the time on your phone and try the current code.");

    // The app's next code (a step not used yet) signs in.
    await page.getByLabel("Code").fill(totpCode(secret, Math.max(currentStep(), enrolStep + 1)));
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${baseURL}/cycles`);

    // The account page lists this browser's session.
    await page.goto(`${baseURL}/account`);
    await expect(page.getByRole("cell", { name: /Chrome · Linux \(this browser\)/ })).toBeVisible();
    // Refused codes are answered 400/401 on purpose: the browser logs those loads, nothing else.
    expect(context.errors.filter((e) => !/Failed to load resource: the server responded with a status of 40[01]/.test(e))).toEqual([]);
    await context.close();
  });
});
