/**
 * The autosave door answers without Express (server/autosave-door.ts), so it works out the
 * request's protocol and the client's address itself for TRUST_PROXY hops. They must be what
 * Express's `req.protocol` and `req.ip` give with `trust proxy` set to the same number: the
 * protocol decides the expected Origin of the cross-site guard and the session cookie's name,
 * the address goes into the audit trail.
 */
import http, { type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { clientAddress, forwardedProtocol, trustProxyHops } from "../../server/security.ts";

const HOPS = [0, 1, 2, 3] as const;
const servers: Server[] = [];
const bases = new Map<number, string>();

beforeAll(async () => {
  for (const hops of HOPS) {
    const app = express();
    trustProxyHops(app, hops);
    app.get("/", (req, res) => {
      res.json({ express: { protocol: req.protocol, ip: req.ip }, door: { protocol: forwardedProtocol(req, hops), ip: clientAddress(req, hops) } });
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    bases.set(hops, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const HEADERS: Record<string, string>[] = [
  {},
  { "X-Forwarded-Proto": "https" },
  { "X-Forwarded-Proto": "https, http" },
  { "X-Forwarded-Proto": " https ", "X-Forwarded-For": "203.0.113.7" },
  { "X-Forwarded-For": "203.0.113.7, 198.51.100.2" },
  { "X-Forwarded-For": "10.0.0.1, 203.0.113.7 , 198.51.100.2", "X-Forwarded-Proto": "http" },
  { "X-Forwarded-For": "203.0.113.7,, 198.51.100.2" },
  { "X-Forwarded-For": "" },
  { "X-Forwarded-For": "not an address, 2001:db8::1" },
];

describe("the door's protocol and client address are Express's, for every number of trusted hops", () => {
  for (const hops of HOPS) {
    test.each(HEADERS.map((h) => [JSON.stringify(h), h] as const))(`TRUST_PROXY=${hops}, headers %s`, async (_name, headers) => {
      const res = await fetch(bases.get(hops)!, { headers });
      const { express: viaExpress, door } = (await res.json()) as { express: { protocol: string; ip: string }; door: { protocol: string; ip: string } };
      expect(door).toEqual(viaExpress);
    });
  }

  test("with no trusted hop, the headers a client writes change nothing", async () => {
    const res = await fetch(bases.get(0)!, { headers: { "X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7" } });
    expect(((await res.json()) as { door: unknown }).door).toEqual({ protocol: "http", ip: "127.0.0.1" });
  });

  test("with one trusted hop, the proxy's view is taken: the last address it added, its protocol", async () => {
    const res = await fetch(bases.get(1)!, { headers: { "X-Forwarded-Proto": "https", "X-Forwarded-For": "10.9.9.9, 203.0.113.7" } });
    expect(((await res.json()) as { door: unknown }).door).toEqual({ protocol: "https", ip: "203.0.113.7" });
  });
});
