import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import { afterEach, describe, expect, test } from "vitest";
import { createPageCache, deflatePiece, gzipJoined } from "../../server/page-cache.ts";

/** A server like server.ts: compression, a nonce per response, the page cache, then the "app". */
async function serve(version: { v: string }, render: (nonce: string, url: string) => string, delayMs = 0) {
  const renders: string[] = [];
  const cache = createPageCache({ version: () => version.v });
  const app = express();
  app.use(compression());
  let n = 0;
  app.use((_req, res, next) => {
    res.locals.cspNonce = `nonce${++n}AAAAAAAAAAAAAAAA==`;
    next();
  });
  app.use(cache);
  app.get("*", (req, res) => {
    renders.push(req.originalUrl);
    setTimeout(() => res.type("html").send(render(res.locals.cspNonce as string, req.originalUrl)), delayMs);
  });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, renders, cache };
}
const servers: http.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A raw GET (no automatic decompression), for what is on the wire. */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on("error", reject);
  });
}

const page = (nonce: string, url: string) =>
  `<!DOCTYPE html><html><head><link rel="modulepreload" nonce="${nonce}" href="/a.js"></head><body><h1>${url}</h1>${"<svg><rect/></svg>".repeat(2000)}<script nonce="${nonce}">go()</script></body></html>`;

describe("the public page cache", () => {
  test("gzip spliced from pieces compressed once is a valid gzip member of the pieces joined by the nonce", () => {
    const plain = ["<p>first ", "", " middle ".repeat(5000), " last"].map((s) => Buffer.from(s));
    const nonce = Buffer.from("N0nce+/=");
    const gz = gzipJoined(plain, plain.map(deflatePiece), nonce);
    expect(zlib.gunzipSync(gz).toString()).toBe(plain.map(String).join("N0nce+/="));
    // One piece (no nonce in the page) works too.
    expect(zlib.gunzipSync(gzipJoined([plain[2]!], [deflatePiece(plain[2]!)], nonce)).toString()).toBe(String(plain[2]));
  });

  test("a hit is served gzipped from memory with this response's own nonce, plain to clients without gzip, 304 on its ETag", async () => {
    const version = { v: "1" };
    const { origin, renders } = await serve(version, page);
    const first = await get(`${origin}/insights/4`, { "accept-encoding": "gzip" });
    expect(first.headers["x-page-cache"]).toBe("miss");
    const hit = await get(`${origin}/insights/4`, { "accept-encoding": "gzip, br" });
    expect(hit.headers["x-page-cache"]).toBe("hit");
    expect(hit.headers["content-encoding"]).toBe("gzip");
    expect(hit.headers["vary"]).toMatch(/Accept-Encoding/);
    expect(Number(hit.headers["content-length"])).toBe(hit.body.length);
    const html = zlib.gunzipSync(hit.body).toString();
    // The second response's nonce everywhere the first had its own: the body is the page as rendered for it.
    expect(html).toBe(page("nonce2AAAAAAAAAAAAAAAA==", "/insights/4"));
    expect(hit.body.length).toBeLessThan(html.length / 20);
    const plain = await get(`${origin}/insights/4`, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(page("nonce3AAAAAAAAAAAAAAAA==", "/insights/4"));
    const notModified = await get(`${origin}/insights/4`, { "if-none-match": String(hit.headers.etag) });
    expect(notModified.status).toBe(304);
    expect(renders).toEqual(["/insights/4"]);
    // A new data version: rendered afresh, with a new ETag; the old one no longer matches.
    version.v = "2";
    const fresh = await get(`${origin}/insights/4`, { "if-none-match": String(hit.headers.etag) });
    expect(fresh.status).toBe(200);
    expect(fresh.headers["x-page-cache"]).toBe("miss");
    expect(fresh.headers.etag).not.toBe(hit.headers.etag);
    expect(renders).toHaveLength(2);
  });

  test("fifty requests for a page nobody has rendered yet make one render; signed-in and other pages are not cached", async () => {
    const { origin, renders } = await serve({ v: "1" }, page, 300);
    const answers = await Promise.all(Array.from({ length: 50 }, () => get(`${origin}/insights/4/pillars/1`, { "accept-encoding": "gzip" })));
    expect(answers.every((a) => a.status === 200 && zlib.gunzipSync(a.body).toString().includes("<h1>/insights/4/pillars/1</h1>"))).toBe(true);
    expect(renders).toEqual(["/insights/4/pillars/1"]);
    await get(`${origin}/insights/4`, { cookie: "kr_session=abc" });
    await get(`${origin}/insights/4`, { cookie: "kr_session=abc" });
    await get(`${origin}/`);
    await get(`${origin}/`);
    expect(renders).toEqual(["/insights/4/pillars/1", "/insights/4", "/insights/4", "/", "/"]);
  });

  test("it holds at most its byte budget, least recently used out first", async () => {
    const version = { v: "1" };
    const cache = createPageCache({ version: () => version.v, maxBytes: 150_000 });
    const app = express();
    app.use((_req, res, next) => {
      res.locals.cspNonce = "n";
      next();
    });
    app.use(cache);
    app.get("*", (_req, res) => res.type("html").send("x".repeat(60_000)));
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    servers.push(server);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const p of ["a", "b", "c"]) await get(`${origin}/insights/${p}`);
    expect(cache.stats().entries).toBe(2);
    expect(cache.stats().bytes).toBeLessThanOrEqual(150_000);
    expect((await get(`${origin}/insights/a`)).headers["x-page-cache"]).toBe("miss");
    expect((await get(`${origin}/insights/c`)).headers["x-page-cache"]).toBe("hit");
  });
});
