import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";

/** Debian's Chromium, headless, with the flags this machine needs (see README). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** A context whose pages fail the test on any uncaught page error or console error. */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext & { errors: string[] }> {
  const context = (await browser.newContext({ locale: "en-GB", ...options })) as BrowserContext & { errors: string[] };
  context.errors = [];
  context.on("page", (page) => {
    // When a loaded document is left (a link followed, a form posted before hydration ended, a
    // goto) while it is still hydrating, React 18 throws error #345 ("Root did not complete")
    // as the document is torn down. Nobody sees that document any more, so between such a
    // navigation and the next document's load event that one error is printed, not counted;
    // #345 at any other time (a page's first hydration included), and every other page error,
    // fails the test.
    let loaded = false;
    let leaving = false;
    page.on("request", (request) => {
      if (!request.isNavigationRequest() || request.frame() !== page.mainFrame()) return;
      if (loaded) leaving = true;
      loaded = false;
    });
    page.on("load", () => {
      loaded = page.url() !== "about:blank";
      leaving = false;
    });
    page.on("pageerror", (e) => {
      if (leaving && /Minified React error #345\b/.test(e.message)) {
        console.warn(`[left mid-hydration] ${page.url()}: React error #345`);
        return;
      }
      context.errors.push(`pageerror: ${e.message}`);
    });
    page.on("console", (m) => {
      if (m.type() === "error") context.errors.push(`console.error: ${m.text()}`);
    });
  });
  return context;
}
