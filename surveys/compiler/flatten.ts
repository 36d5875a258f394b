/**
 * The questionnaire as plain JSON with every Label flattened to one language (English by
 * default): what `surveys inspect --json` prints, and handy for fixtures and debugging.
 */
import { labelIn, type Label, type Option, type Question, type Questionnaire } from "../schema.ts";

function flattenOption(option: Option, text: (l: Label) => string) {
  return { value: option.value, label: text(option.label), ...(option.exclusive ? { exclusive: true } : {}) };
}

/** A question with its labels as plain strings. */
function flattenQuestion(q: Question, text: (l: Label) => string) {
  return {
    id: q.id,
    key: q.key,
    type: q.type,
    label: text(q.label),
    ...(q.help ? { help: text(q.help) } : {}),
    ...("options" in q ? { options: q.options.map((o) => flattenOption(o, text)) } : {}),
    ...("extraAnswers" in q && q.extraAnswers ? { extraAnswers: q.extraAnswers } : {}),
    ...(q.element ? { element: q.element } : {}),
    ...("maxLength" in q ? { maxLength: q.maxLength } : {}),
    ...("maxItems" in q ? { maxItems: q.maxItems } : {}),
    required: q.required,
    ...(q.requiredWhen ? { requiredWhen: q.requiredWhen } : {}),
    ...(q.source ? { source: q.source } : {}),
  };
}

/** The questionnaire with every Label flattened to `lang` (English fallback). */
export function flattenQuestionnaire(q: Questionnaire, lang = "en") {
  const text = (label: Label): string => labelIn(label, lang);
  return {
    id: q.id,
    title: text(q.title),
    shortTitle: text(q.shortTitle),
    adoptedBy: q.adoptedBy,
    adoptedOn: q.adoptedOn,
    version: q.version,
    pillars: q.pillars.map((p) => ({ number: p.number, title: text(p.title) })),
    themes: q.themes.map((t) => ({ number: t.number, pillarNumber: t.pillarNumber, title: text(t.title) })),
    paragraphs: q.paragraphs.map((p) => ({
      ref: p.ref,
      position: p.position,
      kind: p.kind,
      pillar: p.pillar,
      pillarNumber: p.pillarNumber,
      theme: p.theme,
      themeNumber: p.themeNumber,
      text: text(p.text),
      ...(p.shortTitle ? { shortTitle: text(p.shortTitle) } : {}),
      ...(p.elements ? { elements: p.elements.map((e) => ({ key: e.key, text: text(e.text) })) } : {}),
      ...(p.sdgTargets ? { sdgTargets: p.sdgTargets } : {}),
      ...(p.footnotes ? { footnotes: p.footnotes } : {}),
      questions: p.questions.map((x) => flattenQuestion(x, text)),
    })),
  };
}
