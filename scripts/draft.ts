/**
 * `npm run --silent draft -- --cycle <id> [--pillar N] [--lang en] [--public] --out <file.docx>`:
 * generates the draft report of a cycle from its aggregates and writes it as DOCX (the internal
 * version, with provenance comments, unless --public). Prints one JSON line:
 * {"cycle","sections","sentences","figures","images"}. Exit 1 with a message on bad input.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { closeDb } from "#db/client.ts";
import { draftDocx } from "#app/drafting/document.server.ts";
import { DRAFT_LANGUAGES } from "#app/drafting/generate.server.ts";

const Args = z.object({
  cycle: z.coerce.number({ message: "--cycle must be a number" }).int("--cycle must be a whole number").positive("--cycle must be positive"),
  pillar: z.coerce.number().int().min(1).max(10).optional(),
  lang: z.enum(DRAFT_LANGUAGES, { message: `--lang must be one of ${DRAFT_LANGUAGES.join(", ")}` }).default("en"),
  public: z.boolean().default(false),
  out: z.string({ message: "--out <file.docx> is required" }).min(1, "--out <file.docx> is required"),
});

function fail(message: string): never {
  console.error(`draft: ${message}`);
  closeDb();
  process.exit(1);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({ options: { cycle: { type: "string" }, pillar: { type: "string" }, lang: { type: "string" }, public: { type: "boolean" }, out: { type: "string" } } }));
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  if (values.cycle === undefined) fail("--cycle <id> is required");
  const parsed = Args.safeParse(values);
  if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("; "));
  const a = parsed.data;
  const result = await draftDocx({ cycleId: a.cycle, lang: a.lang, scope: a.pillar ? { pillar: a.pillar } : {}, version: a.public ? "public" : "internal" });
  if (!result) fail(`no reporting cycle with id ${a.cycle}`);
  if (a.pillar && !result.gen.sections.some((s) => s.key === `pillar-${a.pillar}`)) fail(`cycle ${a.cycle} has no paragraph in pillar ${a.pillar}`);
  fs.writeFileSync(a.out, result.buffer);
  console.log(JSON.stringify({ cycle: a.cycle, ...result.stats }));
  closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
