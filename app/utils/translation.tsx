/**
 * `useTranslation()` for components: `{ t, i18n: { language, dir() } }`, the part of
 * react-i18next's hook the pages use, over app/utils/translate.ts. The server's document
 * (entry.server.tsx) and the browser (entry.client.tsx) each put a translator in the provider;
 * the browser's changes when a namespace arrives late, so the components that showed its keys
 * render again.
 */
import { createContext, useContext, type ReactNode } from "react";
import { directionOf } from "#app/utils/i18n.ts";
import type { Translate } from "#app/utils/translate.ts";

export interface Translation {
  t: Translate;
  i18n: { language: string; dir: (lang?: string) => "ltr" | "rtl" };
}

const TranslationContext = createContext<Translation | null>(null);

export function translation(language: string, t: Translate): Translation {
  return { t, i18n: { language, dir: (lang = language) => directionOf(lang) } };
}

export function TranslationProvider({ value, children }: { value: Translation; children: ReactNode }) {
  return <TranslationContext.Provider value={value}>{children}</TranslationContext.Provider>;
}

export function useTranslation(): Translation {
  const value = useContext(TranslationContext);
  if (!value) throw new Error("useTranslation() outside a TranslationProvider (entry.server.tsx and entry.client.tsx put one around the app)");
  return value;
}
