/** The questionnaire's labels in the reader's language, and the Roman numbers of its pillars. */
// Types only: the browser must not pull zod in through the survey schema.
import type { Label } from "#surveys/schema.ts";
import type { LocalText } from "#app/utils/i18n.ts";
import { fillPeriod } from "#app/cycles/period.ts";

export type { LocalText };

/**
 * A label in `lang` (English fallback marked). A question text saying "since <period start>"
 * (app/cycles/period.ts) is filled with `periodStart` (an ISO date: the report's cycle), or with
 * "since the start of the reporting period" where no cycle is in view.
 */
export function localText(label: Label, lang: string, periodStart?: string | null): LocalText {
  const translated = (label as Record<string, string | undefined>)[lang];
  if (translated !== undefined) return { text: fillPeriod(translated, periodStart, lang), lang, fallback: false };
  return { text: fillPeriod(label.en, periodStart, "en"), lang: "en", fallback: lang !== "en" };
}

const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
export function roman(n: number): string {
  return ROMAN[n - 1] ?? String(n);
}
