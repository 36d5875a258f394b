/**
 * Production server: Express around the Remix build. Migrates the database before listening,
 * compresses responses, serves built assets with long-lived cache headers, and sets the
 * security headers (CSP with a per-request nonce, frame-ancestors 'none', Referrer-Policy).
 */
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { closeDb, getDb } from "./db/client.ts";
import { runMigrations } from "./db/migrate.ts";
import { initEnv } from "./app/utils/env.server.ts";
import { rejectCrossSiteWrites, securityHeaders } from "./server/security.ts";

const env = initEnv();
const here = path.dirname(fileURLToPath(import.meta.url));

runMigrations(getDb());

const build = (await import(path.join(here, "build/server/index.js"))) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.TRUST_PROXY === "true");
app.use(compression());
app.use((_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  next();
});
app.use(securityHeaders);
app.use(rejectCrossSiteWrites);
// Fingerprinted build assets never change: cache them for a year.
app.use("/assets", express.static(path.join(here, "build/client/assets"), { immutable: true, maxAge: "1y" }));
app.use(express.static(path.join(here, "build/client"), { maxAge: "1h" }));
app.get("/healthz", (_req, res) => {
  getDb().$client.prepare("select 1").get();
  res.type("text/plain").send("ok");
});
app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (req, res) => ({
      cspNonce: res.locals.cspNonce as string,
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
    }),
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
