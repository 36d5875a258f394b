/**
 * "Not applicable" (issue 11, item 9) as a focal point meets it on paragraph 35: with
 * JavaScript, choosing it folds the other questions away and warns that saving clears them;
 * the save says how many answers were cleared and they are gone. Without JavaScript the same
 * with a plain form post. The rule itself: tests/reporting/not-applicable.test.ts.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, signIn } from "./session.ts";

process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { getCycle, openReport } = await import("#app/reporting/reports.server.ts");
const { findUserByEmail } = await import("#app/accounts/users.server.ts");

let browser: Browser;
const FOCAL_POINT = "focalpoint.jpn@example.org";

/** A report of Japan's in a new open cycle that asks paragraph 35 only: no other test touches it. */
async function paragraph35(title: string): Promise<string> {
  const fp = (await findUserByEmail(FOCAL_POINT))!.id;
  const demo = (await getCycle(1))!;
  const cycleId = await createCycle({ title, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["35"] }, opensOn: "2026-01-01", deadline: "2027-06-30", status: "open" }, fp, null);
  const reportId = await openReport((await getCycle(cycleId))!, "JPN", fp, null);
  return `${baseURL}/reports/${reportId}/35`;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const description = (page: Page) => page.getByLabel(/Describe the measures taken/);
const otherQuestions = (page: Page) => page.locator("details.na-group");

describe("not applicable", () => {
  test("with JavaScript: choosing it folds the other questions away with a warning; the save says 2 answers were cleared and they are gone", async () => {
    const url = await paragraph35(`Not applicable, with JavaScript ${Date.now()}`);
    const context = await newContext(browser);
    const page = await signIn(context, FOCAL_POINT);
    await page.goto(url);
    await hydrated(page);
    await page.getByRole("radio", { name: "In progress" }).check();
    await page.getByRole("checkbox", { name: "Legislative", exact: true }).check();
    await description(page).fill("A new prison act limits pre-trial detention.");
    await expect(page.getByRole("status").filter({ hasText: /All changes saved at/ })).toBeVisible();
    await page.reload();
    await hydrated(page);
    // Two answers besides the status (the measures ticked, the description): said before anything is chosen.
    await expect(page.getByText("If you choose “Not applicable”, saving will clear the 2 other answers of this paragraph.")).toBeVisible();

    await page.getByRole("radio", { name: "Not applicable" }).check();
    await expect(page.getByRole("status").filter({ hasText: "Saving will clear the 2 other answers of this paragraph." })).toBeVisible();
    await expect(otherQuestions(page)).not.toHaveAttribute("open", /.*/);
    await expect(description(page)).not.toBeVisible();
    await expect(page.getByText("The other questions of this paragraph (not applicable)")).toBeVisible();
    // Autosave saves the choice: the server clears the other answers and the page says so.
    await expect(page.getByRole("status").filter({ hasText: "2 answers were cleared: this paragraph is not applicable." })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: /All changes saved at/ })).toBeVisible();

    // Gone for good: read again, the folded questions are empty.
    await page.reload();
    await hydrated(page);
    expect(await page.getByRole("radio", { name: "Not applicable" }).isChecked()).toBe(true);
    await page.getByText("The other questions of this paragraph (not applicable)").click();
    await expect(description(page)).toBeVisible();
    await expect(description(page)).toHaveValue("");
    expect(await page.getByRole("checkbox", { name: "Legislative", exact: true }).isChecked()).toBe(false);
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("without JavaScript: the same with a plain form post — the hint says what saving will clear, the saved page says how many answers were cleared, folds the questions away, and they are empty", async () => {
    const url = await paragraph35(`Not applicable, without JavaScript ${Date.now()}`);
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, FOCAL_POINT);
    await page.goto(url);
    await page.getByRole("radio", { name: "In progress" }).check();
    await page.getByRole("checkbox", { name: "Legislative", exact: true }).check();
    await page.getByRole("checkbox", { name: "Training", exact: true }).first().check();
    await description(page).fill("A new prison act limits pre-trial detention.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: /All changes saved at/ })).toBeVisible();
    await expect(page.getByText("If you choose “Not applicable”, saving will clear the 2 other answers of this paragraph.")).toBeVisible();

    await page.getByRole("radio", { name: "Not applicable" }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "2 answers were cleared: this paragraph is not applicable." })).toBeVisible();
    expect(await page.getByRole("radio", { name: "Not applicable" }).isChecked()).toBe(true);
    await expect(otherQuestions(page)).not.toHaveAttribute("open", /.*/);
    await expect(description(page)).not.toBeVisible();
    await page.getByText("The other questions of this paragraph (not applicable)").click();
    await expect(description(page)).toHaveValue("");
    expect(await page.getByRole("checkbox", { name: "Legislative", exact: true }).isChecked()).toBe(false);
    // No warning is left: there is nothing more to clear.
    await expect(page.getByText(/saving will clear/i)).toHaveCount(0);
    expect(context.errors).toEqual([]);
    await context.close();
  });
});
