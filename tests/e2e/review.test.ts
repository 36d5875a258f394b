import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, signIn } from "./session.ts";

// The test sets its scene through the app's own model functions, on the server's database file.
process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { getAnswers, getCycle, getReportContext, openReport, saveAnswers, submitReport } = await import("#app/reporting/reports.server.ts");
const { findUserByEmail } = await import("#app/accounts/users.server.ts");
const { listOutbox } = await import("#app/mail/outbox.server.ts");

const INJECTION = '=HYPERLINK("http://evil.example","click")';
let browser: Browser;
let reportId: number;
let cycleId: number;

beforeAll(async () => {
  browser = await launchBrowser();
  const fp = (await findUserByEmail("focalpoint.jpn@example.org"))!;
  const demo = (await getCycle(1))!;
  cycleId = await createCycle(
    { title: `Review journey ${Date.now()}`, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21", "35"] }, opensOn: "2026-01-01", deadline: "2027-01-31", status: "open" },
    fp.id,
    null,
  );
  reportId = await openReport((await getCycle(cycleId))!, "JPN", fp.id, null);
  const ctx = (await getReportContext(reportId))!;
  // Japan may have submitted an earlier cycle in this run: its answers prefill this report.
  const stored = await getAnswers(reportId);
  const q = (ref: string, key: string) => {
    const question = ctx.paragraphs.find((p) => p.ref === ref)!.questions.find((x) => x.key === key)!;
    return { question, paragraphRef: ref, baseRevision: stored.get(question.id)?.revision ?? 0 };
  };
  await saveAnswers(
    reportId,
    fp.id,
    [
      { ...q("21", "status"), value: "in_progress" },
      { ...q("21", "description"), value: "A strategy on root causes.", disclosure: "public" },
      { ...q("35", "status"), value: "planned" },
      { ...q("35", "good_practice"), value: INJECTION, disclosure: "public" },
    ],
    null,
  );
  await submitReport(reportId, fp.id, crypto.randomUUID(), null);
});
afterAll(async () => {
  await browser?.close();
});

describe("secretariat review", () => {
  test("clarification on one answer, the State answers and resubmits, the secretariat sees the change and completes the review", async () => {
    const sec = await newContext(browser);
    const secretariat = await signIn(sec, "secretariat@example.org");
    await secretariat.goto(`${baseURL}/review?cycle=${cycleId}&q=japan`);
    await hydrated(secretariat);
    await expect(secretariat.getByRole("row", { name: /Japan/ }).getByText("Submitted")).toBeVisible();
    await secretariat.getByRole("link", { name: "Japan" }).click();
    await secretariat.waitForURL(`${baseURL}/review/${reportId}`);
    await hydrated(secretariat);
    const answer = secretariat.locator(`[id="a-kyoto-2021.p21.description"]`);
    await answer.getByText("Comment on this answer").click();
    await answer.getByLabel("Your comment or question").fill("Please give the year the strategy was adopted.");
    await answer.getByRole("button", { name: "Send", exact: true }).click();
    await expect(answer.getByText("Please give the year the strategy was adopted.")).toBeVisible();
    await secretariat.getByRole("button", { name: /Request clarification \(1 open question\)/ }).click();
    await expect(secretariat.getByText("Clarification requested").first()).toBeVisible();
    // The clarification e-mail links straight to the question.
    const clarification = (await listOutbox()).find((m) => m.kind === "clarification" && m.language === "en" && m.body.includes(`/reports/${reportId}/`));
    expect(clarification?.body).toContain(`/reports/${reportId}/21#q-description`);
    expect(clarification?.body).toContain("Paragraph 21: Describe the measures taken");

    const jpn = await newContext(browser);
    const focal = await signIn(jpn, "focalpoint.jpn@example.org");
    await focal.goto(`${baseURL}/reports/${reportId}`);
    await hydrated(focal);
    await expect(focal.getByRole("note").filter({ hasText: /asks for clarification: 1 open question/ })).toBeVisible();
    await focal.getByRole("link", { name: "Paragraph 21", exact: true }).click();
    await expect(focal.getByText("Please give the year the strategy was adopted.")).toBeVisible();
    await focal.getByLabel(/Describe the measures taken/).fill("A strategy on root causes, adopted in 2022.");
    await focal.getByRole("button", { name: "Save", exact: true }).click();
    await expect(focal.getByRole("status").filter({ hasText: /All changes saved at/ })).toBeVisible();
    await focal.getByLabel("Reply").fill("Adopted in 2022; the answer now says so.");
    await focal.getByRole("button", { name: "Send the reply" }).click();
    // The reply waits for the page's pending save before it is sent: see it posted before leaving.
    await expect(focal.getByText("Adopted in 2022; the answer now says so.")).toBeVisible();
    await focal.goto(`${baseURL}/reports/${reportId}/check`);
    await hydrated(focal);
    await expect(focal.getByRole("heading", { name: "Report submitted" })).toHaveCount(0);
    await focal.getByRole("button", { name: "Submit the national report" }).click();
    await focal.waitForURL(/\/check\?submitted=1$/);
    await hydrated(focal);
    await expect(focal.getByRole("heading", { name: "Report submitted" })).toBeVisible();

    await secretariat.goto(`${baseURL}/review/${reportId}`);
    await hydrated(secretariat);
    await expect(secretariat.getByRole("heading", { name: "1 answer changed since the previous submission" })).toBeVisible();
    await expect(secretariat.locator(".diff__before")).toHaveText("A strategy on root causes.");
    await expect(secretariat.locator(".diff__after")).toHaveText("A strategy on root causes, adopted in 2022.");
    await expect(secretariat.getByText("Adopted in 2022; the answer now says so.")).toBeVisible();
    // Review complete is a confirmation step that lists the open thread and wants a reason for it.
    await secretariat.getByRole("link", { name: "Review complete…" }).click();
    const confirm = secretariat.getByRole("region", { name: "Complete the review?" });
    await expect(confirm.getByText("1 question to the State is still open:")).toBeVisible();
    await expect(confirm.getByRole("link", { name: /21 — Describe the measures taken/ })).toHaveAttribute("href", "#a-kyoto-2021.p21.description");
    await confirm.getByRole("button", { name: "Confirm: review complete" }).click();
    await expect(secretariat.getByRole("alert").filter({ hasText: "Say why the review is complete while questions are still open" })).toBeVisible();
    await expect(secretariat.locator(".tag").filter({ hasText: "Review complete" })).toHaveCount(0);
    await secretariat.getByLabel("Why complete the review with questions still open?").fill("The reply answers the question; the thread stays for the record.");
    await secretariat.getByRole("button", { name: "Confirm: review complete" }).click();
    await expect(secretariat.locator(".tag").filter({ hasText: "Review complete" })).toBeVisible();
    const done = (await listOutbox()).find((m) => m.kind === "review_complete" && m.language === "en" && m.body.includes(`/reports/${reportId}`));
    expect(done?.subject).toMatch(/^Review complete: report of Japan for Review journey/);
    // The audit trail shows every status change.
    await secretariat.goto(`${baseURL}/reports/${reportId}/history`);
    await hydrated(secretariat);
    for (const sentence of [/Demo focal point, Japan submitted the report\./, /asked the State for clarification\./, /completed the review\./, /asked a question on “Describe the measures taken/, /replied on “Describe the measures taken/]) {
      await expect(secretariat.getByText(sentence).first()).toBeVisible();
    }
    await expect(secretariat.getByText("Reason: The reply answers the question; the thread stays for the record.")).toBeVisible();
    // The one refused confirmation (no reason given) answered 400 on purpose.
    expect(sec.errors.filter((e) => !e.includes("400")), sec.errors.join("\n")).toEqual([]);
    // The focal point's explicit Save can cross a pending autosave on a slow machine; the browser
    // logs the refused request ("Failed to load resource: … 409") though the page handles it.
    // Script errors and every other console error still fail the test.
    const jpnErrors = jpn.errors.filter((e) => !/Failed to load resource: the server responded with a status of 409/.test(e));
    expect(jpnErrors, jpn.errors.join("\n")).toEqual([]);
    await sec.close();
    await jpn.close();
  });

  test("the XLSX export downloads, reads back, and a formula-injection answer comes out inert", async () => {
    const sec = await newContext(browser);
    const page = await signIn(sec, "secretariat@example.org");
    await page.goto(`${baseURL}/review?cycle=${cycleId}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the cycle's answers \(XLSX\)/ }).click()]);
    const file = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Pillar I", "Pillar II", "Codebook"]);
    const sheet = workbook.getWorksheet("Pillar II")!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = [];
    for (let r = 2; r <= sheet.rowCount; r++) rows.push(sheet.getRow(r));
    const injected = rows.find((row) => row.getCell(col("question_id")).value === "kyoto-2021.p35.good_practice")!;
    expect(injected.getCell(col("state_iso3")).value).toBe("JPN");
    const cell = injected.getCell(col("answer"));
    expect(cell.value).toBe(`'${INJECTION}`);
    expect(cell.formula).toBeUndefined();
    const codebook = workbook.getWorksheet("Codebook")!;
    expect(codebook.getRow(2).getCell(1).value).toBe("kyoto-2021.p21.status");

    const csv = await page.request.get(`${baseURL}/review/export?cycle=${cycleId}&format=csv`);
    const text = await csv.text();
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    await sec.close();
  });
});
