// Types only: the browser must not pull zod in through the survey schema.
import type { Label } from "#surveys/schema.ts";

/** A translated text, with the language it is actually in (English when there is no translation). */
export interface LocalText {
  text: string;
  lang: string;
  fallback: boolean;
}

export function localText(label: Label, lang: string): LocalText {
  const translated = (label as Record<string, string | undefined>)[lang];
  if (translated !== undefined) return { text: translated, lang, fallback: false };
  return { text: label.en, lang: "en", fallback: lang !== "en" };
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
export function roman(n: number): string {
  return ROMAN[n - 1] ?? String(n);
}
