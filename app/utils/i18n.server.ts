import { createCookie } from "@remix-run/node";
import { RemixI18Next } from "remix-i18next/server";
import ar from "#app/locales/ar.json";
import en from "#app/locales/en.json";
import es from "#app/locales/es.json";
import fr from "#app/locales/fr.json";
import ru from "#app/locales/ru.json";
import zh from "#app/locales/zh.json";
import { FALLBACK_LANGUAGE, SUPPORTED_LANGUAGES, i18nConfig, type UiLanguage } from "#app/utils/i18n.ts";

export const RESOURCES = { en, fr, es, ru, zh, ar } as const;

/** The language chosen with the switcher, kept for a year. */
export const languageCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

const resources = Object.fromEntries(
  Object.entries(RESOURCES).map(([lng, strings]) => [lng, { common: strings }]),
);

export const i18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LANGUAGES],
    fallbackLanguage: FALLBACK_LANGUAGE,
    cookie: languageCookie,
    order: ["searchParams", "cookie", "header"],
  },
  i18next: { ...i18nConfig, resources },
});

export async function getLanguage(request: Request): Promise<UiLanguage> {
  return (await i18next.getLocale(request)) as UiLanguage;
}
