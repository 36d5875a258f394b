import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated } from "./session.ts";

process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { getCycle } = await import("#app/reporting/reports.server.ts");
const { findUserByEmail } = await import("#app/accounts/users.server.ts");

let browser: Browser;
let cycleTitle: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const demo = (await getCycle(1))!;
  const admin = (await findUserByEmail("admin@example.org"))!;
  cycleTitle = `Small cycle ${Date.now()}`;
  await createCycle(
    { title: cycleTitle, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21", "22"] }, opensOn: "2026-01-01", deadline: "2027-12-31", status: "open" },
    admin.id,
    null,
  );
});
afterAll(async () => {
  await browser?.close();
});

async function tabTo(page: Page, matches: () => Promise<boolean>, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await matches()) return;
  }
  throw new Error("Could not reach the element with the Tab key");
}

const focusedIs = (page: Page, selector: string) => () => page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

async function focusVisible(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || !el.matches(":focus-visible")) return false;
    const style = getComputedStyle(el);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  });
}

describe("reach every Member State", () => {
  test("with JavaScript disabled: sign in, answer every required question of a small cycle, check, submit, receipt", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseURL}/login`);
    await page.getByLabel("Email address").fill("focalpoint.bra@example.org");
    await page.getByLabel("Password", { exact: true }).fill("kyoto-demo-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseURL}/reports`);
    await page.locator(".card", { has: page.getByRole("heading", { name: cycleTitle }) }).getByRole("button", { name: "Start the report" }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    const report = page.url();
    await page.getByRole("link", { name: "Paragraph 21", exact: true }).click();
    await page.getByRole("radio", { name: "Planned" }).check();
    await page.getByRole("button", { name: "Save and go to the next paragraph" }).click();
    await page.waitForURL(`${report}/22`);
    await page.getByRole("radio", { name: "Not applicable" }).check();
    // Not applicable needs a reason: the check page says so.
    await page.getByRole("button", { name: "Save and check the answers" }).click();
    await page.waitForURL(`${report}/check`);
    await expect(page.getByRole("heading", { name: "1 required answer is missing" })).toBeVisible();
    await page.getByRole("link", { name: /Paragraph 22: Why is this paragraph not applicable/ }).click();
    await page.getByLabel(/Why is this paragraph not applicable/).fill("No such institutions exist in our legal system.");
    await page.getByRole("button", { name: "Save and check the answers" }).click();
    await page.waitForURL(`${report}/check`);
    await page.getByRole("button", { name: "Submit the national report" }).click();
    await page.waitForURL(/\/check\?submitted=1$/);
    await expect(page.getByRole("heading", { name: "Report submitted" })).toBeVisible();
    await expect(page.getByTestId("content-hash")).toHaveText(/^[0-9a-f]{64}$/);
    await context.close();
  });

  test("keyboard only: sign in, fill a paragraph, fix a validation error from the error summary, submit — focus always visible", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseURL}/login`);
    await hydrated(page);
    await tabTo(page, focusedIs(page, "input[name=email]"));
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.type("focalpoint.ken@example.org");
    await page.keyboard.press("Tab");
    await page.keyboard.type("kyoto-demo-password");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${baseURL}/reports`);
    await hydrated(page);
    await tabTo(page, async () => (await page.evaluate(() => document.activeElement?.textContent)) === "Start the report" && (await page.evaluate((title) => document.activeElement?.closest(".card")?.textContent?.includes(title) ?? false, cycleTitle)));
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/reports\/\d+$/);
    await hydrated(page);
    const report = page.url();
    await tabTo(page, async () => (await page.evaluate(() => document.activeElement?.textContent)) === "Paragraph 21");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${report}/21`);
    await hydrated(page);
    // The status radios: Tab into the group, arrow keys choose.
    await tabTo(page, focusedIs(page, "input[name=status]"));
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await tabTo(page, focusedIs(page, "textarea[name=evidence]"));
    await page.keyboard.type("not a web address");
    await tabTo(page, focusedIs(page, "button[value=save]"));
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    // The error summary takes focus; its link leads to the field.
    await expect(page.locator(".error-summary")).toBeVisible();
    await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("#q-evidence");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "evidence");
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("https://example.org/kenya-strategy National strategy");
    await tabTo(page, focusedIs(page, "button[value=save-next]"), 200);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${report}/22`);
    await hydrated(page);
    await tabTo(page, focusedIs(page, "input[name=status]"));
    await page.keyboard.press("ArrowDown");
    await tabTo(page, focusedIs(page, "button[value=save-next]"), 200);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${report}/check`);
    await hydrated(page);
    await tabTo(page, async () => (await page.evaluate(() => document.activeElement?.textContent)) === "Submit the national report", 300);
    expect(await focusVisible(page)).toBe(true);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { name: "Report submitted" })).toBeVisible();
    expect(context.errors.filter((e) => !e.includes("400"))).toEqual([]);
    await context.close();
  });
});
