/**
 * Text cleaning: from the published text (a light markdown conversion of the UN document)
 * to plain text. Pure functions, one concern each.
 *
 * Markdown escapes ("\(") are first swapped for a private-use placeholder, so that an escaped
 * character is never mistaken for markup; they are restored last.
 */

/** Superscript digits used as footnote markers: ¹ ² ³ (Latin-1) and ⁰ ⁴–⁹ (Superscripts block). */
const SUPERSCRIPT_CLASS = "\u00B9\u00B2\u00B3\u2070\u2074-\u2079";
/** `<sup>12</sup>`, `<sup>a</sup>`: the marker some PDF-to-text converters write instead. */
const HTML_SUP = "<sup>\\s*([0-9a-z*\u2020\u2021]{1,3})\\s*</sup>";
const FOOTNOTE_MARKER = new RegExp(`[${SUPERSCRIPT_CLASS}]{1,2}|${HTML_SUP}`, "gi");
const FOOTNOTE_BODY = new RegExp(`^\\s*(?:([${SUPERSCRIPT_CLASS}]{1,2})|${HTML_SUP})(?:\\s|$)`, "i");
const SUPERSCRIPT_DIGITS: Record<string, string> = {
  "\u2070": "0", "\u00B9": "1", "\u00B2": "2", "\u00B3": "3", "\u2074": "4",
  "\u2075": "5", "\u2076": "6", "\u2077": "7", "\u2078": "8", "\u2079": "9",
};
/** A horizontal rule (`---`, `***`, `___`): a page separator in some conversions, never text. */
const HORIZONTAL_RULE = /^\s{0,3}(?:-\s*){3,}$|^\s{0,3}(?:\*\s*){3,}$|^\s{0,3}(?:_\s*){3,}$/;

const ESCAPE_MARK = "\uE000";
const MARKDOWN_ESCAPE = /\\([\\`*_{}[\]()#+\-.!<>|~])/g;

/** Line endings to \n, non-breaking and other odd spaces to plain spaces. */
export function normalizeSource(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00A0\u2007\u202F\t]/g, " ");
}

/** A footnote body: a line that begins with a footnote marker ("¹⁶ General Assembly…", "<sup>a</sup> Ibid."). */
export function isFootnoteBody(line: string): boolean {
  return FOOTNOTE_BODY.test(line);
}

/** A marker as plain text: "¹⁶" → "16", "<sup>A</sup>" → "a". */
function markerText(superscript: string | undefined, sup: string | undefined): string {
  if (superscript !== undefined) return [...superscript].map((c) => SUPERSCRIPT_DIGITS[c] ?? c).join("");
  return (sup ?? "").toLowerCase();
}

/** A footnote body line split into its marker and the rest of the line. */
export function splitFootnoteBody(line: string): { marker: string; rest: string } | null {
  const match = FOOTNOTE_BODY.exec(line);
  if (!match) return null;
  return { marker: markerText(match[1], match[2]), rest: line.slice(match[0].length) };
}

/** The footnote markers cited in a run of text, in order ("Congress,² … Strategy¹⁶" → ["2", "16"]). */
export function citedMarkers(text: string): string[] {
  const markers: string[] = [];
  for (const m of text.matchAll(FOOTNOTE_MARKER)) {
    markers.push(m[1] !== undefined ? markerText(undefined, m[1]) : markerText(m[0], undefined));
  }
  return markers;
}

/** A horizontal rule line (`---`): a page separator, read as a blank line. */
export function isHorizontalRule(line: string): boolean {
  return HORIZONTAL_RULE.test(line);
}

/** Markdown heading marks at the start of a line: `## **Annex**` → `**Annex**`. */
export function stripHeadingMarks(text: string): string {
  return text.replace(/^[ \t]{0,3}#{1,6}[ \t]+/gm, "").replace(/[ \t]+#+[ \t]*$/gm, "");
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
  return stripFootnoteMarkers(stripLinks(stripHeadingMarks(protectEscapes(text))));
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
