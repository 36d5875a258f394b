import type { BrowserContext, Page } from "playwright-core";
import { expect, inject } from "vitest";

export const baseURL = inject("baseURL");
export const DEMO_PASSWORD = "kyoto-demo-password";

/** Sign in through the real form, as a person would. */
export async function signIn(context: BrowserContext, email: string, password = DEMO_PASSWORD): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseURL}/login`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  return page;
}
