/**
 * Text cleaning: from the published text (a light markdown conversion of the UN document)
 * to plain text. Pure functions, one concern each.
 *
 * Markdown escapes ("\(") are first swapped for a private-use placeholder, so that an escaped
 * character is never mistaken for markup; they are restored last.
 */

/** Superscript digits used as footnote markers: ¹ ² ³ (Latin-1) and ⁰ ⁴–⁹ (Superscripts block). */
const SUPERSCRIPT_CLASS = "\u00B9\u00B2\u00B3\u2070\u2074-\u2079";
const FOOTNOTE_MARKER = new RegExp(`[${SUPERSCRIPT_CLASS}]{1,2}`, "g");
const FOOTNOTE_BODY = new RegExp(`^\\s*[${SUPERSCRIPT_CLASS}]{1,2}(?:\\s|$)`);

const ESCAPE_MARK = "\uE000";
const MARKDOWN_ESCAPE = /\\([\\`*_{}[\]()#+\-.!<>|~])/g;

/** Line endings to \n, non-breaking and other odd spaces to plain spaces. */
export function normalizeSource(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00A0\u2007\u202F\t]/g, " ");
}

/** A footnote body: a line that begins with a superscript footnote number ("¹⁶ General Assembly…"). */
export function isFootnoteBody(line: string): boolean {
  return FOOTNOTE_BODY.test(line);
}

export function protectEscapes(text: string): string {
  return text.replace(MARKDOWN_ESCAPE, (_, char: string) => ESCAPE_MARK + char);
}

export function restoreEscapes(text: string): string {
  return text.replaceAll(ESCAPE_MARK, "");
}

/** `[text](target)` → `text`. */
export function stripLinks(text: string): string {
  return text.replace(/\[([^\]]*)\]\([^)\s]*\)/g, "$1");
}

/** Footnote markers in running text: "Congress,²" → "Congress,"; "Strategy¹⁶ in" → "Strategy in". */
export function stripFootnoteMarkers(text: string): string {
  return text.replace(FOOTNOTE_MARKER, "");
}

/** `**strong**`, `*emphasis*` → their text; a stray unpaired `*` is dropped too. */
export function stripEmphasis(text: string): string {
  return text
    .replace(/\*\*([^*]+?)\*\*/g, "$1")
    .replace(/\*([^*]+?)\*/g, "$1")
    .replace(/\*/g, "");
}

export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * First pass, on a block of lines joined together: links and footnote markers go, escapes are
 * protected, emphasis stays (headings use it to find where a glued heading splits).
 */
export function cleanMarkup(text: string): string {
  return stripFootnoteMarkers(stripLinks(protectEscapes(text)));
}

/** Second pass: emphasis off, escapes restored, whitespace collapsed. The text is now plain. */
export function finishText(text: string): string {
  return collapseWhitespace(restoreEscapes(stripEmphasis(text)));
}

/** Both passes: published markup → plain text. */
export function cleanText(text: string): string {
  return finishText(cleanMarkup(text));
}

/**
 * Whether a (plain) text ends a sentence or a list item: its last character, past closing quotes
 * and brackets, is . ; : ! or ?. A paragraph that does not is continued by the next text block
 * (a page break with footnotes in between, or just a blank line).
 */
export function endsComplete(text: string): boolean {
  return /[.;:!?][\s"'”’»)\]]*$/.test(text);
}

/** Whether a (plain) text ends in any punctuation a heading would not have. */
export function endsWithPunctuation(text: string): boolean {
  return /[.,;:!?][\s"'”’»)\]]*$/.test(text);
}
