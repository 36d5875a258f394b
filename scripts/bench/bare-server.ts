/**
 * The ceiling for `npm run bench:autosave`: a bare `node:http` server that does what the
 * autosave does at the storage level and nothing else — read a form body, one prepared
 * better-sqlite3 upsert of one answer row (WAL, synchronous=NORMAL, as db/client.ts), answer
 * with the new revision in JSON. No framework, no session, no audit row.
 *
 * Started by scripts/bench-autosave.ts as its own process: BARE_PORT, BARE_HOST, BARE_DB.
 * POST /upsert/<slot> (form body with `description`), GET /healthz.
 */
import http from "node:http";
import Database from "better-sqlite3";

const port = Number(process.env.BARE_PORT ?? "0");
const host = process.env.BARE_HOST ?? "127.0.0.1";
const file = process.env.BARE_DB;
if (!file || !port) throw new Error("BARE_DB and BARE_PORT are required");

const db = new Database(file, { timeout: 5000 });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("foreign_keys = ON");
db.exec(`
  create table if not exists answers (
    id integer primary key autoincrement,
    report_id integer not null,
    question_id text not null,
    paragraph_ref text not null,
    value text not null,
    revision integer not null default 1,
    updated_at integer not null
  );
  create unique index if not exists answers_report_question on answers (report_id, question_id);
`);

const upsert = db.prepare<[number, string, string, string, number], { revision: number }>(`
  insert into answers (report_id, question_id, paragraph_ref, value, revision, updated_at)
  values (?, ?, ?, ?, 1, ?)
  on conflict (report_id, question_id) do update
    set value = excluded.value, revision = answers.revision + 1, updated_at = excluded.updated_at
  returning revision
`);

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/healthz") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    return;
  }
  const match = req.method === "POST" ? /^\/upsert\/(\d+)$/.exec(req.url ?? "") : null;
  if (!match) {
    res.writeHead(404).end();
    return;
  }
  const slot = Number(match[1]);
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
    const value = form.get("description") ?? "";
    const row = upsert.get(slot, "bench.description", "bench", JSON.stringify(value), Date.now());
    const body = JSON.stringify({ revisions: { description: row?.revision ?? 0 } });
    res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" }).end(body);
  });
});

server.listen(port, host, () => {
  console.log(`bare server listening on http://${host}:${port}`);
});

function shutdown() {
  server.close(() => {
    db.close();
    process.exit(0);
  });
  server.closeAllConnections();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
