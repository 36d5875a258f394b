/**
 * The reporting journey without a doubt (issue 14): nothing typed is lost whichever way the
 * user leaves a paragraph page, one save state, a malformed `?saved=` ignored.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, signIn } from "./session.ts";

let browser: Browser;
let reportUrl: string;
const cycleTitle = `Journey cycle ${Date.now()}`;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const describeField = (p: Page) => p.getByLabel(/Describe the measures taken/);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Read a paragraph's stored answer in a fresh page (so nothing comes from the typing page). */
async function storedDescription(page: Page, ref: string): Promise<string> {
  const fresh = await page.context().newPage();
  await fresh.goto(`${reportUrl}/${ref}`);
  const value = await describeField(fresh).inputValue();
  await fresh.close();
  return value;
}

describe("nothing typed is lost", () => {
  test("the secretariat opens a cycle and Japan's contributor starts the report", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "secretariat@example.org");
    await page.goto(`${baseURL}/cycles/new`);
    await page.getByLabel("Title").fill(cycleTitle);
    await page.getByLabel("Chosen paragraphs").check();
    await page.getByLabel("Paragraphs", { exact: true }).fill("21, 22, 35");
    await page.getByLabel("Opening date").fill("2026-01-01");
    await page.getByLabel("Deadline").fill("2027-06-30");
    await page.getByLabel("Status").selectOption("open");
    await page.getByRole("button", { name: "Create the cycle" }).click();
    await expect(page.getByRole("status")).toHaveText("The cycle has been created.");
    await context.close();

    const fp = await newContext(browser);
    const focal = await signIn(fp, "focalpoint.jpn@example.org");
    await focal.goto(`${baseURL}/reports`);
    const card = focal.locator(".card", { has: focal.getByRole("heading", { name: cycleTitle }) });
    await card.getByRole("button", { name: "Start the report" }).click();
    await focal.waitForURL(/\/reports\/\d+$/);
    reportUrl = focal.url();
    expect(fp.errors).toEqual([]);
    await fp.close();
  });

  test("typed, then Next after 100 ms: the text is saved and the next paragraph opens", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "contributor.jpn@example.org");
    await page.goto(`${reportUrl}/21`);
    await hydrated(page);
    await describeField(page).fill("Typed just before clicking Next.");
    await pause(100);
    await page.getByRole("button", { name: "Save and go to paragraph 22" }).click();
    await page.waitForURL(/\/22$/);
    expect(await storedDescription(page, "21")).toBe("Typed just before clicking Next.");

    // The breadcrumb's task list, right after typing.
    await hydrated(page);
    await describeField(page).fill("Typed just before the task list.");
    await pause(100);
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("button", { name: "Task list" }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    expect(await storedDescription(page, "22")).toBe("Typed just before the task list.");

    // A link of the site's header, right after typing.
    await page.goto(`${reportUrl}/35`);
    await hydrated(page);
    await describeField(page).fill("Typed just before the header link.");
    await pause(100);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Reports" }).click();
    await page.waitForURL(/\/reports$/);
    expect(await storedDescription(page, "35")).toBe("Typed just before the header link.");

    // The language switcher (a full page load), right after typing.
    await page.goto(`${reportUrl}/35`);
    await hydrated(page);
    await describeField(page).fill("Typed just before choosing French.");
    await pause(100);
    await page.getByRole("button", { name: "Français" }).click();
    await page.waitForURL(/\/35$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.locator("textarea[name=description]")).toHaveValue("Typed just before choosing French.");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("closing the tab right after typing still saves, without a prompt", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "contributor.jpn@example.org");
    await page.goto(`${reportUrl}/22`);
    await hydrated(page);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.type());
      void d.dismiss();
    });
    await describeField(page).fill("Typed just before closing the tab.");
    await page.close({ runBeforeUnload: true });
    const check = await context.newPage();
    await expect.poll(async () => {
      await check.goto(`${reportUrl}/22`);
      return describeField(check).inputValue();
    }).toBe("Typed just before closing the tab.");
    expect(dialogs).toEqual([]);
    await context.close();
  });

  test("a bad link, then Next: the user stays on the page with the error", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "contributor.jpn@example.org");
    await page.goto(`${reportUrl}/21`);
    await hydrated(page);
    await page.getByLabel(/Links to relevant laws/).fill("not a link at all");
    await pause(100);
    await page.getByRole("button", { name: "Save and go to paragraph 22" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /Links to relevant laws/ })).toBeVisible();
    expect(new URL(page.url()).pathname).toMatch(/\/21$/);
    await expect(page.getByLabel(/Links to relevant laws/)).toHaveValue("not a link at all");
    await expect(page.locator(".autosave-status")).toHaveText(/^Not saved — correct the answer marked below$/);
    // Corrected, it saves and goes on.
    await page.getByLabel(/Links to relevant laws/).fill("https://www.moj.go.jp/");
    await page.getByRole("button", { name: "Save and go to paragraph 22" }).click();
    await page.waitForURL(/\/22$/);
    expect(context.errors.filter((e) => !e.includes("400"))).toEqual([]);
    await context.close();
  });

  test("after Save the page shows one save state", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "contributor.jpn@example.org");
    await page.goto(`${reportUrl}/21`);
    await hydrated(page);
    await describeField(page).fill("Saved with the Save button.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.locator(".autosave-status")).toHaveText(/^All changes saved at \d/);
    await pause(1500);
    await expect(page.locator(".autosave-status")).toHaveCount(1);
    await expect(page.locator(".autosave-status")).toHaveText(/^All changes saved at \d/);
    await expect(page.getByText(/not saved yet|Changes not saved/)).toHaveCount(0);
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("without JavaScript, the page's links are 'Save and go to …' buttons that save first", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, "contributor.jpn@example.org");
    await page.goto(`${reportUrl}/22`);
    await describeField(page).fill("Typed without JavaScript.");
    await page.getByRole("button", { name: "Save and go to paragraph 35" }).click();
    await page.waitForURL(/\/35$/);
    await page.goto(`${reportUrl}/22`);
    await expect(describeField(page)).toHaveValue("Typed without JavaScript.");
    // A plain Save comes back with one save state.
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.locator(".autosave-status")).toHaveText(/^All changes saved at \d/);
    await expect(page.locator(".autosave-status")).toHaveCount(1);
    await context.close();
  });

  test("a malformed ?saved= is ignored", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "contributor.jpn@example.org");
    for (const bad of ["garbage", "2026-99-99T99:99:99Z", "%00", "1e309"]) {
      const response = await page.goto(`${reportUrl}/21?saved=${bad}`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Paragraph 21");
      await expect(page.getByText(/All changes saved/)).toHaveCount(0);
    }
    expect(context.errors).toEqual([]);
    await context.close();
  });
});
