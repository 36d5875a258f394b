import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { publicUrlIsHttps } from "../app/utils/env.server.ts";

// The policy around the nonce, joined once (every response sends it; issue 16: CPU per save).
const CSP_BEFORE_NONCE = "default-src 'self'; script-src 'self' 'nonce-";
const CSP_AFTER_NONCE =
  "'; " +
  [
    // Charts set inline style attributes; no inline <style> from users is ever rendered.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  const nonce = res.locals.cspNonce as string;
  res.setHeader("Content-Security-Policy", CSP_BEFORE_NONCE + nonce + CSP_AFTER_NONCE);
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  // HSTS whenever the site is https: the request is (TRUST_PROXY hops), or PUBLIC_URL says so.
  if (process.env.NODE_ENV === "production" && (req.secure || publicUrlIsHttps())) {
    res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  next();
}

/** Build assets (scripts, styles, fonts): nosniff, and HSTS as on every https answer; no document policies. */
export function assetHeaders(req: Request, res: Response, next: NextFunction) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (process.env.NODE_ENV === "production" && (req.secure || publicUrlIsHttps())) {
    res.setHeader("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  next();
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?kr_session=/;

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * No state change from another site: every non-GET request must come from this origin
 * (Origin header, or Sec-Fetch-Site when a browser sends no Origin). A request that carries a
 * session cookie but neither header is refused too: every browser sends one of them. An
 * X-Forwarded-Host that differs from the Origin is refused here with 403 (Remix would throw).
 */
/** Express's `trust proxy` as a number of hops (TRUST_PROXY), never `true`. */
export function trustProxyHops(app: { set(name: string, value: unknown): unknown }, hops: number) {
  app.set("trust proxy", hops);
}

export function rejectCrossSiteWrites(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  // A page with `Referrer-Policy: no-referrer` makes browsers send `Origin: null`: then
  // Sec-Fetch-Site decides.
  const origin = req.get("origin");
  const fetchSite = req.get("sec-fetch-site");
  const expected = `${req.protocol}://${req.get("host")}`;
  const signedIn = SESSION_COOKIE.test(req.get("cookie") ?? "");
  const forwardedHost = req.get("x-forwarded-host")?.split(",")[0]?.trim();
  const crossOrigin =
    origin && origin !== "null"
      ? origin !== expected || (forwardedHost !== undefined && forwardedHost !== "" && forwardedHost !== hostOf(origin))
      : fetchSite !== undefined
        ? fetchSite !== "same-origin" && fetchSite !== "none"
        : origin === "null" || signedIn;
  if (crossOrigin) {
    res.status(403).type("text/plain").send("Cross-site form submissions are refused.");
    return;
  }
  next();
}

/**
 * Signed-in pages and every `.data` response are never stored by a browser or a proxy
 * (Cache-Control: no-store). Fingerprinted assets keep their long cache.
 */
export function noStoreWhenPrivate(req: Request, res: Response, next: NextFunction) {
  const path = req.path;
  if (!path.startsWith("/assets/") && (path.endsWith(".data") || SESSION_COOKIE.test(req.get("cookie") ?? ""))) {
    res.setHeader("Cache-Control", "no-store");
  }
  next();
}

/** Random bytes for nonces, drawn from the CSPRNG 8 KB at a time, each 16-byte slice used once. */
let nonceBytes = Buffer.alloc(0);
let nonceOffset = 0;

/**
 * A fresh CSP nonce per response (res.locals.cspNonce), read by securityHeaders and the pages:
 * 16 random bytes, as before, but taken from a block of 512 nonces' worth instead of one call
 * into the CSPRNG per request (issue 16: CPU per save).
 */
export function cspNonce(_req: Request, res: Response, next: NextFunction) {
  if (nonceOffset + 16 > nonceBytes.length) {
    nonceBytes = crypto.randomBytes(16 * 512);
    nonceOffset = 0;
  }
  res.locals.cspNonce = nonceBytes.toString("base64", nonceOffset, nonceOffset + 16);
  nonceOffset += 16;
  next();
}

/**
 * An answer given before the request's body was read (a 413 on its declared length, a 415)
 * closes the connection: the unread body would otherwise stall the next request a browser
 * sends on the same keep-alive connection (found by tests/app/autosave-doors.test.ts).
 */
export function closeWhenBodyUnread(req: Request, res: Response, next: NextFunction) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
    if (!req.complete && !res.headersSent) res.setHeader("Connection", "close");
    return writeHead.apply(this, args);
  } as Response["writeHead"];
  next();
}

/** What every request passes before a route (in this order): server.ts mounts them once. */
export const requestGuards = [closeWhenBodyUnread, cspNonce, securityHeaders, rejectCrossSiteWrites, noStoreWhenPrivate];
