import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, signIn } from "./session.ts";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("light pages for slow links", () => {
  test("everything a questionnaire page loads (HTML, CSS, JS), compressed, is under 165 KB; assets are cached for a year", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "focalpoint.jpn@example.org");
    await page.goto(`${baseURL}/reports`);
    const card = page.locator(".card").first();
    const start = card.getByRole("button", { name: "Start the report" });
    if (await start.count()) await start.click();
    else await card.getByRole("link", { name: "Open the report" }).click();
    await page.waitForURL(/\/reports\/\d+$/);
    const url = `${page.url()}/35`;

    // A fresh page with an empty cache, measured by what crossed the wire.
    const fresh = await context.newPage();
    const cdp = await context.newCDPSession(fresh);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const sizes = new Map<string, number>();
    const urls = new Map<string, string>();
    cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
    cdp.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
    const headers: Record<string, string> = {};
    fresh.on("response", (r) => {
      if (r.url().includes("/assets/")) headers[r.url()] = r.headers()["cache-control"] ?? "";
    });
    const response = await fresh.goto(url, { waitUntil: "networkidle" });
    expect(response?.headers()["content-encoding"]).toMatch(/^(br|gzip)$/);
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    const kb = total / 1024;
    console.log(`questionnaire page: ${kb.toFixed(1)} KB over the wire in ${sizes.size} responses`);
    // The budget follows the measured weight: it was 150 KB, then loosened to 165 KB and to
    // 190 KB as the page gained the consent choice, confirm-unchanged, not-applicable, facts,
    // records, rankings and the hand-over, and as strings came per namespace (ADR 009); the
    // hand-over took it to 190.8 KB. Then the comment form dropped conform's client (9.5 KB
    // gz) and the header stopped loading the whole "drafting" namespace for one link: 175.5 KB
    // in 52 responses. Then the pages stopped carrying i18next (their own 1 KB translator) and
    // the browser's code went through terser: 154.4 KB in 49 responses (2026-12-02). 165 KB
    // leaves room for noise, not for another library. The JavaScript target (110 KB gz,
    // `npm run bench:bundle`, issue 15) is checked there.
    expect(kb).toBeLessThan(165);
    expect(Object.keys(headers).length).toBeGreaterThan(0);
    for (const value of Object.values(headers)) expect(value).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
    await context.close();
  });
});
