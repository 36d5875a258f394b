/**
 * Public insights pages from memory. A signed-out GET of /insights… (pages, downloads, the
 * good-practice search; not the `.data` of client navigations, kept no-store) is rendered once per data
 * version (app/insights/data-version.server.ts) and kept, per address and language (the
 * `lng` cookie and Accept-Language); later requests are answered from memory until a report
 * or a cycle changes. Responses carry a weak ETag (a matching If-None-Match gets 304) and
 * `Cache-Control: public, max-age=60, stale-while-revalidate=600` so that a reverse proxy
 * can serve them too (`Vary: Cookie, Accept-Language`).
 *
 * The CSP nonce differs per response: the cached body is kept with
 * the nonce split out, and each answer puts its own nonce there. A 304 carries no CSP header, so the
 * browser keeps the one that matches the body it holds.
 *
 * Anything signed in (a session cookie), any other method, any status but 200 and any
 * response that sets a cookie goes by untouched.
 */
import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { hash, insightsDataVersion } from "../app/insights/data-version.server.ts";

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?kr_session=/;
const LNG_COOKIE = /(?:^|;\s*)lng=([^;]*)/;
const CACHEABLE = /^\/insights(?:\/|$)/;
const MAX_BYTES = Number(process.env.PAGE_CACHE_MAX_BYTES ?? 64 * 1024 * 1024);
const SKIP_HEADERS = new Set(["set-cookie", "content-security-policy", "content-length", "date", "connection", "etag", "cache-control", "vary", "x-page-cache", "transfer-encoding", "content-encoding"]);

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";

interface Entry {
  version: string;
  etag: string;
  status: number;
  headers: [string, string | string[]][];
  body: Buffer;
  /** The body split at the nonce placeholder (text responses); null for binary bodies. */
  parts: string[] | null;
}

const entries = new Map<string, Entry>();
let bytes = 0;

function remember(key: string, e: Entry) {
  const old = entries.get(key);
  if (old) {
    bytes -= old.body.length;
    entries.delete(key);
  }
  entries.set(key, e);
  bytes += e.body.length;
  // Oldest first out (a Map iterates in insertion order; hits re-insert).
  for (const [k, v] of entries) {
    if (bytes <= MAX_BYTES) break;
    entries.delete(k);
    bytes -= v.body.length;
  }
}

/** How many pages are held and their size: for tests and the bench. */
export function pageCacheStats() {
  return { entries: entries.size, bytes };
}

export function pageCache(req: Request, res: Response, next: NextFunction) {
  if ((req.method !== "GET" && req.method !== "HEAD") || !CACHEABLE.test(req.path) || req.path.endsWith(".data")) return next();
  const cookie = req.get("cookie") ?? "";
  if (SESSION_COOKIE.test(cookie)) return next();
  let version: string;
  try {
    version = insightsDataVersion();
  } catch {
    return next();
  }
  const key = `${req.originalUrl}\u0001${LNG_COOKIE.exec(cookie)?.[1] ?? ""}\u0001${req.get("accept-language") ?? ""}`;
  const nonce = res.locals.cspNonce as string | undefined;
  const hit = entries.get(key);
  if (hit && hit.version === version) {
    entries.delete(key);
    entries.set(key, hit);
    return send(req, res, hit, nonce);
  }
  const etag = `W/"${hash(version)}-${hash(key)}"`;
  res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
  res.setHeader("Vary", "Cookie, Accept-Language");
  res.setHeader("ETag", etag);
  res.setHeader("X-Page-Cache", "miss");
  if (req.get("if-none-match") === etag) {
    res.removeHeader("Content-Security-Policy");
    res.status(304).end();
    return;
  }
  // Let the app answer, keeping a copy of what it writes.
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => Response;
  const take = (chunk: unknown, encoding: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8"));
  };
  res.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
    take(chunk, encoding);
    return write(chunk, encoding, cb);
  }) as Response["write"];
  res.end = ((chunk?: unknown, encoding?: unknown, cb?: unknown) => {
    take(chunk, encoding);
    try {
      store(req, res, key, version, etag, Buffer.concat(chunks), nonce);
    } catch {
      // Never let the cache break an answer.
    }
    return end(chunk, encoding, cb);
  }) as Response["end"];
  next();
}

function store(req: Request, res: Response, key: string, version: string, etag: string, body: Buffer, nonce: string | undefined) {
  if (req.method !== "GET" || res.statusCode !== 200 || res.getHeader("set-cookie")) return;
  const type = String(res.getHeader("content-type") ?? "");
  const text = /^(text\/|application\/json|image\/svg\+xml)/.test(type);
  let parts: string[] | null = null;
  if (text) {
    const s = body.toString("utf8");
    parts = nonce ? s.split(nonce) : [s];
  }
  const headers = Object.entries(res.getHeaders())
    .filter(([name]) => !SKIP_HEADERS.has(name.toLowerCase()))
    .map(([name, value]) => [name, Array.isArray(value) ? value.map(String) : String(value)] as [string, string | string[]]);
  remember(key, { version, etag, status: 200, headers, body, parts });
}

function send(req: Request, res: Response, e: Entry, nonce: string | undefined) {
  res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
  res.setHeader("Vary", "Cookie, Accept-Language");
  res.setHeader("ETag", e.etag);
  res.setHeader("X-Page-Cache", "hit");
  if (req.get("if-none-match") === e.etag) {
    res.removeHeader("Content-Security-Policy");
    res.status(304).end();
    return;
  }
  for (const [name, value] of e.headers) res.setHeader(name, value);
  res.status(e.status);
  const body = e.parts ? Buffer.from(e.parts.join(nonce ?? crypto.randomBytes(16).toString("base64")), "utf8") : e.body;
  res.setHeader("Content-Length", String(body.length));
  if (req.method === "HEAD") res.end();
  else res.end(body);
}

