/**
 * `npm run mail:digest [-- --dry-run]`: send the focal points' due hand-over digests now (what
 * contributors marked ready and no digest told them yet), one e-mail per focal point in their
 * language. Prints one JSON line per digest; with --dry-run, sends and records nothing.
 */
import { closeDb } from "#db/client.ts";
import { sendDueDigests } from "#app/reporting/digest.server.ts";

const dryRun = process.argv.slice(2).includes("--dry-run");
const unknown = process.argv.slice(2).filter((a) => a !== "--dry-run");
if (unknown.length > 0) {
  console.error(`Unknown argument: ${unknown.join(" ")}. Usage: npm run mail:digest [-- --dry-run]`);
  process.exit(2);
}
const sent = await sendDueDigests({ dryRun });
for (const line of sent) console.log(JSON.stringify({ ...line, dryRun }));
if (sent.length === 0) console.error("mail:digest: nothing became ready since the last digests; no e-mail sent.");
closeDb();
