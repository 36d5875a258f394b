/**
 * Browser tests run against the real production server (`npm run build` first): a fresh
 * database built with the real migrate and seed scripts, the server started on a free port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildBaseDatabase, ROOT, TMP } from "../setup/base-db.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseURL: string;
    databasePath: string;
    mailDir: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForHealth(url: string, server: ChildProcess, log: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`Server exited with ${server.exitCode}:\n${log()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Server did not become healthy in 30 s:\n${log()}`);
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(ROOT, "build/server/index.js"))) {
    throw new Error("No production build: run `npm run build` first (npm run test:e2e does).");
  }
  const databasePath = buildBaseDatabase(path.join(TMP, "e2e", "e2e.db"));
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  // Messages as sent (with their sign-in links), one JSON file each: the outbox keeps them redacted.
  const mailDir = path.join(TMP, "e2e", "mail");
  fs.rmSync(mailDir, { recursive: true, force: true });
  // The daily digest is sent by the tests that need it (npm run mail:digest), not by the clock.
  let output = "";
  const server = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server.ts"], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, PUBLIC_URL: baseURL, MAIL_DIR: mailDir, DIGEST_ENABLED: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (output += String(d)));
  server.stderr?.on("data", (d) => (output += String(d)));
  await waitForHealth(baseURL, server, () => output);
  project.provide("baseURL", baseURL);
  project.provide("databasePath", databasePath);
  project.provide("mailDir", mailDir);
  return async () => {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
  };
}
