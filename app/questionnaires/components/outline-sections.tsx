import type { OutlineSection } from "#app/questionnaires/outline.ts";
import { roman } from "#app/questionnaires/labels.ts";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";

/**
 * Paragraphs under their pillar (h2) and theme (h3) headings. `renderThemeItems` draws the
 * paragraphs of one theme (a list, articles…).
 */
export function OutlineSections<T>({
  sections,
  renderThemeItems,
  fallbackHeading,
}: {
  sections: OutlineSection<T>[];
  renderThemeItems: (items: T[]) => React.ReactNode;
  fallbackHeading?: (s: OutlineSection<T>) => React.ReactNode;
}) {
  return (
    <>
      {sections.map((s) => (
        <section key={s.key} id={s.key} aria-labelledby={`${s.key}-h`}>
          <h2 id={`${s.key}-h`}>
            {s.pillarNumber ? `${roman(s.pillarNumber)}. ` : null}
            {s.heading ? <LocalTextSpan value={s.heading} /> : fallbackHeading?.(s)}
          </h2>
          {s.themes.map((th) => (
            <div key={th.number ?? "none"} id={th.number ? `theme-${th.number}` : undefined}>
              {th.title ? (
                <h3>
                  <LocalTextSpan value={th.title} />
                </h3>
              ) : null}
              {renderThemeItems(th.items)}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
