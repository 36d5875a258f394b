/**
 * The reporting journey without a doubt (issue 14): nothing typed is lost whichever way the
 * user leaves a paragraph page, one save state, a malformed `?saved=` ignored.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, signIn } from "./session.ts";

// Scenes are set through the app's own model functions, on the server's database file.
process.env.DATABASE_PATH = inject("databasePath");
const { eq } = await import("drizzle-orm");
const { getDb } = await import("#db/client.ts");
const { users } = await import("#db/schema/index.ts");
const { upsertUser } = await import("#app/accounts/users.server.ts");
const { listCycles } = await import("#app/cycles/cycles.server.ts");
const { getAnswers, getCycle, getReportContext, openReport, saveAnswers, submitReport } = await import("#app/reporting/reports.server.ts");
const { findUserByEmail } = await import("#app/accounts/users.server.ts");
const { listOutbox } = await import("#app/mail/outbox.server.ts");
const { changeReportStatus } = await import("#app/review/review.server.ts");

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
      await hydrated(page); // leaving mid-hydration makes React log error #345
    }
    expect(context.errors).toEqual([]);
    await context.close();
  });
});

describe("receipts and the secretariat's inbox", () => {
  test("the focal point submits; the receipt e-mail goes out in each focal point's language; the inbox opens on what needs action, newest first", async () => {
    const cycle = (await listCycles()).find((c) => c.title === cycleTitle)!;
    // Kenya submitted first (through the model), Japan submits now (in the browser).
    const ken = (await findUserByEmail("focalpoint.ken@example.org"))!;
    const kenReport = await openReport((await getCycle(cycle.id))!, "KEN", ken.id, null);
    const kenCtx = (await getReportContext(kenReport))!;
    const stored = await getAnswers(kenReport);
    await saveAnswers(
      kenReport,
      ken.id,
      // A stage for each element of each paragraph (the cycle asks the current edition).
      kenCtx.paragraphs.flatMap((p) =>
        p.questions
          .filter((q) => q.key === "stage" || q.key.endsWith(".stage"))
          .map((question) => ({ question, paragraphRef: p.ref, value: "planned", baseRevision: stored.get(question.id)?.revision ?? 0 })),
      ),
      null,
    );
    await submitReport(kenReport, ken.id, crypto.randomUUID(), null);

    // A second focal point of Japan reads e-mails in French.
    const frId = await upsertUser({ email: "point.focal.jpn@example.org", name: "Aiko Tanaka", role: "focal_point", stateIso3: "JPN", passwordHash: null, language: "fr" });
    try {
      const context = await newContext(browser);
      const page = await signIn(context, "focalpoint.jpn@example.org");
      for (const ref of ["21", "22", "35"]) {
        await page.goto(`${reportUrl}/${ref}`);
        await hydrated(page);
        const operating = page.getByRole("radio", { name: "In operation", exact: true });
        await expect(operating.first()).toBeVisible();
        for (let i = 0; i < (await operating.count()); i++) await operating.nth(i).check();
        await page.getByRole("button", { name: "Save", exact: true }).click();
        await expect(page.locator(".autosave-status")).toHaveText(/^All changes saved/);
      }
      await page.goto(`${reportUrl}/check`);
      await page.getByRole("button", { name: "Submit the national report" }).click();
      await page.waitForURL(/\/check\?submitted=1$/);
      const number = (await page.getByTestId("receipt-number").textContent())!;
      const hash = (await page.getByTestId("content-hash").textContent())!;
      expect(number).toMatch(/^JPN-\d+-\d{5}$/);
      const reportId = reportUrl.split("/").at(-1)!;
      const receipts = (await listOutbox()).filter((m) => m.kind === "submission_receipt" && m.body.includes(hash));
      const french = receipts.find((m) => m.to === "point.focal.jpn@example.org")!;
      expect(french.language).toBe("fr");
      expect(french.subject).toBe(`Récépissé ${number} : rapport de Japon pour ${cycleTitle}`);
      expect(french.body).toContain(`Numéro de récépissé : ${number}`);
      expect(french.body).toContain(`/reports/${reportId}/print`);
      const english = receipts.find((m) => m.to === "focalpoint.jpn@example.org")!;
      expect(english.subject).toBe(`Receipt ${number}: report of Japan for ${cycleTitle}`);
      expect(context.errors.join("\n")).toBe("");
      await context.close();
    } finally {
      getDb().update(users).set({ disabledAt: new Date() }).where(eq(users.id, frId)).run();
    }

    // The inbox opens on "Needs action", newest submission first, with a count per status.
    const sec = await newContext(browser);
    const secretariat = await signIn(sec, "secretariat@example.org");
    await secretariat.goto(`${baseURL}/review?cycle=${cycle.id}`);
    const views = secretariat.getByRole("navigation", { name: "Views of the inbox" });
    await expect(views.getByRole("link", { name: "Needs action (2)" })).toHaveAttribute("aria-current", "page");
    await expect(views.getByRole("link", { name: "All Member States (193)" })).toBeVisible();
    await expect(views.getByRole("link", { name: /^Not started \(19[01]\)$/ })).toBeVisible();
    const rows = secretariat.locator("#remind-form tbody tr");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveText(/Japan/);
    await expect(rows.nth(1)).toHaveText(/Kenya/);
    // The full list is one click away.
    await views.getByRole("link", { name: "All Member States (193)" }).click();
    await expect(rows).toHaveCount(193);
    expect(sec.errors).toEqual([]);
    await sec.close();
  });
});

describe("a readable history", () => {
  test("sentences in the reader's language, answers as labels, no JSON or event keys, filters by paragraph and person", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "focalpoint.jpn@example.org");
    await page.goto(`${reportUrl}/history`);
    const list = page.locator(".history-list");
    await expect(list.getByText(/Demo focal point, Japan submitted the report\./).first()).toBeVisible();
    await expect(list.getByText(/changed the answer to “Develop and implement crime prevention strategies .+: At what stage is this action in your country\?” \(paragraph 21\)\./).first()).toBeVisible();
    // Answer values are their labels.
    await expect(list.locator("dd", { hasText: /^In operation$/ }).first()).toBeVisible();
    const text = (await list.textContent()) ?? "";
    expect(text).not.toMatch(/in_operation|[{[]"|report\.submitted|answer\.changed/);
    // By paragraph, then by person.
    await page.getByLabel("Paragraph", { exact: true }).selectOption("22");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/paragraph=22/);
    await expect(list.getByText(/\(paragraph 21\)/)).toHaveCount(0);
    await expect(list.getByText(/\(paragraph 22\)/).first()).toBeVisible();
    await page.getByLabel("Person").selectOption("Demo contributor, Japan");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/person=/);
    await expect(list.getByText(/Demo focal point, Japan/)).toHaveCount(0);
    await expect(list.getByText(/Demo contributor, Japan changed the answer to “Describe the measures taken/).first()).toBeVisible();
    // In Arabic.
    await page.goto(`${reportUrl}/history?paragraph=21`);
    await page.getByRole("button", { name: "العربية" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(list.getByText(/غيّر .* الإجابة عن «/).first()).toBeVisible();
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    expect(context.errors).toEqual([]);
    await context.close();
  });
});

describe("phones", () => {
  test("no page scrolls sideways at 390 px, and the header menu opens without JavaScript", async () => {
    const shots = "/tmp/shots/h14";
    await import("node:fs").then((fs) => fs.mkdirSync(shots, { recursive: true }));
    const cycle = (await listCycles()).find((c) => c.title === cycleTitle)!;
    const reportId = reportUrl.split("/").at(-1)!;
    const sideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };

    const fp = await newContext(browser, phone);
    const focal = await signIn(fp, "focalpoint.jpn@example.org");
    const sec = await newContext(browser, phone);
    const secretariat = await signIn(sec, "secretariat@example.org");
    const pages: [string, Page, string][] = [
      ["task-list", focal, reportUrl],
      ["paragraph", focal, `${reportUrl}/21`],
      ["check", focal, `${reportUrl}/check`],
      ["review-inbox", secretariat, `${baseURL}/review?cycle=${cycle.id}`],
      ["review-inbox-all", secretariat, `${baseURL}/review?cycle=${cycle.id}&status=all`],
      ["review", secretariat, `${baseURL}/review/${reportId}`],
      ["insights", secretariat, `${baseURL}/insights`],
      ["insights-cycle", secretariat, `${baseURL}/insights/${cycle.id}`],
      ["insights-pillar", secretariat, `${baseURL}/insights/${cycle.id}/pillars/2`],
    ];
    // The insights of this cycle need completed reviews: Japan's and Kenya's.
    const secId = (await findUserByEmail("secretariat@example.org"))!.id;
    for (const iso3 of ["JPN", "KEN"]) {
      const row = (await getReportContext(Number(reportId)))!;
      const id = iso3 === "JPN" ? row.report.id : (await openReport((await getCycle(cycle.id))!, "KEN", secId, null));
      await changeReportStatus(id, "accept", secId, null);
    }
    for (const [name, page, url] of pages) {
      const response = await page.goto(url);
      expect(response?.status(), name).toBe(200);
      await page.screenshot({ path: `${shots}/${name}-390.png`, fullPage: false });
      expect(await sideways(page), `${name} scrolls sideways`).toBe(0);
    }
    await fp.close();
    await sec.close();

    // Without JavaScript the menu is a <details>: it opens and its links work.
    const noJs = await newContext(browser, { ...phone, javaScriptEnabled: false });
    const plain = await signIn(noJs, "focalpoint.jpn@example.org");
    await plain.goto(`${reportUrl}/21`);
    await expect(plain.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" })).toHaveCount(0);
    await plain.getByText("Menu", { exact: true }).click();
    await plain.screenshot({ path: `${shots}/menu-open-390.png` });
    await plain.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Insights" }).click();
    await plain.waitForURL(/\/insights$/);
    expect(await sideways(plain)).toBe(0);
    await noJs.close();
  });
});
