import { formatLinks, formatRecords, type LinkValue, type RecordValue } from "#app/reporting/answer-values.ts";
import type { Question } from "#surveys/schema.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { yesNoKey } from "#app/reporting/yes-no.ts";

/** An answer as readable text in a language: option labels, yes/no, links one per line. */
export function answerText(q: Question, value: unknown, lang: string, t: (key: string) => string): string {
  if (value === null || value === undefined) return "";
  if (q.type === "yes_no") return t(yesNoKey(String(value)));
  if (q.type === "records") return formatRecords(value as RecordValue[], q.fields.map((f) => ({ key: f.key, label: localText(f.label, lang).text })));
  if (q.type === "ranking") {
    // "1. ¶81 · Trafficking in persons", most important first.
    return (value as string[]).map((v, i) => `${(i + 1).toLocaleString(lang)}. ${localText(q.options.find((o) => o.value === v)?.label ?? { en: v }, lang).text}`).join("\n");
  }
  if ("options" in q) {
    const values = Array.isArray(value) ? (value as string[]) : [String(value)];
    return values.map((v) => localText(q.options.find((o) => o.value === v)?.label ?? { en: v }, lang).text).join("; ");
  }
  if (q.type === "links") return formatLinks(value as LinkValue[]);
  return String(value);
}
