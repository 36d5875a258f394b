/**
 * Production server: `node:http` in front of Express and the Remix build. Takes the database's
 * lock file, migrates the database before listening, answers autosaves before Express
 * (server/autosave-door.ts), compresses responses, serves built assets with long-lived cache
 * headers, and sets the security headers (CSP with a per-request nonce, frame-ancestors 'none',
 * Referrer-Policy). Runs the scheduled backups (BACKUP_DIR) and stops gracefully on
 * SIGTERM/SIGINT: new requests get 503, requests in flight finish (10 s at most), then the WAL
 * is checkpointed and the database closed.
 */
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { acquireServerLock } from "./db/backup.ts";
import { closeDb, databasePath, getDb } from "./db/client.ts";
import { runMigrations } from "./db/migrate.ts";
import { initEnv } from "./app/utils/env.server.ts";
import { auditLogSummary, sealAllOpenAuditEvents, sealEndedAuditEvents } from "./app/audit/audit.server.ts";
import { startBackupSchedule } from "./server/backups.ts";
import { startDigestSchedule } from "./server/digest.ts";
import { runDailyDigest } from "./app/reporting/digest.server.ts";
import { pageCache } from "./server/page-cache.ts";
import { takeTurns } from "./server/turns.ts";
import { assetHeaders, clientAddress, requestGuards, trustProxyHops } from "./server/security.ts";
import { autosaveDoor, type AutosaveReply } from "./server/autosave-door.ts";
import { insightsDataVersion } from "./app/insights/data-version.server.ts";
import { runWithRequestStore } from "./app/utils/markup-once.server.ts";

const env = initEnv();
const here = path.dirname(fileURLToPath(import.meta.url));
const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

// `npm run db:restore` refuses while this lock names a live process.
const releaseLock = acquireServerLock(databasePath());
runMigrations(getDb());
// Events left open by a previous run (or written before the chain existed) join the chain now.
const sealedAtStart = sealAllOpenAuditEvents();
if (sealedAtStart > 0) log(`audit: sealed ${sealedAtStart} open event(s) into the chain`);

const build = (await import(path.join(here, "build/server/index.js"))) as ServerBuild;

const app = express();
app.disable("x-powered-by");
// A number of hops, never `true`: the client address is taken that many proxies from the end
// of X-Forwarded-For, so a client cannot rotate it by writing its own header.
trustProxyHops(app, env.TRUST_PROXY);

// Graceful stop: once stopping, every new request gets 503 (the listener stays open until the
// end, so a new connection gets an answer rather than a refusal); the ones running finish and
// close their connection.
let stopping = false;
let insightsCheckQueued = false;
const inFlight = new Set<http.ServerResponse>();

app.use(compression());
// Fingerprinted build assets never change: cache them for a year. They are scripts, styles and
// fonts, not documents: the document headers (CSP, frame, referrer, opener and permission
// policies) mean nothing on them, so they carry only nosniff (and HSTS), which keeps each of the
// page's many small chunks lighter on the wire and spares them a nonce.
app.use("/assets", assetHeaders, express.static(path.join(here, "build/client/assets"), { immutable: true, maxAge: "1y" }));
// A CSP nonce, security headers, the cross-site write guard and no-store (every page passes
// through these; the autosave door below does what they do for an autosave).
app.use(...requestGuards);
const loadContext = (req: express.Request, res: express.Response) => ({
  cspNonce: res.locals.cspNonce as string,
  // What req.ip works out (TRUST_PROXY hops), as the autosave door reads it too.
  clientIp: clientAddress(req, env.TRUST_PROXY),
});
// A document request renders big markup (charts) into the HTML once, not again in its data.
app.use((req, _res, next) => runWithRequestStore(!req.path.endsWith(".data"), next));
app.use(express.static(path.join(here, "build/client"), { maxAge: "1h" }));
app.get("/healthz", (_req, res) => {
  getDb().$client.prepare("select 1").get();
  res.type("text/plain").send("ok");
});
// Signed-out insights pages: rendered once per data version, then from memory (ETag, public Cache-Control).
app.use(pageCache);

app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: loadContext,
  }),
);

// Autosave is the busiest request by far: the autosaves every browser sends are answered before
// Express, by the route's own reply (server/autosave-door.ts; ADR 008 "One door for autosave",
// ADR 001 issue 16: Express's own work was a quarter of the CPU per save). Anything else, and
// every autosave in development, goes through Express and Remix.
const autosaveReply = (build.entry.module as { autosaveReply?: AutosaveReply }).autosaveReply;
if (!autosaveReply) throw new Error("The server build's entry does not export autosaveReply (app/entry.server.tsx).");
const autosave = autosaveDoor({ reply: autosaveReply, trustProxyHops: env.TRUST_PROXY, onError: (error) => log(`autosave: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`) });
// One request per turn of the event loop, so that new connections are accepted between
// requests even when every open connection is busy (server/turns.ts; issue 16).
const turns = env.REQUEST_TURNS === "on" ? takeTurns() : null;

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  if (stopping) {
    res.setHeader("Connection", "close");
    res.setHeader("Retry-After", "5");
    res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("The server is restarting. Nothing you saved is lost; try again in a few seconds.");
    return;
  }
  const params = autosave.claims(req);
  inFlight.add(res);
  res.once("close", () => {
    inFlight.delete(res);
    // A request that may have written: look for a change to the insights' data at once. Not
    // after an autosave (the busiest request): it edits a report that may be edited, whose
    // counted figures are its last submission's, so it cannot change what the insights count.
    if (req.method !== "GET" && req.method !== "HEAD" && !params && !insightsCheckQueued) {
      insightsCheckQueued = true;
      setImmediate(() => {
        insightsCheckQueued = false;
        insightsChanged();
      });
    }
  });
  const start = params ? () => void autosave.serve(req, res, params) : () => app(req, res);
  if (turns) turns.take(start);
  else start();
}

const server = http.createServer(handle).listen(env.PORT, env.HOST, () => {
  log(`Kyoto Reporting listening on http://localhost:${env.PORT}`);
});

// After a change to what the insights count (a report submitted, excluded, put back, a cycle
// edited — by a request or by another process), the figures are computed again at once in the
// background and the public pages in memory rendered again, so the first reader after the
// change does not wait for them. Checked after every request that may write, and every second.
const warmInsightFigures = (build.entry.module as { warmInsightFigures?: () => Promise<number> }).warmInsightFigures;
let seenVersion = "";
try {
  seenVersion = insightsDataVersion();
} catch (error) {
  log(`insights: no data version (${error instanceof Error ? error.message : String(error)}); pages are not kept in memory`);
}
let warming: Promise<void> | null = null;
function insightsChanged() {
  if (warming || stopping) return;
  let version: string;
  try {
    version = insightsDataVersion();
  } catch {
    return;
  }
  if (version === seenVersion) return;
  seenVersion = version;
  const address = server.address();
  const origin = address && typeof address === "object" ? `http://${address.family === "IPv6" ? `[${address.address === "::" ? "::1" : address.address}]` : address.address === "0.0.0.0" ? "127.0.0.1" : address.address}:${address.port}` : null;
  const started = Date.now();
  warming = (async () => {
    const figures = (await warmInsightFigures?.()) ?? 0;
    const pages = origin ? await pageCache.refresh(origin) : 0;
    log(`insights: data changed; ${figures} figure set(s) and ${pages} public page(s) prepared in ${Date.now() - started} ms`);
  })()
    .catch((error: unknown) => log(`insights: preparing after a change failed: ${error instanceof Error ? error.message : String(error)}`))
    .finally(() => {
      warming = null;
      // A change made while preparing: prepare again.
      setImmediate(insightsChanged);
    });
}
const insightsTimer = setInterval(insightsChanged, 1_000);
insightsTimer.unref();

// Each backup's log line names the chain's head: a record outside the database to check it against.
const chainHeadLine = () => {
  const s = auditLogSummary();
  return s.head ? `audit chain head ${s.head.hash} (position ${s.head.seq}; ${s.open} open)` : "audit chain empty";
};
const backups = startBackupSchedule(getDb().$client, { dir: env.BACKUP_DIR, intervalMinutes: env.BACKUP_INTERVAL_MINUTES, keep: env.BACKUP_KEEP }, log, chainHeadLine);
// The focal points' daily digest of paragraphs handed over (once a day; the day is stored).
const digests = startDigestSchedule({ enabled: env.DIGEST_ENABLED === "true", hourUtc: env.DIGEST_HOUR_UTC }, (hour) => runDailyDigest(hour), log);
// Bursts of autosaves that ended are sealed into the audit chain even when nothing else is written.
const sealTimer = setInterval(() => {
  try {
    sealEndedAuditEvents();
  } catch (error) {
    log(`audit: sealing failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}, 60_000);
sealTimer.unref();

const STOP_GRACE_MS = 10_000;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  log(`${signal}: stopping; ${inFlight.size} request(s) in flight, new ones get 503`);
  for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
  while (inFlight.size > 0 && Date.now() - started < STOP_GRACE_MS) await new Promise((r) => setTimeout(r, 20));
  const unfinished = inFlight.size;
  server.close();
  server.closeAllConnections();
  await backups.stop();
  await digests.stop();
  clearInterval(sealTimer);
  clearInterval(insightsTimer);
  try {
    const sealed = sealAllOpenAuditEvents();
    const db = getDb().$client;
    const [checkpoint] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number; log: number; checkpointed: number }[];
    closeDb();
    log(
      `stopped in ${Date.now() - started} ms: ${unfinished ? `${unfinished} request(s) cut off after ${STOP_GRACE_MS / 1000} s` : "every request finished"}; ` +
        `${sealed} open audit event(s) sealed; WAL checkpointed (${checkpoint?.checkpointed ?? 0} pages${checkpoint?.busy ? ", busy" : ""}), database closed`,
    );
  } finally {
    releaseLock();
  }
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
