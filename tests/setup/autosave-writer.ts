/**
 * A second process that autosaves through the app's own save function, for durability tests:
 * `tsx tests/setup/autosave-writer.ts <reportId> <userId> <ref>` with DATABASE_PATH set.
 * Cycles over the paragraph's text questions, each save starting from the revision the last
 * one returned, and prints `ack <questionId> <revision> <value>` once a save has committed.
 * Stops at SIGTERM (after the save in progress).
 */
import { closeDb } from "#db/client.ts";
import { getReportContext, saveAnswers } from "#app/reporting/reports.server.ts";

const [reportId, userId, ref] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4]!];
const ctx = await getReportContext(reportId);
const paragraph = ctx?.paragraphs.find((p) => p.ref === ref);
if (!paragraph) throw new Error(`No paragraph ${ref} in report ${reportId}`);
const questions = paragraph.questions.filter((q) => q.type === "text");
if (questions.length === 0) throw new Error(`Paragraph ${ref} has no text question`);
const revisions = new Map<string, number>();
let stop = false;
process.on("SIGTERM", () => (stop = true));

for (let seq = 1; !stop; seq++) {
  const question = questions[seq % questions.length]!;
  const value = `Autosave ${seq} of ${question.key}: ${"x".repeat(seq % 200)}`;
  const result = await saveAnswers(reportId, userId, [{ question, paragraphRef: ref, value, baseRevision: revisions.get(question.id) ?? 0 }], "127.0.0.1");
  const revision = result.revisions[question.key];
  if (revision === undefined || !result.changed.includes(question.key)) throw new Error(`Save ${seq} was not applied: ${JSON.stringify(result)}`);
  revisions.set(question.id, revision);
  process.stdout.write(`ack ${question.id} ${revision} ${JSON.stringify(value)}\n`);
  // Let the event loop breathe (signals), like a server between requests.
  await new Promise((r) => setImmediate(r));
}
closeDb();
