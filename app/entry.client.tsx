import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { FALLBACK_LANGUAGE, i18nConfig, isSupportedLanguage } from "#app/utils/i18n.ts";

// Only the page's language is loaded: each locale file is its own small chunk.
const locales = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*.json");

async function hydrate() {
  const htmlLang = document.documentElement.lang;
  const lng = isSupportedLanguage(htmlLang) ? htmlLang : FALLBACK_LANGUAGE;
  const strings = await locales[`./locales/${lng}.json`]!();
  await i18next.use(initReactI18next).init({
    ...i18nConfig,
    lng,
    resources: { [lng]: { common: strings.default } },
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
