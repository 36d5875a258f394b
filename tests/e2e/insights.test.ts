import fs from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated } from "./session.ts";
import { parseCsv } from "#tests/setup/csv.ts";

// Synthetic accepted reports on the server's database, through the real workflow.
process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { listMemberStates } = await import("#app/states/member-states.server.ts");
const { getCycle } = await import("#app/reporting/reports.server.ts");
const { fillSyntheticCycle, syntheticUserId } = await import("#scripts/seed/synthetic.ts");

let browser: Browser;
let cycleId: number;

beforeAll(async () => {
  browser = await launchBrowser();
  const demo = (await getCycle(1))!;
  const actor = await syntheticUserId();
  cycleId = await createCycle(
    { title: "Insights journey (synthetic)", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "pillars", pillars: [1, 2] }, opensOn: "2026-01-01", deadline: "2026-06-30", status: "closed", synthetic: true },
    actor,
    null,
  );
  const states = (await listMemberStates("en")).map((s) => s.iso3).slice(0, 40);
  await fillSyntheticCycle({ cycle: (await getCycle(cycleId))!, states, seed: 3, actorUserId: actor, startShare: 1, submitShare: 1, acceptShare: 0.9 });
});
afterAll(async () => {
  await browser?.close();
});


describe("insights", () => {
  test("the overview and a pillar page: every chart has its SVG and its data table, and says it is synthetic", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const path of [`/insights/${cycleId}`, `/insights/${cycleId}/pillars/2`]) {
      await page.goto(`${baseURL}${path}`);
      await expect(page.getByRole("note").filter({ hasText: "Synthetic demo data." })).toBeVisible();
      const figures = page.locator("figure.chart-figure");
      const count = await figures.count();
      expect(count).toBeGreaterThanOrEqual(5);
      for (let i = 0; i < count; i++) {
        const figure = figures.nth(i);
        await expect(figure.locator(".chart svg[role=img]")).toHaveCount(1);
        await expect(figure.locator("table")).toHaveCount(1);
        await expect(figure.locator(".chart-figure__meta")).toHaveText(/from \d+ States · data as of \w+/);
      }
    }
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("without JavaScript the charts are there too", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${baseURL}/insights/${cycleId}/pillars/1`);
    await expect(page.locator("figure.chart-figure .chart svg").first()).toBeVisible();
    await page.getByText("Show the data table").first().click();
    await expect(page.locator("figure.chart-figure table").first()).toBeVisible();
    await context.close();
  });

  test("a chart's CSV download matches its table", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseURL}/insights/${cycleId}/pillars/2`);
    const figure = page.locator("#chart-status-by-paragraph");
    await figure.getByText("Show the data table").click();
    const table = await figure.locator("table").evaluate((t) =>
      [...t.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent!.trim())),
    );
    const [download] = await Promise.all([page.waitForEvent("download"), figure.getByRole("link", { name: "Download the data (CSV)" }).click()]);
    const csv = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
    expect(csv[0]!.slice(1)).toEqual(table[0]!.slice(1));
    expect(csv.slice(1)).toEqual(table.slice(1));
    expect(csv.length).toBeGreaterThan(5);
    await context.close();
  });

  test("presentation mode moves with the arrow keys and the on-screen buttons", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseURL}/insights/${cycleId}/present`);
    // The arrow keys are JavaScript's: wait until the page is hydrated.
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Insights journey (synthetic)");
    await expect(page.locator(".presentation__count")).toHaveText(/^Slide 1 of \d+$/);
    await page.keyboard.press("ArrowRight");
    await expect(page.locator(".presentation__count")).toHaveText(/^Slide 2 of/);
    await expect(page.locator("figure.chart-figure .chart svg[role=img]")).toHaveCount(1);
    await hydrated(page);
    await page.keyboard.press("ArrowRight");
    await expect(page.locator(".presentation__count")).toHaveText(/^Slide 3 of/);
    await page.keyboard.press("ArrowLeft");
    await expect(page.locator(".presentation__count")).toHaveText(/^Slide 2 of/);
    await page.getByRole("link", { name: "Next slide" }).click();
    await expect(page.locator(".presentation__count")).toHaveText(/^Slide 3 of/);
    expect(context.errors).toEqual([]);
    await context.close();
  });
});
