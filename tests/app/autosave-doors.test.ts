/**
 * One door for autosave, covered in both modes (ADR 008): one table of autosave cases runs,
 * over real HTTP, through
 *   - the production door: server/autosave-door.ts in front of Express, as server.ts puts it (an
 *     autosave with a small form body is answered by `autosaveReply` without Express; anything
 *     else goes on to Express and Remix);
 *   - Remix: the request guards, then Remix's request handler matching the route and calling its
 *     action — the way development (`remix vite:dev`) and every other production request go.
 * Each door gets its own, identical reports; both must answer each case with the same status,
 * content type and body.
 */
import http, { type Server } from "node:http";
import net, { type AddressInfo } from "node:net";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import { eq } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import * as autosaveRoute from "#app/routes/reports.$reportId.$ref.autosave.tsx";
import { autosaveReply } from "#app/reporting/autosave.server.ts";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getCycle, openReport } from "#app/reporting/reports.server.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";
import { getDb } from "#db/client.ts";
import { cycles } from "#db/schema/index.ts";
import { requestGuards } from "../../server/security.ts";
import { autosaveDoor } from "../../server/autosave-door.ts";
import { sessionCookie } from "#tests/setup/route-helpers.ts";
import { useTestDatabase } from "#tests/setup/test-db.ts";

const ROUTE_ID = "routes/reports.$reportId.$ref.autosave";
const loadContext = (req: express.Request, res: express.Response) => ({ cspNonce: res.locals.cspNonce as string, clientIp: req.ip ?? "unknown" });

/** Just enough of a server build for Remix to match and run the autosave route (a resource route: no documents). */
function remixBuild(): ServerBuild {
  return {
    mode: "production",
    entry: { module: { default: () => new Response("No documents in this test.", { status: 500 }) } },
    routes: {
      root: { id: "root", path: "", module: {} as never },
      [ROUTE_ID]: { id: ROUTE_ID, parentId: "root", path: "reports/:reportId/:ref/autosave", module: autosaveRoute as never },
    },
    assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "test" } as never,
    publicPath: "/",
    assetsBuildDirectory: "",
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true } as never,
    isSpaMode: false,
  };
}

/** What the production door logged as errors (none is expected). */
const doorErrors: unknown[] = [];

/** The guards, then Remix's route matching (development, and every other request). */
function remixApp() {
  const app = express();
  app.use(...requestGuards);
  app.all("*", createRequestHandler({ build: remixBuild(), mode: "production", getLoadContext: loadContext }));
  return app;
}

const DOORS = {
  /** server.ts in production: the door claims what it answers, everything else goes to Express. */
  "production bypass": (): Server => {
    const door = autosaveDoor({ reply: autosaveReply, trustProxyHops: 0, onError: (e) => doorErrors.push(e) });
    const app = remixApp();
    return http.createServer((req, res) => {
      const params = door.claims(req);
      if (params) void door.serve(req, res, params);
      else app(req, res);
    });
  },
  remix: (): Server => http.createServer(remixApp()),
} as const;
type Door = keyof typeof DOORS;

interface Fixture {
  base: string;
  open: number;
  closed: number;
}
const servers: Server[] = [];
const fixtures = {} as Record<Door, Fixture>;
const cookies = { jpn: "", ken: "" };

async function reportIn(title: string, status: "open" | "closed", adminId: number, fpId: number) {
  const demo = (await getCycle(1))!;
  const id = await createCycle({ title, instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21"] }, opensOn: "2026-01-01", deadline: "2027-01-01", status: "open" }, adminId, null);
  const reportId = await openReport((await getCycle(id))!, "JPN", fpId, null);
  if (status === "closed") getDb().update(cycles).set({ status: "closed" }).where(eq(cycles.id, id)).run();
  return reportId;
}

beforeAll(async () => {
  useTestDatabase();
  const adminId = (await findUserByEmail("admin@example.org"))!.id;
  const fpJpn = (await findUserByEmail("focalpoint.jpn@example.org"))!.id;
  cookies.jpn = await sessionCookie(fpJpn);
  cookies.ken = await sessionCookie((await findUserByEmail("focalpoint.ken@example.org"))!.id);
  for (const door of Object.keys(DOORS) as Door[]) {
    const server = DOORS[door]().listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fixtures[door] = { base, open: await reportIn(`Doors: ${door}, open`, "open", adminId, fpJpn), closed: await reportIn(`Doors: ${door}, closed`, "closed", adminId, fpJpn) };
  }
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const FORM = "application/x-www-form-urlencoded";
interface Case {
  name: string;
  /** The status both doors must answer. */
  status: number;
  report?: "open" | "closed";
  cookie?: "jpn" | "ken" | null;
  body: string | Uint8Array;
  contentType?: string;
  origin?: string | null;
  headers?: Record<string, string>;
  /** Instead of /reports/:id/21/autosave. */
  path?: string;
}

/** In order: each case sees what the ones before it saved (on its door's own report). */
const CASES: Case[] = [
  { name: "saved", status: 200, body: "intent=autosave&status=planned&rev.status=0" },
  { name: "saved again on the new revision", status: 200, body: "intent=autosave&status=in_progress&rev.status=1" },
  { name: "409 conflict: saved on an old revision", status: 409, body: "intent=autosave&status=planned&rev.status=1" },
  { name: "validation error: not an option", status: 400, body: "intent=autosave&status=bogus&rev.status=2" },
  { name: "validation error: unknown question", status: 400, body: "intent=autosave&hacker=1&rev.hacker=0" },
  { name: "not allowed: another State's focal point", status: 404, cookie: "ken", body: "intent=autosave&status=planned&rev.status=2" },
  { name: "not allowed: signed out", status: 401, cookie: null, body: "intent=autosave&status=planned&rev.status=2" },
  { name: "closed cycle", status: 409, report: "closed", body: "intent=autosave&status=planned&rev.status=0" },
  { name: "CSRF refused: another site's Origin", status: 403, origin: "https://evil.example", body: "intent=autosave&status=planned&rev.status=2" },
  { name: "CSRF refused: no Origin nor Sec-Fetch-Site with a session", status: 403, origin: null, body: "intent=autosave&status=planned&rev.status=2" },
  { name: "CSRF refused: no Origin, Sec-Fetch-Site cross-site", status: 403, origin: null, headers: { "Sec-Fetch-Site": "cross-site" }, body: "intent=autosave&status=planned&rev.status=2" },
  { name: "CSRF refused: X-Forwarded-Host not the Origin's host", status: 403, headers: { "X-Forwarded-Host": "evil.example" }, body: "intent=autosave&status=planned&rev.status=2" },
  { name: "saved: no Origin, Sec-Fetch-Site same-origin", status: 200, origin: null, headers: { "Sec-Fetch-Site": "same-origin" }, body: "intent=autosave&status=planned&rev.status=2" },
  { name: "a path that does not decode", status: 400, path: "/reports/:id/%E0%A4%A/autosave", body: "intent=autosave&status=planned&rev.status=3" },
  { name: "body too large", status: 413, body: `intent=autosave&status=planned&rev.status=2&pad=${"x".repeat(1024 * 1024)}` },
  { name: "malformed JSON (not a form)", status: 415, contentType: "application/json", body: '{"status": "planned", "rev.status": ' },
  { name: "malformed form (not UTF-8)", status: 400, body: new Uint8Array([0x73, 0x74, 0x61, 0x74, 0x75, 0x73, 0x3d, 0xff, 0xfe]) },
];

async function send(door: Door, c: Case) {
  const f = fixtures[door];
  const headers: Record<string, string> = { "Content-Type": c.contentType ?? FORM, Accept: "application/json" };
  const cookie = c.cookie === undefined ? cookies.jpn : c.cookie === null ? null : cookies[c.cookie];
  if (cookie) headers.Cookie = cookie;
  if (c.origin !== null) headers.Origin = c.origin ?? f.base;
  Object.assign(headers, c.headers);
  const reportId = c.report === "closed" ? f.closed : f.open;
  const path = (c.path ?? "/reports/:id/21/autosave").replace(":id", String(reportId));
  const res = await fetch(`${f.base}${path}`, { method: "POST", headers, body: c.body as BodyInit });
  const type = (res.headers.get("content-type") ?? "").split(";")[0]!;
  const text = await res.text();
  // The same answer up to what differs by door: report ids and the time of the save.
  const normal = text.replaceAll(`/reports/${reportId}/`, "/reports/:id/").replaceAll(`%2Freports%2F${reportId}%2F`, "%2Freports%2F:id%2F").replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, "<time>");
  // Remix's adapter appends to the guard's Cache-Control ("no-store, no-store"): the same directives.
  const cacheControl = [...new Set((res.headers.get("cache-control") ?? "").split(",").map((d) => d.trim()).filter(Boolean))].sort().join(", ");
  return { status: res.status, type, body: type === "application/json" ? (JSON.parse(normal) as unknown) : normal, cacheControl };
}

/** The headers of one answer of a door. */
async function headersOf(door: Door, c: Case): Promise<Headers> {
  const f = fixtures[door];
  const res = await fetch(`${f.base}/reports/${f.open}/21/autosave`, {
    method: "POST",
    headers: { "Content-Type": FORM, Cookie: cookies.jpn, ...(c.origin === null ? {} : { Origin: c.origin ?? f.base }) },
    body: c.body as BodyInit,
  });
  await res.arrayBuffer();
  return res.headers;
}

describe("one table of autosave cases, through both doors", () => {
  test.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const remix = await send("remix", c);
    const bypass = await send("production bypass", c);
    expect(bypass.status, JSON.stringify(bypass.body).slice(0, 300)).toBe(c.status);
    // Nothing an autosave answers is kept by a browser or a proxy. A cross-site refusal comes
    // before any session is read: Express's guard sends it without Cache-Control, the door
    // with no-store (both harmless: a 403 is not stored for a later request).
    if (c.status === 403) expect({ ...remix, cacheControl: "" }).toEqual({ ...bypass, cacheControl: "" });
    else {
      expect(remix).toEqual(bypass);
      expect(bypass.cacheControl).toContain("no-store");
    }
  });

  test("the saved answers agree too: what each door stored is the same", async () => {
    const { getAnswers } = await import("#app/reporting/reports.server.ts");
    const stored = async (door: Door) => [...(await getAnswers(fixtures[door].open)).values()].map((a) => ({ q: a.questionId, value: a.value, revision: a.revision }));
    expect(await stored("remix")).toEqual(await stored("production bypass"));
    expect((await stored("remix")).find((a) => a.q.endsWith(".status"))).toMatchObject({ value: "planned", revision: 3 });
  });

  test("the production door's answers carry the policies a page's do, and a refusal closes the connection", async () => {
    const saved = await headersOf("production bypass", { name: "", status: 200, body: "intent=autosave&rev.status=3&status=in_progress" });
    expect(saved.get("x-content-type-options")).toBe("nosniff");
    expect(saved.get("x-frame-options")).toBe("DENY");
    expect(saved.get("referrer-policy")).toBe("same-origin");
    expect(saved.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(saved.get("cache-control")).toBe("no-store");
    expect(saved.get("connection")).not.toBe("close");
    const refused = await headersOf("production bypass", { name: "", status: 403, origin: "https://evil.example", body: "intent=autosave&rev.status=4&status=planned" });
    expect(refused.get("connection")).toBe("close");
    expect(refused.get("x-content-type-options")).toBe("nosniff");
  });

  test("a browser that goes away in the middle of its body: no error logged, the next save is answered", async () => {
    const f = fixtures["production bypass"];
    const { port } = new URL(f.base);
    const socket = net.connect(Number(port), "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    socket.write(`POST /reports/${f.open}/21/autosave HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${f.base}\r\nCookie: ${cookies.jpn}\r\nContent-Type: ${FORM}\r\nContent-Length: 200\r\n\r\nintent=autosave&status=`);
    await new Promise((r) => setTimeout(r, 50));
    socket.destroy();
    await new Promise((r) => setTimeout(r, 50));
    const next = await send("production bypass", { name: "", status: 409, body: "intent=autosave&status=planned&rev.status=0" });
    expect(next.status).toBe(409);
    expect(doorErrors).toEqual([]);
  });
});
