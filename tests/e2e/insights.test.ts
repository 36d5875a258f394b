import fs from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { launchBrowser, newContext } from "./browser.ts";
import { baseURL, hydrated, signIn } from "./session.ts";
import { parseCsv } from "#tests/setup/csv.ts";

// Synthetic accepted reports on the server's database, through the real workflow.
process.env.DATABASE_PATH = inject("databasePath");
const { createCycle } = await import("#app/cycles/cycles.server.ts");
const { listMemberStates } = await import("#app/states/member-states.server.ts");
const { getCycle } = await import("#app/reporting/reports.server.ts");
const { fillSyntheticCycle, syntheticUserId } = await import("#scripts/seed/synthetic.ts");
const { listCycleReports } = await import("#app/review/review.server.ts");
const { createInvitation } = await import("#app/accounts/invitations.server.ts");
const { createSession } = await import("#app/accounts/sessions.server.ts");
const { serializeSessionCookie } = await import("#app/accounts/session-cookie.server.ts");

let browser: Browser;
/** Screenshots for a person to read (tests/.tmp/shots, not committed). */
const shotsDir = fileURLToPath(new URL("../.tmp/shots/", import.meta.url));
fs.mkdirSync(shotsDir, { recursive: true });
const shot = (name: string) => `${shotsDir}${name}`;
/** A text that contains `s`, for toHaveText. */
const containing = (s: string) => new RegExp(s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
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
        await expect(figure.locator(".chart--wide svg[role=img]")).toHaveCount(1);
        await expect(figure.locator(".chart--wide svg[role=img]")).toBeVisible();
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

  test("signed in, each drawing travels once (in the HTML, not again in the route data); hydration keeps it; a client navigation draws the next page; the public never gets the secretariat's charts", async () => {
    const context = await newContext(browser);
    const page = await signIn(context, "secretariat@example.org");
    const url = `${baseURL}/insights/${cycleId}`;
    const html = await (await page.request.get(url)).text();
    // Raw, or escaped in a script (\u003c, \\u003c): every copy of a drawing's opening tag.
    const copies = (html.match(/(?:<|\\u003c|\\\\u003c)svg\b/gi) ?? []).length;
    await page.goto(url);
    await hydrated(page);
    const drawn = await page.locator("figure.chart-figure .chart svg").count();
    expect(drawn).toBeGreaterThanOrEqual(10);
    expect(copies).toBe(drawn);
    expect(await page.locator(".chart--wide svg[role=img]").first().isVisible()).toBe(true);
    // A client navigation: the pillar's drawings come in its data.
    await page.getByRole("link", { name: /^I\. / }).first().click();
    await page.waitForURL(/\/pillars\/1$/);
    await expect(page.locator("h1")).toHaveText(/^I\. /);
    await expect(page.locator(".chart--wide svg[role=img]").first()).toBeVisible();
    expect(await page.locator("figure.chart-figure .chart svg").count()).toBeGreaterThanOrEqual(5);
    // Disclosure per audience: the secretariat's drawing (every cell shown) has just been made
    // and cached; the public's, asked for next, is its own.
    const svgUrl = `${baseURL}/insights/${cycleId}/download?page=overview&chart=status-by-pillar&format=svg`;
    const secretariatSvg = await (await page.request.get(svgUrl)).text();
    expect(secretariatSvg).toContain("Secretariat view: every cell is shown");
    const publicSvg = await (await fetch(svgUrl)).text();
    expect(publicSvg).not.toContain("Secretariat view");
    expect(publicSvg).toMatch(/fewer\s*(<[^>]*>\s*)*than/);
    const publicPage = await (await fetch(url)).text();
    expect(publicPage).not.toContain("Secretariat view");
    expect(publicPage).not.toContain("You are signed in for the secretariat");
    expect(context.errors).toEqual([]);
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
    // The table prints "30% (3)" where the CSV has a share (one decimal) and a count; "hidden" in both.
    const rows = table.slice(1);
    expect(rows.length).toBeGreaterThan(5);
    for (const [i, row] of rows.entries()) {
      const line = csv[i + 1]!;
      expect(line[0]).toBe(row[0]);
      expect(line[1]).toBe(row[1]);
      row.slice(2).forEach((cell, k) => {
        const [share, states] = [line[2 + 2 * k]!, line[3 + 2 * k]!];
        if (cell === "hidden") return expect([share, states]).toEqual(["hidden", "hidden"]);
        const m = /^(\d+)%\s*\((\d+)\)$/.exec(cell);
        expect(m, cell).not.toBeNull();
        expect(Math.round(Number(share))).toBe(Number(m![1]));
        expect(states).toBe(m![2]);
      });
    }
    // The methodology note travels with the data.
    expect(csv.flat().join(" ")).toContain("Every submitted report counts");
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

  /** The rendered size (CSS px) of the smallest chart text on screen, from the SVG's scale. */
  const smallestChartText = (root: Locator) =>
    root.evaluateAll((svgs) =>
      Math.min(
        ...svgs
          .filter((svg) => (svg as SVGSVGElement).getBoundingClientRect().width > 0)
          .flatMap((svg) => {
            const box = svg.getBoundingClientRect();
            const vb = (svg as SVGSVGElement).viewBox.baseVal;
            const scale = Math.min(box.width / vb.width, box.height / vb.height);
            return [...svg.querySelectorAll("text")].map((t) => Number(t.getAttribute("font-size")) * scale);
          }),
      ),
    );

  for (const lng of ["en", "ar", "zh"]) {
    test(`a 390 px phone (${lng}): nothing scrolls sideways, the phone drawing shows, chart text at least 14 px`, async () => {
      const context = await newContext(browser, { viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      for (const path of [`/insights/${cycleId}`, `/insights/${cycleId}/pillars/1`, `/insights/${cycleId}/paragraphs/35`, "/insights/good-practices?q=GP&cycle=1"]) {
        await page.goto(`${baseURL}${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
        if (path.includes("good-practices")) continue;
        expect(await page.locator(".chart--wide").first().isVisible()).toBe(false);
        await expect(page.locator(".chart--narrow svg").first()).toBeVisible();
        expect(await smallestChartText(page.locator(".chart--narrow svg"))).toBeGreaterThanOrEqual(13.9);
        // Every drawing fits the screen.
        const widest = await page.locator(".chart--narrow svg").evaluateAll((svgs) => Math.max(...svgs.map((s) => s.getBoundingClientRect().right)));
        expect(widest).toBeLessThanOrEqual(390);
      }
      expect(context.errors).toEqual([]);
      await context.close();
    });
  }

  test("in Arabic the charts are mirrored: row labels on the right of the bars", async () => {
    const context = await newContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseURL}/insights/${cycleId}/pillars/1?lng=ar`);
    const chart = page.locator("#chart-status-by-paragraph .chart--wide svg");
    const [svgBox, labels, bars] = await chart.evaluate((svg) => {
      const b = svg.getBoundingClientRect();
      const lefts = (sel: string) => [...svg.querySelectorAll(sel)].map((e) => e.getBoundingClientRect().left);
      return [{ left: b.left, width: b.width }, lefts("text.chart-label"), lefts("rect[height]:not([x='0'])")];
    });
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels) expect(l).toBeGreaterThan(svgBox.left + svgBox.width / 2);
    expect(Math.min(...bars)).toBeLessThan(svgBox.left + svgBox.width / 2);
    await context.close();
  });

  test("the meeting room at 1920 × 1080: chart text at least 24 px, no web furniture, every pillar and paragraph has slides, the language switch keeps the slide", async () => {
    const context = await newContext(browser, { viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${baseURL}/insights/${cycleId}/present?pillar=2&slide=2`);
    const total = Number((await page.locator(".presentation__count").textContent())!.match(/of (\d+)/)![1]);
    // The pillar's charts, then each paragraph of the pillar in scope with its own charts.
    expect(total).toBeGreaterThan(10);
    const slide = page.locator(".presentation__slide");
    for (const n of [2, 3, 4, total]) {
      await page.goto(`${baseURL}/insights/${cycleId}/present?pillar=2&slide=${n}`);
      if ((await slide.locator("svg").count()) === 0) continue;
      expect(await smallestChartText(slide.locator("svg")), `slide ${n}`).toBeGreaterThanOrEqual(24);
      await expect(slide.getByText("Show the data table")).toHaveCount(0);
      await expect(slide.getByRole("link")).toHaveCount(0);
      await expect(slide.locator(".language-switcher")).toHaveCount(0);
    }
    await page.goto(`${baseURL}/insights/${cycleId}/present?pillar=2`);
    const sections = await page.evaluate(async (base) => {
      const found: string[] = [];
      for (let n = 2; n <= 200; n++) {
        const html = await (await fetch(`${base}&slide=${n}`)).text();
        const m = html.match(/class="presentation__title"><h2>([^<]+)</);
        if (m) found.push(m[1]!);
        if (html.includes('rel="next"') === false) break;
      }
      return found;
    }, `${baseURL}/insights/${cycleId}/present?pillar=2`);
    expect(sections).toContain("Paragraph 35");
    // Switch the room to French on slide 4: still slide 4.
    await page.goto(`${baseURL}/insights/${cycleId}/present?pillar=2&slide=4`);
    await page.locator(".presentation__menu summary", { hasText: "Language" }).click();
    await page.getByRole("button", { name: "Français" }).click();
    await expect(page.locator(".presentation__count")).toHaveText(/^Diapositive 4 sur/);
    expect(new URL(page.url()).searchParams.get("slide")).toBe("4");
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("the meeting room at 1366 × 768: nothing overflows the screen on any chart slide", async () => {
    const context = await newContext(browser, { viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    for (let n = 1; n <= 8; n++) {
      await page.goto(`${baseURL}/insights/${cycleId}/present?pillar=2&slide=${n}`);
      const o = await page.evaluate(() => {
        const svg = document.querySelector(".presentation__slide svg");
        const r = svg?.getBoundingClientRect();
        return { x: document.documentElement.scrollWidth - innerWidth, y: document.documentElement.scrollHeight - innerHeight, bottom: r ? r.bottom - innerHeight : 0, right: r ? r.right - innerWidth : 0 };
      });
      expect(o, `slide ${n}`).toEqual({ x: 0, y: 0, bottom: expect.toSatisfy((v: number) => v <= 0), right: expect.toSatisfy((v: number) => v <= 0) });
    }
    await context.close();
  });

  test("a public page is served from memory until a new report is counted, then shows it; HTTP caching headers; a fresh CSP nonce each time", async () => {
    const url = `${baseURL}/insights/${cycleId}`;
    await (await fetch(url)).text();
    const cached = await fetch(url);
    const body = await cached.text();
    expect(cached.headers.get("x-page-cache")).toBe("hit");
    expect(cached.headers.get("cache-control")).toBe("public, max-age=60, stale-while-revalidate=600");
    expect(cached.headers.get("vary")).toMatch(/Cookie/);
    const etag = cached.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"/);
    const notModified = await fetch(url, { headers: { "If-None-Match": etag } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("content-security-policy")).toBeNull();
    // Each answer has its own nonce, in the body and in the CSP header alike.
    const again = await fetch(url);
    const nonce = /nonce="([^"]+)"/.exec(await again.text())![1]!;
    expect(nonce).not.toBe(/nonce="([^"]+)"/.exec(body)![1]);
    expect(again.headers.get("content-security-policy")).toContain(`'nonce-${nonce}'`);

    const count = (html: string) => Number(/Built from the (\d+) national report/.exec(html)![1]);
    const before = count(body);
    // One more State reports and its report is accepted: the next request renders afresh.
    const states = (await listMemberStates("en")).map((s) => s.iso3).slice(40, 41);
    await fillSyntheticCycle({ cycle: (await getCycle(cycleId))!, states, seed: 5, actorUserId: await syntheticUserId(), startShare: 1, submitShare: 1, acceptShare: 1 });
    // The server notices the change within a second and may already have rendered the page
    // again in the background (then this is a hit on the new copy): what a reader sees is the
    // new count under a new ETag, whichever request rendered it.
    const fresh = await fetch(url);
    expect(fresh.headers.get("etag")).not.toBe(etag);
    expect(count(await fresh.text())).toBe(before + 1);
    expect((await fetch(url, { headers: { "If-None-Match": etag } })).status).toBe(200);

    // Signed in: never stored by a browser or a proxy (and never the public's copy).
    const context = await newContext(browser);
    const page = await signIn(context, "secretariat@example.org");
    const signedIn = await page.request.get(url);
    expect(signedIn.headers()["cache-control"]).toBe("no-store");
    expect(signedIn.headers()["etag"]).toBeUndefined();
    expect(await signedIn.text()).toContain("You are signed in for the secretariat");
    await context.close();
  });

  test("signed in, pages come from one copy per role: each user sees their own name (markup in it too) after hydration, a Member State user never gets the secretariat's figures, and a newly counted report changes the page", async () => {
    const url = `${baseURL}/insights/${cycleId}`;
    const count = (html: string) => Number(/Built from the (\d+) national report/.exec(html)![1]);
    // The secretariat's copy is made first.
    const secretariat = await newContext(browser);
    const sec = await signIn(secretariat, "secretariat@example.org");
    await sec.request.get(url);
    const secCached = await sec.request.get(url);
    expect(secCached.headers()["x-page-cache"]).toBe("hit");
    expect(secCached.headers()["cache-control"]).toBe("no-store");
    const secHtml = await secCached.text();
    expect(secHtml).toContain("You are signed in for the secretariat");
    const before = count(secHtml);

    // Two users of Member States, with names that need escaping in HTML and in the route data.
    const actor = await syntheticUserId();
    const stamp = Date.now();
    const members = [
      { name: `Zoë "Cache" O'Brien <b>&amp;</b> </script><script>alert(1)</script>`, state: "KEN" },
      { name: `Ngozi \\ Okafor & Ünal`, state: "BRA" },
    ];
    const contexts = [];
    for (const [i, m] of members.entries()) {
      const { userId } = await createInvitation({ email: `h28-cache-${i}-${stamp}@example.org`, name: m.name, role: "focal_point", stateIso3: m.state, language: "en", invitedBy: actor, ip: null });
      const context = await newContext(browser);
      // Signed in as the sign-in form would (the cookie as the server writes it).
      const cookie = (await serializeSessionCookie(new Request(baseURL), await createSession(userId))).split(";")[0]!;
      const [cookieName, ...value] = cookie.split("=");
      await context.addCookies([{ name: cookieName!, value: value.join("="), url: baseURL }]);
      contexts.push(context);
      const page = await context.newPage();
      const response = await page.goto(url);
      expect(response!.headers()["x-page-cache"]).toBe("hit");
      await hydrated(page);
      // After hydration the header still shows the name: the route data carried it intact.
      await expect(page.locator(".site-header__user")).toHaveText(m.name);
      await expect(page.getByRole("link", { name: `Your account (${m.name})` })).toBeVisible();
      const html = await (await page.request.get(url)).text();
      expect(html).toContain("You are signed in as a user of a Member State");
      expect(html).not.toContain("You are signed in for the secretariat");
      expect(html).not.toContain("Secretariat view");
      for (const other of members) if (other !== m) expect(html).not.toContain(other.name.split(" ")[0]);
      expect(count(html)).toBe(before);
      expect(context.errors).toEqual([]);
    }

    // One more State's report is counted: both copies are made again and show it.
    const states = (await listMemberStates("en")).map((s) => s.iso3).slice(41, 42);
    await fillSyntheticCycle({ cycle: (await getCycle(cycleId))!, states, seed: 7, actorUserId: actor, startShare: 1, submitShare: 1, acceptShare: 1 });
    expect(count(await (await sec.request.get(url)).text())).toBe(before + 1);
    const member = await contexts[0]!.newPage();
    await member.goto(url);
    await expect(member.locator("p.lead")).toHaveText(containing(`Built from the ${before + 1} national reports`));
    await expect(member.locator(".site-header__user")).toHaveText(members[0]!.name);
    expect(await member.content()).not.toContain("You are signed in for the secretariat");
    expect(secretariat.errors).toEqual([]);
    for (const c of contexts) await c.close();
    await secretariat.close();
  });

  /** What a slide shows past the screen's edges (0 when nothing overflows). */
  const slideOverflow = (page: Page) =>
    page.evaluate(() => {
      const svg = document.querySelector(".presentation__slide svg");
      const r = svg?.getBoundingClientRect();
      return {
        x: document.documentElement.scrollWidth - innerWidth,
        y: document.documentElement.scrollHeight - innerHeight,
        bottom: Math.max(0, r ? r.bottom - innerHeight : 0),
        right: Math.max(0, r ? r.right - innerWidth : 0),
      };
    });
  const noOverflow = { x: 0, y: 0, bottom: 0, right: 0 };
  /** Text compared across wrapping: the drawing breaks lines at spaces and after hyphens. */
  const squeezed = (s: string) => s.replace(/\s+/g, "");

  test("the standards and instruments in the meeting room at 1920 × 1080: the page's Present link opens their deck; every question of the page is on a slide, in order, with its full label and its n; each pillar's chart cut into parts ('1 of N') with text at least 24 px; nothing overflows; no web furniture; the language switch keeps the slide", async () => {
    const context = await newContext(browser, { viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${baseURL}/insights/${cycleId}/standards`);
    // The page's data tables: each question's full label and its n (States that answered).
    const onPage = await page.locator("figure.chart-figure tbody tr").evaluateAll((trs) => trs.map((tr) => ({ label: tr.querySelector("th")!.textContent!.trim(), n: tr.querySelector("td")!.textContent!.trim() })));
    expect(onPage.length).toBeGreaterThan(20);
    await page.getByRole("navigation", { name: "Insights" }).getByRole("link", { name: "Presentation mode" }).click();
    await page.waitForURL(/\/present\?view=standards$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Insights journey (synthetic)");
    await expect(page.locator(".presentation__subtitle").first()).toHaveText("Standards and instruments");
    const total = Number((await page.locator(".presentation__count").textContent())!.match(/of (\d+)/)![1]);
    const slide = page.locator(".presentation__slide");
    const labels: string[] = [];
    const values: string[] = [];
    const titles: string[] = [];
    for (let n = 1; n <= total; n++) {
      await page.goto(`${baseURL}/insights/${cycleId}/present?view=standards&slide=${n}`);
      expect(await slideOverflow(page), `slide ${n}`).toEqual(noOverflow);
      await expect(page.getByRole("banner")).toHaveCount(0);
      await expect(page.getByRole("contentinfo")).toHaveCount(0);
      await expect(slide.getByRole("link")).toHaveCount(0);
      await expect(slide.locator(".language-switcher")).toHaveCount(0);
      if (n === 1) continue;
      await expect(slide.locator("svg[role=img]")).toHaveCount(1);
      await expect(slide.getByText("Show the data table")).toHaveCount(0);
      await expect(slide.locator("table")).toHaveCount(0);
      titles.push((await slide.getByRole("heading", { level: 2 }).textContent())!);
      expect(await smallestChartText(slide.locator("svg")), `slide ${n}`).toBeGreaterThanOrEqual(24);
      // The slide's own text (section, title, summary, source line) too.
      const htmlText = await slide.evaluate((el) => Math.min(...[...el.querySelectorAll("h2, p")].map((e) => parseFloat(getComputedStyle(e).fontSize))));
      expect(htmlText, `slide ${n}`).toBeGreaterThanOrEqual(24);
      labels.push((await slide.locator("svg text.chart-label").allTextContents()).join(" "));
      values.push(...(await slide.locator("svg text.chart-value").allTextContents()));
      if (n === 2) await page.screenshot({ path: shot("present-standards-1920-slide2.png") });
      if (n === total) await page.screenshot({ path: shot("present-standards-1920-last.png") });
    }
    // Every question, in the page's order, with its whole label (never "22 · Evidence-based…") and its n.
    expect(squeezed(labels.join(""))).toBe(squeezed(onPage.map((r) => r.label).join("")));
    expect(values).toEqual(onPage.map((r) => `n = ${r.n}`));
    // More slides than charts: each pillar's chart is cut into numbered parts.
    expect(titles.length).toBeGreaterThan(2);
    expect(titles[0]).toMatch(/^Standards and instruments: I\. .+ \(1 of ([2-9]|\d\d)\)$/);
    expect(titles.at(-1)).toMatch(/^Standards and instruments: II\. .+ \((\d+) of \1\)$/);
    // Switch the room to French on slide 3: still slide 3 of the standards.
    await page.goto(`${baseURL}/insights/${cycleId}/present?view=standards&slide=3`);
    await page.locator(".presentation__menu summary", { hasText: "Language" }).click();
    await page.getByRole("button", { name: "Français" }).click();
    // (French labels are longer: the deck may have more parts than in English.)
    await expect(page.locator(".presentation__count")).toHaveText(/^Diapositive 3 sur \d+$/);
    expect(new URL(page.url()).searchParams.get("view")).toBe("standards");
    await expect(slide.getByRole("heading", { level: 2 })).toHaveText(/^Normes et instruments : /);
    await page.getByRole("link", { name: "Quitter la présentation" }).click();
    await page.waitForURL(/\/standards(\?|$)/);
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("the navigation's Presentation mode link opens the deck of the page it is on: a pillar's, a paragraph's, the overview's", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    for (const [path, subtitle] of [
      [`/insights/${cycleId}/pillars/2`, /^II\. /],
      [`/insights/${cycleId}/paragraphs/35`, /^Paragraph 35$/],
    ] as const) {
      await page.goto(`${baseURL}${path}`);
      await page.getByRole("navigation", { name: "Insights" }).getByRole("link", { name: "Presentation mode" }).click();
      await page.waitForURL(/\/present\?/);
      await expect(page.locator(".presentation__subtitle").first()).toHaveText(subtitle);
      // Leaving the presentation goes back to that page.
      await page.getByRole("link", { name: "Leave the presentation" }).click();
      await page.waitForURL(`${baseURL}${path}`);
    }
    await page.goto(`${baseURL}/insights/${cycleId}`);
    await page.getByRole("navigation", { name: "Insights" }).getByRole("link", { name: "Presentation mode" }).click();
    await page.waitForURL(/\/present$/);
    await expect(page.locator(".presentation__subtitle").first()).toHaveText(/^\d+ States have reported$/);
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("the standards and instruments in the meeting room at 1366 × 768: nothing overflows the screen on any slide", async () => {
    const context = await newContext(browser, { viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${baseURL}/insights/${cycleId}/present?view=standards`);
    const total = Number((await page.locator(".presentation__count").textContent())!.match(/of (\d+)/)![1]);
    expect(total).toBeGreaterThan(3);
    for (let n = 1; n <= total; n++) {
      await page.goto(`${baseURL}/insights/${cycleId}/present?view=standards&slide=${n}`);
      if (n > 1) await expect(page.locator(".presentation__slide svg[role=img]")).toHaveCount(1);
      expect(await slideOverflow(page), `slide ${n}`).toEqual(noOverflow);
      if (n === 2) await page.screenshot({ path: shot("present-standards-1366-slide2.png") });
      if (n === total) await page.screenshot({ path: shot("present-standards-1366-last.png") });
    }
    await context.close();
  });

  test("signed out, the respondents page lists the States that reported by regional group, sorted, with 'n of N'; its CSV has the same States; the standards page charts the yes/no questions pillar by pillar", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${baseURL}/insights/${cycleId}`);
    await page.getByRole("navigation", { name: "Insights" }).getByRole("link", { name: "States that reported" }).click();
    await page.waitForURL(/\/respondents$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("States that reported");
    const counted = (await listCycleReports(cycleId, "en")).filter((r) => r.reportId && r.status !== "in_progress" && !r.excluded);
    await expect(page.locator("p.lead")).toHaveText(containing(`${counted.length} of 193 Member States submitted a report that counts`));
    const african = page.getByRole("region", { name: "African States" });
    const expected = counted.filter((r) => r.regionalGroup === "african").map((r) => r.name).sort(new Intl.Collator("en").compare);
    await expect(african.locator("p.muted")).toHaveText(`${expected.length} of 54 States in the group`);
    expect(await african.getByRole("listitem").allTextContents()).toEqual(expected);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download the list (CSV)" }).click()]);
    const csv = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
    expect(csv[0]).toEqual(["Regional group", "State", "ISO 3166 code"]);
    expect(csv.filter((l) => l[0] === "African States").map((l) => l[1])).toEqual(expected);
    // The methodology note of every insights page links here.
    await page.goto(`${baseURL}/insights/${cycleId}/pillars/1`);
    await expect(page.getByRole("region", { name: "How these figures are made" }).getByRole("link", { name: "Which States are counted: the respondents by regional group" })).toBeVisible();

    await page.getByRole("navigation", { name: "Insights" }).getByRole("link", { name: "Standards and instruments" }).click();
    await page.waitForURL(/\/standards$/);
    const figures = page.locator("figure.chart-figure");
    expect(await figures.count()).toBeGreaterThanOrEqual(2);
    await expect(figures.first().getByRole("heading")).toHaveText(/^Standards and instruments: I\. /);
    await expect(figures.first().locator(".chart--wide svg[role=img]")).toHaveCount(1);
    await expect(figures.first().locator("table")).toHaveCount(1);
    expect(context.errors).toEqual([]);
    await context.close();
  });

  test("the secretariat excludes a report as a test, with a confirmation: the public overview counts one State fewer and says why; including it again puts it back", async () => {
    const url = `${baseURL}/insights/${cycleId}`;
    const count = (html: string) => Number(/Built from the (\d+) national report/.exec(html)![1]);
    // Warm the page cache: the exclusion must make it render afresh.
    await (await fetch(url)).text();
    const before = count(await (await fetch(url)).text());
    const report = (await listCycleReports(cycleId, "en")).find((r) => r.reportId && !r.excluded && r.status === "accepted")!;

    const context = await newContext(browser);
    const page = await signIn(context, "secretariat@example.org");
    await page.goto(`${baseURL}/review/${report.reportId}`);
    await hydrated(page);
    const panel = page.getByRole("region", { name: "Counting in the insights" });
    await expect(panel).toHaveText(containing("This report counts in the insights"));
    await panel.getByRole("link", { name: "Exclude from the insights…" }).click();
    // The confirmation step says what excluding does, and a reason is required.
    await expect(panel).toHaveText(containing("Excluding does not reject the report or change it"));
    await panel.getByRole("button", { name: "Exclude from the insights" }).click();
    await expect(page.getByRole("alert")).toHaveText(containing("Choose why the report is excluded."));
    await panel.getByRole("radio", { name: "A test submission" }).check();
    await panel.getByRole("button", { name: "Exclude from the insights" }).click();
    await expect(panel.getByRole("status")).toHaveText("The report is excluded from the insights. Public pages show the change at once.");
    await expect(panel).toHaveText(containing("Excluded from the insights"));
    await page.goto(`${baseURL}/review?cycle=${cycleId}&status=all`);
    await expect(page.getByRole("row").filter({ hasText: report.name })).toHaveText(containing("Excluded from the insights"));

    // Signed out: one State fewer, and the methodology note says how many were excluded and why.
    const visitor = await newContext(browser);
    const pub = await visitor.newPage();
    await pub.goto(url);
    await expect(pub.locator("p.lead")).toHaveText(containing(`Built from the ${before - 1} national reports`));
    await expect(pub.getByRole("region", { name: "How these figures are made" })).toHaveText(containing("1 report excluded (test)"));

    // Undo: include it again, with a reason.
    await hydrated(page);
    await page.goto(`${baseURL}/review/${report.reportId}`);
    await hydrated(page);
    await panel.getByRole("link", { name: "Include in the insights again…" }).click();
    await panel.getByRole("textbox", { name: "Why include it again?" }).fill("Checked with the mission: a real report.");
    await panel.getByRole("button", { name: "Include in the insights again" }).click();
    await expect(panel.getByRole("status")).toHaveText("The report counts in the insights again.");
    // A new visitor (a browser may keep the page a minute: max-age=60) sees it counted again.
    const later = await newContext(browser);
    const pub2 = await later.newPage();
    await pub2.goto(url);
    await expect(pub2.locator("p.lead")).toHaveText(containing(`Built from the ${before} national reports`));
    await expect(pub2.getByRole("region", { name: "How these figures are made" })).toHaveText(containing("0 reports excluded"));
    expect(context.errors).toEqual([]);
    expect(visitor.errors).toEqual([]);
    expect(later.errors).toEqual([]);
    await later.close();
    await visitor.close();
    await context.close();
  });
});
