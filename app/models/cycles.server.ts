import { and, asc, eq } from "drizzle-orm";
import { getDb } from "#db/client.ts";
import { cycles, type CycleScope } from "#db/schema/index.ts";

export interface NewCycle {
  title: string;
  instrumentId: string;
  versionId: number;
  scope: CycleScope;
  opensOn: string;
  deadline: string;
  status: "draft" | "open" | "closed";
  createdBy?: number | null;
}

/** Create a cycle unless one with the same title exists for the instrument (idempotent seeds). */
export async function ensureCycle(c: NewCycle): Promise<number> {
  const db = getDb();
  const existing = db
    .select({ id: cycles.id })
    .from(cycles)
    .where(and(eq(cycles.instrumentId, c.instrumentId), eq(cycles.title, c.title)))
    .get();
  if (existing) return existing.id;
  return db.insert(cycles).values(c).returning({ id: cycles.id }).get().id;
}

export async function listCycles() {
  return getDb()
    .select({ id: cycles.id, title: cycles.title, status: cycles.status, opensOn: cycles.opensOn, deadline: cycles.deadline })
    .from(cycles)
    .orderBy(asc(cycles.opensOn))
    .all();
}
