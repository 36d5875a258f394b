import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { NextFunction, Request, Response } from "express";
import proxyaddr from "proxy-addr";
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

/** The policies every answer carries besides its CSP (documents and data alike). */
const POLICY_HEADERS: readonly (readonly [string, string])[] = [
  ["Referrer-Policy", "same-origin"],
  ["X-Content-Type-Options", "nosniff"],
  ["X-Frame-Options", "DENY"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Permissions-Policy", "camera=(), microphone=(), geolocation=()"],
];
const HSTS = "max-age=63072000; includeSubDomains";

/** HSTS whenever the site is https: the request is (TRUST_PROXY hops), or PUBLIC_URL says so. */
function wantsHsts(secure: boolean): boolean {
  return process.env.NODE_ENV === "production" && (secure || publicUrlIsHttps());
}

export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  const nonce = res.locals.cspNonce as string;
  res.setHeader("Content-Security-Policy", CSP_BEFORE_NONCE + nonce + CSP_AFTER_NONCE);
  for (const [name, value] of POLICY_HEADERS) res.setHeader(name, value);
  if (wantsHsts(req.secure)) res.setHeader("Strict-Transport-Security", HSTS);
  next();
}

/**
 * The headers of a data answer written without Express (the autosave door): the same policies
 * as a page's, a CSP that allows nothing (JSON runs no script and loads nothing, so it needs no
 * nonce), never stored. Built once per kind.
 */
const dataHeaders = (hsts: boolean): Readonly<Record<string, string>> =>
  Object.freeze({
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    ...Object.fromEntries(POLICY_HEADERS),
    ...(hsts ? { "Strict-Transport-Security": HSTS } : {}),
    "Cache-Control": "no-store",
  });
const DATA_HEADERS = { plain: dataHeaders(false), hsts: dataHeaders(true) };
export function dataAnswerHeaders(protocol: string): Readonly<Record<string, string>> {
  return wantsHsts(protocol === "https") ? DATA_HEADERS.hsts : DATA_HEADERS.plain;
}

/** Build assets (scripts, styles, fonts): nosniff, and HSTS as on every https answer; no document policies. */
export function assetHeaders(req: Request, res: Response, next: NextFunction) {
  res.setHeader("X-Content-Type-Options", "nosniff");
  if (wantsHsts(req.secure)) res.setHeader("Strict-Transport-Security", HSTS);
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

/** Express's `trust proxy` as a number of hops (TRUST_PROXY), never `true`. */
export function trustProxyHops(app: { set(name: string, value: unknown): unknown }, hops: number) {
  app.set("trust proxy", hops);
}

/**
 * The request's protocol as Express's `req.protocol` gives it with `trust proxy` set to a number
 * of hops: the socket's, or with at least one trusted hop the first X-Forwarded-Proto value. For
 * requests answered without Express (the autosave door); tests/app/proxy-hops.test.ts compares both.
 */
export function forwardedProtocol(req: IncomingMessage, hops: number): string {
  const own = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  if (hops < 1) return own;
  const header = headerOf(req, "x-forwarded-proto") || own;
  const comma = header.indexOf(",");
  return (comma === -1 ? header : header.slice(0, comma)).trim();
}

/** The client's address as Express's `req.ip` gives it with `trust proxy` set to a number of hops. */
export function clientAddress(req: IncomingMessage, hops: number): string {
  if (hops < 1) return req.socket.remoteAddress ?? "unknown";
  return proxyaddr(req, (_address, i) => i < hops) ?? req.socket.remoteAddress ?? "unknown";
}

/** One request header as Express's `req.get` reads it (repeated ones joined). */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(", ") : value;
}

/**
 * No state change from another site: every non-GET request must come from this origin
 * (Origin header, or Sec-Fetch-Site when a browser sends no Origin). A request that carries a
 * session cookie but neither header is refused too: every browser sends one of them. An
 * X-Forwarded-Host that differs from the Origin is refused too (Remix would throw).
 */
export function isCrossSiteWrite(r: { method: string; origin?: string; fetchSite?: string; expectedOrigin: string; cookie?: string; forwardedHost?: string }): boolean {
  if (SAFE_METHODS.has(r.method)) return false;
  // A page with `Referrer-Policy: no-referrer` makes browsers send `Origin: null`: then
  // Sec-Fetch-Site decides.
  const { origin, fetchSite } = r;
  const forwardedHost = r.forwardedHost?.split(",")[0]?.trim();
  return origin && origin !== "null"
    ? origin !== r.expectedOrigin || (forwardedHost !== undefined && forwardedHost !== "" && forwardedHost !== hostOf(origin))
    : fetchSite !== undefined
      ? fetchSite !== "same-origin" && fetchSite !== "none"
      : origin === "null" || SESSION_COOKIE.test(r.cookie ?? "");
}

export const CROSS_SITE_REFUSAL = "Cross-site form submissions are refused.";

/** Express's guard: a cross-site write gets 403 (see `isCrossSiteWrite`). */
export function rejectCrossSiteWrites(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method)) return next();
  const crossOrigin = isCrossSiteWrite({
    method: req.method,
    origin: req.get("origin"),
    fetchSite: req.get("sec-fetch-site"),
    expectedOrigin: `${req.protocol}://${req.get("host")}`,
    cookie: req.get("cookie"),
    forwardedHost: req.get("x-forwarded-host"),
  });
  if (crossOrigin) {
    res.status(403).type("text/plain").send(CROSS_SITE_REFUSAL);
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
