/**
 * Headers a route passes from its loader or action to the document response. Remix keeps only
 * Set-Cookie from a route without a `headers` export, so a 429's Retry-After and the like are
 * carried here.
 */
const PASSED = ["Retry-After", "Cache-Control"] as const;

export function retryAfterHeaders(...sources: Headers[]): Headers {
  const out = new Headers();
  for (const source of sources) {
    for (const name of PASSED) {
      const value = source.get(name);
      if (value !== null && !out.has(name)) out.set(name, value);
    }
  }
  return out;
}
