/**
 * Browser-safe search vocabulary: how a query becomes terms (with English word forms) and how
 * a text is cut into highlighted segments. The SQLite index is a trigram index (substring
 * matching), so a term that is the stem of a word also finds its other forms:
 * "victims" → victims | victim, "studies" → studies | study | studi, "trained" → trained | train.
 */

/** A light English stemmer (Porter's step 1, which is what plurals and tenses need). */
export function englishStem(word: string): string {
  const w = word.toLowerCase();
  if (!/^[a-z]+$/.test(w) || w.length <= 3) return w;
  let s = w;
  if (s.endsWith("sses")) s = s.slice(0, -2);
  else if (s.endsWith("ies")) s = s.slice(0, -3) + "y";
  else if (/(?:ch|sh|x|z|ss)es$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith("s") && !/(?:ss|us|is)$/.test(s)) s = s.slice(0, -1);
  if (s.endsWith("eed")) s = s.length > 4 ? s.slice(0, -1) : s;
  else if (/[aeiouy].*(?:ed|ing)$/.test(s)) {
    s = s.replace(/(?:ed|ing)$/, "");
    if (s.endsWith("i")) s = s.slice(0, -1) + "y";
    // running → run, stopped → stop (but not -ll, -ss, -zz)
    else if (/([^aeiouylsz])\1$/.test(s)) s = s.slice(0, -1);
  }
  if (s.endsWith("ly") && s.length > 5) s = s.slice(0, -2);
  return s.length >= 3 ? s : w;
}

export interface QueryTerm {
  /** What the user typed (one word). */
  word: string;
  /** The word and its other forms to look for (each at least 3 characters when possible). */
  forms: string[];
}

/** Words of the query (at most 8), each with its English word forms. */
export function queryTerms(q: string): QueryTerm[] {
  const words = [...new Set(q.replace(/["*^():]/g, " ").split(/\s+/).map((w) => w.trim()).filter(Boolean))].slice(0, 8);
  return words.map((word) => {
    const lower = word.toLowerCase();
    const stem = englishStem(lower);
    const forms = new Set([lower]);
    if (stem !== lower) {
      forms.add(stem);
      // studies → study; a stem ending in y also matches the -ies forms through "stud".
      if (stem.endsWith("y") && stem.length > 4) forms.add(stem.slice(0, -1));
    }
    return { word, forms: [...forms] };
  });
}

export type Segment = { text: string; hit: boolean };

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A regular expression finding any form of any term, extended to the end of its word. */
export function termsPattern(terms: QueryTerm[]): RegExp | null {
  const forms = terms.flatMap((t) => t.forms).sort((a, b) => b.length - a.length);
  if (forms.length === 0) return null;
  return new RegExp(`(?:${forms.map(escapeRegExp).join("|")})[\\p{L}\\p{N}]*`, "giu");
}

/**
 * About `width` characters of `text` around the first match, cut at word boundaries, as
 * segments to show with <mark> (never as literal brackets).
 */
export function highlight(text: string, terms: QueryTerm[], width = 320): Segment[] {
  const re = termsPattern(terms);
  const first = re ? text.search(re) : -1;
  let start = 0;
  let end = text.length;
  if (text.length > width) {
    start = Math.max(0, (first < 0 ? 0 : first) - Math.floor(width / 3));
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    end = Math.min(text.length, start + width);
    if (end < text.length) {
      const space = text.lastIndexOf(" ", end);
      if (space > start) end = space;
    }
  }
  const slice = text.slice(start, end);
  const out: Segment[] = [];
  if (start > 0) out.push({ text: "…", hit: false });
  let at = 0;
  if (re) {
    for (const m of slice.matchAll(re)) {
      if (m.index! > at) out.push({ text: slice.slice(at, m.index), hit: false });
      out.push({ text: m[0], hit: true });
      at = m.index! + m[0].length;
    }
  }
  if (at < slice.length) out.push({ text: slice.slice(at), hit: false });
  if (end < text.length) out.push({ text: "…", hit: false });
  return out;
}

/** True when every term has a form in `text` (case-insensitive). */
export function matchesAll(text: string, terms: QueryTerm[]): boolean {
  const lower = text.toLowerCase();
  return terms.length > 0 && terms.every((t) => t.forms.some((f) => lower.includes(f)));
}
