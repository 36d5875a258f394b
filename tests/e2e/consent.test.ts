/**
 * One consent control per narrative answer (issue 11, item 1): the focal point chooses "Also
 * the public" next to one good practice and leaves another at the default; after submission
 * a signed-out visitor reads the first on the insights and never the second.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, signIn } from "./session.ts";

process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { getAnswers, getCycle, getReportContext, openReport, saveAnswers, submitReport } = await import("#app/reporting/reports.server.ts");
const { findUserByEmail } = await import("#app/accounts/users.server.ts");

const SHARED = "Consent journey: harbour-side mediation desks";
const KEPT = "Consent journey: lantern night courts kept in-house";
/** Nine other States submit too, so the cycle reaches INSIGHTS_MIN_REPORTS (10) and publishes. */
const OTHERS = ["KEN", "BRA", "MEX", "DEU", "FRA", "IND", "CHN", "NGA", "ARG"];

let browser: Browser;
let cycleId: number;
let reportId: number;

/** Answers each paragraph's status (the one required answer), on the report's current revisions. */
async function answerStatuses(id: number, userId: number) {
  const ctx = (await getReportContext(id))!;
  const stored = await getAnswers(id);
  await saveAnswers(
    id,
    userId,
    ctx.paragraphs.map((p) => {
      const question = p.questions.find((q) => q.key === "status")!;
      return { question, paragraphRef: p.ref, value: "in_progress", baseRevision: stored.get(question.id)?.revision ?? 0 };
    }),
    null,
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  const fp = (await findUserByEmail("focalpoint.jpn@example.org"))!;
  const demo = (await getCycle(1))!;
  cycleId = await createCycle(
    { title: `Consent journey ${Date.now()}`, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21", "35"] }, opensOn: "2026-01-01", deadline: "2027-01-31", status: "open" },
    fp.id,
    null,
  );
  const cycle = (await getCycle(cycleId))!;
  for (const iso3 of OTHERS) {
    const id = await openReport(cycle, iso3, fp.id, null);
    await answerStatuses(id, fp.id);
    await submitReport(id, fp.id, crypto.randomUUID(), null);
  }
  reportId = await openReport(cycle, "JPN", fp.id, null);
  await answerStatuses(reportId, fp.id);
});
afterAll(async () => {
  await browser?.close();
});

describe("who may read a good practice", () => {
  test("'Also the public' next to one good practice publishes it; the other, left at the default, stays with the secretariat", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "focalpoint.jpn@example.org");
    const goodPractice = "Describe any good practice or lesson learned that could be useful to other States.";

    await page.goto(`${baseURL}/reports/${reportId}/35`);
    await hydrated(page);
    await page.getByLabel(goodPractice).fill(SHARED);
    const choice35 = page.getByRole("group", { name: "Who may read this text?" }).filter({ has: page.locator('[name="disclose.good_practice"]') });
    expect(await choice35.getByRole("radio", { name: "The secretariat only (default)" }).isChecked()).toBe(true);
    await choice35.getByRole("radio", { name: "Also the public" }).check();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: /All changes saved/ })).toBeVisible();

    await page.goto(`${baseURL}/reports/${reportId}/21`);
    await hydrated(page);
    await page.getByLabel(goodPractice).fill(KEPT);
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: /All changes saved/ })).toBeVisible();

    // The check page shows each choice read-only, with a way to change it.
    await page.goto(`${baseURL}/reports/${reportId}/check`);
    await hydrated(page);
    await expect(page.getByText("Readable by everyone (public)")).toHaveCount(1);
    await expect(page.getByRole("link", { name: /Change who may read/ }).first()).toBeVisible();
    await page.getByRole("button", { name: "Submit the national report" }).click();
    await page.waitForURL(/\/check\?submitted=1$/);
    await context.close();

    const visitor = await (await newContext(browser)).newPage();
    await visitor.goto(`${baseURL}/insights/${cycleId}/paragraphs/35`);
    await expect(visitor.getByText(SHARED)).toBeVisible();
    await visitor.goto(`${baseURL}/insights/${cycleId}/paragraphs/21`);
    await expect(visitor.locator("main")).toBeVisible();
    expect(await visitor.content()).not.toContain(KEPT);
    await visitor.goto(`${baseURL}/insights/good-practices?cycle=${cycleId}`);
    await expect(visitor.getByText(SHARED)).toBeVisible();
    expect(await visitor.content()).not.toContain(KEPT);
  });
});
