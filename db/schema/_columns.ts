import { integer } from "drizzle-orm/sqlite-core";

/** A UTC instant, stored as milliseconds since the epoch (timestamptz on PostgreSQL). */
export const instant = (name: string) => integer(name, { mode: "timestamp_ms" });
export const createdAt = () =>
  instant("created_at")
    .notNull()
    .$defaultFn(() => new Date());
