import Database from "better-sqlite3";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, lastMailTo, signIn } from "./session.ts";

let browser: Browser;
/** A contributor of Japan with the demo password, for this file's session tests only. */
const SESSIONS_EMAIL = `contributor.sessions.${Date.now()}@example.org`;
beforeAll(async () => {
  browser = await launchBrowser();
  const db = new Database(inject("databasePath"));
  db.prepare(
    "insert into users (email, name, password_hash, role, state_iso3, language, created_at) select ?, 'Sessions test, contributor', password_hash, role, state_iso3, 'en', created_at from users where email = 'contributor.jpn@example.org'",
  ).run(SESSIONS_EMAIL);
  db.close();
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

  test("an action on a person whose invitation ended meanwhile is refused on the users page, in the user's language, with and without JavaScript", async () => {
    for (const javaScriptEnabled of [false, true]) {
      const admin = await newContext(browser, { javaScriptEnabled, locale: "fr-FR" });
      const page = await signIn(admin, "admin@example.org");
      await page.goto(`${baseURL}/users`);
      if (javaScriptEnabled) await hydrated(page);
      const email = `pending.${javaScriptEnabled ? "js" : "nojs"}.${Date.now()}@example.org`;
      await page.locator("form#invite input[name=email]").fill(email);
      await page.locator("form#invite input[name=name]").fill("Pending person");
      await page.locator("form#invite select[name=role]").selectOption("secretariat");
      await page.locator("form#invite button[type=submit]").click();
      await expect(page.getByRole("status")).toHaveText(`Une invitation a été envoyée à ${email}.`);
      // A second tab still shows the invitation when the first one cancels it.
      const stale = await admin.newPage();
      await stale.goto(`${baseURL}/users`);
      if (javaScriptEnabled) await hydrated(stale);
      await page.getByRole("row", { name: new RegExp(email) }).getByRole("button", { name: "Annuler l’invitation" }).click();
      await expect(page.getByRole("row", { name: new RegExp(email) }).getByRole("button", { name: "Renvoyer l’invitation" })).toHaveCount(0);
      await stale.getByRole("row", { name: new RegExp(email) }).getByRole("button", { name: "Renvoyer l’invitation" }).click();
      const summary = stale.getByRole("alert");
      await expect(summary.getByRole("link", { name: /^Actions: Cette personne n’a plus d’invitation en attente/ })).toBeVisible();
      // The page stays, with its list read again.
      await expect(stale.getByRole("heading", { level: 1 })).toHaveText("Utilisateurs");
      await expect(stale.getByRole("row", { name: new RegExp(email) }).getByRole("button", { name: "Renvoyer l’invitation" })).toHaveCount(0);
      // The refusal is answered with 409 on purpose (the page, or its data with JavaScript): the browser logs that status, nothing else.
      expect(admin.errors.filter((e) => !e.includes("status of 409"))).toEqual([]);
      await admin.close();
    }
   }, 120_000);

  test("a user ends another of their sessions from the account page, with and without JavaScript", async () => {
    for (const javaScriptEnabled of [false, true]) {
      const other = await newContext(browser);
      const otherPage = await signIn(other, SESSIONS_EMAIL);
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await signIn(context, SESSIONS_EMAIL);
      await page.goto(`${baseURL}/account`);
      if (javaScriptEnabled) await hydrated(page);
      const sessions = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Device" }) }).getByRole("row");
      // A heading row, this session and the other browser's.
      await expect(sessions).toHaveCount(3);
      await page.getByRole("button", { name: "End this session", exact: true }).click();
      await expect(page.getByRole("status")).toHaveText("The session has ended: that browser is signed out.");
      await expect(sessions).toHaveCount(2);
      await expect(page.getByRole("button", { name: "Sign out here" })).toBeVisible();
      // The other browser is signed out.
      await otherPage.goto(`${baseURL}/account`);
      await expect(otherPage.locator("form[action='/logout'] button")).toHaveCount(0);
      expect(context.errors).toEqual([]);
      // This session ends too, so the next round starts with none.
      await page.getByRole("button", { name: "Sign out here" }).click();
      await page.waitForURL(/\/login/);
      await other.close();
      await context.close();
    }
   }, 120_000);

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
