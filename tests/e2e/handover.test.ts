/**
 * A contributor hands over and the focal point sees it (issue 14, finding 3): Uruguay's
 * contributor marks paragraph 21 ready on its page; Uruguay's focal point, who reads in Spanish,
 * sees it on the task list with who and when; `npm run mail:digest` sends the focal point one
 * digest in Spanish, which the outbox shows, and never twice; a later change by the contributor
 * clears the mark, and the focal point sees that too.
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, DEMO_PASSWORD, hydrated, lastMailTo, signIn } from "./session.ts";

process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { getCycle, openReport } = await import("#app/reporting/reports.server.ts");
const { upsertUser } = await import("#app/accounts/users.server.ts");
const { hashPassword } = await import("#app/accounts/password.server.ts");
const { workOf } = await import("#app/reporting/handover.server.ts");

const ROOT = path.resolve(import.meta.dirname, "../..");
const CONTRIBUTOR = { email: "colaboradora.ury@example.org", name: "Lucía Pereira" };
const FOCAL = { email: "punto.focal.ury@example.org", name: "Martín Rodríguez" };
const cycleTitle = `Hand-over journey ${Date.now()}`;

let browser: Browser;
let reportId: number;

/** `npm run mail:digest` against the server's database, as an operator would run it; its JSON lines. */
function runDigest(): { to: string; language: string; paragraphs: number; reports: number[] }[] {
  const out = execFileSync(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/mail-digest.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: inject("databasePath"), MAIL_DIR: inject("mailDir"), PUBLIC_URL: baseURL },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return out
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { to: string; language: string; paragraphs: number; reports: number[] });
}

/** The date and time as the page writes them (Intl, UTC) in `lang`. */
const when = (at: Date, lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(at);

/** A paragraph's row on the task list, found by its link. */
const taskRow = (page: Page, name: string) => page.getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) });

beforeAll(async () => {
  browser = await launchBrowser();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await upsertUser({ ...CONTRIBUTOR, role: "contributor", stateIso3: "URY", passwordHash, language: "en" });
  const focalId = await upsertUser({ ...FOCAL, role: "focal_point", stateIso3: "URY", passwordHash, language: "es" });
  const demo = (await getCycle(1))!;
  const cycleId = await createCycle(
    { title: cycleTitle, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21", "22"] }, opensOn: "2026-01-01", deadline: "2027-06-30", status: "open" },
    focalId,
    null,
  );
  reportId = await openReport((await getCycle(cycleId))!, "URY", focalId, null);
});
afterAll(async () => {
  await browser?.close();
});

describe("a contributor hands over and the focal point sees it", () => {
  test("ready on the task list with who and when, one digest in the focal point's language, cleared by a later change", async () => {
    const reportUrl = `${baseURL}/reports/${reportId}`;

    // The contributor answers paragraph 21 and marks it ready from its page.
    const cc = await newContext(browser);
    const contributor = await signIn(cc, CONTRIBUTOR.email);
    await contributor.goto(`${reportUrl}/21`);
    await hydrated(contributor);
    await contributor.getByRole("radio", { name: "Largely implemented" }).check();
    await contributor.getByLabel(/Describe the measures taken/).fill("Community mediation desks in every department.");
    await contributor.getByRole("button", { name: "Mark paragraph 21 ready for the focal point" }).click();
    await contributor.waitForURL(/\/21\?ready=1$/);
    await hydrated(contributor);
    await expect(contributor.getByText("Paragraphs marked ready for the focal point: 1.")).toBeVisible();
    // What was typed before the click was saved first.
    await expect(contributor.getByLabel(/Describe the measures taken/)).toHaveValue("Community mediation desks in every department.");
    await expect(contributor.getByRole("button", { name: "Paragraph 21 is not ready after all" })).toBeVisible();
    const readyAt = workOf(reportId).get("21")!.readyAt!;

    // The focal point (Spanish) sees it on the task list: ready, by whom, when; paragraph 22 is not.
    const fc = await newContext(browser, { locale: "es-ES" });
    const focal = await signIn(fc, FOCAL.email);
    await focal.goto(reportUrl);
    await hydrated(focal);
    const row21 = taskRow(focal, "Párrafo 21");
    await expect(row21.getByText("Listo para el punto focal", { exact: true })).toBeVisible();
    await expect(row21.getByText(`Marcado como listo por ${CONTRIBUTOR.name} el ${when(readyAt, "es")}`)).toBeVisible();
    await expect(row21.getByText(`Últimas modificaciones: ${CONTRIBUTOR.name}`)).toBeVisible();
    await expect(taskRow(focal, "Párrafo 22").getByText("Listo para el punto focal")).toHaveCount(0);

    // The daily digest, sent now: one e-mail to Uruguay's focal point, in Spanish; never twice.
    const sent = runDigest().filter((d) => d.to === FOCAL.email);
    expect(sent).toEqual([expect.objectContaining({ language: "es", paragraphs: 1, reports: [reportId] })]);
    expect(runDigest().filter((d) => d.to === FOCAL.email)).toEqual([]);
    const mail = lastMailTo(FOCAL.email)!;
    expect(mail.kind).toBe("handover_digest");
    expect(mail.subject).toBe("Uruguay: párrafos listos para usted (1)");
    expect(mail.body).toContain(`Estimado/a ${FOCAL.name}:`);
    expect(mail.body).toContain(`Párrafo 21 (${cycleTitle}): marcado como listo por ${CONTRIBUTOR.name} el ${when(readyAt, "es")}`);
    expect(mail.body).toContain(`${reportUrl}/21`);
    // The administrator reads it in the outbox.
    const ac = await newContext(browser);
    const admin = await signIn(ac, "admin@example.org");
    await admin.goto(`${baseURL}/outbox`);
    const article = admin.getByRole("article").filter({ has: admin.getByRole("heading", { name: "Uruguay: párrafos listos para usted (1)" }) });
    await expect(article).toHaveCount(1);
    await expect(article.getByText(new RegExp(`${FOCAL.email.replace(/\./g, "\\.")}.*handover_digest`))).toBeVisible();
    await expect(article.getByText(/Párrafo 21 \(/)).toBeVisible();
    expect(ac.errors).toEqual([]);
    await ac.close();

    // A later change by the contributor clears the mark.
    await contributor.getByLabel(/Describe the measures taken/).fill("Community mediation desks in every department, and a hotline.");
    await contributor.getByRole("button", { name: "Save", exact: true }).click();
    await expect(contributor.locator(".autosave-status")).toHaveText(/^All changes saved/);
    const changedAt = workOf(reportId).get("21")!.changedAfterReadyAt!;
    await contributor.goto(`${reportUrl}/21`);
    await hydrated(contributor);
    await expect(contributor.getByRole("button", { name: "Mark paragraph 21 ready for the focal point" })).toBeVisible();
    expect(cc.errors).toEqual([]);
    await cc.close();

    await focal.reload();
    await hydrated(focal);
    await expect(row21.getByText("Listo para el punto focal", { exact: true })).toHaveCount(0);
    await expect(row21.getByText(`Modificado por ${CONTRIBUTOR.name} el ${when(changedAt, "es")} después de que ${CONTRIBUTOR.name} lo marcara como listo: ya no está marcado como listo`)).toBeVisible();
    // Nothing is ready now, so no digest goes out.
    expect(runDigest().filter((d) => d.to === FOCAL.email)).toEqual([]);
    expect(fc.errors).toEqual([]);
    await fc.close();
  });
});
