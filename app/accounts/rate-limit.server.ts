/**
 * Rate limits other than sign-in failures, each its own bucket: a password-reset request never
 * counts against signing in. A limit is `max` events per `windowMs` for one key (an address,
 * an account); the answer is how long until the next attempt may be made.
 */
import { and, eq, gte, lt } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { rateEvents } from "#db/schema/index.ts";

export interface Limit {
  bucket: string;
  max: number;
  windowMs: number;
}

export const RESET_PER_ADDRESS: Limit = { bucket: "reset:address", max: 10, windowMs: 15 * 60_000 };
export const RESET_PER_ACCOUNT: Limit = { bucket: "reset:account", max: 3, windowMs: 60 * 60_000 };

/** Milliseconds until `key` may try again under `limit`; 0 when it may now. */
export function retryAfter(limit: Limit, key: string, now = new Date()): number {
  const rows = getDb()
    .select({ at: rateEvents.at })
    .from(rateEvents)
    .where(and(eq(rateEvents.bucket, limit.bucket), eq(rateEvents.key, key), gte(rateEvents.at, new Date(now.getTime() - limit.windowMs))))
    .orderBy(rateEvents.at)
    .all();
  if (rows.length < limit.max) return 0;
  const oldest = rows[rows.length - limit.max]!.at.getTime();
  return Math.max(1000, oldest + limit.windowMs - now.getTime());
}

export function recordEvent(limit: Limit, key: string, now = new Date()): void {
  const db = getDb();
  db.insert(rateEvents).values({ bucket: limit.bucket, key, at: now }).run();
  db.delete(rateEvents).where(lt(rateEvents.at, new Date(now.getTime() - 86_400_000))).run();
}

/** Forget the events of a key (a correct code ends the count of wrong ones). */
export function clearEvents(limit: Limit, key: string): void {
  getDb()
    .delete(rateEvents)
    .where(and(eq(rateEvents.bucket, limit.bucket), eq(rateEvents.key, key)))
    .run();
}
