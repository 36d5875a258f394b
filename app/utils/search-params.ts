/**
 * Search and filter parameters arrive as the visitor typed them, control characters and all
 * (a NUL once reached SQLite's full-text query parser and gave a 500). Every parameter is
 * cleaned at the route's boundary: control characters and line separators become spaces, runs
 * of spaces collapse, and the page says that something was removed.
 */
const CONTROL = /[\p{Cc}\u2028\u2029\ufeff]/u;
const CONTROL_ALL = /[\p{Cc}\u2028\u2029\ufeff]+/gu;

export function withoutControlCharacters(value: string): string {
  return value.replace(CONTROL_ALL, " ").replace(/ {2,}/g, " ").trim();
}

/** The URL's query parameters (the first of each name), cleaned; `cleaned` says whether anything was removed. */
export function cleanSearchParams(url: URL): { params: Record<string, string>; cleaned: boolean } {
  const params: Record<string, string> = {};
  let cleaned = false;
  for (const [key, value] of url.searchParams) {
    if (key in params) continue;
    if (CONTROL.test(value) || CONTROL.test(key)) cleaned = true;
    params[withoutControlCharacters(key)] = withoutControlCharacters(value);
  }
  return { params, cleaned };
}
