/**
 * Translation files applied to a compiled questionnaire, and how complete each language is.
 * Pure: the files are read by load.server.ts and passed in.
 */
import type { TranslatableLanguage, TranslationFile, Translations } from "../config.ts";
import { hasLanguage, LANGUAGES, type Label, type Language, type Question, type Questionnaire } from "../schema.ts";
import type { CompileWarning } from "./errors.ts";

type Content = Omit<Questionnaire, "version">;

function withText(label: Label, lang: TranslatableLanguage, text: string | undefined): Label {
  return text === undefined ? label : { ...label, [lang]: text };
}

/** Warn about entries that name nothing in the questionnaire (a typo, or a paragraph that moved). */
function unusedKeys(lang: string, section: string, keys: readonly string[], known: ReadonlySet<string>): CompileWarning[] {
  return keys
    .filter((k) => !known.has(k))
    .map((k) => ({ message: `translations/${lang}.json: ${section} "${k}" matches nothing in the questionnaire; ignored` }));
}

function translateQuestion(question: Question, lang: TranslatableLanguage, file: TranslationFile): Question {
  const label = withText(question.label, lang, file.questions[question.id] ?? file.questions[question.key]);
  if (question.type !== "single_choice" && question.type !== "multiple_choice") return { ...question, label };
  const options = question.options.map((o) => ({ ...o, label: withText(o.label, lang, file.options[`${question.key}.${o.value}`]) }));
  return { ...question, label, options };
}

function applyOne(content: Content, lang: TranslatableLanguage, file: TranslationFile): Content {
  return {
    ...content,
    pillars: content.pillars.map((p) => ({ ...p, title: withText(p.title, lang, file.pillars[String(p.number)]) })),
    themes: content.themes.map((t) => ({ ...t, title: withText(t.title, lang, file.themes[String(t.number)]) })),
    paragraphs: content.paragraphs.map((p) => ({
      ...p,
      text: withText(p.text, lang, file.paragraphs[p.ref]),
      questions: p.questions.map((q) => translateQuestion(q, lang, file)),
    })),
  };
}

function checkKeys(content: Content, lang: TranslatableLanguage, file: TranslationFile): CompileWarning[] {
  const questions = content.paragraphs.flatMap((p) => p.questions);
  const options = questions.flatMap((q) => ("options" in q ? q.options.map((o) => `${q.key}.${o.value}`) : []));
  return [
    ...unusedKeys(lang, "paragraph", Object.keys(file.paragraphs), new Set(content.paragraphs.map((p) => p.ref))),
    ...unusedKeys(lang, "pillar", Object.keys(file.pillars), new Set(content.pillars.map((p) => String(p.number)))),
    ...unusedKeys(lang, "theme", Object.keys(file.themes), new Set(content.themes.map((t) => String(t.number)))),
    ...unusedKeys(lang, "question", Object.keys(file.questions), new Set(questions.flatMap((q) => [q.id, q.key]))),
    ...unusedKeys(lang, "option", Object.keys(file.options), new Set(options)),
  ];
}

/** Apply every language's file; a translation from a file wins over a built-in one. */
export function applyTranslations(content: Content, translations: Translations): { content: Content; warnings: CompileWarning[] } {
  let out = content;
  const warnings: CompileWarning[] = [];
  for (const [lang, file] of Object.entries(translations) as [TranslatableLanguage, TranslationFile | undefined][]) {
    if (!file) continue;
    warnings.push(...checkKeys(content, lang, file));
    out = applyOne(out, lang, file);
  }
  return { content: out, warnings };
}

export interface Share {
  translated: number;
  total: number;
  /** translated / total, 0–1 (1 when there is nothing to translate). */
  share: number;
}

export interface LanguageCompleteness {
  language: Language;
  paragraphs: Share;
  questionLabels: Share;
  pillars: Share;
  themes: Share;
  /** Curated short titles (paragraphs.json). */
  shortTitles: Share;
  /** Curated element texts of compound paragraphs (paragraphs.json). */
  elements: Share;
  /** Answer definitions shown as hints (the stages). */
  hints: Share;
}

function share(labels: readonly Label[], lang: Language): Share {
  const translated = labels.filter((l) => hasLanguage(l, lang)).length;
  return { translated, total: labels.length, share: labels.length === 0 ? 1 : translated / labels.length };
}

/** Per language, how much of the questionnaire is translated (English is always complete). */
export function translationCompleteness(questionnaire: Questionnaire): LanguageCompleteness[] {
  const texts = questionnaire.paragraphs.map((p) => p.text);
  const labels = questionnaire.paragraphs.flatMap((p) => p.questions.map((q) => q.label));
  const shortTitles = questionnaire.paragraphs.flatMap((p) => (p.shortTitle ? [p.shortTitle] : []));
  const elements = questionnaire.paragraphs.flatMap((p) => (p.elements ?? []).map((e) => e.text));
  const hints = questionnaire.paragraphs.flatMap((p) =>
    p.questions.flatMap((q) => ("options" in q ? q.options.flatMap((o) => (o.hint ? [o.hint] : [])) : [])),
  );
  return LANGUAGES.map((language) => ({
    language,
    paragraphs: share(texts, language),
    questionLabels: share(labels, language),
    pillars: share(
      questionnaire.pillars.map((p) => p.title),
      language,
    ),
    themes: share(
      questionnaire.themes.map((t) => t.title),
      language,
    ),
    shortTitles: share(shortTitles, language),
    elements: share(elements, language),
    hints: share(hints, language),
  }));
}
