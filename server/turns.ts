/**
 * Requests take turns: at most `perTurn` requests start in one turn of the event loop, the
 * rest wait, in arrival order, for the next turns. server.ts passes every request, the autosave
 * door's and Express's alike, through `take`.
 *
 * Why: libuv accepts at most one new connection per turn of the event loop (libuv#3696, in
 * Node 20 and later). Without turns, a turn runs every request whose bytes have arrived, so
 * when 500 editors' connections are all busy a turn lasts about 500 × 1 ms, and a browser that
 * has just connected waits in the kernel's accept queue for one such turn per connection ahead
 * of it: at 500 connections the last ones waited 10 s and timed out (issue 16, item 1). With
 * one request per turn, a turn lasts one request, the listening socket is polled between
 * requests, and a new connection is accepted within a few milliseconds while the requests
 * already read still run in the order they came.
 *
 * The part of a request that runs without waiting on I/O (its synchronous code and the
 * promises it resolves at once) still runs in one piece, inside its turn: an answer's save
 * and its audit row are never interleaved with another request's. (With `perTurn` above one,
 * the requests of a turn start back to back and their promise continuations interleave.)
 */
export function takeTurns(perTurn = 1) {
  if (!Number.isInteger(perTurn) || perTurn < 1) throw new Error(`takeTurns: perTurn must be a whole number ≥ 1 (got ${perTurn})`);
  const waiting: (() => void)[] = [];
  let scheduled = false;

  const turn = () => {
    for (let i = 0; i < perTurn && waiting.length > 0; i++) waiting.shift()!();
    if (waiting.length > 0) setImmediate(turn);
    else scheduled = false;
  };

  /** Starts `start` in a later turn, after the requests already waiting. */
  const take = (start: () => void) => {
    waiting.push(start);
    if (!scheduled) {
      scheduled = true;
      setImmediate(turn);
    }
  };
  /** Requests read but not yet started (for logs and tests). */
  const waitingCount = () => waiting.length;
  return { take, waiting: waitingCount };
}
