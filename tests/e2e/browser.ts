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
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext & { errors: string[]; javaScriptEnabled: boolean }> {
  const context = (await browser.newContext({ locale: "en-GB", ...options })) as BrowserContext & { errors: string[]; javaScriptEnabled: boolean };
  context.errors = [];
  // For helpers that must know whether a page will hydrate (session.ts signIn).
  context.javaScriptEnabled = options.javaScriptEnabled !== false;
  context.on("page", (page) => {
    // KNOWN, UNRESOLVED: React 18's error #345 ("Root did not complete") is thrown now and then
    // since the strings load per namespace (ADR 009); the page hydrates and works afterwards.
    // Mostly a document left mid-hydration (the sign-in helper now waits for hydration first,
    // session.ts), but a clean-clone run of 2026-12-02 saw it during client navigations too
    // (journey "a bad link, then Next", not-applicable with JavaScript), so it stays forgiven
    // everywhere, printed, and named in the closing note; every other page error still fails
    // the test.
    page.on("pageerror", (e) => {
      if (/Minified React error #345\b/.test(e.message)) {
        console.warn(`[known flake] ${page.url()}: React error #345`);
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
