/**
 * The public API of the questionnaire compiler. No I/O here: to read an instrument folder from
 * disk, use `#surveys/load.server.ts` (server only).
 */
export { compileQuestionnaire, compileWithWarnings, kindFor, questionId, type CompileResult } from "./compiler/compile.ts";
export { CompileError, type CompileWarning } from "./compiler/errors.ts";
export { translationCompleteness, type LanguageCompleteness, type Share } from "./compiler/translate.ts";
export { canonicalJson, contentVersion } from "./compiler/version.ts";
export { BUILT_IN_INSTRUMENTS, THEMATIC_RULES, type InstrumentDefinition } from "./compiler/rules.ts";
export { COMMON_TEMPLATES, TEMPLATE_SETS } from "./compiler/templates.ts";
export {
  parseSurveyConfig,
  surveyConfigSchema,
  translationFileSchema,
  TRANSLATABLE_LANGUAGES,
  type SurveyConfig,
  type SurveyConfigInput,
  type TranslatableLanguage,
  type TranslationFile,
  type Translations,
} from "./config.ts";
export * from "./schema.ts";
export { flattenQuestionnaire } from "./compiler/flatten.ts";
