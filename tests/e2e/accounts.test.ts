import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, lastMailTo, signIn } from "./session.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NEW_PASSWORD = "a long passphrase for Ghana";

describe("accounts", () => {
  test("an admin invites a focal point; the outbox shows the e-mail with its link redacted; the sent link sets a password once; the new user signs in", async () => {
    const admin = await newContext(browser);
    const page = await signIn(admin, "admin@example.org");
    await page.goto(`${baseURL}/users`);
    await hydrated(page);
    const email = `focalpoint.gha.${Date.now()}@example.org`;
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Name", { exact: true }).fill("Focal point of Ghana");
    await page.getByLabel("Role", { exact: true }).selectOption("focal_point");
    await page.getByLabel("Member State").selectOption("GHA");
    await page.getByRole("button", { name: "Send the invitation", exact: true }).click();
    await expect(page.getByRole("status")).toHaveText(`An invitation has been sent to ${email}.`);
    await expect(page.getByRole("row", { name: new RegExp(email) }).getByText("Invitation sent")).toBeVisible();

    await page.goto(`${baseURL}/outbox`);
    const mail = page.locator("article.mail", { hasText: email }).first();
    await expect(mail.getByRole("heading")).toHaveText("You are invited to Kyoto Reporting");
    // F7: the outbox never shows a live sign-in link; the token exists only in the sent e-mail.
    const body = (await mail.locator(".mail__body").textContent())!;
    expect(body).toContain(`${baseURL}/set-password/[…]`);
    expect(body).not.toMatch(/\/set-password\/[A-Za-z0-9_-]{20,}/);
    const link = /https?:\/\/\S+\/set-password\/[A-Za-z0-9_-]+/.exec(lastMailTo(email)!.body)![0];
    expect(link.startsWith(`${baseURL}/set-password/`)).toBe(true);
    await admin.close();

    const invitee = await newContext(browser);
    const welcome = await invitee.newPage();
    await welcome.goto(link);
    await expect(welcome.getByRole("heading", { level: 1 })).toHaveText("Welcome, Focal point of Ghana");
    await hydrated(welcome);
    // A common password is refused, with a clear message, and nothing is used up.
    await welcome.getByLabel("New password").fill("password1234");
    await welcome.getByLabel("Type the password again").fill("password1234");
    await welcome.getByRole("button", { name: "Save the password" }).click();
    await expect(welcome.locator(".field-error").first()).toHaveText("This password is among the most common ones: choose another.", { timeout: 15_000 });
    await welcome.getByLabel("New password").fill(NEW_PASSWORD);
    await welcome.getByLabel("Type the password again").fill(NEW_PASSWORD);
    await welcome.getByRole("button", { name: "Save the password" }).click();
    await welcome.waitForURL(/\/login\?passwordSet=1$/);
    await expect(welcome.getByRole("status")).toHaveText("Your password has been saved. Sign in with it.");
    // The link works once.
    await welcome.goto(link);
    await expect(welcome.getByRole("heading", { level: 1 })).toHaveText("This link no longer works");
    const signedIn = await signIn(invitee, email, NEW_PASSWORD);
    expect(new URL(signedIn.url()).pathname).toBe("/reports");
    await expect(signedIn.getByRole("heading", { level: 1 })).toHaveText("National reports of Ghana");
    await invitee.close();
  });

  test("a wrong password gets one generic message, whether or not the account exists", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const email of ["focalpoint.ken@example.org", "nobody@example.org"]) {
      await page.goto(`${baseURL}/login`);
      await hydrated(page);
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Password", { exact: true }).fill("not the password at all");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toHaveText("The email address or password is not right.");
    }
    await context.close();
  });
});
