import { publicUrlIsHttps } from "#app/utils/env.server.ts";

const BASE = "http://redirect-check.invalid";

/**
 * Only same-origin absolute paths, judged after decoding: one leading `/`, no `//`, no
 * backslash, no control or whitespace characters anywhere. Anything else gives `fallback`
 * (the caller passes the role's home page).
 */
export function safeRedirectPath(to: string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2048) return fallback;
  const forms = [to];
  let current = to;
  // Decode until stable (a double-encoded `%252F%252F` is still `//`).
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return fallback;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  for (const s of forms) {
    if (!s.startsWith("/") || s.includes("//") || s.includes("\\")) return fallback;
    // C0/C1 controls, DEL, and every Unicode space or line separator: refusing them is the point.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f-\u009f\s\u200b-\u200f\u2028\u2029\ufeff]/u.test(s)) return fallback;
  }
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return to;
}

/**
 * Cookies are Secure whenever the site is https: the request is (behind TRUST_PROXY hops)
 * or PUBLIC_URL says so.
 */
export function isHttps(request: { readonly url: string }): boolean {
  return new URL(request.url).protocol === "https:" || publicUrlIsHttps();
}
