import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, signIn } from "./session.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("issue 12: the report's own questions and a paragraph's facts", () => {
  test("a focal point fills the per-report task and a legal reference without JavaScript", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, "focalpoint.jpn@example.org");
    await page.goto(`${baseURL}/reports`);
    const card = page.locator(".card", { has: page.getByRole("heading", { name: /demo/ }) }).first();
    const start = card.getByRole("button", { name: "Start the report" });
    if (await start.count()) await start.click();
    else await card.getByRole("link", { name: "Open the report" }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    const reportUrl = page.url();

    // The first task, before the paragraphs.
    await page.getByRole("link", { name: "About this report" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "About this report" })).toBeVisible();
    await page.getByLabel("Name", { exact: true }).fill("Hanako Sato");
    await page.getByLabel("E-mail").fill("not-an-address");
    await page.getByLabel("Priority 1").selectOption("81");
    await page.getByLabel("Priority 2").selectOption("81");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    // Refused with the reason, and nothing typed is lost.
    await expect(page.locator(".error-summary")).toHaveText(/the e-mail address must look like name@example\.org/);
    await expect(page.locator(".error-summary")).toHaveText(/Name each paragraph once/);
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Hanako Sato");
    await page.getByLabel("E-mail").fill("hanako.sato@example.org");
    await page.getByLabel("Priority 2").selectOption("35");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/\/report\?saved=/);
    await expect(page.getByLabel("E-mail")).toHaveValue("hanako.sato@example.org");

    // A fact of paragraph 35, in the folded section (a details element opens without JavaScript).
    await page.goto(`${reportUrl}/35`);
    await page.locator("details.facts > summary").click();
    await page.getByLabel("Title of the law, regulation or policy").fill("Act on Penal Detention Facilities");
    await page.getByLabel("Year adopted").fill("2005");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/\/35\?saved=/);
    await expect(page.getByLabel("Title of the law, regulation or policy").first()).toHaveValue("Act on Penal Detention Facilities");

    // The check page shows the report's answers and requires none of them.
    await page.goto(`${reportUrl}/check`);
    const about = page.locator("section", { has: page.getByRole("heading", { name: /About this report/ }) });
    await expect(about).toHaveText(/Name: Hanako Sato/);
    await expect(about).toHaveText(/1\. ¶81 · Trafficking in persons/);
    // The refused save answers 400 (the page shows why): the browser logs that status, nothing else.
    expect(context.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);
});
