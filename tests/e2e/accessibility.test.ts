import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, signIn } from "./session.ts";

// A submitted and accepted report and a cycle with insights, set up through the models.
process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { listMemberStates } = await import("#app/states/member-states.server.ts");
const { getCycle, openReport } = await import("#app/reporting/reports.server.ts");
const { findUserByEmail } = await import("#app/accounts/users.server.ts");
const { fillSyntheticCycle, syntheticUserId } = await import("#scripts/seed/synthetic.ts");

let browser: Browser;
let cycleId: number;
let japanReport: number;
let reviewReport: number;

beforeAll(async () => {
  browser = await launchBrowser();
  const demo = (await getCycle(1))!;
  const actor = await syntheticUserId();
  cycleId = await createCycle(
    { title: "Accessibility cycle", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "themes", themes: [9, 15] }, opensOn: "2026-01-01", deadline: "2026-12-31", status: "open", synthetic: true },
    actor,
    null,
  );
  const states = (await listMemberStates("en")).map((s) => s.iso3).filter((s) => s !== "JPN").slice(0, 12);
  await fillSyntheticCycle({ cycle: (await getCycle(cycleId))!, states, seed: 11, actorUserId: actor, startShare: 1, submitShare: 1, acceptShare: 0.8 });
  const fp = (await findUserByEmail("focalpoint.jpn@example.org"))!;
  japanReport = await openReport((await getCycle(cycleId))!, "JPN", fp.id, null);
  const { acceptedReports } = await import("#app/insights/aggregates.server.ts");
  reviewReport = (await acceptedReports([cycleId]))[0]!.id;
});
afterAll(async () => {
  await browser?.close();
});

async function audit(page: Page, path: string) {
  await page.goto(`${baseURL}${path}`);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${path}: ${v.id} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function inLanguage(context: BrowserContext, lang: string) {
  const page = await context.newPage();
  await page.goto(`${baseURL}/`);
  if (lang !== "en") {
    const names: Record<string, string> = { ar: "العربية", fr: "Français" };
    await page.getByRole("button", { name: names[lang]! }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
  }
  return page;
}

// axe takes 3–12 s a page on a loaded 2-core machine: eight pages do not fit the default minute.
const AXE_TIMEOUT = 180_000;

describe.each(["en", "ar"])("WCAG 2.1 A and AA (axe) in %s", (lang) => {
  test("public pages", { timeout: AXE_TIMEOUT }, async () => {
    const context = await newContext(browser);
    const page = await inLanguage(context, lang);
    const violations = [];
    for (const path of ["/", "/declarations/kyoto-2021", "/declarations/kyoto-2021/35", "/login", `/insights/${cycleId}`, `/insights/${cycleId}/pillars/2`, `/insights/${cycleId}/present?slide=2`, "/insights/good-practices"]) {
      violations.push(...(await audit(page, path)));
    }
    expect(violations).toEqual([]);
    await context.close();
  });

  test("the focal point's pages, with a validation error shown", { timeout: AXE_TIMEOUT }, async () => {
    const context = await newContext(browser);
    await inLanguage(context, lang);
    const page = await signIn(context, "focalpoint.jpn@example.org");
    const violations = [...(await audit(page, `/reports/${japanReport}`)), ...(await audit(page, `/reports/${japanReport}/check`))];
    await page.goto(`${baseURL}/reports/${japanReport}/35`);
    await page.locator("textarea[name=evidence]").fill("not a web address");
    await page.locator("button[value=save]").click();
    await expect(page.locator(".error-summary")).toBeVisible();
    const withError = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    violations.push(...withError.violations.map((v) => `paragraph form with errors: ${v.id}`));
    expect(violations).toEqual([]);
    await context.close();
  });

  test("the secretariat's pages", { timeout: AXE_TIMEOUT }, async () => {
    const context = await newContext(browser);
    await inLanguage(context, lang);
    const page = await signIn(context, "secretariat@example.org");
    const violations = [...(await audit(page, `/review?cycle=${cycleId}`)), ...(await audit(page, `/review/${reviewReport}`)), ...(await audit(page, "/cycles/new"))];
    expect(violations).toEqual([]);
    await context.close();
  });
});
