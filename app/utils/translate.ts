/**
 * Translating an interface key, the way i18next 23 does it with this project's settings
 * (app/utils/i18n.ts: keys split on ".", `{{name}}` and `{{name, number}}` placeholders, plural
 * keys `_zero`/`_one`/`_two`/`_few`/`_many`/`_other` chosen by `Intl.PluralRules`, values not
 * escaped, `defaultValue`), in about a kilobyte instead of i18next's fourteen.
 *
 * Components translate through this on the server and in the browser alike (the provider in
 * app/utils/translation.tsx), so the text the browser renders when it hydrates is the text the
 * server sent by construction. The server keeps i18next itself for what it writes outside pages
 * (e-mail, charts, exports, drafts); tests/app/translate.test.ts compares the two over every
 * key of every language, so the two cannot drift apart unnoticed (ADR 009, "Strings by namespace").
 */

export type TranslateOptions = Record<string, unknown>;
export type Translate = (key: string, options?: TranslateOptions) => string;

/** A namespace's strings in a language, or undefined when they are not (yet) at hand. */
export type StringsOf = (lang: string, ns: string) => unknown;

const pluralRules = new Map<string, Intl.PluralRules>();
const numberFormats = new Map<string, Intl.NumberFormat>();

function pluralForm(lang: string, count: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(count);
}

function formatNumber(lang: string, value: unknown): string {
  let format = numberFormats.get(lang);
  if (!format) numberFormats.set(lang, (format = new Intl.NumberFormat(lang)));
  return format.format(value as number);
}

function lookup(strings: StringsOf, lang: string, key: string): unknown {
  const [ns, ...path] = key.split(".");
  let node = strings(lang, ns!);
  for (const part of path) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A placeholder's value: `{{a}}` reads options.a, `{{a.b}}` options.a.b. */
function valueOf(options: TranslateOptions, name: string): unknown {
  if (name in options) return options[name];
  let node: unknown = options;
  for (const part of name.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

const PLACEHOLDER = /\{\{(.+?)\}\}/g;

function interpolate(text: string, lang: string, options: TranslateOptions): string {
  return text.replace(PLACEHOLDER, (whole, inner: string) => {
    const [rawName, format] = inner.split(",", 2).map((s) => s.trim()) as [string, string | undefined];
    const value = valueOf(options, rawName);
    if (format === "number") return formatNumber(lang, value);
    // i18next leaves a placeholder it has no value for as it is, unless the option is named.
    if (value === undefined) return Object.prototype.hasOwnProperty.call(options, rawName) ? "" : whole;
    return value === null ? "" : String(value);
  });
}

/**
 * A translating function for a language. `languages` is the lookup order (the page's language,
 * then the fallback where the strings are at hand); `onMissing` hears of a key found nowhere
 * (the browser then loads its namespace).
 */
export function createTranslate(languages: readonly string[], strings: StringsOf, onMissing?: (key: string) => void): Translate {
  const lang = languages[0]!;
  return (key, options = {}) => {
    const count = options.count;
    for (const code of languages) {
      const candidates = typeof count === "number" ? [...(count === 0 ? [`${key}_zero`] : []), `${key}_${pluralForm(code, count)}`, key] : [key];
      for (const candidate of candidates) {
        const found = lookup(strings, code, candidate);
        // Numbers are written in the page's language even when the text is the fallback's.
        if (typeof found === "string") return interpolate(found, lang, options);
      }
    }
    onMissing?.(key);
    const fallback = typeof options.defaultValue === "string" ? options.defaultValue : key;
    return interpolate(fallback, lang, options);
  };
}
