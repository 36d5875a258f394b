/**
 * Web-first assertions for playwright-core locators in Vitest: each one retries until the
 * page settles (up to 5 s, or `{ timeout }` in ms), like Playwright Test's own, so tests do not
 * race the browser.
 */
import type { Locator } from "playwright-core";
import { expect } from "vitest";

const TIMEOUT = 5_000;

interface Wait {
  timeout?: number;
}

async function poll(check: () => Promise<boolean>, isNot: boolean, wait: Wait = {}): Promise<boolean> {
  const deadline = Date.now() + (wait.timeout ?? TIMEOUT);
  for (;;) {
    let ok = false;
    try {
      ok = await check();
    } catch {
      ok = false;
    }
    if (ok !== isNot || Date.now() > deadline) return ok;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function matches(actual: string | null, expected: string | RegExp): boolean {
  if (actual === null) return false;
  return typeof expected === "string" ? actual.trim() === expected : expected.test(actual);
}

expect.extend({
  async toHaveText(locator: Locator, expected: string | RegExp, wait?: Wait) {
    let last: string | null = null;
    const pass = await poll(async () => matches((last = await locator.first().textContent({ timeout: 500 })), expected), Boolean(this.isNot), wait);
    return { pass, message: () => `expected ${String(locator)} ${this.isNot ? "not " : ""}to have text ${String(expected)}, got ${JSON.stringify(last)}` };
  },
  async toBeVisible(locator: Locator, wait?: Wait) {
    const pass = await poll(() => locator.first().isVisible(), Boolean(this.isNot), wait);
    return { pass, message: () => `expected ${String(locator)} ${this.isNot ? "not " : ""}to be visible` };
  },
  async toHaveAttribute(locator: Locator, name: string, expected: string | RegExp) {
    let last: string | null = null;
    const pass = await poll(async () => matches((last = await locator.first().getAttribute(name, { timeout: 500 })), expected), Boolean(this.isNot));
    return { pass, message: () => `expected ${String(locator)} ${this.isNot ? "not " : ""}to have ${name}=${String(expected)}, got ${JSON.stringify(last)}` };
  },
  async toHaveValue(locator: Locator, expected: string | RegExp) {
    let last: string | null = null;
    const pass = await poll(async () => matches((last = await locator.first().inputValue({ timeout: 500 })), expected), Boolean(this.isNot));
    return { pass, message: () => `expected ${String(locator)} ${this.isNot ? "not " : ""}to have value ${String(expected)}, got ${JSON.stringify(last)}` };
  },
  async toBeFocused(locator: Locator, wait?: Wait) {
    const pass = await poll(() => locator.first().evaluate((el) => el === document.activeElement, undefined, { timeout: 500 }), Boolean(this.isNot), wait);
    return { pass, message: () => `expected ${String(locator)} ${this.isNot ? "not " : ""}to have the keyboard focus` };
  },
  async toBeChecked(locator: Locator, wait?: Wait) {
    const pass = await poll(() => locator.first().isChecked({ timeout: 500 }), Boolean(this.isNot), wait);
    return { pass, message: () => `expected ${String(locator)} ${this.isNot ? "not " : ""}to be checked` };
  },
  async toHaveCount(locator: Locator, expected: number) {
    let last = -1;
    const pass = await poll(async () => (last = await locator.count()) === expected, Boolean(this.isNot));
    return { pass, message: () => `expected ${String(locator)} ${this.isNot ? "not " : ""}to have count ${expected}, got ${last}` };
  },
});

interface LocatorMatchers<R = unknown> {
  toHaveText(expected: string | RegExp, wait?: Wait): Promise<R>;
  toBeVisible(wait?: Wait): Promise<R>;
  toHaveAttribute(name: string, expected: string | RegExp): Promise<R>;
  toHaveCount(expected: number): Promise<R>;
  toBeFocused(wait?: Wait): Promise<R>;
  toBeChecked(wait?: Wait): Promise<R>;
  toHaveValue(expected: string | RegExp): Promise<R>;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T> extends LocatorMatchers<T> {}
}
