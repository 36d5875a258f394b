import type { NextFunction, Request, Response } from "express";

const isProduction = process.env.NODE_ENV === "production";

export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  const nonce = res.locals.cspNonce as string;
  res.setHeader(
    "Content-Security-Policy",
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      // Charts set inline style attributes; no inline <style> from users is ever rendered.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; "),
  );
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (isProduction && req.secure) {
    res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * No state change from another site: every non-GET request must come from this origin
 * (Origin header, or Sec-Fetch-Site when a browser sends no Origin).
 */
export function rejectCrossSiteWrites(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  // A page with `Referrer-Policy: no-referrer` makes browsers send `Origin: null`: then
  // Sec-Fetch-Site decides.
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const expected = `${req.protocol}://${req.get("host")}`;
  const crossOrigin =
    origin && origin !== "null"
      ? origin !== expected
      : fetchSite !== undefined
        ? fetchSite !== "same-origin" && fetchSite !== "none"
        : origin === "null";
  if (crossOrigin) {
    res.status(403).type("text/plain").send("Cross-site form submissions are refused.");
    return;
  }
  next();
}
