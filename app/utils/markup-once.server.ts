/**
 * Big server-drawn markup (chart SVGs) sent once per document: in the HTML, not again in the
 * route data that Remix serialises into the same HTML for hydration.
 *
 * The production server (server.ts) runs every request inside `runWithRequestStore`: a
 * document request (anything but a `.data` request of a client navigation) gets a store.
 * `sendOnce` then keeps the markup in the store and hands the loader a short reference
 * instead; entry.server.tsx gives the store to the components (`MarkupProvider`), which
 * render the markup from it; in the browser, hydration reads it back from the DOM
 * (`useMarkupOnce`, app/utils/markup-once.tsx). A `.data` request (client navigation),
 * or any request outside the production server (the development server, tests), gets the
 * markup in the data as before.
 *
 * The store lives on `globalThis` under a registered symbol: server.ts and the built app
 * (build/server/index.js) each load their own copy of this module, and must share it.
 */
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestStore {
  /** Markup by reference, for the document being rendered. */
  markup: Map<string, string>;
  /**
   * Set by the page cache (server/page-cache.ts) when it renders a signed-in page as a shared
   * template: the signed-in user's personal fields are replaced by these placeholders
   * (`getUser`, app/accounts/auth.server.ts), so the rendered page holds none of them.
   */
  userMask?: UserMask;
}

/** Placeholders for the personal fields of the signed-in user (letters and digits only). */
export interface UserMask {
  name: string;
  email: string;
  /** Replaces a non-null State (a null State stays null: the page's links depend on it). */
  stateIso3: string;
}

const KEY = Symbol.for("kyoto-reporting.request-store");
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<RequestStore> | undefined>;
const storage: AsyncLocalStorage<RequestStore> = (holder[KEY] ??= new AsyncLocalStorage<RequestStore>());

/** Runs `fn` (an Express `next`) with a store when the request will answer with a document. */
export function runWithRequestStore<T>(document: boolean, fn: () => T): T {
  return document ? storage.run({ markup: new Map() }, fn) : fn();
}

/** The user mask of this request, if the page cache set one. */
export function requestUserMask(): UserMask | undefined {
  return storage.getStore()?.userMask;
}

/** Renders this request as a shared template: the signed-in user's personal fields become `mask` (false outside a document request). */
export function setRequestUserMask(mask: UserMask): boolean {
  const store = storage.getStore();
  if (!store) return false;
  store.userMask = mask;
  return true;
}

/** The markup of this document's references (entry.server.tsx), or null outside a document request. */
export function documentMarkup(): Map<string, string> | null {
  return storage.getStore()?.markup ?? null;
}

/**
 * Markup for the route data: in a document request, `{ ref }` (the markup stays on the
 * server and goes into the HTML once); otherwise `{ markup }`.
 */
export function sendOnce<K extends string>(markup: Partial<Record<K, string>>): { markup: Partial<Record<K, string>>; ref?: Partial<Record<K, string>> } {
  const store = storage.getStore();
  if (!store) return { markup };
  const ref: Partial<Record<K, string>> = {};
  for (const [k, v] of Object.entries(markup) as [K, string | undefined][]) {
    if (v === undefined) continue;
    const r = `m${store.markup.size + 1}`;
    store.markup.set(r, v);
    ref[k] = r;
  }
  return { markup: {}, ref };
}
