import type { Paragraph, Questionnaire } from "#surveys/schema.ts";
import { localText, type LocalText } from "#app/questionnaires/labels.ts";

export interface OutlineTheme<T> {
  number: number | null;
  title: LocalText | null;
  items: T[];
}
export interface OutlineSection<T> {
  key: string;
  pillarNumber: number | null;
  heading: LocalText | null;
  kind: Paragraph["kind"];
  themes: OutlineTheme<T>[];
}

/**
 * Paragraphs grouped pillar → theme, in document order. Paragraphs without a pillar form a
 * section per kind (undertakings, follow-up). `toItem` turns each paragraph into what the page shows.
 */
export function outline<T>(q: Questionnaire, paragraphs: Paragraph[], lang: string, toItem: (p: Paragraph) => T): OutlineSection<T>[] {
  const sections: OutlineSection<T>[] = [];
  for (const p of paragraphs) {
    const key = p.pillarNumber ? `pillar-${p.pillarNumber}` : `kind-${p.kind}`;
    let section = sections.at(-1);
    if (!section || section.key !== key) {
      const pillar = q.pillars.find((x) => x.number === p.pillarNumber);
      section = { key, pillarNumber: p.pillarNumber, heading: pillar ? localText(pillar.title, lang) : null, kind: p.kind, themes: [] };
      sections.push(section);
    }
    let theme = section.themes.at(-1);
    if (!theme || theme.number !== p.themeNumber) {
      const th = q.themes.find((x) => x.number === p.themeNumber);
      theme = { number: p.themeNumber, title: th ? localText(th.title, lang) : null, items: [] };
      section.themes.push(theme);
    }
    theme.items.push(toItem(p));
  }
  return sections;
}
