/**
 * compileQuestionnaire: source text + config (+ translations) → Questionnaire.
 * Pure: no file system, no clock, no randomness; the same input gives the same output.
 */
import type { SurveyConfig, Translations } from "../config.ts";
import { questionnaireSchema, type Paragraph, type ParagraphKind, type Question, type Questionnaire } from "../schema.ts";
import { CompileError, type CompileWarning } from "./errors.ts";
import { parseDeclaration, type ParsedItem } from "./parse.ts";
import { buildRules, matchRules, ruleEnabled, type CompiledRule } from "./rules.ts";
import { resolveTemplates, type QuestionDraft } from "./templates.ts";
import { applyTranslations } from "./translate.ts";
import { contentVersion } from "./version.ts";

export interface CompileResult {
  questionnaire: Questionnaire;
  warnings: CompileWarning[];
}

/** A paragraph's kind: an exact ref in the config wins, then its paragraph's ref, then the first range, then the default. */
export function kindFor(item: Pick<ParsedItem, "ref" | "number">, kinds: SurveyConfig["kinds"]): ParagraphKind {
  return (
    kinds.refs[item.ref] ??
    kinds.refs[String(item.number)] ??
    kinds.ranges.find((r) => item.number >= r.from && item.number <= r.to)?.kind ??
    kinds.default
  );
}

export function questionId(instrument: string, ref: string, key: string): string {
  return `${instrument}.p${ref}.${key}`;
}

/** The question drafts for one item: its templates in order, then rule questions as the text reads. */
function questionDrafts(item: ParsedItem, kind: ParagraphKind, config: SurveyConfig, rules: readonly CompiledRule[]): QuestionDraft[] {
  // A paragraph split into lettered subparagraphs is only their chapeau; the subparagraphs are asked about.
  if (item.hasSubparagraphs) return [];
  const sets = config.questions.filter((s) => s.kinds.includes(kind));
  if (sets.length === 0) return [];
  const templates = resolveTemplates(sets.flatMap((s) => s.templates));
  const enabled = rules.filter((r) => sets.some((s) => ruleEnabled(s.rules, r.id)));
  const fromTemplates = templates.map((t) => t.build(config.limits));
  const fromRules = matchRules(item.text, enabled, config.limits).flatMap((hit) =>
    hit.questions.map((q): QuestionDraft => ({ ...q, source: { rule: hit.rule, words: hit.words } })),
  );
  return [...fromTemplates, ...fromRules];
}

function withIds(drafts: readonly QuestionDraft[], instrument: string, item: ParsedItem): Question[] {
  const seen = new Set<string>();
  return drafts.map((draft) => {
    if (seen.has(draft.key)) {
      throw new CompileError(`two questions of paragraph ${item.ref} have the key "${draft.key}"`, item.line);
    }
    seen.add(draft.key);
    return { ...draft, id: questionId(instrument, item.ref, draft.key) } as Question;
  });
}

/** Compile, and report the warnings found on the way (numbering gaps, unused translation keys…). */
export function compileWithWarnings(sourceText: string, config: SurveyConfig, translations: Translations = {}): CompileResult {
  const parsed = parseDeclaration(sourceText, config.source);
  const rules = buildRules(config.instruments);
  const pillarTitle = new Map(parsed.pillars.map((p) => [p.number, p.title]));
  const themeTitle = new Map(parsed.themes.map((t) => [t.number, t.title]));

  const paragraphs: Paragraph[] = parsed.items.map((item, position) => {
    const kind = kindFor(item, config.kinds);
    return {
      ref: item.ref,
      position,
      kind,
      pillar: item.pillarNumber === null ? null : (pillarTitle.get(item.pillarNumber) ?? null),
      pillarNumber: item.pillarNumber,
      theme: item.themeNumber === null ? null : (themeTitle.get(item.themeNumber) ?? null),
      themeNumber: item.themeNumber,
      text: { en: item.text },
      questions: withIds(questionDrafts(item, kind, config, rules), config.id, item),
    };
  });

  const { content, warnings } = applyTranslations(
    {
      id: config.id,
      title: config.title,
      shortTitle: config.shortTitle,
      adoptedBy: config.adoptedBy,
      adoptedOn: config.adoptedOn,
      pillars: parsed.pillars.map((p) => ({ number: p.number, title: { en: p.title } })),
      themes: parsed.themes.map((t) => ({ number: t.number, pillarNumber: t.pillarNumber, title: { en: t.title } })),
      paragraphs,
    },
    translations,
  );

  // The version covers everything else, translations included.
  const candidate = { ...content, version: contentVersion(content) };
  const checked = questionnaireSchema.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new CompileError(`the compiled questionnaire is invalid at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "unknown"}`);
  }
  return { questionnaire: candidate, warnings: [...parsed.warnings, ...warnings] };
}

/** Source text + config (+ translations) → Questionnaire. Throws CompileError on a text it cannot read. */
export function compileQuestionnaire(sourceText: string, config: SurveyConfig, translations: Translations = {}): Questionnaire {
  return compileWithWarnings(sourceText, config, translations).questionnaire;
}
