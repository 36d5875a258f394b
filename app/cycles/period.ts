/**
 * The reporting period of a cycle: it starts on `periodStart` and ends at the cycle's deadline.
 * The compiler is pure and knows no cycle, so question texts carry the placeholder
 * PERIOD_PLACEHOLDER ("since <the period start>"), filled here when a page shows them: with
 * the cycle's date, formatted with Intl in the reader's language, or — where no cycle is in
 * view (the declaration browser) — with "since the start of the reporting period".
 * Browser-safe: no imports.
 */

/** The token the compiler writes where a question says "since <date>" (the whole phrase). */
export const PERIOD_PLACEHOLDER = "{sincePeriodStart}";

const SINCE: Record<string, string> = {
  en: "since {date}",
  fr: "depuis le {date}",
  es: "desde el {date}",
  ru: "с {date}",
  zh: "自{date}以来",
  ar: "منذ {date}",
};

const SINCE_START: Record<string, string> = {
  en: "since the start of the reporting period",
  fr: "depuis le début de la période considérée",
  es: "desde el inicio del período que abarca el informe",
  ru: "с начала отчетного периода",
  zh: "自报告期开始以来",
  ar: "منذ بداية الفترة المشمولة بالتقرير",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "7 March 2021" in the reader's language (UN English: day first; a calendar date: no time zone shift). */
export function formatPeriodDate(isoDate: string, lang: string): string {
  if (!ISO_DATE.test(isoDate)) return isoDate;
  return new Intl.DateTimeFormat(lang === "en" ? "en-GB" : lang, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** "since 7 March 2021" (or "since the start of the reporting period" without a date), in `lang`. */
export function sincePhrase(periodStart: string | null | undefined, lang: string): string {
  const base = lang.split("-")[0] ?? "en";
  if (!periodStart || !ISO_DATE.test(periodStart)) return SINCE_START[base] ?? SINCE_START.en!;
  return (SINCE[base] ?? SINCE.en!).replace("{date}", formatPeriodDate(periodStart, lang));
}

/** A text with its period placeholder filled (texts without one come back unchanged). */
export function fillPeriod(text: string, periodStart: string | null | undefined, lang: string): string {
  if (!text.includes(PERIOD_PLACEHOLDER)) return text;
  return text.replaceAll(PERIOD_PLACEHOLDER, sincePhrase(periodStart, lang));
}

/**
 * The period start a new cycle takes unless the secretariat sets another: the deadline of the
 * instrument's previous cycle (the latest deadline of the cycles that opened before it and had
 * ended when it opens), or, when there is none, the day the instrument was adopted (Kyoto:
 * 7 March 2021).
 */
export function defaultPeriodStart(
  adoptedOn: string,
  earlierCycles: readonly { opensOn: string; deadline: string }[],
  opensOn: string,
): string {
  // Only a cycle that had ended when this one opens is "previous": one still running (cycles
  // may overlap) would give a start after this cycle's own deadline.
  const before = earlierCycles.filter((c) => c.opensOn < opensOn && c.deadline <= opensOn).map((c) => c.deadline);
  if (before.length === 0) return adoptedOn;
  return before.reduce((a, b) => (b > a ? b : a));
}
