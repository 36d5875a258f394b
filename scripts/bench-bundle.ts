/**
 * `npm run bench:bundle`: what the main pages load up front in the browser, gzipped (zlib
 * level 9): the entry client, the root route and the page's route module, each with its static
 * `imports` followed transitively, plus the English locale chunk (entry.client imports it
 * dynamically at hydration; other dynamic imports are left out), and the CSS.
 *
 * Builds first (`npm run build -- --config scripts/bench/vite-manifest.config.ts`: the
 * project's Vite config with `build.manifest: true`, so Vite's client manifest is kept) unless
 * SKIP_BUILD=1 and build/client exists. Reads Vite's client manifest from
 * build/client/.vite/manifest.json or build/.vite/client-manifest.json (where the Remix plugin
 * moves it); without one (SKIP_BUILD=1 on a plain `npm run build`), falls back to the Remix
 * browser manifest (build/client/assets/manifest-*.js), whose `imports` are already transitive.
 * The Remix route manifest itself is not counted: with v3_lazyRouteDiscovery the page inlines
 * only its own routes' entries in the HTML.
 *
 * Last line: {"bench":"bundle","pages":{"<name>":{"jsGzKb":…,"cssGzKb":…},…}}
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));
const client = path.join(root, "build/client");

const PAGES: Record<string, string> = {
  home: "routes/_index",
  declaration: "routes/declarations.$instrumentId._index",
  questionnaire: "routes/reports.$reportId.$ref",
  taskList: "routes/reports.$reportId._index",
  review: "routes/review.$reportId",
  insightsOverview: "routes/insights.$cycleId._index",
  insightsPillar: "routes/insights.$cycleId.pillars.$pillar",
  presentation: "routes/insights.$cycleId.present",
  insightsStandards: "routes/insights.$cycleId.standards",
  insightsRespondents: "routes/insights.$cycleId.respondents",
};
/** Limits (KB of gzipped JS): above any of them the script exits 1. */
const AIMS: Record<string, number> = { questionnaire: 110, insightsOverview: 120, insightsPillar: 120, presentation: 120, insightsStandards: 120, insightsRespondents: 120 };
const LOCALE = "en";

if (!(process.env.SKIP_BUILD === "1" && fs.existsSync(client))) {
  console.log("building: npm run build -- --config scripts/bench/vite-manifest.config.ts");
  execFileSync("npm", ["run", "build", "--", "--config", "scripts/bench/vite-manifest.config.ts"], { cwd: root, stdio: "inherit" });
} else {
  console.log("SKIP_BUILD=1: using the existing build/");
}

interface ViteChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}

/** Files (relative to build/client) a page loads up front. */
interface PageFiles {
  js: Set<string>;
  css: Set<string>;
}

const gzCache = new Map<string, { raw: number; gz: number }>();
function sizes(rel: string) {
  let s = gzCache.get(rel);
  if (!s) {
    const buf = fs.readFileSync(path.join(client, rel));
    s = { raw: buf.length, gz: zlib.gzipSync(buf, { level: 9 }).length };
    gzCache.set(rel, s);
  }
  return s;
}

/** CSS referenced from JS as a URL string (`import css from "….css?url"` in root.tsx). */
function cssUrlsIn(jsRel: string): string[] {
  const text = fs.readFileSync(path.join(client, jsRel), "utf8");
  return [...new Set([...text.matchAll(/["'`]\/?(assets\/[\w.-]+\.css)["'`]/g)].map((m) => m[1]!))];
}

function fromViteManifest(manifest: Record<string, ViteChunk>): { source: string; pages: Record<string, PageFiles> } {
  const bySrcRoute = (routeId: string): string => {
    const base = `app/${routeId}`;
    // Route chunks are keyed `app/routes/x.tsx?__remix-build-client-route` (Remix 2.17).
    const key = Object.keys(manifest).find((k) => [".tsx", ".ts", ".jsx", ".js"].some((ext) => noQuery(k) === `${base}${ext}`));
    if (!key) throw new Error(`no manifest entry for ${routeId}`);
    return key;
  };
  const noQuery = (k: string) => k.replace(/\?.*$/, "");
  const entryKey = Object.keys(manifest).find((k) => /(^|\/)entry\.client\.[jt]sx?$/.test(noQuery(k)));
  const rootKey = Object.keys(manifest).find((k) => /^app\/root\.[jt]sx?$/.test(noQuery(k)));
  if (!entryKey || !rootKey) throw new Error("the Vite manifest has no entry.client or root");
  // The locale chunk: a dynamic import of entry.client whose source is locales/<lang>.json.
  const localeKey = (manifest[entryKey]!.dynamicImports ?? []).find((k) => new RegExp(`locales/${LOCALE}\\.json$`).test(k));
  if (!localeKey && !fs.existsSync(path.join(root, "build/i18n-namespaces.json"))) console.warn(`warning: no ${LOCALE} locale chunk among entry.client's dynamic imports`);

  const pages: Record<string, PageFiles> = {};
  for (const [name, routeId] of Object.entries(PAGES)) {
    const files: PageFiles = { js: new Set(), css: new Set() };
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = manifest[key];
      if (!chunk) throw new Error(`manifest key ${key} missing`);
      if (chunk.file.endsWith(".js")) files.js.add(chunk.file);
      else if (chunk.file.endsWith(".css")) files.css.add(chunk.file);
      for (const c of chunk.css ?? []) files.css.add(c);
      for (const a of chunk.assets ?? []) if (a.endsWith(".css")) files.css.add(a);
      for (const i of chunk.imports ?? []) visit(i);
    };
    visit(entryKey);
    visit(rootKey);
    if (localeKey) visit(localeKey);
    visit(bySrcRoute(routeId));
    for (const js of files.js) for (const c of cssUrlsIn(js)) files.css.add(c);
    pages[name] = files;
  }
  return { source: "Vite client manifest", pages };
}

function fromRemixManifest(): { source: string; pages: Record<string, PageFiles> } {
  const assets = path.join(client, "assets");
  const file = fs
    .readdirSync(assets)
    .filter((f) => /^manifest-[\w-]+\.js$/.test(f))
    .map((f) => ({ f, t: fs.statSync(path.join(assets, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t)[0]?.f;
  if (!file) throw new Error("no Vite manifest and no Remix browser manifest in build/client");
  const text = fs.readFileSync(path.join(assets, file), "utf8");
  type R = { module: string; imports?: string[]; css?: string[] };
  const m = JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as { entry: R; routes: Record<string, R> };
  const rel = (u: string) => u.replace(/^\//, "");
  const locale = fs.existsSync(path.join(root, "build/i18n-namespaces.json")) ? undefined : fs.readdirSync(assets).find((f) => new RegExp(`^${LOCALE}-[\\w-]+\\.js$`).test(f));
  const pages: Record<string, PageFiles> = {};
  for (const [name, routeId] of Object.entries(PAGES)) {
    const files: PageFiles = { js: new Set(), css: new Set() };
    for (const r of [m.entry, m.routes.root!, m.routes[routeId]]) {
      if (!r) throw new Error(`no route ${routeId} in the Remix manifest`);
      files.js.add(rel(r.module));
      for (const i of r.imports ?? []) files.js.add(rel(i));
      for (const c of r.css ?? []) files.css.add(rel(c));
    }
    if (locale) files.js.add(`assets/${locale}`);
    for (const js of files.js) for (const c of cssUrlsIn(js)) files.css.add(c);
    pages[name] = files;
  }
  return { source: `Remix browser manifest ${file} (no Vite manifest found; locale chunk by file name)`, pages };
}

const viteManifestPath = [path.join(client, ".vite/manifest.json"), path.join(root, "build/.vite/client-manifest.json")].find((p) => fs.existsSync(p));
const { source, pages } = viteManifestPath ? fromViteManifest(JSON.parse(fs.readFileSync(viteManifestPath, "utf8")) as Record<string, ViteChunk>) : fromRemixManifest();
console.log(`source: ${viteManifestPath ? `${source} (${path.relative(root, viteManifestPath)})` : source}`);

// Strings by namespace (vite/i18n-namespaces.ts): a page loads the English chunks of the
// namespaces its JavaScript names (build/i18n-namespaces.json says which), not a whole locale.
const namespaceManifest = path.join(root, "build/i18n-namespaces.json");
if (fs.existsSync(namespaceManifest)) {
  const m = JSON.parse(fs.readFileSync(namespaceManifest, "utf8")) as { chunks: Record<string, string[]>; files: Record<string, Record<string, string>> };
  for (const [name, files] of Object.entries(pages)) {
    const needed = new Set([...files.js].flatMap((f) => m.chunks[f] ?? []));
    for (const ns of [...needed, "(index)"]) if (m.files[LOCALE]?.[ns]) files.js.add(m.files[LOCALE][ns]);
    console.log(`${name}: ${needed.size} of ${Object.keys(m.files[LOCALE] ?? {}).length} namespaces (${[...needed].sort().join(", ")})`);
  }
}

// Cross-check against the Remix browser manifest when both exist (what the page modulepreloads).
if (viteManifestPath) {
  try {
    const remix = fromRemixManifest().pages;
    for (const [name, files] of Object.entries(pages)) {
      const a = [...files.js].sort().join(",");
      const b = [...remix[name]!.js].sort().join(",");
      if (a !== b) console.warn(`note: ${name}: the Vite-manifest walk and the Remix manifest differ:\n  vite only: ${[...files.js].filter((f) => !remix[name]!.js.has(f)).join(" ")}\n  remix only: ${[...remix[name]!.js].filter((f) => !files.js.has(f)).join(" ")}`);
    }
  } catch (e) {
    console.warn(`note: no cross-check with the Remix manifest (${(e as Error).message})`);
  }
}

const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
const result: Record<string, { jsGzKb: number; cssGzKb: number }> = {};
const missed: string[] = [];
console.log(`\n${"page".padEnd(18)}${"route".padEnd(44)}${"files".padStart(6)}${"JS KB".padStart(9)}${"JS gz KB".padStart(10)}${"CSS gz KB".padStart(11)}  aim`);
for (const [name, files] of Object.entries(pages)) {
  const js = [...files.js].map(sizes);
  const css = [...files.css].map(sizes);
  const jsGz = kb(js.reduce((a, s) => a + s.gz, 0));
  const cssGz = kb(css.reduce((a, s) => a + s.gz, 0));
  result[name] = { jsGzKb: jsGz, cssGzKb: cssGz };
  const aim = AIMS[name];
  const verdict = aim ? `JS ≤ ${aim} KB gz: ${jsGz <= aim ? "met" : "MISSED"}` : "";
  if (aim && jsGz > aim) missed.push(`${name}: ${jsGz} KB > ${aim} KB`);
  console.log(`${name.padEnd(18)}${PAGES[name]!.padEnd(44)}${String(files.js.size).padStart(6)}${kb(js.reduce((a, s) => a + s.raw, 0)).toFixed(1).padStart(9)}${jsGz.toFixed(1).padStart(10)}${cssGz.toFixed(1).padStart(11)}  ${verdict}`);
}

// The biggest files behind the pages, to see what dominates.
const all = new Map<string, string[]>();
for (const [name, files] of Object.entries(pages)) for (const f of [...files.js, ...files.css]) all.set(f, [...(all.get(f) ?? []), name]);
console.log("\nlargest files (gz KB, pages that load them):");
for (const [f, names] of [...all.entries()].sort((a, b) => sizes(b[0]).gz - sizes(a[0]).gz).slice(0, 12)) {
  console.log(`  ${kb(sizes(f).gz).toFixed(1).padStart(7)}  ${f.padEnd(48)} ${names.length === Object.keys(pages).length ? "all pages" : names.join(", ")}`);
}

console.log(JSON.stringify({ bench: "bundle", pages: result }));
if (missed.length) {
  console.error(`bench:bundle: over the limit: ${missed.join("; ")}`);
  process.exitCode = 1;
}
