/**
 * The curated texts of a supplement in the six languages. English is required by the schema (a
 * short title or element without it does not parse); a missing other language is a compile
 * warning, not an error, so a new declaration's supplement can be written in English first and
 * translated later, while `surveys inspect` and `surveys translations` show what is missing
 * (the Kyoto supplement has none missing: tests/surveys/stages.test.ts).
 * Pure and browser-safe.
 */
import type { Supplement } from "../config.ts";
import { hasLanguage, LANGUAGES, type Label } from "../schema.ts";
import type { CompileWarning } from "./errors.ts";

function missing(label: Label): string[] {
  return LANGUAGES.filter((lang) => !hasLanguage(label, lang));
}

/** One warning per short title or element text that lacks a language, naming the languages. */
export function supplementLanguageWarnings(supplement: Supplement): CompileWarning[] {
  const warnings: CompileWarning[] = [];
  for (const [ref, entry] of Object.entries(supplement.paragraphs)) {
    const title = missing(entry.shortTitle);
    if (title.length > 0) warnings.push({ message: `paragraphs.json: paragraph ${ref}: the short title has no ${title.join(", ")} text` });
    for (const element of entry.elements ?? []) {
      const langs = missing(element.text);
      if (langs.length > 0) warnings.push({ message: `paragraphs.json: paragraph ${ref}: element "${element.key}" has no ${langs.join(", ")} text` });
    }
  }
  return warnings;
}
