import fs from "node:fs";
import path from "node:path";
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

/** Sign in through the real form, as a person would. */
export async function signIn(context: BrowserContext, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseURL}/login`);
  // By field name, so it works whatever the page's language.
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.locator("form#login button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(page.locator("form[action='/logout'] button")).toBeVisible();
  return page;
}
