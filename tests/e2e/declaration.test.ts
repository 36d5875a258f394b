import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";

const baseURL = inject("baseURL");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("public declaration browser", () => {
  test("a visitor opens the Kyoto Declaration, goes to paragraph 35 and sees its questions", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseURL}/declarations/kyoto-2021`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/Kyoto Declaration on Advancing Crime Prevention/);
    // The table of contents lists the four pillars.
    const toc = page.getByRole("navigation", { name: "Contents" });
    await expect(toc.getByRole("link", { name: /Advancing crime prevention/i })).toBeVisible();
    await expect(toc.getByRole("link", { name: /International cooperation and technical assistance/i })).toBeVisible();

    await page.getByRole("link", { name: "Paragraph 35", exact: true }).click();
    await page.waitForURL(`${baseURL}/declarations/kyoto-2021/35`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Paragraph 35");
    await expect(page.getByRole("heading", { name: "Questions for Member States" })).toBeVisible();
    // The current edition: an anchored stage for each of the paragraph's two actions, each stage defined.
    await expect(page.getByText("kyoto-2021.p35.conditions.stage", { exact: true })).toBeVisible();
    await expect(page.getByText("kyoto-2021.p35.staff.stage", { exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { name: /Improve detention conditions of pretrial and sentenced detainees: At what stage is this action in your country\?/ })).toBeVisible();
    await expect(page.getByText(/^The measure is applied in practice: a responsible body works on it/).first()).toBeVisible();
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("switching to Arabic lays the page out right to left and keeps the choice", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseURL}/declarations/kyoto-2021/35`);
    await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
    await page.getByRole("button", { name: "العربية" }).click();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    expect(new URL(page.url()).pathname).toBe("/declarations/kyoto-2021/35");
    // The page's own words are Arabic; the paragraph text stays English and says so.
    await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Paragraph 35");
    await expect(page.getByRole("note")).toBeVisible();
    const direction = await page.evaluate(() => getComputedStyle(document.body).direction);
    expect(direction).toBe("rtl");
    // The choice is kept in a cookie for the next page.
    await page.goto(`${baseURL}/declarations`);
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("without JavaScript the declaration and the language switch still work", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseURL}/declarations/kyoto-2021/61`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Paragraph 61");
    await page.getByRole("button", { name: "Français" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/61/);
    await context.close();
  });

  test("an unknown paragraph is a 404 page, not a crash", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const response = await page.goto(`${baseURL}/declarations/kyoto-2021/999`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await context.close();
  });
});
