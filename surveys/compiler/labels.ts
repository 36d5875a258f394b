/**
 * Small helpers for building translatable labels. Pure, browser-safe.
 */
import type { Label } from "../schema.ts";

/** A label in all six UN languages, in the order en, fr, es, ru, zh, ar. */
export function label6(en: string, fr: string, es: string, ru: string, zh: string, ar: string): Label {
  return { en, fr, es, ru, zh, ar };
}

/** Fill `{name}` in every language of `template` with the same language of `name` (English fallback). */
export function fillLabel(template: Label, name: Label): Label {
  const out: Record<string, string> = {};
  for (const [lang, text] of Object.entries(template)) {
    if (text === undefined) continue;
    const filler = (name as Record<string, string | undefined>)[lang];
    // Only produce a language when the name exists in it too: never mix languages in one label.
    if (lang !== "en" && filler === undefined) continue;
    out[lang] = text.replaceAll("{name}", filler ?? name.en);
  }
  return out as Label;
}

const SUBJECT_FRAME: Record<string, string> = {
  en: "{subject}: {text}",
  fr: "{subject} : {text}",
  es: "{subject}: {text}",
  ru: "{subject}: {text}",
  zh: "{subject}：{text}",
  ar: "{subject}: {text}",
};

/**
 * A question label led by its subject ("Trafficking in persons: Has your country…"), so that the
 * same derived question in seven paragraphs says which one it is about. A language is kept only
 * where both the subject and the label exist in it.
 */
export function withSubject(label: Label, subject: Label | undefined): Label {
  if (!subject) return label;
  const out: Record<string, string> = {};
  for (const [lang, text] of Object.entries(label)) {
    const s = (subject as Record<string, string | undefined>)[lang];
    if (text === undefined || (s === undefined && lang !== "en")) continue;
    out[lang] = (SUBJECT_FRAME[lang] ?? SUBJECT_FRAME.en!).replace("{subject}", s ?? subject.en).replace("{text}", text);
  }
  return out as Label;
}
