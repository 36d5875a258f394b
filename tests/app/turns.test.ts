import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { describe, expect, test } from "vitest";
import { takeTurns } from "../../server/turns.ts";

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("requests take turns (server/turns.ts)", () => {
  test("one request starts per turn of the event loop, in the order they arrived", async () => {
    const turns = takeTurns();
    const started: string[] = [];
    for (const name of ["a", "b", "c"]) turns.take(() => started.push(name));
    // Nothing runs inside the turn that read the requests: the listening socket is polled first.
    expect(started).toEqual([]);
    expect(turns.waiting()).toBe(3);
    await turn();
    expect(started).toEqual(["a"]);
    await turn();
    expect(started).toEqual(["a", "b"]);
    await turn();
    expect(started).toEqual(["a", "b", "c"]);
    expect(turns.waiting()).toBe(0);
    // A later request is served again without waiting for anything else.
    turns.take(() => started.push("d"));
    await turn();
    expect(started).toEqual(["a", "b", "c", "d"]);
  });

  test("a request's synchronous work is not cut by another request's (a save and its audit row stay together)", async () => {
    // As server.ts serves: every request, in its turn, to Express.
    const app = express();
    const turns = takeTurns();
    const log: string[] = [];
    app.get("/:name", async (req, res) => {
      log.push(`${req.params.name} begins`);
      await Promise.resolve(); // a promise settled at once: still this request's turn
      log.push(`${req.params.name} ends`);
      res.send("ok");
    });
    const server = http.createServer((req, res) => turns.take(() => app(req, res)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await Promise.all(["one", "two", "three", "four"].map((n) => fetch(`http://127.0.0.1:${port}/${n}`, { headers: { connection: "close" } }).then((r) => r.text())));
      expect(log).toHaveLength(8);
      for (let i = 0; i < log.length; i += 2) {
        const name = log[i]!.split(" ")[0];
        expect(log.slice(i, i + 2)).toEqual([`${name} begins`, `${name} ends`]);
      }
    } finally {
      server.close();
    }
  });

  test("perTurn must be a whole number of at least one", () => {
    expect(() => takeTurns(0)).toThrow(/whole number/);
    expect(() => takeTurns(1.5)).toThrow(/whole number/);
  });
});
