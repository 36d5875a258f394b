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
/** The page language's strings, by namespace; namespaces loaded later are added as they come. */
const strings: Record<string, unknown> = loadedStrings(lng);
/** Namespaces of keys a component showed before they were loaded: the page renders again with them. */
const awaited = new Set<string>();

const t = createTranslate([lng], (_lang, ns) => strings[ns], (key) => {
  // A key whose namespace no module names (built from a value the server sent): load its
  // namespace; once it is here, the provider below renders the page again with it.
  const ns = key.split(".")[0]!;
  awaited.add(ns);
  if (!isMissing(ns)) return;
  console.warn(`i18n: "${key}" was shown before its namespace "${ns}" was loaded; loading it now.`);
  void ensureNamespaces([ns]);
});

let current: Translation = translation(lng, t);
const subscribers = new Set<(value: Translation) => void>();
onNamespaceLoaded((lang, ns, loaded) => {
  if (lang !== lng) return;
  strings[ns] = loaded;
  // A namespace a client navigation loads before its route renders changes nothing on screen:
  // only one whose keys were shown missing calls for a new render of the page.
  if (!awaited.delete(ns)) return;
  current = translation(lng, t);
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
