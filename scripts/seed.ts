/**
 * `npm run db:seed`: idempotent. Member States, the compiled Kyoto questionnaire, and —
 * unless SEED_DEMO=false — demo accounts and one demo reporting cycle.
 * Everything goes through the same model functions the app and the tests use.
 */
import { fileURLToPath } from "node:url";
import { closeDb } from "#db/client.ts";
import { seedDemo } from "./seed/demo.ts";
import { seedReferenceData } from "./seed/reference.ts";

async function main() {
  const reference = await seedReferenceData();
  console.log(`Member States: ${reference.memberStates}; questionnaire ${reference.instrumentId} version ${reference.version}${reference.created ? " (new)" : ""}`);
  if (process.env.SEED_DEMO !== "false") {
    const demo = await seedDemo();
    console.log(`Demo accounts: ${demo.accounts.join(", ")} (password: ${demo.password}); demo cycle #${demo.cycleId}`);
  }
  closeDb();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
