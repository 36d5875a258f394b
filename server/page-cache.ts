/**
 * Public insights pages from memory. A signed-out GET of /insights… (pages, downloads, the
 * good-practice search; not the `.data` of client navigations, kept no-store) is rendered once per data
 * version (app/insights/data-version.server.ts) and kept, per address and language (the
 * `lng` cookie and Accept-Language); later requests are answered from memory until a report
 * or a cycle changes. Responses carry a weak ETag (a matching If-None-Match gets 304) and
 * `Cache-Control: public, max-age=60, stale-while-revalidate=600` so that a reverse proxy
 * can serve them too (`Vary: Cookie, Accept-Language, Accept-Encoding`).
 *
 * Compressed once: a text page is kept gzipped, in pieces split at the CSP nonce (which
 * differs per response). Each piece is a raw deflate stream ended by a sync flush (so pieces
 * can be laid end to end); each answer writes the gzip header, the pieces with its own nonce
 * between them as stored blocks, a final empty block and the trailer (CRC-32 and length). No
 * compression happens per request: serving a 400 KB page costs a CRC over it (well under a
 * millisecond), where gzipping it costs 10 ms or more of the event loop. Clients that do not
 * accept gzip get the plain text.
 *
 * Concurrent misses for one page and version wait for the first one's render (a meeting that
 * opens a page just after a change renders it once, not 500 times).
 *
 * Anything signed in (a session cookie), any other method, any status but 200 and any
 * response that sets a cookie goes by untouched.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import { hash, insightsDataVersion } from "../app/insights/data-version.server.ts";

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?kr_session=/;
const LNG_COOKIE = /(?:^|;\s*)lng=([^;]*)/;
const CACHEABLE = /^\/insights(?:\/|$)/;
const SKIP_HEADERS = new Set(["set-cookie", "content-security-policy", "content-length", "date", "connection", "etag", "cache-control", "vary", "x-page-cache", "transfer-encoding", "content-encoding"]);

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";
const VARY = "Cookie, Accept-Language, Accept-Encoding";

interface Entry {
  version: string;
  /** What the request asked for, to ask again after a change (`refresh`). */
  request: { url: string; headers: Record<string, string> };
  etag: string;
  headers: [string, string | string[]][];
  /** The body as the app wrote it (binary bodies are sent as is). */
  body: Buffer;
  /** Text bodies: the pieces between nonces, plain and as sync-flushed raw deflate streams. */
  text: { plain: Buffer[]; deflated: Buffer[] } | null;
  size: number;
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final stored block: ends the deflate stream. */
const FINAL_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]);

/** Raw deflate of one piece, ended by a sync flush (byte-aligned, not final): pieces concatenate. */
export function deflatePiece(piece: Buffer): Buffer {
  return zlib.deflateRawSync(piece, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

/** A stored (uncompressed) deflate block, not final: how a nonce goes between two pieces. */
function storedBlock(data: Buffer): Buffer {
  const out = Buffer.alloc(5 + data.length);
  out[0] = 0;
  out.writeUInt16LE(data.length, 1);
  out.writeUInt16LE(~data.length & 0xffff, 3);
  data.copy(out, 5);
  return out;
}

/** The gzip member of `plain` pieces joined by `joint`, from their pre-deflated forms. */
export function gzipJoined(plain: Buffer[], deflated: Buffer[], joint: Buffer): Buffer {
  const chunks: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  const between = storedBlock(joint);
  for (let i = 0; i < plain.length; i++) {
    if (i > 0) {
      chunks.push(between);
      crc = zlib.crc32(joint, crc);
      size += joint.length;
    }
    chunks.push(deflated[i]!);
    // (Skip empty pieces: Node 20's crc32 answers 0 for an empty buffer that zlib has read.)
    if (plain[i]!.length) crc = zlib.crc32(plain[i]!, crc);
    size += plain[i]!.length;
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  chunks.push(FINAL_BLOCK, trailer);
  return Buffer.concat(chunks);
}

function splitBuffer(body: Buffer, sep: string | undefined): Buffer[] {
  if (!sep) return [body];
  const needle = Buffer.from(sep, "utf8");
  const out: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(needle, from); at !== -1; at = body.indexOf(needle, from)) {
    out.push(body.subarray(from, at));
    from = at + needle.length;
  }
  out.push(body.subarray(from));
  return out;
}

export interface PageCacheOptions {
  /** What the pages are computed from: a new value makes every page render afresh. */
  version?: () => string;
  /** Bytes held at most (PAGE_CACHE_MAX_BYTES, 64 MB); least recently used out first. */
  maxBytes?: number;
}

export function createPageCache(options: PageCacheOptions = {}) {
  const versionOf = options.version ?? insightsDataVersion;
  const maxBytes = options.maxBytes ?? Number(process.env.PAGE_CACHE_MAX_BYTES ?? 64 * 1024 * 1024);
  const entries = new Map<string, Entry>();
  /** Renders under way, by key and version: later requests wait for them. */
  const pending = new Map<string, Promise<void>>();
  let bytes = 0;

  function remember(key: string, e: Entry) {
    const old = entries.get(key);
    if (old) {
      bytes -= old.size;
      entries.delete(key);
    }
    entries.set(key, e);
    bytes += e.size;
    // Least recently used first out (a Map iterates in insertion order; hits re-insert).
    for (const [k, v] of entries) {
      if (bytes <= maxBytes) break;
      entries.delete(k);
      bytes -= v.size;
    }
  }

  function store(req: Request, res: Response, key: string, version: string, etag: string, body: Buffer, nonce: string | undefined) {
    if (req.method !== "GET" || res.statusCode !== 200 || res.getHeader("set-cookie")) return;
    const type = String(res.getHeader("content-type") ?? "");
    let text: Entry["text"] = null;
    if (/^(text\/|application\/json|image\/svg\+xml)/.test(type)) {
      const plain = splitBuffer(body, nonce);
      text = { plain, deflated: plain.map(deflatePiece) };
    }
    const headers = Object.entries(res.getHeaders())
      .filter(([name]) => !SKIP_HEADERS.has(name.toLowerCase()))
      .map(([name, value]) => [name, Array.isArray(value) ? value.map(String) : String(value)] as [string, string | string[]]);
    const size = body.length + (text ? text.deflated.reduce((a, b) => a + b.length, 0) : 0);
    const asked: Record<string, string> = {};
    const lng = LNG_COOKIE.exec(req.get("cookie") ?? "")?.[1];
    if (lng) asked.cookie = `lng=${lng}`;
    if (req.get("accept-language")) asked["accept-language"] = req.get("accept-language")!;
    remember(key, { version, etag, request: { url: req.originalUrl, headers: asked }, headers, body, text, size });
  }

  function send(req: Request, res: Response, e: Entry, nonce: string | undefined) {
    res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
    res.setHeader("Vary", VARY);
    res.setHeader("ETag", e.etag);
    res.setHeader("X-Page-Cache", "hit");
    if (req.get("if-none-match") === e.etag) {
      res.removeHeader("Content-Security-Policy");
      res.status(304).end();
      return;
    }
    for (const [name, value] of e.headers) res.setHeader(name, value);
    res.status(200);
    let body = e.body;
    if (e.text) {
      const joint = Buffer.from(nonce ?? crypto.randomBytes(16).toString("base64"), "utf8");
      if (req.acceptsEncodings("gzip", "identity") === "gzip") {
        body = gzipJoined(e.text.plain, e.text.deflated, joint);
        // The compression middleware leaves an encoded body alone.
        res.setHeader("Content-Encoding", "gzip");
      } else {
        body = Buffer.concat(e.text.plain.flatMap((p, i) => (i ? [joint, p] : [p])));
      }
    }
    res.setHeader("Content-Length", String(body.length));
    if (req.method === "HEAD") res.end();
    else res.end(body);
  }

  function middleware(req: Request, res: Response, next: NextFunction) {
    if ((req.method !== "GET" && req.method !== "HEAD") || !CACHEABLE.test(req.path) || req.path.endsWith(".data")) return next();
    const cookie = req.get("cookie") ?? "";
    if (SESSION_COOKIE.test(cookie)) return next();
    let version: string;
    try {
      version = versionOf();
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
    if (req.get("if-none-match") === etag) {
      res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
      res.setHeader("Vary", VARY);
      res.setHeader("ETag", etag);
      res.removeHeader("Content-Security-Policy");
      res.status(304).end();
      return;
    }
    // Another request is rendering this page for this version: wait for it, then answer from memory.
    const renderKey = `${key}\u0001${version}`;
    const running = pending.get(renderKey);
    if (running) {
      void running.then(() => {
        const done = entries.get(key);
        if (done && done.version === version) send(req, res, done, nonce);
        else next();
      });
      return;
    }
    let settle!: () => void;
    pending.set(renderKey, new Promise<void>((r) => (settle = r)));
    const finish = () => {
      if (pending.has(renderKey)) {
        pending.delete(renderKey);
        settle();
      }
    };
    res.once("close", finish);
    res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
    res.setHeader("Vary", VARY);
    res.setHeader("ETag", etag);
    res.setHeader("X-Page-Cache", "miss");
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
      finish();
      return end(chunk, encoding, cb);
    }) as Response["end"];
    next();
  }

  /**
   * After a change: renders again, one at a time, the most recently used HTML pages whose
   * version is out of date (at most `max`), by asking this server for them (`origin`), so
   * that the meeting's next request finds the new page in memory. Returns how many.
   */
  async function refresh(origin: string, max = 30): Promise<number> {
    const version = versionOf();
    const stale = [...entries.values()]
      .reverse()
      .filter((e) => e.version !== version && e.headers.some(([n, v]) => n.toLowerCase() === "content-type" && String(v).startsWith("text/html")))
      .slice(0, max);
    let n = 0;
    for (const e of stale) {
      if (versionOf() !== version) break;
      try {
        const res = await fetch(`${origin}${e.request.url}`, { headers: { ...e.request.headers, "accept-encoding": "gzip" } });
        await res.arrayBuffer();
        n++;
      } catch {
        break;
      }
    }
    return n;
  }

  return Object.assign(middleware, {
    /** How many pages are held and their size: for tests and the bench. */
    stats: () => ({ entries: entries.size, bytes }),
    refresh,
  });
}

/** The server's page cache, keyed on the insights data version. */
export const pageCache = createPageCache();
