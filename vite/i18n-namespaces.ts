/**
 * The browser loads only the strings a page needs (ADR 009, "Strings by namespace").
 *
 * The interface strings live in app/locales/<lang>.json, one top-level key per namespace
 * ("nav", "insights", "figures"…). For the browser build this plugin:
 * 1. makes each namespace of each language its own small chunk (`virtual:i18n-ns/<lang>/<ns>`);
 * 2. finds, in the source of every module of app/ (the whole file as written, loader and
 *    action included, comments left out), the string literals that begin with a namespace and
 *    a dot (`"insights.meta"`, `` `groups.${g}` ``), and makes that module start with
 *    `await ensureNamespaces([...])` (top-level await): a route's module, and every module it
 *    imports, is evaluated only once its strings are loaded, both when the page first loads
 *    and before a client navigation renders it;
 * 3. writes build/i18n-namespaces.json (which chunk needs which namespaces; where each
 *    namespace chunk of each language is) for `npm run bench:bundle`.
 * Nothing is listed by hand: a namespace added to the locale files is found the same way.
 * A key built at run time from a value the code does not spell out (say, an error key that
 * comes from the server) is still shown: entry.client.tsx loads a missing key's namespace
 * and the page renders again (with a console warning, so that tests notice).
 *
 * The server build is left alone: the server holds every string (app/utils/i18n.server.ts).
 */
import fs from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

export const RUNTIME_ID = "virtual:i18n-namespaces";
const CHUNK_PREFIX = "virtual:i18n-ns/";
const INDEX_PREFIX = "virtual:i18n-index/";
const LANGUAGES = ["en", "fr", "es", "ru", "zh", "ar"];

/** Source without comments (strings kept), so "see figures.ts" in a comment loads nothing. */
export function withoutComments(source: string): string {
  // Only comments that are surely comments: a block that opens a line, a JSX comment, a line
  // comment that opens a line or follows a space (never "**/*.json" or "http://" in a string).
  return source
    .replace(/^[ \t]*\/\*[\s\S]*?\*\//gm, "")
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, "")
    .replace(/(^|[ \t])\/\/[^\n]*/gm, "$1");
}

/** The namespaces a source file's string literals name (`"ns.key"`, `'ns.key'`, `` `ns.${…}` ``). */
export function namespacesIn(source: string, namespaces: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const m of withoutComments(source).matchAll(/["'`]([A-Za-z][\w-]*)\.(?=[\w$])/g)) if (namespaces.has(m[1]!)) found.add(m[1]!);
  return [...found].sort();
}

export function i18nNamespaces(options: { root: string }): Plugin {
  const localesDir = path.join(options.root, "app/locales");
  const appDir = path.join(options.root, "app") + path.sep;
  const read = (lang: string) => JSON.parse(fs.readFileSync(path.join(localesDir, `${lang}.json`), "utf8")) as Record<string, unknown>;
  let ssr = false;
  let namespaces = new Set<string>();
  /** Module file → the namespaces it names. */
  const usedBy = new Map<string, string[]>();
  return {
    name: "kyoto-i18n-namespaces",
    enforce: "post",
    configResolved(config) {
      ssr = Boolean(config.build.ssr);
    },
    buildStart() {
      namespaces = new Set(Object.keys(read("en")));
      for (const lang of LANGUAGES) this.addWatchFile(path.join(localesDir, `${lang}.json`));
    },
    resolveId(id) {
      if (id === RUNTIME_ID || id.startsWith(CHUNK_PREFIX) || id.startsWith(INDEX_PREFIX)) return `\0${id}`;
      return null;
    },
    load(id) {
      if (id === `\0${RUNTIME_ID}`) {
        // Each language's list of chunks is its own small module: a page loads its language's only.
        const indexes = LANGUAGES.map((lang) => `${JSON.stringify(lang)}: () => import(${JSON.stringify(`${INDEX_PREFIX}${lang}`)})`);
        return `${RUNTIME_SOURCE}\nconst indexes = {${indexes.join(", ")}};\nconst names = new Set(${JSON.stringify([...namespaces])});\n`;
      }
      if (id.startsWith(`\0${INDEX_PREFIX}`)) {
        const lang = id.slice(INDEX_PREFIX.length + 1);
        return `export default {${[...namespaces].map((ns) => `${JSON.stringify(ns)}: () => import(${JSON.stringify(`${CHUNK_PREFIX}${lang}/${ns}`)})`).join(", ")}};`;
      }
      if (id.startsWith(`\0${CHUNK_PREFIX}`)) {
        const [lang, ns] = id.slice(CHUNK_PREFIX.length + 1).split("/") as [string, string];
        return `export default ${JSON.stringify(read(lang)[ns] ?? {})};`;
      }
      return null;
    },
    transform(code, id, transformOptions) {
      if (ssr || transformOptions?.ssr) return null;
      const file = id.split("?")[0]!;
      if (!file.startsWith(appDir) || !/\.[jt]sx?$/.test(file) || !fs.existsSync(file)) return null;
      const found = namespacesIn(fs.readFileSync(file, "utf8"), namespaces);
      usedBy.set(id, found);
      if (found.length === 0) return null;
      return { code: `import { ensureNamespaces as __ensureNamespaces } from ${JSON.stringify(RUNTIME_ID)};\nawait __ensureNamespaces(${JSON.stringify(found)});\n${code}`, map: null };
    },
    writeBundle(outputOptions, bundle) {
      if (ssr || !outputOptions.dir) return;
      const chunks: Record<string, string[]> = {};
      const files: Record<string, Record<string, string>> = {};
      for (const out of Object.values(bundle)) {
        if (out.type !== "chunk") continue;
        const facade = out.facadeModuleId ?? "";
        if (facade.startsWith(`\0${INDEX_PREFIX}`)) {
          (files[facade.slice(INDEX_PREFIX.length + 1)] ??= {})["(index)"] = out.fileName;
          continue;
        }
        if (facade.startsWith(`\0${CHUNK_PREFIX}`)) {
          const [lang, ns] = facade.slice(CHUNK_PREFIX.length + 1).split("/") as [string, string];
          (files[lang] ??= {})[ns] = out.fileName;
          continue;
        }
        const used = new Set(out.moduleIds.flatMap((m) => usedBy.get(m) ?? []));
        chunks[out.fileName] = [...used].sort();
      }
      fs.writeFileSync(path.join(outputOptions.dir, "..", "i18n-namespaces.json"), JSON.stringify({ chunks, files }, null, 1));
    },
  };
}

/** The browser side: loads namespace chunks once each, for the page's language. */
const RUNTIME_SOURCE = `
const strings = {};
const pending = new Map();
const listeners = new Set();
export function pageLanguage() {
  const lang = typeof document === "undefined" ? "en" : document.documentElement.lang;
  return indexes[lang] ? lang : "en";
}
function load(lang, ns) {
  const key = lang + "/" + ns;
  let p = pending.get(key);
  if (!p) {
    p = names.has(ns)
      ? indexes[lang]()
          .then((index) => index.default[ns]())
          .then((m) => {
            (strings[lang] ??= {})[ns] = m.default;
            for (const listener of listeners) listener(lang, ns, m.default);
          })
      : Promise.resolve();
    pending.set(key, p);
  }
  return p;
}
/** Loads these namespaces of the page's language (once). */
export function ensureNamespaces(namespaces) {
  const lang = pageLanguage();
  return Promise.all(namespaces.map((ns) => load(lang, ns))).then(() => undefined);
}
/** Whether a namespace exists and is not loaded (nor loading) yet for the page's language. */
export function isMissing(ns) {
  return names.has(ns) && !pending.has(pageLanguage() + "/" + ns);
}
/** The strings loaded so far for a language: { ns: {...} }. */
export function loadedStrings(lang) {
  return { ...(strings[lang] ?? {}) };
}
/** Called with (lang, ns, strings) for each namespace loaded from now on. */
export function onNamespaceLoaded(listener) {
  listeners.add(listener);
}
`;
