/**
 * The only I/O of the surveys module: read an instrument folder
 *   <folder>/source.txt            the declaration as published (required)
 *   <folder>/config.json           see surveys/config.ts (required)
 *   <folder>/translations/<lang>.json   optional, lang ∈ fr es ru zh ar
 * and compile it. Every problem becomes a SurveyFolderError naming the file (and the line and
 * column where one applies).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { z } from "zod";
import { compileWithWarnings, type CompileResult } from "./compiler/compile.ts";
import { CompileError } from "./compiler/errors.ts";
import { jsonErrorOffset, jsonPathOffset } from "./compiler/json-position.ts";
import {
  supplementFileSchema,
  surveyConfigSchema,
  TRANSLATABLE_LANGUAGES,
  translationFileSchema,
  type SurveyConfig,
  type Supplement,
  type TranslatableLanguage,
  type Translations,
} from "./config.ts";
import type { Questionnaire } from "./schema.ts";

export class SurveyFolderError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(file: string, message: string, position: { line?: number; column?: number } = {}) {
    const where = position.line === undefined ? file : `${file}:${position.line}${position.column === undefined ? "" : `:${position.column}`}`;
    super(`${where}: ${message}`);
    this.name = "SurveyFolderError";
    this.file = file;
    this.line = position.line;
    this.column = position.column;
  }
}

export interface SurveyFolder {
  folder: string;
  sourceText: string;
  config: SurveyConfig;
  translations: Translations;
  /** paragraphs.json: short titles, elements, SDG targets, extra questions (empty when absent). */
  supplement: Supplement;
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SurveyFolderError(file, code === "ENOENT" ? "file not found" : `cannot be read (${code ?? String(error)})`);
  }
}

/** JSON.parse, with a syntax error turned into file:line:column. */
export function parseJsonFile(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Our own scanner first: V8's messages do not always carry a position.
    const offset = jsonErrorOffset(text) ?? Number(/at position (\d+)/.exec(message)?.[1] ?? text.length);
    const where = lineAndColumn(text, offset);
    const reason = message.replace(/\s*in JSON at position \d+.*$/, "").replace(/\s*\(line \d+ column \d+\)/, "").replace(/, "[^]*" is not valid JSON$/, "");
    throw new SurveyFolderError(file, `invalid JSON: ${reason}`, where);
  }
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `  - ${i.path.length > 0 ? i.path.join(".") : "(top level)"}: ${i.message}`).join("\n");
}

function parseWith<S extends z.ZodType>(schema: S, file: string, what: string, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new SurveyFolderError(file, `does not match the ${what} schema:\n${formatIssues(result.error.issues)}`);
  }
  return result.data;
}

/** Zod issues located in the JSON text: the file's line of the first issue, every issue listed with its line. */
function parseLocated<S extends z.ZodType>(schema: S, file: string, what: string, text: string): z.output<S> {
  const value = parseJsonFile(file, text);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lineOf = (path: readonly PropertyKey[]) => lineAndColumn(text, jsonPathOffset(text, path)).line;
  const listed = result.error.issues
    .map((i) => `  - line ${lineOf(i.path)}: ${i.path.length > 0 ? i.path.join(".") : "(top level)"}: ${i.message}`)
    .join("\n");
  const first = result.error.issues[0];
  throw new SurveyFolderError(file, `does not match the ${what} schema:\n${listed}`, first ? lineAndColumn(text, jsonPathOffset(text, first.path)) : {});
}

function readSupplement(folder: string): Supplement {
  const file = path.join(folder, "paragraphs.json");
  if (!existsSync(file)) return { paragraphs: {} };
  return parseLocated(supplementFileSchema, file, "paragraphs.json", readText(file));
}

function readTranslations(folder: string): Translations {
  const dir = path.join(folder, "translations");
  if (!existsSync(dir)) return {};
  const translations: Translations = {};
  for (const name of readdirSync(dir).sort()) {
    if (!name.endsWith(".json")) continue;
    const file = path.join(dir, name);
    const lang = name.slice(0, -".json".length);
    if (!(TRANSLATABLE_LANGUAGES as readonly string[]).includes(lang)) {
      throw new SurveyFolderError(file, `"${lang}" is not a translation language (expected one of ${TRANSLATABLE_LANGUAGES.join(", ")})`);
    }
    translations[lang as TranslatableLanguage] = parseWith(translationFileSchema, file, "translation file", parseJsonFile(file, readText(file)));
  }
  return translations;
}

/** Read and validate an instrument folder (no compiling yet). */
export function loadSurveyFolder(folder: string): SurveyFolder {
  const dir = path.resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new SurveyFolderError(folder, "folder not found");
  }
  const configFile = path.join(folder, "config.json");
  const config = parseWith(surveyConfigSchema, configFile, "config", parseJsonFile(configFile, readText(configFile)));
  const sourceText = readText(path.join(folder, "source.txt"));
  return { folder, sourceText, config, translations: readTranslations(folder), supplement: readSupplement(folder) };
}

/** Read, then compile, a folder; a problem in the text is reported against source.txt. */
export function compileSurveyFolderWithWarnings(folder: string): CompileResult {
  const loaded = loadSurveyFolder(folder);
  try {
    return compileWithWarnings(loaded.sourceText, loaded.config, loaded.translations, loaded.supplement);
  } catch (error) {
    if (error instanceof CompileError && error.message.startsWith("paragraphs.json: ")) {
      const file = path.join(folder, "paragraphs.json");
      const text = readText(file);
      const ref = /paragraph (\S+?)[ :]/.exec(error.message)?.[1];
      const where = ref ? lineAndColumn(text, jsonPathOffset(text, ["paragraphs", ref])) : {};
      throw new SurveyFolderError(file, error.message.slice("paragraphs.json: ".length), where);
    }
    if (error instanceof CompileError) {
      const message = error.line === undefined ? error.message : error.message.replace(/^line \d+: /, "");
      throw new SurveyFolderError(path.join(folder, "source.txt"), message, { line: error.line });
    }
    throw error;
  }
}

export function compileSurveyFolder(folder: string): Questionnaire {
  return compileSurveyFolderWithWarnings(folder).questionnaire;
}
