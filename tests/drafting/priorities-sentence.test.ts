import { expect, test } from "vitest";
import { useTestDatabase } from "../setup/test-db.ts";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { getCycle } from "#app/reporting/reports.server.ts";
import { generateDraft } from "#app/drafting/generate.server.ts";
import { fillSyntheticCycle, syntheticUserId } from "#scripts/seed/synthetic.ts";
import { findUserByEmail } from "#app/accounts/users.server.ts";

test("the draft's introduction names the most common technical-assistance priorities, with their denominator", async () => {
  useTestDatabase();
  const demo = (await getCycle(1))!;
  const admin = (await findUserByEmail("admin@example.org"))!.id;
  const cycleId = await createCycle({ title: "Priorities cycle", instrumentId: demo.instrumentId, versionId: demo.versionId, scope: { kind: "paragraphs", refs: ["21", "35", "81"] }, opensOn: "2025-01-01", deadline: "2025-06-30", status: "open" }, admin, null);
  const states = ["FRA", "DEU", "ITA", "ESP", "MEX", "IND", "NGA", "EGY", "PER", "THA", "POL", "CAN"];
  await fillSyntheticCycle({ cycle: (await getCycle(cycleId))!, states, seed: 7, actorUserId: await syntheticUserId(), startShare: 1, submitShare: 1, acceptShare: 0.5 });
  const draft = (await generateDraft({ cycleId, lang: "en", version: "internal" }))!;
  const sentence = draft.sections.find((s) => s.key === "intro")!.sentences.find((s) => /technical-assistance priorities/.test(s.text))!;
  expect(sentence.text).toMatch(/^Of the \d+ States that named their technical-assistance priorities, the paragraphs most often named among the top three were: Paragraph \d+/);
  expect(sentence.figures.length).toBeGreaterThan(0);
  const n = sentence.figures[0]!.denominator;
  expect(sentence.figures.every((f) => f.denominator === n && f.numerator <= n)).toBe(true);
  expect(sentence.questions).toEqual(["kyoto-2021.report.ta_priorities"]);
}, 60_000);
