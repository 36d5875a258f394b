import { useTranslation } from "#app/utils/translation.tsx";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";
import type { PresentedParagraph } from "#app/questionnaires/present-paragraph.ts";

/**
 * A paragraph's text as published, with the footnotes it cites right under it (¶51 names its
 * five standards in footnote 15), and the SDG targets it serves.
 */
export function ParagraphText({ paragraph: p }: { paragraph: PresentedParagraph }) {
  const { t } = useTranslation();
  return (
    <div className="paragraph-block">
      <blockquote className="paragraph-text">
        <LocalTextSpan value={p.text} as="p" />
      </blockquote>
      {p.footnotes.length > 0 ? (
        <section className="paragraph-footnotes" aria-label={t("measure.footnotes")}>
          <h2 className="visually-hidden">{t("measure.footnotes")}</h2>
          <ol className="footnotes">
            {p.footnotes.map((f) => (
              <li key={f.marker} value={/^\d+$/.test(f.marker) ? Number(f.marker) : undefined}>
                <span className="footnote__marker">{t("measure.footnote", { marker: f.marker })}</span> <LocalTextSpan value={f.text} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {p.sdgTargets.length > 0 ? <p className="muted paragraph-sdg">{t("measure.sdgTargets", { list: p.sdgTargets.join(", ") })}</p> : null}
    </div>
  );
}
