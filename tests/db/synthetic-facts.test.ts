import { expect, test } from "vitest";
import { useTestDatabase } from "../setup/test-db.ts";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getAnswers, getCycle, getReportContext } from "#app/reporting/reports.server.ts";
import { answerValueSchema } from "#app/reporting/answer-schemas.ts";
import { reportParts } from "#app/reporting/report-section.ts";
import { fillSyntheticCycle, syntheticUserId } from "#scripts/seed/synthetic.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";

test("the synthetic generator fills some facts, priorities and per-report answers, all valid", async () => {
  useTestDatabase();
  const demo = (await getCycle(1))!;
  const admin = (await findUserByEmail("admin@example.org"))!.id;
  const cycleId = await createCycle({ title: "Synthetic facts", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21", "35", "81"] }, opensOn: "2025-01-01", deadline: "2025-06-30", status: "open" }, admin, null);
  const cycle = (await getCycle(cycleId))!;
  const states = ["FRA", "DEU", "ITA", "ESP", "MEX", "IND", "NGA", "EGY", "PER", "THA", "POL", "CAN"];
  await fillSyntheticCycle({ cycle, states, seed: 7, actorUserId: await syntheticUserId(), startShare: 1, submitShare: 1, acceptShare: 0.5 });
  const seen = new Set<string>();
  for (const iso3 of states) {
    const { getDb } = await import("#db/client.ts");
    const { reports } = await import("#db/schema/index.ts");
    const { and, eq } = await import("drizzle-orm");
    const report = getDb().select({ id: reports.id }).from(reports).where(and(eq(reports.cycleId, cycleId), eq(reports.stateIso3, iso3))).get()!;
    const ctx = (await getReportContext(report.id))!;
    const stored = await getAnswers(report.id);
    for (const p of reportParts(ctx)) {
      for (const q of p.questions) {
        const a = stored.get(q.id);
        if (!a || a.value === null) continue;
        expect(answerValueSchema(q).safeParse(a.value).success, `${iso3} ${q.id}`).toBe(true);
        seen.add(q.key);
      }
    }
  }
  for (const key of ["contact", "declaration_use", "ta_priorities", "fact_legal_refs", "fact_authorities", "fact_indicator"]) expect(seen, key).toContain(key);
}, 60_000);
