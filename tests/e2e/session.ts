import type { BrowserContext, Page } from "playwright-core";
import { expect, inject } from "vitest";

export const baseURL = inject("baseURL");
export const DEMO_PASSWORD = "kyoto-demo-password";

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
