/** The questionnaire's labels in the reader's language, and the Roman numbers of its pillars. */
// Types only: the browser must not pull zod in through the survey schema.
import type { Label } from "#surveys/schema.ts";
import type { LocalText } from "#app/utils/i18n.ts";

export type { LocalText };

export function localText(label: Label, lang: string): LocalText {
  const translated = (label as Record<string, string | undefined>)[lang];
  if (translated !== undefined) return { text: translated, lang, fallback: false };
  return { text: label.en, lang: "en", fallback: lang !== "en" };
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
export function roman(n: number): string {
  return ROMAN[n - 1] ?? String(n);
}
