/**
 * Text widths without a browser: the server lays charts out before any font is measured, so
 * widths are estimated per script from average advance widths of the page's fonts (Noto Sans,
 * Noto Sans Arabic, Noto Sans CJK), rounded up so that a label never runs past its box.
 * Chinese and Japanese glyphs are full-width (1 em) and may break between any two of them;
 * other scripts break at spaces (and after hyphens and slashes).
 */

const NARROW = new Set([..."iljtfrI!|.,:;'`()[]{}/\\-"]);
const WIDE = new Set([..."mwMW@%&"]);

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) || // CJK radicals, kana, unified ideographs
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xffef) || // full-width forms
    (cp >= 0x20000 && cp <= 0x2fa1f)
  );
}

function isArabic(cp: number): boolean {
  return (cp >= 0x0600 && cp <= 0x06ff) || (cp >= 0x0750 && cp <= 0x077f) || (cp >= 0xfb50 && cp <= 0xfeff);
}

/** Advance of one character, in em. */
export function charWidthEm(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === " ") return 0.27;
  if (isCjk(cp)) return 1;
  if (isArabic(cp)) return cp >= 0x064b && cp <= 0x065f ? 0 : 0.52; // harakat take no room
  if (cp >= 0x0400 && cp <= 0x04ff) return ch === ch.toUpperCase() ? 0.7 : 0.58; // Cyrillic
  if (NARROW.has(ch)) return 0.3;
  if (WIDE.has(ch)) return 0.88;
  if (ch >= "0" && ch <= "9") return 0.57;
  if (ch >= "A" && ch <= "Z") return 0.66;
  if (cp >= 0xc0 && cp <= 0x24f) return ch === ch.toUpperCase() ? 0.66 : 0.56; // accented Latin
  return 0.56;
}

/** Estimated width in px of `text` at `fontSize` px (bold adds 6 per cent). */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charWidthEm(ch);
  return em * fontSize * (bold ? 1.06 : 1) * 1.04;
}

/** Break points: after spaces, hyphens and slashes; between CJK characters. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isCjk(cp)) {
      if (cur) out.push(cur);
      out.push(ch);
      cur = "";
    } else if (ch === " " || ch === "-" || ch === "/" || ch === "\u2013") {
      out.push(cur + ch);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * `text` as lines no wider than `maxWidth`: never truncated; a single word longer than the line
 * is cut between characters rather than overflowing.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = "";
  };
  for (const token of tokens(text.replace(/\s+/g, " ").trim())) {
    if (textWidth((line + token).trimEnd(), fontSize, bold) <= maxWidth) {
      line += token;
      continue;
    }
    push();
    if (textWidth(token.trimEnd(), fontSize, bold) <= maxWidth) {
      line = token;
      continue;
    }
    // A word wider than the line: break it between characters.
    for (const ch of token) {
      if (textWidth(line + ch, fontSize, bold) > maxWidth && line) push();
      line += ch;
    }
  }
  push();
  return lines.length ? lines : [""];
}
