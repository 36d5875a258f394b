import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import compression from "compression";
import express from "express";
import { afterEach, describe, expect, test } from "vitest";
import { createPageCache, deflatePiece, escapeHtmlText, escapeInDataScript, gzipJoined } from "../../server/page-cache.ts";
import type { SessionUser } from "../../app/accounts/sessions.server.ts";
import { requestUserMask, runWithRequestStore } from "../../app/utils/markup-once.server.ts";

/** A server like server.ts: compression, a nonce per response, the page cache, then the "app". */
async function serve(version: { v: string }, render: (nonce: string, url: string) => string, delayMs = 0) {
  const renders: string[] = [];
  const cache = createPageCache({ version: () => version.v, sessionUser: null });
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

  describe("signed in: one shared copy per role, the user's own name spliced in", () => {
    const USERS: Record<string, SessionUser> = {
      amina: { id: 1, email: "amina@example.org", name: `Amina </script><b>"O'Brien" & Ünïcødé \u2028 \\ end`, role: "focal_point", stateIso3: "KEN", language: "en" },
      jun: { id: 2, email: "jun@example.org", name: "Jun Tanaka", role: "focal_point", stateIso3: "JPN", language: "en" },
      sec: { id: 3, email: "sec@example.org", name: "Sam Secretariat", role: "secretariat", stateIso3: null, language: "en" },
      
    };
    const who = (req: express.Request) => /kr_session=(\w+)/.exec(req.get("cookie") ?? "")?.[1] ?? "";
    /** What the app renders for a user: their name in a link, a label and the route data script; figures by role. */
    const render = (u: Pick<SessionUser, "name" | "email" | "role" | "stateIso3">, nonce: string, figures: string) =>
      `<!DOCTYPE html><html><head><script nonce="${nonce}" src="/a.js"></script></head><body>` +
      `<a href="/account" aria-label="${escapeHtmlText(`Your account (${u.name})`)}">${escapeHtmlText(u.name)}</a>` +
      `${u.stateIso3 ? '<a href="/reports">Reports</a>' : ""}<p>${figures}</p>` +
      `${"<svg><rect/></svg>".repeat(500)}` +
      `<script nonce="${nonce}">window.__remixContext.streamController.enqueue(${JSON.stringify(JSON.stringify([{ user: { name: u.name, role: u.role, stateIso3: u.stateIso3 } }])).replace(/[&><\u2028\u2029]/g, (c) => ({ "&": "\\u0026", ">": "\\u003e", "<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029" })[c]!)});</script></body></html>`;

    async function signedInServer(version: { v: string }, options: { showEmail?: boolean } = {}) {
      const renders: string[] = [];
      const cache = createPageCache({ version: () => version.v, sessionUser: async (req) => USERS[who(req)] ?? null });
      const app = express();
      app.use(compression());
      let n = 0;
      app.use((_req, res, next) => {
        res.locals.cspNonce = `nonce${++n}AAAAAAAAAAAAAAAA==`;
        next();
      });
      app.use((_req, _res, next) => runWithRequestStore(true, next));
      app.use(cache);
      app.get("*", (req, res) => {
        // As getUser does: the personal fields masked when the cache renders a shared copy.
        const real = USERS[who(req)]!;
        const mask = requestUserMask();
        const u = mask ? { ...real, name: mask.name, email: mask.email, stateIso3: real.stateIso3 === null ? null : mask.stateIso3 } : real;
        renders.push(`${real.role}:${mask ? "shared" : real.name}`);
        const figures = `${real.role === "secretariat" ? "secretariat-only figure 3 of 7" : "public figure 10 of 40"} v${version.v}`;
        let html = render(u, res.locals.cspNonce as string, figures);
        if (options.showEmail) html += `<p>${u.email}</p>`;
        setTimeout(() => res.type("html").send(html), 20);
      });
      const server = http.createServer(app);
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      servers.push(server);
      return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, renders, cache };
    }
    const nonceOf = (html: string) => /nonce="([^"]+)"/.exec(html)![1]!;

    test("each user gets the page exactly as rendered for them (hostile name included), from one shared render per role; the copy holds no name", async () => {
      const version = { v: "1" };
      const { origin, renders, cache } = await signedInServer(version);
      const first = await get(`${origin}/insights/4`, { cookie: "kr_session=amina", "accept-encoding": "gzip" });
      const firstHtml = zlib.gunzipSync(first.body).toString();
      expect(first.headers["x-page-cache"]).toBe("hit");
      expect(firstHtml).toBe(render(USERS.amina!, nonceOf(firstHtml), "public figure 10 of 40 v1"));
      // Another Member State's user: the same shared copy, their own name, State links and nonce.
      const jun = await get(`${origin}/insights/4`, { cookie: "kr_session=jun" });
      const junHtml = jun.body.toString();
      expect(junHtml).toBe(render(USERS.jun!, nonceOf(junHtml), "public figure 10 of 40 v1"));
      expect(nonceOf(junHtml)).not.toBe(nonceOf(firstHtml));
      expect(junHtml).not.toContain("Amina");
      expect(renders).toEqual(["focal_point:shared"]);
      // Never stored by a browser or a proxy: no public Cache-Control, no ETag.
      expect(jun.headers["cache-control"]).toBeUndefined();
      expect(jun.headers.etag).toBeUndefined();
      for (const held of cache.heldTexts()) {
        for (const u of Object.values(USERS)) {
          expect(held).not.toContain(u.name);
          expect(held).not.toContain(u.email);
        }
        expect(held).not.toMatch(/KEN|JPN/);
      }
    });

    test("a Member State user never gets the secretariat's figures; a new data version makes new copies", async () => {
      const version = { v: "1" };
      const { origin, renders } = await signedInServer(version);
      const sec = (await get(`${origin}/insights/4`, { cookie: "kr_session=sec" })).body.toString();
      expect(sec).toContain("secretariat-only figure 3 of 7 v1");
      expect(sec).not.toContain('href="/reports"');
      const ms = (await get(`${origin}/insights/4`, { cookie: "kr_session=jun" })).body.toString();
      expect(ms).toContain("public figure 10 of 40 v1");
      expect(ms).not.toContain("secretariat-only");
      expect(renders).toEqual(["secretariat:shared", "focal_point:shared"]);
      // A report counted: the next request renders again, and shows it.
      version.v = "2";
      const after = (await get(`${origin}/insights/4`, { cookie: "kr_session=jun" })).body.toString();
      expect(after).toContain("public figure 10 of 40 v2");
      expect(after).not.toContain("secretariat-only");
      expect(renders).toEqual(["secretariat:shared", "focal_point:shared", "focal_point:shared"]);
    });

    test("a page that shows the user's e-mail is not shared: it is rendered for the user each time", async () => {
      const { origin, renders, cache } = await signedInServer({ v: "1" }, { showEmail: true });
      const a = (await get(`${origin}/insights/4`, { cookie: "kr_session=jun" })).body.toString();
      const b = await get(`${origin}/insights/4`, { cookie: "kr_session=jun" });
      expect(a).toContain("jun@example.org");
      expect(b.headers["x-page-cache"]).toBe("miss");
      // Tried once for this data version, then rendered for the user without trying again.
      expect(renders).toEqual(["focal_point:shared", "focal_point:Jun Tanaka", "focal_point:Jun Tanaka"]);
      expect(cache.stats().entries).toBe(0);
    });

    test("escaping matches React's (text, attributes) and Remix's data script", () => {
      expect(escapeHtmlText(`<a href="x">O'Brien & co</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;O&#x27;Brien &amp; co&lt;/a&gt;");
      const name = `</script>"\\ \u2028 é`;
      const script = JSON.stringify(JSON.stringify(["@@", name]));
      const expected = script.replace(/[&><\u2028\u2029]/g, (c) => ({ "&": "\\u0026", ">": "\\u003e", "<": "\\u003c", "\u2028": "\\u2028", "\u2029": "\\u2029" })[c]!);
      const template = JSON.stringify(JSON.stringify(["@@", "PLACEHOLDER"]));
      expect(template.replace("PLACEHOLDER", escapeInDataScript(name))).toBe(expected);
    });
  });
});
