/**
 * Answer values and their text forms, without zod: the paragraph page imports these, and
 * they must not pull a validation library into the browser.
 */
export type LinkValue = { url: string; title: string | null };
export type AnswerValue = string | string[] | LinkValue[] | null;

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

