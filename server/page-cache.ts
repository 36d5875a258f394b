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
 * Signed in: the same pages, shared by everyone of one role (the disclosure level follows the
 * role), never stored by a browser or proxy (no-store, no ETag). The shared copy holds nothing
 * personal: it is rendered by a request to this server that names a per-process token
 * (`X-Page-Template`), in which `getUser` answers the signed-in user's name, email and State
 * with placeholders (app/accounts/auth.server.ts). The copy is split at the placeholders and
 * each answer splices in its own user's values, escaped for where they stand (HTML text and
 * attributes as React escapes them; Remix's data script as it encodes a string), and its own
 * nonce. A copy in which the real user's name or email, an e-mail placeholder, or a
 * placeholder in an unknown place is found is not kept. Keyed on the role, whether the user
 * has a State (the menu shows "Reports"), the address, the language and the data version.
 *
 * Any other method, any status but 200 and any response that sets a cookie goes by untouched.
 */
import crypto from "node:crypto";
import zlib from "node:zlib";
import type { NextFunction, Request, Response } from "express";
import { hash, insightsDataVersion } from "../app/insights/data-version.server.ts";
import { readSessionId } from "../app/accounts/session-cookie.server.ts";
import { getSessionUser, type SessionUser } from "../app/accounts/sessions.server.ts";
import { setRequestUserMask, type UserMask } from "../app/utils/markup-once.server.ts";

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?kr_session=/;
const LNG_COOKIE = /(?:^|;\s*)lng=([^;]*)/;
const CACHEABLE = /^\/insights(?:\/|$)/;
const SKIP_HEADERS = new Set(["set-cookie", "content-security-policy", "content-length", "date", "connection", "etag", "cache-control", "vary", "x-page-cache", "transfer-encoding", "content-encoding"]);

export const PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";
const VARY = "Cookie, Accept-Language, Accept-Encoding";
const TEMPLATE_HEADER = "x-page-template";

/** What goes between two pieces of a kept page: this answer's nonce, or its user's name or State, escaped for where it stands. */
type Joint = "nonce" | "name-html" | "name-script" | "state-html" | "state-script";

interface Entry {
  version: string;
  /** What the request asked for, to ask again after a change (`refresh`); null for signed-in pages. */
  request: { url: string; headers: Record<string, string> } | null;
  /** Public pages only. */
  etag: string | null;
  headers: [string, string | string[]][];
  /** The body as the app wrote it (binary bodies are sent as is; empty for signed-in pages). */
  body: Buffer;
  /** Text bodies: the pieces between joints, plain and as sync-flushed raw deflate streams. */
  text: { plain: Buffer[]; deflated: Buffer[]; joints: Joint[] } | null;
  size: number;
}

/** Text and attribute values as React escapes them. */
export function escapeHtmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" })[c]!);
}

const SCRIPT_ESCAPES: Record<string, string> = { "&": "\\u0026", ">": "\\u003e", "<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029" };
/**
 * A string inside Remix's data script: turbo-stream writes it as a JSON string, the chunk is
 * written as a JSON string again, then HTML-escaped (@remix-run/react single-fetch.js). Each
 * step maps character by character, so a value's encoding can stand in for a placeholder's.
 */
export function escapeInDataScript(s: string): string {
  return JSON.stringify(JSON.stringify(s).slice(1, -1))
    .slice(1, -1)
    .replace(/[&><\u2028\u2029]/g, (c) => SCRIPT_ESCAPES[c]!);
}
const DATA_SCRIPT = "window.__remixContext.streamController.enqueue(";

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** An empty final stored block: ends the deflate stream. */
const FINAL_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]);

/** Raw deflate of one piece, ended by a sync flush (byte-aligned, not final): pieces concatenate. */
export function deflatePiece(piece: Buffer): Buffer {
  return zlib.deflateRawSync(piece, { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

/** Stored (uncompressed) deflate blocks, not final: how a nonce or a name goes between two pieces. */
function storedBlocks(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at === 0 || at < data.length; at += 0xffff) {
    const part = data.subarray(at, at + 0xffff);
    const head = Buffer.alloc(5);
    head.writeUInt16LE(part.length, 1);
    head.writeUInt16LE(~part.length & 0xffff, 3);
    parts.push(head, part);
  }
  return Buffer.concat(parts);
}

/** The gzip member of `plain` pieces joined by `joint`, from their pre-deflated forms. */
export function gzipJoined(plain: Buffer[], deflated: Buffer[], joint: Buffer): Buffer {
  return gzipSpliced(plain, deflated, plain.slice(1).map(() => joint));
}

/** The gzip member of `plain` pieces with `joints[i]` between pieces i and i + 1, from their pre-deflated forms. */
export function gzipSpliced(plain: Buffer[], deflated: Buffer[], joints: Buffer[]): Buffer {
  const chunks: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  const blocks = new Map<Buffer, Buffer>();
  for (let i = 0; i < plain.length; i++) {
    if (i > 0) {
      const joint = joints[i - 1]!;
      let between = blocks.get(joint);
      if (!between) blocks.set(joint, (between = storedBlocks(joint)));
      chunks.push(between);
      if (joint.length) crc = zlib.crc32(joint, crc);
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

/** A page split at its placeholders: the pieces and what goes between them, or why it cannot be shared. */
export function splitTemplate(html: string, nonce: string | undefined, mask: UserMask): { pieces: string[]; joints: Joint[] } | { refused: string } {
  const tokens: [string, "nonce" | "name" | "state" | "email"][] = [
    [mask.name, "name"],
    [mask.stateIso3, "state"],
    [mask.email, "email"],
  ];
  if (nonce) tokens.push([nonce, "nonce"]);
  const pieces: string[] = [];
  const joints: Joint[] = [];
  let from = 0;
  for (;;) {
    let at = -1;
    let found: (typeof tokens)[number] | undefined;
    for (const t of tokens) {
      const i = html.indexOf(t[0], from);
      if (i !== -1 && (at === -1 || i < at)) [at, found] = [i, t];
    }
    if (!found) break;
    const kind = found[1];
    if (kind === "email") return { refused: "the page shows the user's e-mail" };
    if (kind === "nonce") joints.push("nonce");
    else {
      const scriptOpen = html.lastIndexOf("<script", at);
      const inScript = scriptOpen > html.lastIndexOf("</script", at);
      if (inScript && !html.startsWith(DATA_SCRIPT, html.indexOf(">", scriptOpen) + 1)) return { refused: `the user's ${kind} is in a script other than the route data` };
      if (!inScript && html.lastIndexOf("<style", at) > html.lastIndexOf("</style", at)) return { refused: `the user's ${kind} is in a style sheet` };
      joints.push(`${kind}-${inScript ? "script" : "html"}`);
    }
    pieces.push(html.slice(from, at));
    from = at + found[0].length;
  }
  pieces.push(html.slice(from));
  // A placeholder cut in two (across two chunks of the data stream) would show as such.
  const stem = mask.name.slice(0, 12);
  if (pieces.some((p) => p.includes(stem))) return { refused: "a placeholder is cut" };
  return { pieces, joints };
}

export interface PageCacheOptions {
  /** What the pages are computed from: a new value makes every page render afresh. */
  version?: () => string;
  /** Bytes held at most (PAGE_CACHE_MAX_BYTES, 64 MB); least recently used out first. */
  maxBytes?: number;
  /** The signed-in user of a request (null when none or not fully signed in); signed-in pages are not kept without it. */
  sessionUser?: ((req: Request) => Promise<SessionUser | null>) | null;
}

/** The signed-in user of an Express request, as the app reads it (the session cookie; idle and absolute expiry). */
export async function expressSessionUser(req: Request): Promise<SessionUser | null> {
  const request = new globalThis.Request(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`, { headers: { cookie: req.get("cookie") ?? "" } });
  const id = await readSessionId(request);
  return id ? getSessionUser(id) : null;
}

function chunkBuffer(chunk: unknown, encoding: unknown): Buffer | null {
  if (chunk === undefined || chunk === null || typeof chunk === "function") return null;
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
}

export function createPageCache(options: PageCacheOptions = {}) {
  const versionOf = options.version ?? insightsDataVersion;
  const maxBytes = options.maxBytes ?? Number(process.env.PAGE_CACHE_MAX_BYTES ?? 64 * 1024 * 1024);
  const sessionUser = options.sessionUser === undefined ? expressSessionUser : options.sessionUser;
  /** Names this process's template requests; never leaves it. */
  const templateToken = crypto.randomBytes(24).toString("base64url");
  /** Placeholders: letters and digits only, so that every escaping leaves them as they are. */
  const maskStem = `Kyoto${crypto.randomBytes(9).toString("hex")}`;
  const mask: UserMask = { name: `${maskStem}Name`, email: `${maskStem}Mail`, stateIso3: `${maskStem}State` };
  const entries = new Map<string, Entry>();
  /** Renders under way, by key and version: later requests wait for them. */
  const pending = new Map<string, Promise<void>>();
  /** Signed-in pages (by key and version) whose shared copy was refused: rendered per user without trying again. */
  const refused = new Set<string>();
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
      text = { plain, deflated: plain.map(deflatePiece), joints: plain.slice(1).map(() => "nonce" as const) };
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

  function send(req: Request, res: Response, e: Entry, nonce: string | undefined, user: SessionUser | null = null) {
    if (e.etag) {
      res.setHeader("Cache-Control", PUBLIC_CACHE_CONTROL);
      res.setHeader("Vary", VARY);
      res.setHeader("ETag", e.etag);
    }
    res.setHeader("X-Page-Cache", "hit");
    if (e.etag && req.get("if-none-match") === e.etag) {
      res.removeHeader("Content-Security-Policy");
      res.status(304).end();
      return;
    }
    for (const [name, value] of e.headers) res.setHeader(name, value);
    res.status(200);
    let body = e.body;
    if (e.text) {
      const nonceJoint = Buffer.from(nonce ?? crypto.randomBytes(16).toString("base64"), "utf8");
      const values: Record<Joint, () => Buffer> = {
        nonce: () => nonceJoint,
        "name-html": () => Buffer.from(escapeHtmlText(user?.name ?? ""), "utf8"),
        "name-script": () => Buffer.from(escapeInDataScript(user?.name ?? ""), "utf8"),
        "state-html": () => Buffer.from(escapeHtmlText(user?.stateIso3 ?? ""), "utf8"),
        "state-script": () => Buffer.from(escapeInDataScript(user?.stateIso3 ?? ""), "utf8"),
      };
      const made = new Map<Joint, Buffer>();
      const joints = e.text.joints.map((j) => {
        let b = made.get(j);
        if (!b) made.set(j, (b = values[j]()));
        return b;
      });
      if (req.acceptsEncodings("gzip", "identity") === "gzip") {
        body = gzipSpliced(e.text.plain, e.text.deflated, joints);
        // The compression middleware leaves an encoded body alone.
        res.setHeader("Content-Encoding", "gzip");
      } else {
        body = Buffer.concat(e.text.plain.flatMap((p, i) => (i ? [joints[i - 1]!, p] : [p])));
      }
    }
    res.setHeader("Content-Length", String(body.length));
    if (req.method === "HEAD") res.end();
    else res.end(body);
  }

  /** The key of a page: address and language, and for signed-in pages the role and whether the user has a State. */
  function keyOf(req: Request, user: SessionUser | null, kindOnly = false): string {
    const kind = user ? `signed-in\u0001${user.role}\u0001${user.stateIso3 === null ? "" : "state"}` : "";
    if (kindOnly) return kind;
    const page = `${req.originalUrl}\u0001${LNG_COOKIE.exec(req.get("cookie") ?? "")?.[1] ?? ""}\u0001${req.get("accept-language") ?? ""}`;
    return user ? `${kind}\u0001${page}` : page;
  }
  /** Template requests under way: their id (in the X-Page-Template header, after the token) → the key of the page they make. */
  const jobs = new Map<string, string>();
  let jobCount = 0;

  /**
   * A template request (from `signedIn` below, to this server): renders the page with the
   * user's personal fields as placeholders and keeps it; answers 204 with no body.
   */
  async function renderTemplate(req: Request, res: Response, next: NextFunction, key: string) {
    const done = () => {
      if (!res.headersSent) res.status(204).end();
    };
    const user = await sessionUser!(req).catch(() => null);
    // The key was the asking request's: the user must still be of its kind.
    if (!user || keyOf(req, user, true) !== key.split("\u0001").slice(0, 3).join("\u0001") || !setRequestUserMask(mask)) return done();
    let version: string;
    try {
      version = versionOf();
    } catch {
      return done();
    }
    const nonce = res.locals.cspNonce as string | undefined;
    const chunks: Buffer[] = [];
    const end = res.end.bind(res) as (...a: unknown[]) => Response;
    res.write = ((chunk: unknown, encoding?: unknown) => {
      const b = chunkBuffer(chunk, encoding);
      if (b) chunks.push(Buffer.from(b));
      return true;
    }) as Response["write"];
    res.end = ((chunk?: unknown, encoding?: unknown) => {
      const b = chunkBuffer(chunk, encoding);
      if (b) chunks.push(Buffer.from(b));
      try {
        storeTemplate(res, key, version, Buffer.concat(chunks).toString("utf8"), nonce, user);
      } catch {
        // Never let the cache break an answer.
      }
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.status(204);
      return end();
    }) as Response["end"];
    next();
  }

  function storeTemplate(res: Response, key: string, version: string, html: string, nonce: string | undefined, user: SessionUser) {
    const refuse = () => {
      if (refused.size > 1000) refused.clear();
      refused.add(`${key}\u0001${version}`);
    };
    if (res.statusCode !== 200 || res.getHeader("set-cookie") || !String(res.getHeader("content-type") ?? "").startsWith("text/html")) return refuse();
    // The copy must hold nothing of this user: the placeholders stand for them.
    if (html.includes(user.email) || (user.name.length >= 3 && (html.includes(user.name) || html.includes(escapeHtmlText(user.name))))) return refuse();
    const split = splitTemplate(html, nonce, mask);
    if ("refused" in split) return refuse();
    const plain = split.pieces.map((p) => Buffer.from(p, "utf8"));
    const headers = Object.entries(res.getHeaders())
      .filter(([name]) => !SKIP_HEADERS.has(name.toLowerCase()))
      .map(([name, value]) => [name, Array.isArray(value) ? value.map(String) : String(value)] as [string, string | string[]]);
    const deflated = plain.map(deflatePiece);
    const size = plain.reduce((a, b) => a + b.length, 0) + deflated.reduce((a, b) => a + b.length, 0);
    remember(key, { version, etag: null, request: null, headers, body: Buffer.alloc(0), text: { plain, deflated, joints: split.joints }, size });
  }

  /** A signed-in GET: from the shared copy of the user's role, made first (by a template request) when missing. */
  async function signedIn(req: Request, res: Response, next: NextFunction) {
    let user: SessionUser | null;
    let version: string;
    try {
      user = await sessionUser!(req);
      version = versionOf();
    } catch {
      return next();
    }
    if (!user) return next();
    const key = keyOf(req, user);
    const nonce = res.locals.cspNonce as string | undefined;
    const hit = entries.get(key);
    if (hit && hit.version === version) {
      entries.delete(key);
      entries.set(key, hit);
      return send(req, res, hit, nonce, user);
    }
    const renderKey = `${key}\u0001${version}`;
    if (refused.has(renderKey)) {
      res.setHeader("X-Page-Cache", "miss");
      return next();
    }
    let running = pending.get(renderKey);
    if (!running) {
      const local = req.socket.localAddress ?? "127.0.0.1";
      const origin = `http://${local.includes(":") ? `[${local}]` : local}:${req.socket.localPort}`;
      const job = String(++jobCount);
      jobs.set(job, key);
      // The same address, cookies and languages: the page renders as it would for this request.
      const headers: Record<string, string> = { cookie: req.get("cookie") ?? "", "accept-encoding": "identity", [TEMPLATE_HEADER]: `${templateToken}.${job}` };
      if (req.get("accept-language")) headers["accept-language"] = req.get("accept-language")!;
      running = fetch(`${origin}${req.originalUrl}`, { headers, redirect: "manual" })
        .then((r) => r.arrayBuffer())
        .then(
          () => undefined,
          () => undefined,
        )
        .finally(() => {
          pending.delete(renderKey);
          jobs.delete(job);
        });
      pending.set(renderKey, running);
    }
    await running;
    const made = entries.get(key);
    if (made && made.version === version) return send(req, res, made, nonce, user);
    res.setHeader("X-Page-Cache", "miss");
    next();
  }

  function middleware(req: Request, res: Response, next: NextFunction) {
    if ((req.method !== "GET" && req.method !== "HEAD") || !CACHEABLE.test(req.path) || req.path.endsWith(".data")) return next();
    const cookie = req.get("cookie") ?? "";
    if (SESSION_COOKIE.test(cookie)) {
      if (!sessionUser || req.method !== "GET") return next();
      const template = req.get(TEMPLATE_HEADER);
      if (template) {
        const [token, job] = template.split(".");
        const key = token === templateToken ? jobs.get(job ?? "") : undefined;
        if (key === undefined) return next();
        jobs.delete(job!);
        void renderTemplate(req, res, next, key);
      } else void signedIn(req, res, next);
      return;
    }
    let version: string;
    try {
      version = versionOf();
    } catch {
      return next();
    }
    const key = keyOf(req, null);
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
      const b = chunkBuffer(chunk, encoding);
      if (b) chunks.push(Buffer.from(b));
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
      .filter((e) => e.request && e.version !== version && e.headers.some(([n, v]) => n.toLowerCase() === "content-type" && String(v).startsWith("text/html")))
      .slice(0, max);
    let n = 0;
    for (const e of stale) {
      if (versionOf() !== version) break;
      try {
        const res = await fetch(`${origin}${e.request!.url}`, { headers: { ...e.request!.headers, "accept-encoding": "gzip" } });
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
    /** Every kept page's text, placeholders and all (tests look for personal data in it). */
    heldTexts: () => [...entries.values()].map((e) => (e.text ? Buffer.concat(e.text.plain).toString("utf8") : e.body.toString("utf8"))),
    refresh,
  });
}

/** The server's page cache, keyed on the insights data version. */
export const pageCache = createPageCache();
