/** Only same-site paths: never `//evil.example` or an absolute URL. */
export function safeRedirectPath(to: string | null | undefined, fallback = "/"): string {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}

/** Cookies are Secure whenever the page is served over https (behind a proxy: TRUST_PROXY). */
export function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}
