import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition, useEffect, useState } from "react";
import { hydrateRoot } from "react-dom/client";
import { isMissing, loadedStrings, onNamespaceLoaded, pageLanguage, ensureNamespaces } from "virtual:i18n-namespaces";
import { createTranslate } from "#app/utils/translate.ts";
import { TranslationProvider, translation, type Translation } from "#app/utils/translation.tsx";

// Only the page's language, and of it only the namespaces the page's modules name: each
// module waits for its own namespaces before it runs (vite/i18n-namespaces.ts), so by now
// the strings of the page's routes are loaded.
const lng = pageLanguage();

function translationNow(): Translation {
  const strings = loadedStrings(lng);
  return translation(
    lng,
    createTranslate([lng], (_lang, ns) => strings[ns], (key) => {
      // A key whose namespace no module names (built from a value the server sent): load its
      // namespace; the provider below then renders the page again with it.
      const ns = key.split(".")[0]!;
      if (!isMissing(ns)) return;
      console.warn(`i18n: "${key}" was shown before its namespace "${ns}" was loaded; loading it now.`);
      void ensureNamespaces([ns]);
    }),
  );
}

let current = translationNow();
const subscribers = new Set<(value: Translation) => void>();
onNamespaceLoaded((lang) => {
  if (lang !== lng) return;
  current = translationNow();
  for (const notify of subscribers) notify(current);
});

function Strings({ children }: { children: React.ReactNode }) {
  const [value, setValue] = useState(current);
  useEffect(() => {
    subscribers.add(setValue);
    setValue(current);
    return () => void subscribers.delete(setValue);
  }, []);
  return <TranslationProvider value={value}>{children}</TranslationProvider>;
}

startTransition(() => {
  hydrateRoot(
    document,
    <Strings>
      <StrictMode>
        <RemixBrowser />
      </StrictMode>
    </Strings>,
  );
});
