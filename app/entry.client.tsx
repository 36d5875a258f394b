import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { isMissing, loadedStrings, onNamespaceLoaded, pageLanguage, ensureNamespaces } from "virtual:i18n-namespaces";
import { i18nConfig } from "#app/utils/i18n.ts";

// Only the page's language, and of it only the namespaces the page's modules name: each
// module waits for its own namespaces before it runs (vite/i18n-namespaces.ts), so by now
// the strings of the page's routes are loaded.
async function hydrate() {
  const lng = pageLanguage();
  await i18next.use(initReactI18next).init({
    ...i18nConfig,
    lng,
    resources: { [lng]: { common: loadedStrings(lng) } },
    // A key whose namespace no module names (built from a value the server sent): load its
    // namespace, then the components using it render again ("added" below).
    saveMissing: true,
    missingKeyHandler: (_lngs: readonly string[], _ns: string, key: string) => {
      const ns = key.split(".")[0]!;
      if (!isMissing(ns)) return;
      console.warn(`i18n: "${key}" was shown before its namespace "${ns}" was loaded; loading it now.`);
      void ensureNamespaces([ns]);
    },
    react: { ...i18nConfig.react, bindI18nStore: "added" },
  });
  onNamespaceLoaded((lang, ns, strings) => i18next.addResourceBundle(lang, "common", { [ns]: strings }, true, true));
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
