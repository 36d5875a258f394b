import type { Paragraph } from "#surveys/schema.ts";
import { localText } from "#app/questionnaires/labels.ts";

/** What a page shows with a paragraph's text: its short title, footnotes, elements, SDG targets (in the page's language). */
export function presentParagraph(p: Paragraph, lang: string) {
  return {
    ref: p.ref,
    text: localText(p.text, lang),
    shortTitle: p.shortTitle ? localText(p.shortTitle, lang) : null,
    // Footnotes are in the language of the published text (English).
    footnotes: (p.footnotes ?? []).map((f) => ({ marker: f.marker, text: { text: f.text, lang: "en", fallback: lang !== "en" } })),
    elements: (p.elements ?? []).map((e) => ({ key: e.key, text: localText(e.text, lang) })),
    sdgTargets: p.sdgTargets ?? [],
  };
}
export type PresentedParagraph = ReturnType<typeof presentParagraph>;
