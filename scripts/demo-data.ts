/**
 * `npm run demo:data -- --cycles 3 --states 193 --seed 1`: synthetic reports in the demo
 * database, through the real workflow (opened, answered with who may read each narrative, submitted,
 * accepted), deterministic for a seed. Cycles are flagged synthetic, and every insights page
 * says so. Idempotent: when synthetic cycles exist, nothing is added.
 */
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDb } from "#db/client.ts";
import { runMigrations } from "#db/migrate.ts";
import { getDb } from "#db/client.ts";
import { createCycle, listSyntheticCycles } from "#app/cycles/cycles.server.ts";
import { listMemberStates } from "#app/states/member-states.server.ts";
import { getCurrentQuestionnaire } from "#app/questionnaires/questionnaires.server.ts";
import { getCycle } from "#app/reporting/reports.server.ts";
import { fillSyntheticCycle, randomSource, syntheticUserId } from "#scripts/seed/synthetic.ts";

const Args = z.object({
  cycles: z.coerce.number().int().min(1).max(10),
  states: z.coerce.number().int().min(1).max(193),
  seed: z.coerce.number().int().min(0),
});

async function main() {
  const { values } = parseArgs({ options: { cycles: { type: "string", default: "3" }, states: { type: "string", default: "193" }, seed: { type: "string", default: "1" } } });
  const parsed = Args.safeParse(values);
  if (!parsed.success) {
    console.error(`demo:data: ${parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; ")}`);
    process.exit(1);
  }
  const { cycles: n, states: stateCount, seed } = parsed.data;
  runMigrations(getDb());
  const existing = await listSyntheticCycles();
  if (existing.length > 0) {
    console.log(`Synthetic demo data already present (${existing.map((c) => c.title).join("; ")}): nothing added.`);
    return;
  }
  const kyoto = await getCurrentQuestionnaire("kyoto-2021");
  if (!kyoto) throw new Error("Run `npm run db:seed` first: the Kyoto questionnaire is missing.");
  const actor = await syntheticUserId();
  const r = randomSource(seed);
  const all = (await listMemberStates("en")).map((s) => s.iso3);
  const chosen = [...all].sort(() => r.next() - 0.5).slice(0, stateCount);
  const firstYear = 2027 - 2 * (n - 1);
  for (let i = 0; i < n; i++) {
    const year = firstYear + 2 * i;
    const id = await createCycle(
      {
        title: `${year} intersessional discussion — all pillars (synthetic demo data)`,
        instrumentId: kyoto.id,
        versionId: kyoto.versionId,
        scope: { kind: "all" },
        opensOn: `${year - 1}-09-01`,
        deadline: `${year}-03-31`,
        status: i === n - 1 ? "open" : "closed",
        synthetic: true,
      },
      actor,
      null,
    );
    const cycle = (await getCycle(id))!;
    // Later cycles: more States report, and implementation advances.
    const started = Math.min(0.98, 0.7 + 0.1 * i);
    const counts = await fillSyntheticCycle({ cycle, states: chosen, seed: seed * 1000 + i, actorUserId: actor, startShare: started, submitShare: started - 0.08, acceptShare: started - 0.15 });
    console.log(`${cycle.title}: ${counts.started} started, ${counts.submitted} submitted, ${counts.accepted} accepted, ${counts.answers} answers`);
  }
}

main()
  .then(() => closeDb())
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
