/**
 * Phones (issue 14, finding 10), in a 390 px wide Chromium: no page of the reporting journey
 * scrolls sideways, in English and in Arabic (right to left); wide tables scroll inside their own
 * box or stack; the header's links fold into a menu that opens, and whose links work, with the
 * keyboard and without JavaScript. Screenshots go to SHOTS_DIR (default: a folder in the system's
 * temporary directory) for a person to look at; the assertions do not depend on them.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, signIn } from "./session.ts";

// The scene is set through the app's own model functions, on the server's database file.
process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { findUserByEmail } = await import("#app/accounts/users.server.ts");
const { getAnswers, getCycle, getReportContext, openReport, saveAnswers, submitReport } = await import("#app/reporting/reports.server.ts");
const { changeReportStatus } = await import("#app/review/review.server.ts");

const SHOTS = process.env.SHOTS_DIR ?? path.join(os.tmpdir(), "kyoto-shots");
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const cycleTitle = `Phone cycle ${Date.now()}`;
// A long answer with an unbroken address in it: it must wrap, never widen the page.
const LONG_TEXT =
  "Community mediation desks in every prefecture, described at https://www.moj.go.jp/content/001234567/kyoto-declaration-follow-up-community-mediation-desks-evaluation-report-2026.pdf and in the annual crime prevention white paper.";

let browser: Browser;
let cycleId: number;
let jpnReport: number;

/** Answers every paragraph of a report (status, and a long description) through the model. */
async function answerAll(reportId: number, userId: number) {
  const ctx = (await getReportContext(reportId))!;
  const stored = await getAnswers(reportId);
  await saveAnswers(
    reportId,
    userId,
    ctx.paragraphs.flatMap((p) => {
      const status = p.questions.find((q) => q.key === "status")!;
      const description = p.questions.find((q) => q.key === "description")!;
      return [
        { question: status, paragraphRef: p.ref, value: "largely_implemented", baseRevision: stored.get(status.id)?.revision ?? 0 },
        { question: description, paragraphRef: p.ref, value: LONG_TEXT, baseRevision: stored.get(description.id)?.revision ?? 0 },
      ];
    }),
    null,
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  fs.mkdirSync(SHOTS, { recursive: true });
  const sec = (await findUserByEmail("secretariat@example.org"))!;
  const demo = (await getCycle(1))!;
  cycleId = await createCycle(
    { title: cycleTitle, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21", "22", "35"] }, opensOn: "2026-01-01", deadline: "2027-06-30", status: "open" },
    sec.id,
    null,
  );
  const cycle = (await getCycle(cycleId))!;
  // Japan has submitted and waits for review; Kenya's and Brazil's reviews are complete (so the insights count them).
  for (const iso3 of ["JPN", "KEN", "BRA"]) {
    const focal = (await findUserByEmail(`focalpoint.${iso3.toLowerCase()}@example.org`))!;
    const id = await openReport(cycle, iso3, focal.id, null);
    await answerAll(id, focal.id);
    await submitReport(id, focal.id, crypto.randomUUID(), null);
    if (iso3 === "JPN") jpnReport = id;
    else await changeReportStatus(id, "accept", sec.id, null);
  }
});
afterAll(async () => {
  await browser?.close();
});

/** How far the page scrolls sideways: the scrolling element's width beyond its visible width. */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    return root.scrollWidth - root.clientWidth;
  });

/** Choose a language with the header's switcher, as a person would. */
async function chooseLanguage(page: Page, name: string, lang: string) {
  await page.getByRole("button", { name, exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

describe("a 390 px phone", () => {
  for (const [lng, languageName, dir] of [
    ["en", "English", "ltr"],
    ["ar", "العربية", "rtl"],
  ] as const) {
    test(`(${lng}) no page of the journey scrolls sideways; the rates table scrolls in its own box, the inbox rows stack`, async () => {
      const contexts: Awaited<ReturnType<typeof newContext>>[] = [];
      const open = async (email: string) => {
        const context = await newContext(browser, PHONE);
        contexts.push(context);
        const page = await signIn(context, email);
        if (lng !== "en") await chooseLanguage(page, languageName, lng);
        return page;
      };
      const focal = await open("focalpoint.jpn@example.org");
      const secretariat = await open("secretariat@example.org");
      const reportUrl = `${baseURL}/reports/${jpnReport}`;
      const pages: [string, Page, string][] = [
        ["task-list", focal, reportUrl],
        ["paragraph", focal, `${reportUrl}/21`],
        ["check", focal, `${reportUrl}/check`],
        ["history", focal, `${reportUrl}/history`],
        ["review-inbox", secretariat, `${baseURL}/review?cycle=${cycleId}`],
        ["review-inbox-all", secretariat, `${baseURL}/review?cycle=${cycleId}&status=all`],
        ["review", secretariat, `${baseURL}/review/${jpnReport}`],
        ["insights", secretariat, `${baseURL}/insights`],
        ["insights-cycle", secretariat, `${baseURL}/insights/${cycleId}`],
        ["insights-pillar", secretariat, `${baseURL}/insights/${cycleId}/pillars/2`],
        ["insights-paragraph", secretariat, `${baseURL}/insights/${cycleId}/paragraphs/21`],
        ["insights-good-practices", secretariat, `${baseURL}/insights/good-practices`],
      ];
      for (const [name, page, url] of pages) {
        const response = await page.goto(url);
        expect(response?.status(), name).toBe(200);
        await expect(page.locator("html")).toHaveAttribute("dir", dir);
        await hydrated(page);
        await page.screenshot({ path: path.join(SHOTS, `h14-${name}-${lng}-390.png`) });
        expect(await sideways(page), `${name} (${lng}) scrolls sideways`).toBeLessThanOrEqual(0);
      }

      // The inbox: the response-rates table is wider than the phone, and scrolls inside its own
      // box (a named region the keyboard reaches); the list of States stacks, each row as wide as the page.
      const inbox = secretariat;
      await inbox.goto(`${baseURL}/review?cycle=${cycleId}&status=all`);
      await hydrated(inbox);
      const rates = inbox.locator(".table-scroll").first();
      await expect(rates).toHaveAttribute("role", "region");
      await expect(rates).toHaveAttribute("tabindex", "0");
      expect(await rates.evaluate((el) => el.scrollWidth > el.clientWidth), "the rates table is wider than its box").toBe(true);
      await rates.screenshot({ path: path.join(SHOTS, `h14-rates-table-${lng}-390.png`) });
      const row = inbox.locator("#remind-form tbody tr").first();
      await row.scrollIntoViewIfNeeded();
      const box = (await row.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await inbox.screenshot({ path: path.join(SHOTS, `h14-inbox-rows-${lng}-390.png`) });
      expect(await sideways(inbox)).toBeLessThanOrEqual(0);

      for (const context of contexts) {
        expect(context.errors).toEqual([]);
        await context.close();
      }
    });
  }

  test("without JavaScript the header menu opens with the keyboard, its links work, and in Arabic it opens on the left", async () => {
    const context = await newContext(browser, { ...PHONE, javaScriptEnabled: false });
    const page = await signIn(context, "focalpoint.jpn@example.org");
    await page.goto(`${baseURL}/reports/${jpnReport}`);
    const menu = page.locator("details.site-menu");
    const button = menu.locator("summary");
    const main = page.getByRole("navigation", { name: "Main" });
    // Folded: no header links, only the menu button.
    await expect(button).toBeVisible();
    await expect(button).toHaveText("Menu");
    await expect(main).toHaveCount(0);

    // The keyboard reaches the button (after the skip link and the site's name), with a visible focus ring.
    for (let i = 0; i < 4 && !(await button.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(button).toBeFocused();
    expect(await button.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe("solid");
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("open", "");
    await expect.poll(() => main.getByRole("link").allTextContents()).toEqual(["Declarations", "Insights", "Our reports", "Drafting", "Users"]);
    const panel = (await main.boundingBox())!;
    expect(panel.x).toBeGreaterThanOrEqual(0);
    expect(panel.x + panel.width).toBeLessThanOrEqual(390);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, "h14-menu-open-en-390.png") });
    // Tab into the menu and follow a link with Enter.
    await page.keyboard.press("Tab");
    await expect(main.getByRole("link", { name: "Declarations" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/insights$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // The new page starts with the menu folded; a click opens it and its links work.
    await expect(menu).not.toHaveAttribute("open", "");
    await button.click();
    await main.getByRole("link", { name: "Our reports" }).click();
    await page.waitForURL(/\/reports$/);

    // In Arabic the button is at the left and the panel opens from there, inside the screen.
    await chooseLanguage(page, "العربية", "ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    const arButton = (await button.boundingBox())!;
    expect(arButton.x).toBeLessThan(195);
    await button.click();
    const arMain = page.locator(".site-menu__nav");
    const arPanel = (await page.locator(".site-menu__nav").boundingBox())!;
    expect(arPanel.x).toBeGreaterThanOrEqual(0);
    expect(arPanel.x + arPanel.width).toBeLessThanOrEqual(390);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, "h14-menu-open-ar-390.png") });
    await arMain.getByRole("link").nth(1).click();
    await page.waitForURL(/\/insights$/);
    await chooseLanguage(page, "English", "en");
    await context.close();
  });

  test("with JavaScript the menu folds again after a link is followed, and Escape closes it with focus back on its button", async () => {
    const context = await newContext(browser, PHONE);
    const page = await signIn(context, "focalpoint.jpn@example.org");
    await page.goto(`${baseURL}/reports`);
    await hydrated(page);
    const menu = page.locator("details.site-menu");
    const button = menu.locator("summary");
    const main = page.getByRole("navigation", { name: "Main" });
    await button.click();
    await expect(menu).toHaveAttribute("open", "");
    await main.getByRole("link", { name: "Insights" }).click();
    await page.waitForURL(/\/insights$/);
    await expect(menu).not.toHaveAttribute("open", "");
    await expect(main).toHaveCount(0);

    await button.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("open", "");
    await page.keyboard.press("Tab");
    await expect(main.getByRole("link", { name: "Declarations" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).not.toHaveAttribute("open", "");
    await expect(button).toBeFocused();
    expect(context.errors).toEqual([]);
    await context.close();
  });
});
