import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, signIn } from "./session.ts";

// Synthetic accepted reports on the server's database, through the real workflow.
process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { listMemberStates } = await import("#app/states/member-states.server.ts");
const { getCycle } = await import("#app/reporting/reports.server.ts");
const { fillSyntheticCycle, syntheticUserId } = await import("#scripts/seed/synthetic.ts");

let browser: Browser;
let cycleId: number;
/** The French draft the autosave test wrote in (the accessibility test checks its pages). */
let frenchDraftUrl: string | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  const demo = (await getCycle(1))!;
  const actor = await syntheticUserId();
  cycleId = await createCycle(
    { title: "Drafting journey (synthetic)", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "pillars", pillars: [1] }, opensOn: "2026-01-01", deadline: "2026-06-30", status: "closed", synthetic: true },
    actor,
    null,
  );
  const states = (await listMemberStates("en")).map((s) => s.iso3).slice(0, 20);
  await fillSyntheticCycle({ cycle: (await getCycle(cycleId))!, states, seed: 5, actorUserId: actor, startShare: 1, submitShare: 1, acceptShare: 1 });
});
afterAll(async () => {
  await browser?.close();
});

async function audit(page: Page, path: string) {
  await page.goto(`${baseURL}${path}`);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.map((v) => `${path}: ${v.id} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

describe("drafting", () => {
  test("without JavaScript: generate a draft, open a sentence's sources, write the conclusions", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await signIn(context, "secretariat@example.org");
    await page.goto(`${baseURL}/drafting`);
    await page.getByLabel("Reporting cycle").selectOption(String(cycleId));
    await page.getByRole("button", { name: "Generate the draft" }).click();
    await page.waitForURL(/\/drafting\/\d+$/);
    await expect(page.getByRole("heading", { level: 2, name: "I. Introduction" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "II. Advancing crime prevention" })).toBeVisible();
    await expect(page.getByText("Of the 193 Member States, 20 (10 per cent) submitted a report.")).toBeVisible();

    // The sources of the first paragraph's status sentence: figures and the 20 answers behind them.
    await page.getByRole("region", { name: "Paragraph 21" }).getByRole("link", { name: "[sources]" }).first().click();
    await expect(page.getByRole("heading", { name: "Sources of a sentence" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Figures of the sentence" }).getByRole("row", { name: /States that reported on the paragraph 20 20/ })).toBeVisible();
    await expect(page.getByRole("table", { name: "Answers behind the figures (20)" })).toBeVisible();
    await page.goBack();

    await page.getByRole("link", { name: /^Edit “.*Conclusions”$/ }).click();
    await page.getByLabel("Text of the section").fill("The Commission may wish to consider the findings.\n\nA second paragraph.");
    await page.getByRole("button", { name: "Save the section" }).click();
    await page.waitForURL(/\/drafting\/\d+\?saved=\d+/);
    await expect(page.getByRole("status").filter({ hasText: "Section saved." })).toBeVisible();
    await expect(page.getByText("The Commission may wish to consider the findings.")).toBeVisible();
    await expect(page.getByText("A second paragraph.")).toBeVisible();
    await context.close();
  });

  test("a refused form keeps what was typed and says why, at the field and in the summary, with and without JavaScript", async () => {
    for (const javaScriptEnabled of [false, true]) {
      const context = await newContext(browser, { javaScriptEnabled });
      const page = await signIn(context, "secretariat@example.org");
      await page.goto(`${baseURL}/drafting`);
      if (javaScriptEnabled) await hydrated(page);
      await page.getByLabel("Reporting cycle").selectOption(String(cycleId));
      await page.getByRole("radio", { name: "Meeting pack" }).check();
      await page.getByLabel("Title (required for a meeting pack)").fill("Thirty-fifth session, typed before the error");
      await page.getByRole("button", { name: "Generate the draft" }).click();
      const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
      await expect(summary.getByRole("link", { name: /Date of the meeting/ })).toBeVisible();
      await expect(page.getByLabel("Date of the meeting")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Title (required for a meeting pack)")).toHaveValue("Thirty-fifth session, typed before the error");
      await expect(page.getByRole("radio", { name: "Meeting pack" })).toBeChecked();
      // Without JavaScript the refused form is the page itself, answered with 400 (the browser logs that status).
      expect(context.errors.filter((e) => javaScriptEnabled || !e.includes("status of 400"))).toEqual([]);
      await context.close();
    }
  });

  test("with JavaScript the section saves as you type; the DOCX downloads", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "secretariat@example.org");
    await page.goto(`${baseURL}/drafting`);
    await hydrated(page);
    await page.getByLabel("Reporting cycle").selectOption(String(cycleId));
    await page.getByLabel("Language of the draft").selectOption("fr");
    await page.getByRole("button", { name: "Generate the draft" }).click();
    await page.waitForURL(/\/drafting\/\d+$/);
    await expect(page.getByRole("heading", { level: 2, name: "I. Introduction" })).toBeVisible();
    const draftUrl = page.url();
    await page.getByRole("link", { name: /^Edit “.*Recommandations”$/ }).click();
    await hydrated(page);
    await page.getByLabel("Text of the section").fill("Recommendations typed with autosave.");
    await page.getByRole("status").filter({ hasText: /Saved at/ }).waitFor({ timeout: 10_000 });
    await page.goto(draftUrl);
    await expect(page.getByText("Recommendations typed with autosave.")).toBeVisible();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download DOCX (internal, with sources)" }).click()]);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe("PK");
    expect(download.suggestedFilename()).toMatch(/^draft-\d+-internal-fr\.docx$/);
    frenchDraftUrl = draftUrl;
    expect(context.errors).toEqual([]);
    await context.close();
  });

  // On its own, with three minutes: six axe runs take 3–5 s each on a quiet machine and several times that
  // when the machine is shared (with the autosave journey above they overran one test's minute).
  test("every drafting page passes the automated WCAG 2.1 AA checks", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "secretariat@example.org");
    let draftUrl = frenchDraftUrl;
    if (!draftUrl) {
      await page.goto(`${baseURL}/drafting`);
      await hydrated(page);
      await page.getByLabel("Reporting cycle").selectOption(String(cycleId));
      await page.getByRole("button", { name: "Generate the draft" }).click();
      await page.waitForURL(/\/drafting\/\d+$/);
      draftUrl = page.url();
    }
    const draftPath = new URL(draftUrl).pathname;
    await page.goto(draftUrl);
    const sourcesPath = new URL(await page.getByRole("link", { name: "[sources]" }).first().evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
    const editPath = new URL(await page.getByRole("link", { name: /^Edit “.*Conclusions”$/ }).evaluate((a) => (a as HTMLAnchorElement).href)).pathname;
    const violations = [];
    for (const path of ["/drafting", draftPath, sourcesPath, editPath, `${draftPath}/examples/21`, `${draftPath}/print?version=public`]) violations.push(...(await audit(page, path)));
    expect(violations).toEqual([]);
    expect(context.errors).toEqual([]);
    await context.close();
  }, 180_000);
});
