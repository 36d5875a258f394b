/**
 * Production server: Express around the Remix build. Migrates the database before listening,
 * compresses responses, serves built assets with long-lived cache headers, and sets the
 * security headers (CSP with a per-request nonce, frame-ancestors 'none', Referrer-Policy).
 */
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { closeDb, getDb } from "./db/client.ts";
import { runMigrations } from "./db/migrate.ts";
import { initEnv } from "./app/utils/env.server.ts";
import { noStoreWhenPrivate, rejectCrossSiteWrites, securityHeaders, trustProxyHops } from "./server/security.ts";

const env = initEnv();
const here = path.dirname(fileURLToPath(import.meta.url));

runMigrations(getDb());

const build = (await import(path.join(here, "build/server/index.js"))) as ServerBuild;

const app = express();
app.disable("x-powered-by");
// A number of hops, never `true`: the client address is taken that many proxies from the end
// of X-Forwarded-For, so a client cannot rotate it by writing its own header.
trustProxyHops(app, env.TRUST_PROXY);
app.use(compression());
app.use((_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
});
app.use(securityHeaders);
app.use(rejectCrossSiteWrites);
app.use(noStoreWhenPrivate);
// Fingerprinted build assets never change: cache them for a year.
app.use("/assets", express.static(path.join(here, "build/client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(here, "build/client"), { maxAge: "1h" }));
app.get("/healthz", (_req, res) => {
  getDb().$client.prepare("select 1").get();
  res.type("text/plain").send("ok");
});
const loadContext = (req: express.Request, res: express.Response) => ({
  cspNonce: res.locals.cspNonce as string,
  clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
});

// Autosave is the busiest endpoint: it goes straight to its route module's action (the same
// guard, validation and save), skipping Remix's route matching for every keystroke burst.
const autosave = build.routes["routes/reports.$reportId.$ref.autosave"]?.module;
app.post("/reports/:reportId/:ref/autosave", async (req, res, next) => {
  if (!autosave?.action) return next();
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      else if (value !== undefined) headers.set(name, value);
    }
    const request = new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, {
      method: "POST",
      headers,
      body: createReadableStreamFromReadable(req),
      duplex: "half",
    } as RequestInit);
    const response = (await autosave.action({ request, params: req.params, context: loadContext(req, res) })) as Response;
    res.status(response.status);
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.send(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    next(error);
  }
});

app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: loadContext,
  }),
);

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`Kyoto Reporting listening on http://localhost:${env.PORT}`);
});

function shutdown() {
  server.close(() => {
    closeDb();
    process.exit(0);
  });
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
