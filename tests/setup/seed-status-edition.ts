/**
 * Test databases: a deployment that started its demo cycle before the switch to anchored stages.
 * Stores the status edition of the Kyoto questionnaire and opens the demo cycle on it; the seed
 * that runs next stores the stages edition as the current one and leaves the cycle on its version
 * (ADR 003), so cycles the tests create from the current questionnaire ask stages.
 */
import { closeDb } from "#db/client.ts";
import { ensureCycle } from "#app/cycles/cycles.server.ts";
import { saveQuestionnaire } from "#app/questionnaires/questionnaires.server.ts";
import { upsertMemberStates } from "#app/states/member-states.server.ts";
import { memberStateRecords } from "#db/member-states-data.ts";
import { compileStatusEdition } from "#scripts/seed/reference.ts";
import { DEMO_CYCLE } from "#scripts/seed/demo.ts";

async function main() {
  await upsertMemberStates(memberStateRecords());
  const q = compileStatusEdition();
  const { versionId } = await saveQuestionnaire(q);
  await ensureCycle({ ...DEMO_CYCLE, instrumentId: q.id, versionId });
  closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
