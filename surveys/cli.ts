/**
 * npm run --silent surveys -- <command> <folder> [--json]
 *
 *   inspect <folder>        summary of the compiled questionnaire
 *   inspect <folder> --json the questionnaire as JSON, labels flattened to English
 *   translations <folder>   translation completeness per language (--json for JSON)
 *
 * Errors go to stderr, naming the file (and line) at fault; the exit code is then 1.
 */
import { CompileError, type CompileWarning } from "./compiler/errors.ts";
import { translationCompleteness, type Share } from "./compiler/translate.ts";
import { compileSurveyFolderWithWarnings, SurveyFolderError } from "./load.server.ts";
import { flattenQuestionnaire } from "./compiler/flatten.ts";
import type { Label, Questionnaire } from "./schema.ts";

const USAGE = `usage: surveys <command> <folder> [--json]

commands:
  inspect <folder>        compile the instrument in <folder> and summarise it (--json: print it)
  translations <folder>   how complete each language's translation is (--json: as JSON)`;

class UsageError extends Error {}

const en = (label: Label): string => label.en;

/** "21–30" style range of the refs in a list of paragraphs. */
function refRange(refs: readonly string[]): string {
  if (refs.length === 0) return "(no paragraphs)";
  return refs.length === 1 ? refs[0]! : `${refs[0]}–${refs[refs.length - 1]}`;
}

function summary(q: Questionnaire, warnings: readonly CompileWarning[]): string {
  const out: string[] = [];
  const questions = q.paragraphs.flatMap((p) => p.questions);
  const specific = questions.filter((x) => x.source);
  out.push(`${en(q.title)}`);
  out.push(`id ${q.id} · version ${q.version} · adopted ${q.adoptedOn} by ${q.adoptedBy}`);
  out.push("");
  const kinds = new Map<string, string[]>();
  for (const p of q.paragraphs) kinds.set(p.kind, [...(kinds.get(p.kind) ?? []), p.ref]);
  out.push(`paragraphs: ${q.paragraphs.length}`);
  for (const [kind, refs] of kinds) out.push(`  ${kind.padEnd(12)} ${String(refs.length).padStart(4)}  (${refRange(refs)})`);
  out.push("");
  out.push(`pillars: ${q.pillars.length} · themes: ${q.themes.length}`);
  const themesOf = (pillar: number | null) => q.themes.filter((t) => t.pillarNumber === pillar);
  const refsOf = (pred: (p: Questionnaire["paragraphs"][number]) => boolean) => q.paragraphs.filter(pred).map((p) => p.ref);
  for (const pillar of q.pillars) {
    out.push(`  ${pillar.number}. ${en(pillar.title)}  [${refRange(refsOf((p) => p.pillarNumber === pillar.number))}]`);
    for (const t of themesOf(pillar.number)) out.push(`       ${String(t.number).padStart(2)}. ${en(t.title)}  [${refRange(refsOf((p) => p.themeNumber === t.number))}]`);
  }
  for (const t of themesOf(null)) out.push(`  ${String(t.number).padStart(2)}. ${en(t.title)}  [${refRange(refsOf((p) => p.themeNumber === t.number))}]`);
  out.push("");
  const withSpecific = q.paragraphs.filter((p) => p.questions.some((x) => x.source)).length;
  out.push(`questions: ${questions.length} (${questions.filter((x) => x.required).length} required)`);
  out.push(`paragraph-specific questions: ${specific.length}, in ${withSpecific} paragraphs`);
  const byRule = new Map<string, number>();
  for (const x of specific) if (x.source) byRule.set(x.source.rule, (byRule.get(x.source.rule) ?? 0) + 1);
  for (const [rule, n] of [...byRule].sort((a, b) => b[1] - a[1])) out.push(`  ${rule.padEnd(40)} ${n}`);
  if (warnings.length > 0) {
    out.push("");
    out.push(`warnings: ${warnings.length}`);
    for (const w of warnings) out.push(`  ${w.line === undefined ? "" : `line ${w.line}: `}${w.message}`);
  }
  return out.join("\n");
}

const percent = (s: Share) => `${`${(s.share * 100).toFixed(0)}%`.padStart(4)} (${s.translated}/${s.total})`.padEnd(17);

function completenessTable(q: Questionnaire): string {
  const rows = translationCompleteness(q).map((c) =>
    `${c.language.padEnd(6)}${percent(c.paragraphs)}  ${percent(c.questionLabels)}  ${percent(c.pillars)}  ${percent(c.themes)}  ${percent(c.shortTitles)}  ${percent(c.elements)}  ${percent(c.hints)}`.trimEnd(),
  );
  const header = [["lang", 6], ["paragraphs", 19], ["question labels", 19], ["pillars", 19], ["themes", 19], ["short titles", 19], ["elements", 19], ["hints", 0]]
    .map(([name, width]) => String(name).padEnd(Number(width)))
    .join("")
    .trimEnd();
  return [`${q.id} · version ${q.version}`, header, ...rows].join("\n");
}

function parseArgs(argv: readonly string[]): { command: string; folder: string; json: boolean } {
  const flags = argv.filter((a) => a.startsWith("--"));
  const positional = argv.filter((a) => !a.startsWith("--"));
  const unknown = flags.filter((f) => f !== "--json");
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown.join(", ")}`);
  const [command, folder, ...rest] = positional;
  if (!command) throw new UsageError("no command given");
  if (command !== "inspect" && command !== "translations") throw new UsageError(`unknown command "${command}"`);
  if (!folder) throw new UsageError(`"${command}" needs a folder, e.g. surveys/kyoto-2021`);
  if (rest.length > 0) throw new UsageError(`unexpected argument ${rest.join(" ")}`);
  return { command, folder, json: flags.includes("--json") };
}

function main(argv: readonly string[]): number {
  try {
    const { command, folder, json } = parseArgs(argv);
    const { questionnaire, warnings } = compileSurveyFolderWithWarnings(folder);
    if (command === "inspect") {
      process.stdout.write(json ? `${JSON.stringify(flattenQuestionnaire(questionnaire), null, 2)}\n` : `${summary(questionnaire, warnings)}\n`);
    } else {
      process.stdout.write(
        json
          ? `${JSON.stringify({ id: questionnaire.id, version: questionnaire.version, languages: translationCompleteness(questionnaire) }, null, 2)}\n`
          : `${completenessTable(questionnaire)}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    } else if (error instanceof SurveyFolderError || error instanceof CompileError) {
      process.stderr.write(`error: ${error.message}\n`);
    } else {
      process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
