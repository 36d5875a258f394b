/**
 * Parsing: source text → numbered items with their pillar and thematic heading.
 *
 * 1. selectLines  — keep the lines between the config's start and end markers.
 * 2. splitBlocks  — group lines into blocks: a blank line ends a block, and so does a line that
 *                   starts a numbered paragraph "12." or a lettered subparagraph "(a)" (so
 *                   paragraphs with no blank line between them stay apart). Footnote bodies
 *                   (lines starting with a superscript number) become footnote blocks.
 * 3. readBlocks   — a state machine over the text blocks (footnote bodies are kept, then
 *                   attached to the items citing them):
 *                   numbered → new paragraph; expected next letter → new subparagraph;
 *                   otherwise, while the current item lacks final punctuation → continuation
 *                   (a paragraph split by a page break, whatever the case of its next word);
 *                   a line ending in ":" → lead-in; a short line without final punctuation →
 *                   heading; anything else (preamble) → ignored.
 *
 * Headings are held as "pending" until the next paragraph: two stacked headings are a pillar and
 * its first theme, one heading a new theme. A heading glued to the next one by the conversion
 * ("…all forms of crime*International cooperation…*") is split at the emphasis.
 */
import type { SurveyConfig, LineMarker } from "../config.ts";
import {
  citedMarkers,
  cleanMarkup,
  cleanText,
  endsComplete,
  endsWithPunctuation,
  finishText,
  isHorizontalRule,
  normalizeSource,
  splitFootnoteBody,
} from "./clean.ts";
import { CompileError, type CompileWarning } from "./errors.ts";

export type SourceOptions = SurveyConfig["source"];

export interface SourceLine {
  /** 1-based line number in the source file. */
  line: number;
  text: string;
}

export interface Block {
  kind: "text" | "footnote";
  line: number;
  raw: string;
  /** The footnote's marker ("15", "a"); footnote blocks only (raw then holds the text after it). */
  marker?: string;
}

export interface ParsedFootnote {
  marker: string;
  text: string;
  line: number;
}

export interface ParsedItem {
  /** "35", or "5(a)" for a lettered subparagraph. */
  ref: string;
  number: number;
  letter: string | null;
  text: string;
  line: number;
  pillarNumber: number | null;
  themeNumber: number | null;
  /** A paragraph whose lettered subparagraphs are items of their own. */
  hasSubparagraphs: boolean;
  /** Footnote markers its text cites, with the line of the block citing each. */
  citations: { marker: string; line: number }[];
  /** The footnotes it cites (resolved after reading the whole text). */
  footnotes: ParsedFootnote[];
}

export interface ParsedHeading {
  number: number;
  title: string;
  line: number;
}

export interface ParsedTheme extends ParsedHeading {
  pillarNumber: number | null;
}

export interface ParsedDocument {
  items: ParsedItem[];
  footnotes: ParsedFootnote[];
  pillars: ParsedHeading[];
  themes: ParsedTheme[];
  warnings: CompileWarning[];
}

const NUMBERED = /^(\d{1,3})\.\s+/;
const LETTERED = /^\(([a-z]{1,2})\)\s+/;

function markerMatches(marker: LineMarker, line: string): boolean {
  const plain = cleanText(line);
  return "line" in marker ? plain === marker.line.trim() : new RegExp(marker.pattern).test(plain);
}

function describeMarker(marker: LineMarker): string {
  return "line" in marker ? `line "${marker.line}"` : `pattern /${marker.pattern}/`;
}

/** The lines between the start marker (exclusive) and the end marker (exclusive), with their numbers. */
export function selectLines(text: string, options: Pick<SourceOptions, "start" | "end">): SourceLine[] {
  const all = text.split("\n").map((t, i) => ({ line: i + 1, text: t }));
  let from = 0;
  if (options.start) {
    const start = options.start;
    const index = all.findIndex((l) => markerMatches(start, l.text));
    if (index < 0) throw new CompileError(`start marker (${describeMarker(start)}) not found in the source text`);
    from = index + 1;
  }
  let to = all.length;
  if (options.end) {
    const end = options.end;
    const index = all.findIndex((l, i) => i >= from && markerMatches(end, l.text));
    if (index < 0) throw new CompileError(`end marker (${describeMarker(end)}) not found after the start of the declaration`);
    to = index;
  }
  return all.slice(from, to);
}

function startsItem(line: string): boolean {
  const plain = cleanText(line);
  return NUMBERED.test(plain) || LETTERED.test(plain);
}

/** Group lines into text and footnote blocks. */
export function splitBlocks(lines: readonly SourceLine[]): Block[] {
  const blocks: Block[] = [];
  let current: { kind: Block["kind"]; line: number; lines: string[] } | undefined;
  let marker: string | undefined;
  const close = () => {
    if (current) blocks.push({ kind: current.kind, line: current.line, raw: current.lines.join("\n"), ...(current.kind === "footnote" ? { marker } : {}) });
    current = undefined;
  };
  for (const { line, text } of lines) {
    const footnote = splitFootnoteBody(text);
    if (isHorizontalRule(text) || cleanText(text) === "") {
      // A page separator (`---`) is read as a blank line: the text around it joins as usual.
      close();
    } else if (footnote) {
      close();
      marker = footnote.marker;
      current = { kind: "footnote", line, lines: [footnote.rest] };
    } else if (startsItem(text) || !current) {
      close();
      current = { kind: "text", line, lines: [text] };
    } else {
      current.lines.push(text);
    }
  }
  close();
  return blocks;
}

/** "Title*Next title*" (two headings glued together by the conversion) → both; otherwise the one. */
export function splitGluedHeading(marked: string): string[] {
  const glued = /^(.*[^\s*])(\*{1,2})(\p{Lu}[^*]*)\2\s*$/u.exec(marked.trim());
  if (!glued || glued[1] === undefined || glued[3] === undefined) return [marked];
  return [glued[1], glued[3]];
}

function nextLetter(letter: string | null): string {
  if (letter === null) return "a";
  if (letter.length === 1 && letter < "z") return String.fromCharCode(letter.charCodeAt(0) + 1);
  // After (z) come (aa), (bb)… as in UN documents.
  const base = letter[0] === "z" && letter.length === 1 ? "a" : String.fromCharCode(letter.charCodeAt(0) + 1);
  return base.repeat(2);
}

function isHeadingLike(plain: string, maxLength: number): boolean {
  return plain.length <= maxLength && /\p{L}/u.test(plain) && !endsWithPunctuation(plain);
}

/** The state machine over text blocks. */
export function readBlocks(blocks: readonly Block[], options: SourceOptions): ParsedDocument {
  const items: ParsedItem[] = [];
  const pillars: ParsedHeading[] = [];
  const themes: ParsedTheme[] = [];
  const warnings: CompileWarning[] = [];
  const footnotes: ParsedFootnote[] = [];
  /** Markers cited by the preamble (text before the first paragraph, which no item holds). */
  const preambleCitations: { marker: string; line: number }[] = [];
  const firstLineOf = new Map<number, number>();
  const cite = (item: ParsedItem, block: Block) => {
    for (const marker of citedMarkers(block.raw)) item.citations.push({ marker, line: block.line });
  };

  let paragraph: ParsedItem | undefined; // the current numbered paragraph
  let current: ParsedItem | undefined; // where continuation text goes: the paragraph or its last subparagraph
  let lastLetter: string | null = null;
  let pending: { title: string; line: number }[] = [];
  let pillarNumber: number | null = null;
  let themeNumber: number | null = null;

  const newPillar = (h: { title: string; line: number }) => {
    pillars.push({ number: pillars.length + 1, title: h.title, line: h.line });
    pillarNumber = pillars.length;
    themeNumber = null;
  };
  const newTheme = (h: { title: string; line: number }) => {
    themes.push({ number: themes.length + 1, title: h.title, line: h.line, pillarNumber });
    themeNumber = themes.length;
  };

  /** The headings read since the last paragraph now apply: turn them into a pillar and/or theme. */
  const consumeHeadings = (line: number) => {
    if (pending.length === 0) return;
    const last = pending[pending.length - 1]!;
    if (options.headings === "pillars-and-themes" && pending.length >= 2) {
      if (pending.length > 2) {
        warnings.push({ line, message: `${pending.length} headings in a row before this paragraph; the last two are taken as pillar and theme` });
      }
      newPillar(pending[pending.length - 2]!);
      newTheme(last);
    } else {
      if (pending.length > 1) {
        warnings.push({ line, message: `${pending.length} headings in a row before this paragraph; the last one is taken as its theme` });
      }
      newTheme(last);
    }
    pending = [];
  };

  for (const block of blocks) {
    if (block.kind === "footnote") {
      const text = cleanText(block.raw);
      if (text !== "") footnotes.push({ marker: block.marker ?? "", text, line: block.line });
      else warnings.push({ line: block.line, message: `footnote ${block.marker ?? ""} has no text` });
      continue;
    }
    const marked = cleanMarkup(block.raw);
    const plain = finishText(marked);
    const numbered = NUMBERED.exec(plain);
    const lettered = LETTERED.exec(plain);

    if (numbered) {
      const number = Number(numbered[1]);
      const seenAt = firstLineOf.get(number);
      if (seenAt !== undefined) {
        throw new CompileError(
          `paragraph ${number} appears a second time (first at line ${seenAt}); if the text holds more than one ` +
            `numbered list (e.g. a resolution and its annex), set source.start in config.json to where the declaration begins`,
          block.line,
        );
      }
      const previous = paragraph?.number ?? 0;
      if (number !== previous + 1) {
        warnings.push({ line: block.line, message: `paragraph numbering jumps from ${previous} to ${number}` });
      }
      firstLineOf.set(number, block.line);
      consumeHeadings(block.line);
      paragraph = {
        ref: String(number),
        number,
        letter: null,
        text: plain.slice(numbered[0].length),
        line: block.line,
        pillarNumber,
        themeNumber,
        hasSubparagraphs: false,
        citations: [],
        footnotes: [],
      };
      cite(paragraph, block);
      items.push(paragraph);
      current = paragraph;
      lastLetter = null;
    } else if (lettered && paragraph && lettered[1] === nextLetter(lastLetter)) {
      const letter = lettered[1];
      lastLetter = letter;
      if (options.subparagraphs === "separate") {
        paragraph.hasSubparagraphs = true;
        current = {
          ref: `${paragraph.number}(${letter})`,
          number: paragraph.number,
          letter,
          text: plain.slice(lettered[0].length),
          line: block.line,
          pillarNumber: paragraph.pillarNumber,
          themeNumber: paragraph.themeNumber,
          hasSubparagraphs: false,
          citations: [],
          footnotes: [],
        };
        cite(current, block);
        items.push(current);
      } else {
        paragraph.text = `${paragraph.text} ${plain}`;
        cite(paragraph, block);
      }
    } else if (current && (!endsComplete(current.text) || lettered)) {
      // A paragraph cut by a page break (footnotes or a blank line between), or a nested
      // "(i)"-style item: it belongs to the current item.
      current.text = `${current.text} ${plain}`;
      cite(current, block);
    } else if (plain.endsWith(":")) {
      // A lead-in such as "In order to ensure appropriate follow-up…:" opens a new section.
      pending = [];
      if (options.leadInsCloseSections) {
        pillarNumber = null;
        themeNumber = null;
      }
    } else if (options.headings !== "none" && isHeadingLike(plain, options.maxHeadingLength)) {
      for (const part of splitGluedHeading(marked)) pending.push({ title: finishText(part), line: block.line });
    } else {
      // Unnumbered text (a preamble clause, a title followed by prose): not part of any item.
      // Before the first paragraph that is expected (a preamble); after it, text is never
      // dropped silently.
      if (items.length === 0) {
        for (const marker of citedMarkers(block.raw)) preambleCitations.push({ marker, line: block.line });
      } else {
        const excerpt = plain.length > 80 ? `${plain.slice(0, 77)}…` : plain;
        warnings.push({
          line: block.line,
          message: `text that belongs to no paragraph is left out (after paragraph ${current?.ref ?? "?"}, which ends complete): "${excerpt}"`,
        });
      }
      pending = [];
    }
  }

  resolveFootnotes(items, footnotes, preambleCitations, warnings);

  if (current && !endsComplete(current.text)) {
    warnings.push({ line: current.line, message: `paragraph ${current.ref} ends without final punctuation` });
  }
  for (const h of pending) {
    warnings.push({ line: h.line, message: `heading "${h.title}" is not followed by any paragraph; ignored` });
  }
  return { items, footnotes, pillars, themes, warnings };
}

/**
 * Attach footnote bodies to the items citing them. Markers may repeat (lettered notes restart
 * per table or page): a citation takes the first body with its marker after it, else the last
 * one before it. A body no item cites and a citation with no body are warnings.
 */
function resolveFootnotes(
  items: ParsedItem[],
  footnotes: readonly ParsedFootnote[],
  preambleCitations: readonly { marker: string; line: number }[],
  warnings: CompileWarning[],
): void {
  const used = new Set<ParsedFootnote>();
  const bodyFor = (c: { marker: string; line: number }) => {
    const same = footnotes.filter((f) => f.marker === c.marker);
    return same.find((f) => f.line > c.line) ?? same[same.length - 1];
  };
  // The preamble is not an item, but its footnotes are not lost text either.
  for (const c of preambleCitations) {
    const body = bodyFor(c);
    if (body) used.add(body);
  }
  for (const item of items) {
    for (const c of item.citations) {
      const body = bodyFor(c);
      if (!body) {
        warnings.push({ line: c.line, message: `paragraph ${item.ref} cites footnote ${c.marker}, whose text is not in the selected lines` });
        continue;
      }
      used.add(body);
      if (!item.footnotes.includes(body)) item.footnotes.push(body);
    }
  }
  for (const f of footnotes) {
    if (!used.has(f)) warnings.push({ line: f.line, message: `footnote ${f.marker} is cited by no paragraph; its text is left out: "${f.text.length > 80 ? `${f.text.slice(0, 77)}…` : f.text}"` });
  }
}

/** Source text → items, pillars, themes. Throws CompileError when no numbered paragraph is found. */
export function parseDeclaration(sourceText: string, options: SourceOptions): ParsedDocument {
  const lines = selectLines(normalizeSource(sourceText), options);
  const parsed = readBlocks(splitBlocks(lines), options);
  if (parsed.items.length === 0) {
    const where = lines[0] ? ` (read from line ${lines[0].line})` : "";
    throw new CompileError(`no numbered paragraphs ("1. …") found in the source text${where}`);
  }
  return parsed;
}
