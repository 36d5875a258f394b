import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, signIn } from "./session.ts";

let browser: Browser;
let cycleTitle: string;
let reportUrl: string;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Answers every stage question of the paragraph page (one per element) with the same stage. */
async function answerStages(page: Page, stage: string) {
  const radios = page.getByRole("radio", { name: stage, exact: true });
  // After a client-side navigation, the page's questions may not be there yet.
  await expect(radios.first()).toBeVisible();
  const n = await radios.count();
  for (let i = 0; i < n; i++) await radios.nth(i).check();
}

async function openReport(page: Page, title: string): Promise<string> {
  await page.goto(`${baseURL}/reports`);
  await hydrated(page);
  const card = page.locator(".card", { has: page.getByRole("heading", { name: title }) });
  const start = card.getByRole("button", { name: "Start the report" });
  if (await start.count()) await start.click();
  else await card.getByRole("link", { name: "Open the report" }).click();
  await page.waitForURL(/\/reports\/\d+$/);
  return page.url();
}

describe("national reporting", () => {
  test("the secretariat opens a small reporting cycle", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "secretariat@example.org");
    await page.goto(`${baseURL}/cycles/new`);
    await hydrated(page);
    cycleTitle = `Browser journey cycle ${Date.now()}`;
    await page.getByLabel("Title").fill(cycleTitle);
    await page.getByLabel("Chosen paragraphs").check();
    await page.getByLabel("Paragraphs", { exact: true }).fill("21, 22, 35");
    await page.getByLabel("Opening date").fill("2026-01-01");
    // A deadline before the opening date is refused with a clear message, nothing lost.
    await page.getByLabel("Deadline").fill("2025-12-31");
    await page.getByLabel("Status").selectOption("open");
    await page.getByRole("button", { name: "Create the cycle" }).click();
    await expect(page.getByRole("link", { name: /Deadline: The deadline must be on or after the opening date/ })).toBeVisible();
    await expect(page.getByLabel("Title")).toHaveValue(cycleTitle);
    await page.getByLabel("Deadline").fill("2027-06-30");
    await page.getByRole("button", { name: "Create the cycle" }).click();
    await expect(page.getByRole("status")).toHaveText("The cycle has been created.");
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("Japan's contributor fills two paragraphs, one of them with JavaScript off", async () => {
    // With JavaScript: answers save themselves as the contributor types.
    const withJs = await newContext(browser);
    const page = await signIn(withJs, "contributor.jpn@example.org");
    reportUrl = await openReport(page, cycleTitle);
    await page.getByRole("link", { name: "Paragraph 21", exact: true }).click();
    await page.waitForURL(/\/21$/);
    await hydrated(page);
    await answerStages(page, "Adopted in law or policy");
    await page.getByLabel(/Describe the measures taken/).fill("A national crime prevention strategy for 2024–2028 addresses root causes.");
    await expect(page.getByRole("status").filter({ hasText: /All changes saved at/ })).toBeVisible();
    await withJs.close();

    // Without JavaScript: a plain form post saves the page.
    const noJs = await newContext(browser, { javaScriptEnabled: false });
    const plain = await signIn(noJs, "contributor.jpn@example.org");
    await plain.goto(`${reportUrl}/22`);
    await answerStages(plain, "Planned");
    await plain.getByLabel(/Describe the measures taken/).fill("Crime statistics unit to be set up in 2027.");
    await plain.getByRole("button", { name: "Save", exact: true }).click();
    await expect(plain.getByRole("status")).toHaveText(/All changes saved at/);
    await plain.goto(reportUrl);
    await expect(plain.locator("#state-21")).toHaveText("Complete");
    await expect(plain.locator("#state-22")).toHaveText("Complete");
    await expect(plain.locator("#state-35")).toHaveText("Not started");
    // A contributor cannot submit: no submit button on the check page.
    await plain.goto(`${reportUrl}/check`);
    await expect(plain.getByRole("button", { name: "Submit the national report" })).toHaveCount(0);
    await noJs.close();
  });

  test("two editors, one answer: the second save gets the conflict message, never a silent overwrite", async () => {
    const a = await newContext(browser);
    const b = await newContext(browser);
    const contributor = await signIn(a, "contributor.jpn@example.org");
    const focal = await signIn(b, "focalpoint.jpn@example.org");
    await contributor.goto(`${reportUrl}/35`);
    await hydrated(contributor);
    await focal.goto(`${reportUrl}/35`);
    await hydrated(focal);
    const field = (p: Page) => p.getByLabel(/Describe the measures taken/);
    await field(contributor).fill("The contributor's text about prisons.");
    await expect(contributor.getByRole("status").filter({ hasText: /All changes saved at/ })).toBeVisible();

    await field(focal).fill("The focal point's text about prisons.");
    await expect(focal.getByRole("heading", { name: "Someone else changed an answer" })).toBeVisible();
    await expect(focal.locator(".conflict")).toHaveText(/The contributor's text about prisons\./);
    await expect(focal.locator(".conflict")).toHaveText(/The focal point's text about prisons\./);
    // Merge by hand, then keep it.
    await field(focal).fill("The focal point's text about prisons, merged with the contributor's text.");
    await focal.getByRole("button", { name: "Keep my version" }).click();
    await expect(focal.getByRole("status").filter({ hasText: /All changes saved at/ })).toBeVisible();
    await contributor.reload();
    await hydrated(contributor);
    await expect(field(contributor)).toHaveValue("The focal point's text about prisons, merged with the contributor's text.");
    expect(a.errors).toEqual([]);
    expect(b.errors.filter((e) => !e.includes("409"))).toEqual([]);
    await a.close();
    await b.close();
  });

  test("Japan's focal point completes the required answers, submits, and sees the receipt", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "focalpoint.jpn@example.org");
    await page.goto(`${reportUrl}/check`);
    await hydrated(page);
    // ¶35 asks a stage for each of its two actions.
    await expect(page.getByRole("heading", { name: "2 required answers are missing" })).toBeVisible();
    await page.getByRole("link", { name: /Paragraph 35: Improve detention conditions of pretrial and sentenced detainees: At what stage is this action/ }).click();
    await page.waitForURL(/\/35#q-conditions\.stage$/);
    await answerStages(page, "In operation");
    await page.getByRole("button", { name: "Save and check the answers" }).click();
    await page.waitForURL(/\/check$/);
    await expect(page.getByRole("heading", { name: /required answer.* missing/ })).toHaveCount(0);
    await page.getByRole("button", { name: "Submit the national report" }).click();
    await page.waitForURL(/\/check\?submitted=1$/);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "Report submitted" })).toBeVisible();
    await expect(page.getByTestId("content-hash")).toHaveText(/^[0-9a-f]{64}$/);
    // The report is frozen: the paragraph form is read-only.
    await page.goto(`${reportUrl}/21`);
    await hydrated(page);
    await expect(page.getByRole("note")).toHaveText(/cannot be changed/);
    await page.goto(`${reportUrl}/history?paragraph=35`);
    await hydrated(page);
    await expect(page.getByText(/changed the answer to “Improve detention conditions of pretrial and sentenced detainees: At what stage is this action in your country\?” \(paragraph 35\)\./).first()).toBeVisible();
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("Kenya's focal point cannot open Japan's report", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "focalpoint.ken@example.org");
    const response = await page.goto(`${reportUrl}/35`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await expect(page.getByText("The focal point's text about prisons")).toHaveCount(0);
    await context.close();
  });
});
