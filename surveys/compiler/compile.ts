/**
 * compileQuestionnaire: source text + config (+ translations) → Questionnaire.
 * Pure: no file system, no clock, no randomness; the same input gives the same output.
 */
import type { ExtraQuestion, ParagraphSupplement, Supplement, SurveyConfig, Translations } from "../config.ts";
import { questionnaireSchema, type Paragraph, type ParagraphKind, type Question, type Questionnaire } from "../schema.ts";
import { CompileError, type CompileWarning } from "./errors.ts";
import { parseDeclaration, type ParsedItem } from "./parse.ts";
import { buildRules, matchRules, ruleEnabled, type CompiledRule } from "./rules.ts";
import { resolveTemplates, STAGE_TEMPLATE, type QuestionDraft } from "./templates.ts";
import { measureFor, stageDrafts } from "./stages.ts";
import { supplementLanguageWarnings } from "./supplement-languages.ts";
import { withSubject } from "./labels.ts";
import { applyTranslations } from "./translate.ts";
import { contentVersion } from "./version.ts";
import { factDrafts, reportQuestions } from "./facts.ts";

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

/** A curated question of paragraphs.json as a draft (its provenance: the supplement). */
function extraDraft(q: ExtraQuestion, limits: SurveyConfig["limits"]): QuestionDraft {
  const base = {
    key: q.key,
    label: q.label,
    required: false,
    source: { rule: "supplement", words: "" },
    ...(q.help ? { help: q.help } : {}),
    ...(q.element ? { element: q.element } : {}),
  };
  switch (q.type) {
    case "yes_no":
      return { ...base, type: "yes_no", ...(q.extraAnswers ? { extraAnswers: q.extraAnswers } : {}) };
    case "text":
      return { ...base, type: "text", maxLength: limits.textMaxLength };
    case "single_choice":
      return { ...base, type: "single_choice", options: q.options };
    case "multiple_choice":
      return { ...base, type: "multiple_choice", options: q.options };
  }
}

/** The question drafts for one item: its templates in order, then rule questions as the text reads, then curated ones. */
function questionDrafts(
  item: ParsedItem,
  kind: ParagraphKind,
  config: SurveyConfig,
  rules: readonly CompiledRule[],
  extra: ParagraphSupplement | undefined,
): QuestionDraft[] {
  // A paragraph split into lettered subparagraphs is only their chapeau; the subparagraphs are asked about.
  if (item.hasSubparagraphs) return [];
  const sets = config.questions.filter((s) => s.kinds.includes(kind));
  if (sets.length === 0) return [];
  const templates = resolveTemplates(sets.flatMap((s) => s.templates));
  const disabled = extra?.disableRules ?? [];
  const enabled = rules.filter((r) => sets.some((s) => ruleEnabled(s.rules, r.id)) && !ruleEnabled(disabled, r.id));
  // The stage is asked per element (or replaced by the leading-verb question): see stages.ts.
  const fromTemplates = templates.flatMap((t) =>
    t.key === STAGE_TEMPLATE.key ? stageDrafts(measureFor(item.text, extra?.measure), extra?.elements) : [t.build(config.limits)],
  );
  const footnotes = item.footnotes.map((f) => f.text);
  const fromRules = matchRules(item.text, enabled, config.limits, footnotes).flatMap((hit) =>
    hit.questions.map((q): QuestionDraft => ({ ...q, label: withSubject(q.label, extra?.shortTitle), source: { rule: hit.rule, words: hit.words } })),
  );
  const fromSupplement = (extra?.questions ?? []).map((q) => extraDraft(q, config.limits));
  const drafts = [...fromTemplates, ...fromRules, ...fromSupplement];
  return config.facts && drafts.length > 0 ? [...drafts, ...factDrafts(config.limits)] : drafts;
}

/** Supplement entries must name paragraphs of the text and rules that exist. */
function checkSupplement(supplement: Supplement, refs: ReadonlySet<string>, rules: readonly CompiledRule[]): void {
  for (const [ref, entry] of Object.entries(supplement.paragraphs)) {
    if (!refs.has(ref)) throw new CompileError(`paragraphs.json: paragraph ${ref} is not in the text`);
    for (const id of entry.disableRules ?? []) {
      if (!rules.some((r) => ruleEnabled([id], r.id))) throw new CompileError(`paragraphs.json: paragraph ${ref}: unknown rule "${id}" in disableRules`);
    }
  }
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
export function compileWithWarnings(
  sourceText: string,
  config: SurveyConfig,
  translations: Translations = {},
  supplement: Supplement = { paragraphs: {} },
): CompileResult {
  const parsed = parseDeclaration(sourceText, config.source);
  const rules = buildRules(config.instruments);
  checkSupplement(supplement, new Set(parsed.items.map((i) => i.ref)), rules);
  const pillarTitle = new Map(parsed.pillars.map((p) => [p.number, p.title]));
  const themeTitle = new Map(parsed.themes.map((t) => [t.number, t.title]));

  const paragraphs: Paragraph[] = parsed.items.map((item, position) => {
    const kind = kindFor(item, config.kinds);
    const extra = supplement.paragraphs[item.ref];
    return {
      ref: item.ref,
      position,
      kind,
      pillar: item.pillarNumber === null ? null : (pillarTitle.get(item.pillarNumber) ?? null),
      pillarNumber: item.pillarNumber,
      theme: item.themeNumber === null ? null : (themeTitle.get(item.themeNumber) ?? null),
      themeNumber: item.themeNumber,
      text: { en: item.text },
      ...(extra?.shortTitle ? { shortTitle: extra.shortTitle } : {}),
      ...(extra?.elements ? { elements: extra.elements } : {}),
      ...(extra?.sdgTargets ? { sdgTargets: extra.sdgTargets } : {}),
      ...(item.footnotes.length > 0 ? { footnotes: item.footnotes.map((f) => ({ marker: f.marker, text: f.text })) } : {}),
      questions: withIds(questionDrafts(item, kind, config, rules, extra), config.id, item),
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

  // Asked about the report as a whole: six-language labels of their own, the paragraphs' short titles as options.
  const withReport = config.reportQuestions ? { ...content, reportQuestions: reportQuestions(config.id, content.paragraphs, config.limits) } : content;
  // The version covers everything else, translations included.
  const candidate = { ...withReport, version: contentVersion(withReport) };
  const checked = questionnaireSchema.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new CompileError(`the compiled questionnaire is invalid at ${issue?.path.join(".") ?? "?"}: ${issue?.message ?? "unknown"}`);
  }
  return { questionnaire: candidate, warnings: [...parsed.warnings, ...supplementLanguageWarnings(supplement), ...warnings] };
}

/** Source text + config (+ translations) → Questionnaire. Throws CompileError on a text it cannot read. */
export function compileQuestionnaire(
  sourceText: string,
  config: SurveyConfig,
  translations: Translations = {},
  supplement?: Supplement,
): Questionnaire {
  return compileWithWarnings(sourceText, config, translations, supplement).questionnaire;
}
