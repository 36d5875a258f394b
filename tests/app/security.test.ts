import type { NextFunction, Request, Response } from "express";
import { describe, expect, test, vi } from "vitest";
import express from "express";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { assetHeaders, noStoreWhenPrivate, rejectCrossSiteWrites, securityHeaders, trustProxyHops } from "../../server/security.ts";
import { initEnv, publicOrigin } from "#app/utils/env.server.ts";
import { serializeSessionCookie } from "#app/accounts/session-cookie.server.ts";

function run(method: string, headers: Record<string, string>) {
  const req = { method, protocol: "https", get: (name: string) => (name.toLowerCase() === "host" ? "reports.example.org" : headers[name.toLowerCase()]) } as unknown as Request;
  const res = { status: vi.fn().mockReturnThis(), type: vi.fn().mockReturnThis(), send: vi.fn() } as unknown as Response;
  const next = vi.fn() as unknown as NextFunction;
  rejectCrossSiteWrites(req, res, next);
  return (next as unknown as ReturnType<typeof vi.fn>).mock.calls.length === 1 ? "allowed" : "refused";
}

describe("no state change from another site", () => {
  test.each([
    ["GET from anywhere", "GET", { origin: "https://evil.example" }, "allowed"],
    ["POST from the same origin", "POST", { origin: "https://reports.example.org" }, "allowed"],
    ["POST from another origin", "POST", { origin: "https://evil.example" }, "refused"],
    ["POST from another origin claiming same-origin fetch", "POST", { origin: "https://evil.example", "sec-fetch-site": "same-origin" }, "refused"],
    ["POST with Origin: null from a no-referrer page of this site", "POST", { origin: "null", "sec-fetch-site": "same-origin" }, "allowed"],
    ["POST with Origin: null from another site", "POST", { origin: "null", "sec-fetch-site": "cross-site" }, "refused"],
    ["POST with Origin: null and nothing else", "POST", { origin: "null" }, "refused"],
    ["POST without Origin, cross-site fetch", "POST", { "sec-fetch-site": "cross-site" }, "refused"],
    ["POST from a non-browser client without a session", "POST", {}, "allowed"],
    // F20: a browser always sends Origin or Sec-Fetch-Site; a signed-in request with neither is forged.
    ["F20: signed-in POST with neither Origin nor Sec-Fetch-Site", "POST", { cookie: "kr_session=abc" }, "refused"],
    ["F20: signed-in POST (https cookie) with neither header", "POST", { cookie: "lang=fr; __Host-kr_session=abc" }, "refused"],
    ["signed-in POST with Sec-Fetch-Site same-origin", "POST", { cookie: "kr_session=abc", "sec-fetch-site": "same-origin" }, "allowed"],
    // F1: Remix's own check throws (a 500) when X-Forwarded-Host differs from Origin: refused here first.
    ["F1: POST whose X-Forwarded-Host differs from its Origin", "POST", { origin: "https://reports.example.org", "x-forwarded-host": "evil.example" }, "refused"],
    ["POST whose X-Forwarded-Host matches its Origin", "POST", { origin: "https://reports.example.org", "x-forwarded-host": "reports.example.org" }, "allowed"],
  ])("%s: %s", (_name, method, headers, expected) => {
    expect(run(method as string, headers as Record<string, string>)).toBe(expected);
  });
});

function fakeRes() {
  const headers = new Map<string, string>();
  return {
    headers,
    res: { locals: { cspNonce: "n" }, setHeader: (k: string, v: string) => headers.set(k.toLowerCase(), v) } as unknown as Response,
  };
}

describe("F13: signed-in pages and .data responses are not stored", () => {
  test.each([
    ["a signed-in page", "/reports", "kr_session=abc", "no-store"],
    ["a signed-in page over https", "/review", "__Host-kr_session=abc", "no-store"],
    ["any .data response", "/insights.data", "", "no-store"],
    ["a signed-in .data response", "/reports/3.data", "kr_session=abc", "no-store"],
    ["a public page, signed out", "/insights", "", undefined],
    ["a fingerprinted asset", "/assets/app-1234.js", "kr_session=abc", undefined],
  ])("%s", (_name, path, cookie, expected) => {
    const { headers, res } = fakeRes();
    const req = { path, get: (n: string) => (n.toLowerCase() === "cookie" ? cookie : undefined) } as unknown as Request;
    noStoreWhenPrivate(req, res, vi.fn() as unknown as NextFunction);
    expect(headers.get("cache-control")).toBe(expected);
  });
});

describe("Secure cookies and HSTS whenever PUBLIC_URL is https", () => {
  const saved = { PUBLIC_URL: process.env.PUBLIC_URL, NODE_ENV: process.env.NODE_ENV };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  test("an http request behind an https PUBLIC_URL still gets HSTS and a Secure __Host- cookie", async () => {
    process.env.PUBLIC_URL = "https://reports.example.org";
    process.env.NODE_ENV = "production";
    const { headers, res } = fakeRes();
    securityHeaders({ secure: false } as unknown as Request, res, vi.fn() as unknown as NextFunction);
    expect(headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    const cookie = await serializeSessionCookie(new Request("http://127.0.0.1:3000/login"), "x".repeat(43));
    expect(cookie).toMatch(/^__Host-kr_session=/);
    expect(cookie).toMatch(/; Secure/);
  });

  test("an http PUBLIC_URL: no HSTS, no Secure", async () => {
    process.env.PUBLIC_URL = "http://localhost:3000";
    process.env.NODE_ENV = "production";
    const { headers, res } = fakeRes();
    securityHeaders({ secure: false } as unknown as Request, res, vi.fn() as unknown as NextFunction);
    expect(headers.get("strict-transport-security")).toBeUndefined();
    const cookie = await serializeSessionCookie(new Request("http://localhost:3000/login"), "x".repeat(43));
    expect(cookie).not.toMatch(/Secure/);
  });
});

describe("F1: links in e-mails come from a configured origin", () => {
  test("production refuses to start without PUBLIC_URL, saying why", () => {
    expect(() => initEnv({ NODE_ENV: "production" })).toThrow(/PUBLIC_URL: is required in production/);
    expect(initEnv({ NODE_ENV: "production", PUBLIC_URL: "https://reports.example.org" }).PUBLIC_URL).toBe("https://reports.example.org");
    expect(() => initEnv({ NODE_ENV: "production", PUBLIC_URL: "javascript:alert(1)" })).toThrow(/PUBLIC_URL/);
  });

  test("development defaults to http://localhost:<PORT>; never the request", () => {
    expect(publicOrigin({ NODE_ENV: "development", PORT: "4100" })).toBe("http://localhost:4100");
    expect(publicOrigin({ NODE_ENV: "development" })).toBe("http://localhost:3000");
    expect(publicOrigin({ NODE_ENV: "production", PUBLIC_URL: "https://reports.example.org/some/path" })).toBe("https://reports.example.org");
  });
});

describe("F5: TRUST_PROXY is a number of hops, never the whole X-Forwarded-For", () => {
  test("`true` is refused at boot with a clear message; a number is taken", () => {
    expect(() => initEnv({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY: must be the number of proxies/);
    expect(initEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(initEnv({ TRUST_PROXY: "false" }).TRUST_PROXY).toBe(0);
    expect(initEnv({}).TRUST_PROXY).toBe(0);
  });

  test("behind one proxy, a client rotating X-Forwarded-For is still seen at its real address", async () => {
    const app = express();
    trustProxyHops(app, initEnv({ TRUST_PROXY: "1" }).TRUST_PROXY);
    app.get("/ip", (req, res) => res.send(req.ip));
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const port = (server.address() as AddressInfo).port;
    try {
      const seen = new Set<string>();
      // The proxy appends the address it saw (203.0.113.7); the client wrote the rest.
      for (const forged of ["1.1.1.1", "2.2.2.2", "3.3.3.3, 4.4.4.4"]) {
        const res = await fetch(`http://127.0.0.1:${port}/ip`, { headers: { "X-Forwarded-For": `${forged}, 203.0.113.7` } });
        seen.add(await res.text());
      }
      expect([...seen]).toEqual(["203.0.113.7"]);
    } finally {
      server.close();
    }
  });
});

describe("build assets carry nosniff, not the document policies", () => {
  test("a script chunk: nosniff, no CSP, no frame or permission policy", () => {
    const { headers, res } = fakeRes();
    const req = { secure: false, get: () => undefined } as unknown as Request;
    const next = vi.fn();
    assetHeaders(req, res, next as unknown as NextFunction);
    expect(next).toHaveBeenCalled();
    expect(headers.get("x-content-type-options")).toBe("nosniff");
    expect([...headers.keys()].filter((k) => /content-security-policy|x-frame-options|permissions-policy|referrer-policy/.test(k))).toEqual([]);
  });
});
