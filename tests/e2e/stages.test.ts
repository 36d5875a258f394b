/**
 * Issue 12, items 2, 3 and 9 in the browser, against the real server:
 * - a report on the questionnaire's first edition (one six-level status per paragraph) still opens,
 *   saves and submits after the switch to anchored stages: it keeps its version;
 * - a cycle on the current edition asks a stage per element, each stage's written definition shown
 *   under its answer (and read out with it), and each element's measures with their dates of
 *   adoption, checked on the server with a clear error that keeps what was typed.
 * With SHOTS_DIR set, it saves the pages of ¶81 and ¶51 as a focal point sees them.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, DEMO_PASSWORD, hydrated, signIn } from "./session.ts";

process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { getCycle, getReportContext, openReport } = await import("#app/reporting/reports.server.ts");
const { getCurrentQuestionnaire, getQuestionnaireVersion } = await import("#app/questionnaires/questionnaires.server.ts");
const { upsertUser } = await import("#app/accounts/users.server.ts");
const { hashPassword } = await import("#app/accounts/password.server.ts");

const FOCAL = { email: "focal.nzl@example.org", name: "Aroha Ngata" };
const stamp = Date.now();

let browser: Browser;
let oldReportId: number;
let newReportId: number;
let oldVersion: string;

beforeAll(async () => {
  browser = await launchBrowser();
  const focalId = await upsertUser({ ...FOCAL, role: "focal_point", stateIso3: "NZL", passwordHash: await hashPassword(DEMO_PASSWORD), language: "en" });
  // The demo cycle of the test database was started on the status edition; the current one asks stages.
  const demo = (await getCycle(1))!;
  oldVersion = (await getQuestionnaireVersion(demo.versionId))!.version;
  const current = (await getCurrentQuestionnaire("kyoto-2021"))!;
  expect(current.versionId).not.toBe(demo.versionId);
  const cycle = (title: string, versionId: number, refs: string[]) =>
    createCycle({ title, instrumentId: demo.instrumentId, versionId, scope: { kind: "paragraphs", refs }, opensOn: "2026-01-01", deadline: "2027-06-30", status: "open", periodStart: "2021-03-07" }, focalId, null);
  const oldCycle = (await getCycle(await cycle(`Status edition ${stamp}`, demo.versionId, ["21"])))!;
  const newCycle = (await getCycle(await cycle(`Stages edition ${stamp}`, current.versionId, ["35", "51", "81"])))!;
  oldReportId = await openReport(oldCycle, "NZL", focalId, null);
  newReportId = await openReport(newCycle, "NZL", focalId, null);
});
afterAll(async () => {
  await browser?.close();
});

/** The group of one question, found by its legend. */
const group = (page: Page, name: RegExp) => page.getByRole("group", { name });

describe("a report started on the first edition keeps it", () => {
  test("it opens with the six-level status, saves without JavaScript and submits", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, FOCAL.email);
    const reportUrl = `${baseURL}/reports/${oldReportId}`;
    await page.goto(`${reportUrl}/21`);
    const status = group(page, /What is the status of implementation of this paragraph\?/);
    await expect(status.getByRole("radio", { name: "Largely implemented" })).toBeVisible();
    await expect(page.getByRole("radio", { name: "In operation" })).toHaveCount(0);
    await status.getByRole("radio", { name: "Largely implemented" }).check();
    await page.getByLabel(/Describe the measures taken/).fill("A national crime prevention strategy, renewed in 2023.");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/\/21\?saved=/);
    expect(await page.getByRole("radio", { name: "Largely implemented" }).isChecked()).toBe(true);

    await page.goto(`${reportUrl}/check`);
    await page.getByRole("button", { name: "Submit the national report" }).click();
    await page.waitForURL(/\/check\?submitted=1$/);
    await expect(page.getByRole("heading", { name: "Report submitted" })).toBeVisible();
    // Still the version it was started on.
    const ctx = (await getReportContext(oldReportId))!;
    expect(ctx.questionnaire.version).toBe(oldVersion);
    expect(ctx.report.status).toBe("submitted");
    expect(context.errors).toEqual([]);
    await context.close();
  }, 120_000);
});

describe("a cycle on the current edition asks anchored stages per element", () => {
  test("each stage is defined under its answer and read out with it; one stage per element of ¶35", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, FOCAL.email);
    await page.goto(`${baseURL}/reports/${newReportId}/35`);
    await hydrated(page);
    const conditions = group(page, /^Improve detention conditions of pretrial and sentenced detainees: At what stage is this action in your country\?/);
    const staff = group(page, /^Capacities of prison, correction and other officers: At what stage is this action in your country\?/);
    await expect(conditions.getByRole("radio")).toHaveCount(7);
    await expect(staff.getByRole("radio")).toHaveCount(7);
    // The definition is on the page, under the answer, and is the answer's accessible description.
    const adopted = conditions.getByRole("radio", { name: "Adopted in law or policy" });
    const definition = "A law, regulation, policy, strategy or plan providing for the action has been adopted, but it is not yet applied in practice";
    await expect(conditions.getByText(definition)).toBeVisible();
    const describedBy = (await adopted.getAttribute("aria-describedby"))!;
    await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(new RegExp(`^${definition}`));
    await expect(conditions.getByText(/its results have been assessed since the start of the reporting period/)).toBeVisible();
    await adopted.check();
    await expect(page.getByRole("status").filter({ hasText: /All changes saved at/ })).toBeVisible();
    expect(context.errors).toEqual([]);
    await context.close();
  }, 120_000);

  test("dates of adoption: a future day is refused with a clear error and nothing typed is lost; a past day is kept (no JavaScript)", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, FOCAL.email);
    await page.goto(`${baseURL}/reports/${newReportId}/35`);
    const measures = group(page, /^Improve detention conditions of pretrial and sentenced detainees: Main measures and their dates of adoption/);
    await expect(measures).toHaveText(/Measures adopted since 7 March 2021 are new in this reporting period; earlier ones are the baseline\./);
    await measures.getByLabel("Law, policy or plan").fill("Corrections Amendment Act");
    await measures.getByLabel("Date of adoption").fill("2099-01-01");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.locator(".error-summary")).toHaveText(/the date of adoption must be a day of the calendar written year-month-day, such as 2022-06-30, and not in the future/);
    await expect(measures.getByLabel("Law, policy or plan").first()).toHaveValue("Corrections Amendment Act");
    // The refused date is shown again as typed, in the first row.
    await expect(measures.getByLabel("Date of adoption").first()).toHaveValue("2099-01-01");
    await measures.getByLabel("Date of adoption").first().fill("2022-06-30");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.waitForURL(/\/35\?saved=/);
    await expect(measures.getByLabel("Date of adoption").first()).toHaveValue("2022-06-30");
    // The refused save answers 400 (the page shows why): the browser logs that status, nothing else.
    expect(context.errors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    await context.close();
  }, 120_000);

  test("¶81 asks each of its eight actions on its own; ¶51 shows the standards of its footnote", async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await signIn(context, FOCAL.email);
    await page.goto(`${baseURL}/reports/${newReportId}/81`);
    await hydrated(page);
    await expect(page.getByRole("group", { name: /: At what stage is this action in your country\?/ })).toHaveCount(8);
    await expect(page.getByText("No action planned", { exact: true }).first()).toBeVisible();
    await shot(page, "p81-focal-point.png");
    await page.goto(`${baseURL}/reports/${newReportId}/51`);
    await hydrated(page);
    await expect(page.getByRole("group", { name: /: At what stage is this action in your country\?/ })).toHaveCount(3);
    await expect(page.getByText(/Bangalore Principles of Judicial Conduct/).first()).toBeVisible();
    await shot(page, "p51-focal-point.png");
    expect(context.errors).toEqual([]);
    await context.close();
  }, 120_000);
});

/** A full-page screenshot into SHOTS_DIR, when it is set (kept out of the repository). */
async function shot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name), fullPage: true });
}
