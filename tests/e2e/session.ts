import fs from "node:fs";
import path from "node:path";
import * as OTPAuth from "otpauth";
import type { BrowserContext, Page } from "playwright-core";
import { expect, inject } from "vitest";

export const baseURL = inject("baseURL");
export const DEMO_PASSWORD = "kyoto-demo-password";
const mailDir = inject("mailDir");

/** The newest message sent to `to`, as sent (the outbox keeps only a redacted copy). */
export function lastMailTo(to: string): { subject: string; body: string; kind: string } | null {
  if (!fs.existsSync(mailDir)) return null;
  const mails = fs
    .readdirSync(mailDir)
    .map((f) => JSON.parse(fs.readFileSync(path.join(mailDir, f), "utf8")) as { id: number; to: string; subject: string; body: string; kind: string })
    .filter((m) => m.to === to)
    .sort((a, b) => b.id - a.id);
  return mails[0] ?? null;
}

/** Wait until React has hydrated the page (JavaScript on): interactions before that race it. */
export async function hydrated(page: Page) {
  await page.waitForSelector("html[data-hydrated]", { state: "attached" });
}

/**
 * Two-factor secrets of the accounts the browser tests enrolled, shared by every test file of
 * the run (one server): the account's secret and the last time step used (a code is accepted once).
 */
const totpFile = path.join(path.dirname(mailDir), "totp.json");
type Totp = Record<string, { secret: string; lastStep: number }>;
const readTotp = (): Totp => (fs.existsSync(totpFile) ? (JSON.parse(fs.readFileSync(totpFile, "utf8")) as Totp) : {});

export function totpCode(secret: string, step: number): string {
  return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 }).generate({ timestamp: step * 30_000 });
}

export const currentStep = () => Math.floor(Date.now() / 30_000);

/** A code of a step not used yet for this account (the next step is accepted too; else wait for it). */
export async function freshCode(email: string): Promise<string> {
  const all = readTotp();
  const entry = all[email]!;
  let step = Math.max(currentStep(), entry.lastStep + 1);
  while (step > currentStep() + 1) {
    await new Promise((r) => setTimeout(r, 1000));
    step = Math.max(currentStep(), entry.lastStep + 1);
  }
  all[email] = { ...entry, lastStep: step };
  fs.writeFileSync(totpFile, JSON.stringify(all));
  return totpCode(entry.secret, step);
}

export function rememberTotp(email: string, secret: string, lastStep: number) {
  const all = readTotp();
  all[email] = { secret, lastStep };
  fs.writeFileSync(totpFile, JSON.stringify(all));
}

/**
 * Sign in through the real form, as a person would. Accounts that must use two-factor sign-in
 * (the secretariat, admins) are enrolled at their first sign-in and give a code afterwards.
 */
export async function signIn(context: BrowserContext, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseURL}/login`);
  // With JavaScript, a person types once the page is ready; a post while React hydrates leaves
  // the document mid-hydration (React error #345 in every clean-clone run, all on /login).
  if ((context as { javaScriptEnabled?: boolean }).javaScriptEnabled !== false) await hydrated(page);
  // By field name, so it works whatever the page's language.
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.locator("form#login button[type=submit]").click();
  await page.waitForURL((url) => url.pathname !== "/login");
  if (new URL(page.url()).pathname === "/account/two-factor") {
    const secret = (await page.locator(".totp-secret").textContent())!.trim();
    const step = currentStep();
    await page.locator("input[name=code]").fill(totpCode(secret, step));
    await page.locator("form:has(input[name=intent][value=enable]) button[type=submit]").click();
    await page.locator(".recovery-codes").waitFor();
    rememberTotp(email, secret, step);
    await page.locator("a.button").click();
  } else if (new URL(page.url()).pathname === "/login/two-factor") {
    await page.locator("input[name=code]").fill(await freshCode(email));
    await page.locator("form#two-factor button[type=submit]").click();
  }
  await page.waitForURL((url) => !url.pathname.startsWith("/login") && url.pathname !== "/account/two-factor");
  await expect(page.locator("form[action='/logout'] button")).toBeVisible();
  return page;
}
