import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { OutlineSections } from "#app/questionnaires/components/outline-sections.tsx";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";
import { getCurrentQuestionnaire } from "#app/questionnaires/questionnaires.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { localText, roman } from "#app/questionnaires/labels.ts";
import { invariantResponse } from "#app/utils/responses.ts";
import { outline } from "#app/questionnaires/outline.ts";
import type { Paragraph, Questionnaire } from "#surveys/schema.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.shortTitle.text} — Kyoto Reporting` : "Kyoto Reporting" },
];

/** Public: a declaration by pillar and theme, with a table of contents. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLanguage(request);
  const q = await getCurrentQuestionnaire(params.instrumentId ?? "");
  invariantResponse(q, "No such declaration");
  return { ...outlineOf(q, lang), id: q.id, version: q.version };
}

type Row = { ref: string; kind: Paragraph["kind"]; text: ReturnType<typeof localText>; questionCount: number };

function outlineOf(q: Questionnaire, lang: string) {
  const sections = outline(
    q,
    q.paragraphs.filter((p) => p.kind !== "preamble"),
    lang,
    (p): Row => ({ ref: p.ref, kind: p.kind, text: localText(p.text, lang), questionCount: p.questions.length }),
  );
  const textFallback = q.paragraphs.some((p) => localText(p.text, lang).fallback);
  return { title: localText(q.title, lang), shortTitle: localText(q.shortTitle, lang), adoptedBy: q.adoptedBy, sections, textFallback };
}

export default function Declaration() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const sectionTitle = (s: (typeof data.sections)[number]) =>
    s.heading ? null : s.key === "kind-undertaking" ? t("declaration.undertakings") : t("declaration.followUp");
  return (
    <article className="declaration">
      <h1>
        <LocalTextSpan value={data.title} />
      </h1>
      <p className="muted">{data.adoptedBy}</p>
      {data.textFallback ? (
        <p className="notice" role="note">
          {t("declaration.englishOnly")}
        </p>
      ) : null}
      <p>{t("declaration.intro")}</p>
      <nav aria-labelledby="toc-heading" className="toc">
        <h2 id="toc-heading">{t("declaration.contents")}</h2>
        <ol>
          {data.sections.map((s) => (
            <li key={s.key}>
              <a href={`#${s.key}`}>
                {s.pillarNumber ? `${roman(s.pillarNumber)}. ` : null}
                {s.heading ? <LocalTextSpan value={s.heading} /> : sectionTitle(s)}
              </a>
              {s.themes.some((th) => th.title) ? (
                <ol>
                  {s.themes
                    .filter((th) => th.title)
                    .map((th) => (
                      <li key={th.number}>
                        <a href={`#theme-${th.number}`}>
                          <LocalTextSpan value={th.title!} />
                        </a>{" "}
                        <span className="muted">
                          {th.items.length === 1
                            ? t("declaration.paragraphSingle", { ref: th.items[0]?.ref })
                            : t("declaration.paragraphRange", { from: th.items[0]?.ref, to: th.items.at(-1)?.ref })}
                        </span>
                      </li>
                    ))}
                </ol>
              ) : null}
            </li>
          ))}
        </ol>
      </nav>
      <OutlineSections
        sections={data.sections}
        fallbackHeading={sectionTitle}
        renderThemeItems={(items) => (
          <ol className="paragraph-list">
            {items.map((p) => (
              <li key={p.ref} id={`p${p.ref}`} className="paragraph-list__item">
                <Link to={p.ref} className="paragraph-list__ref" aria-label={t("declaration.paragraphLink", { ref: p.ref })}>
                  {p.ref}
                </Link>
                <div>
                  <LocalTextSpan value={p.text} as="p" />
                  {p.kind === "action" ? (
                    <p className="muted">
                      <Link to={p.ref}>{t("declaration.questionCount", { count: p.questionCount })}</Link>
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        )}
      />
      <p className="muted">
        {t("declarations.version")} <code>{data.version}</code>
      </p>
    </article>
  );
}
