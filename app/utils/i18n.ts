/**
 * Browser-safe i18n settings shared by the server and the client. The strings themselves
 * are in app/locales/<lang>.json: the server imports all six, the browser loads only the
 * page's language (entry.client.tsx).
 */

export const SUPPORTED_LANGUAGES = ["en", "fr", "es", "ru", "zh", "ar"] as const;
export type UiLanguage = (typeof SUPPORTED_LANGUAGES)[number];
export const FALLBACK_LANGUAGE: UiLanguage = "en";

/** Each language's own name, shown in the switcher. */
export const LANGUAGE_NAMES: Record<UiLanguage, string> = {
  ar: "العربية",
  zh: "中文",
  en: "English",
  fr: "Français",
  ru: "Русский",
  es: "Español",
};

export function isSupportedLanguage(value: unknown): value is UiLanguage {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as readonly string[]).includes(value);
}

/** A translated text, with the language it is actually in (English when there is no translation). */
export interface LocalText {
  text: string;
  lang: string;
  fallback: boolean;
}

export function directionOf(lang: string): "rtl" | "ltr" {
  return lang === "ar" ? "rtl" : "ltr";
}

export const i18nConfig = {
  supportedLngs: [...SUPPORTED_LANGUAGES],
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: "common",
  ns: ["common"],
  interpolation: { escapeValue: false },
};
