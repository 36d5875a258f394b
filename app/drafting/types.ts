/** Browser-safe shapes of the drafting pages. */

export interface SentenceView {
  id: string;
  text: string;
  figures: number;
  quote: { lang: string; state: string | null; disclosure: string } | null;
}
export interface SectionView {
  id: number;
  key: string;
  level: number;
  heading: string;
  text: string | null;
  revision: number;
  sentences: SentenceView[];
  changes: { key: string; label: string; old: string; new: string }[] | null;
  chartPillar: number | null;
  updatedAt: string;
  updatedByName: string | null;
}
