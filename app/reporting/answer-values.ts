/**
 * Answer values and their text forms, without zod: the paragraph page imports these, and
 * they must not pull a validation library into the browser.
 */
export type LinkValue = { url: string; title: string | null };
/** One group of a records answer (a legal reference, an indicator), by field key; empty fields null. */
export type RecordValue = Record<string, string | null>;
export type AnswerValue = string | string[] | LinkValue[] | RecordValue[] | null;

/** The longest text answer anywhere (a question may set a lower limit): form, save, workbook. */
export const MAX_TEXT_LENGTH = 20_000;
/** The longest web address in a links answer. */
export const MAX_LINK_LENGTH = 2_000;

/** A text question's limit: its own, never above MAX_TEXT_LENGTH. */
export function textLimit(q: { maxLength: number }): number {
  return Math.min(q.maxLength, MAX_TEXT_LENGTH);
}

/**
 * An answer refused as a conflict: what is stored (theirs, by whom, when, at which revision)
 * and what the editor sent (mine). The save returns `updatedAt` as a Date; on the wire (the
 * page's action data, the autosave JSON) it is ISO text. One shape for the model, the save
 * service and the page's autosave hook.
 */
export interface SaveConflict<When = string> {
  key: string;
  questionId: string;
  theirs: AnswerValue;
  theirRevision: number;
  updatedAt: When;
  updatedByName: string | null;
  mine: AnswerValue;
}

export interface FieldError {
  key: string;
  params?: Record<string, string | number>;
}

/** One line per link: the address, then optionally a space and a title. */
export function parseLinks(text: string): LinkValue[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [url = "", ...rest] = line.split(/\s+/);
      const title = rest.join(" ").trim();
      return { url, title: title || null };
    });
}

export function formatLinks(links: LinkValue[] | null | undefined): string {
  return (links ?? []).map((l) => (l.title ? `${l.url} ${l.title}` : l.url)).join("\n");
}


/** The form name of one field of one row of a records question: `<key>.<row>.<field>`. */
export function recordFieldName(key: string, row: number, field: string): string {
  return `${key}.${row}.${field}`;
}

/** A records answer as text: one row a line, its filled fields "label: value" joined by "; ". */
export function formatRecords(rows: RecordValue[] | null | undefined, fields: { key: string; label: string }[]): string {
  return (rows ?? [])
    .map((row) =>
      fields
        .filter((f) => row[f.key])
        .map((f) => `${f.label}: ${row[f.key]}`)
        .join("; "),
    )
    .join("\n");
}
