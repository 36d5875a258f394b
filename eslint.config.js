import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/*
 * Layer rules (docs/decisions/008-feature-homes.md). Each rule is a `no-restricted-imports`
 * pattern on the import specifier; every file of app/ imports through `#app/…`, `#db/…`,
 * `#surveys/…` (relative imports are refused there), so the specifier names the layer.
 * In a flat config a later block replaces the rule of an earlier one for the files it
 * matches, so each block lists every pattern its files obey.
 * tests/app/layers.test.ts proves each rule fires on tests/fixtures/layers/*.
 */

/**
 * The browser-safe vocabularies: pure modules (they import nothing but each other) that
 * db/schema may import for its column enums, as the server and components do.
 */
export const VOCABULARIES = [
  "app/reporting/lifecycle.ts",
  "app/reporting/disclosure.ts",
  "app/states/regional-groups.ts",
  "app/accounts/roles.ts",
  "app/cycles/cycle-status.ts",
];
const vocabularyAlias = `#app/(?:${VOCABULARIES.map((f) => f.slice("app/".length).replace(/[.]/g, "\\.")).join("|")})$`;

const rule = {
  reactI18next: { regex: "^react-i18next$", message: "Pages translate with useTranslation from #app/utils/translation.tsx: the browser carries no i18next (ADR 009), and react-i18next's hook would show keys." },
  relative: { regex: "^\\.", message: "Import through #app/… (not a relative path), so the layer rules see what is imported." },
  routes: { regex: "^#app/routes/", message: "Features and components never import a route: routes import features, not the reverse." },
  server: { regex: "\\.server(?:\\.tsx?)?$", message: "A component never imports a *.server module: pass data from the route's loader instead." },
  uiFeature: { regex: "^#app/(?!components/ui/|utils/)", message: "app/components/ui holds generic UI: it imports only app/utils and other ui components, never a feature." },
  utilsFeature: { regex: "^#app/(?!utils/|locales/)", message: "app/utils is plumbing: it never imports a feature (move the code to the feature instead)." },
  utilsDb: { regex: "^#(?:db|surveys)/", message: "app/utils is plumbing: queries live in feature *.server.ts modules, questionnaire labels in app/questionnaires." },
  vocabulary: { regex: `^(?!${vocabularyAlias})`, message: "A vocabulary module is browser-safe and importable by db/schema: it imports nothing but other vocabularies." },
  surveysApp: { regex: "^(?:#app/|#db/|#scripts/|(?:\\.\\./)+(?:app|db|scripts)(?:/|$))", message: "surveys/ is a standalone compiler: it never imports app/, db/ or scripts/." },
  dbApp: { regex: `^(?:#app/(?!${vocabularyAlias.slice("#app/".length)})|#scripts/|(?:\\.\\./)+(?:app|scripts)(?:/|$))`, message: "db/ never imports app/ (only the browser-safe vocabularies, for column enums) nor scripts/: seeds live in scripts/seed/." },
};
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns: patterns.map((p) => ({ ...p })) }] });

export const layerRules = [
  { name: "layers/app", files: ["app/**/*.{ts,tsx}"], rules: restrict(rule.relative, rule.routes, rule.reactI18next) },
  { name: "layers/routes", files: ["app/routes/**", "app/root.tsx", "app/entry.*"], rules: restrict(rule.relative, rule.reactI18next) },
  { name: "layers/components", files: ["app/*/components/**/*.{ts,tsx}"], rules: restrict(rule.relative, rule.routes, rule.server, rule.reactI18next) },
  { name: "layers/ui", files: ["app/components/**/*.{ts,tsx}"], rules: restrict(rule.relative, rule.routes, rule.server, rule.uiFeature, rule.reactI18next) },
  { name: "layers/utils", files: ["app/utils/**/*.{ts,tsx}"], rules: restrict(rule.relative, rule.utilsFeature, rule.utilsDb, rule.reactI18next) },
  { name: "layers/vocabularies", files: VOCABULARIES, rules: restrict(rule.vocabulary) },
  { name: "layers/surveys", files: ["surveys/**/*.{ts,tsx}"], rules: restrict(rule.surveysApp) },
  { name: "layers/db", files: ["db/**/*.{ts,tsx}"], rules: restrict(rule.dbApp) },
];

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "tests/.tmp/", "data/", "db/migrations/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["**/*.js"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  ...layerRules,
);
