import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";
import { getCurrentQuestionnaire } from "#app/questionnaires/questionnaires.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { localText, roman } from "#app/questionnaires/labels.ts";
import { invariantResponse } from "#app/utils/responses.ts";
import { presentQuestion } from "#app/questionnaires/present-question.ts";
import { presentParagraph } from "#app/questionnaires/present-paragraph.ts";
import { ParagraphText } from "#app/questionnaires/components/paragraph-text.tsx";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.shortTitle.text}, ${data.ref} — Kyoto Reporting` : "Kyoto Reporting" },
];

/** Public: one paragraph with the questions generated from it and their ids. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = await getLanguage(request);
  const q = await getCurrentQuestionnaire(params.instrumentId ?? "");
  invariantResponse(q, "No such declaration");
  const index = q.paragraphs.findIndex((p) => p.ref === params.ref);
  const p = q.paragraphs[index];
  invariantResponse(p, "No such paragraph");
  const pillar = q.pillars.find((x) => x.number === p.pillarNumber);
  const theme = q.themes.find((x) => x.number === p.themeNumber);
  return {
    instrumentId: q.id,
    shortTitle: localText(q.shortTitle, lang),
    ref: p.ref,
    kind: p.kind,
    pillar: pillar ? { number: pillar.number, title: localText(pillar.title, lang) } : null,
    theme: theme ? { number: theme.number, title: localText(theme.title, lang) } : null,
    text: localText(p.text, lang),
    paragraph: presentParagraph(p, lang),
    questions: p.questions.map((question) => presentQuestion(question, p.questions, lang)),
    previous: q.paragraphs[index - 1]?.ref ?? null,
    next: q.paragraphs[index + 1]?.ref ?? null,
  };
}

export default function DeclarationParagraph() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="paragraph-page">
      <nav aria-label={t("paragraph.breadcrumb")} className="breadcrumb">
        <ol>
          <li>
            <Link to={`/declarations/${data.instrumentId}`}>
              <LocalTextSpan value={data.shortTitle} />
            </Link>
          </li>
          {data.pillar ? (
            <li>
              <Link to={`/declarations/${data.instrumentId}#pillar-${data.pillar.number}`}>
                {roman(data.pillar.number)}. <LocalTextSpan value={data.pillar.title} />
              </Link>
            </li>
          ) : null}
          {data.theme ? (
            <li>
              <Link to={`/declarations/${data.instrumentId}#theme-${data.theme.number}`}>
                <LocalTextSpan value={data.theme.title} />
              </Link>
            </li>
          ) : null}
        </ol>
      </nav>
      <h1>{t("paragraph.title", { ref: data.ref })}</h1>
      {data.paragraph.shortTitle ? <LocalTextSpan value={data.paragraph.shortTitle} as="p" className="paragraph-short-title" /> : null}
      <p className="muted">{t(`paragraph.kind.${data.kind}`)}</p>
      {data.text.fallback ? (
        <p className="notice" role="note">
          {t("declaration.englishOnly")}
        </p>
      ) : null}
      <ParagraphText paragraph={data.paragraph} />

      <h2>{t("paragraph.questionsTitle")}</h2>
      {data.questions.length === 0 ? (
        <p>{t("paragraph.noQuestions")}</p>
      ) : (
        <>
          <p>{t("paragraph.questionsIntro", { count: data.questions.length })}</p>
          <ol className="question-list">
            {data.questions.map((q) => (
              <li key={q.id} className="question-preview">
                <h3 className="question-preview__label">
                  <LocalTextSpan value={q.label} />
                  {q.required ? <span className="required"> ({t("question.required")})</span> : null}
                </h3>
                <dl className="question-preview__meta">
                  <div>
                    <dt>{t("question.id")}</dt>
                    <dd>
                      <code>{q.id}</code>
                    </dd>
                  </div>
                  <div>
                    <dt>{t("question.type")}</dt>
                    <dd>{t(`question.types.${q.type}`)}</dd>
                  </div>
                  {q.requiredWhen ? (
                    <div>
                      <dt>{t("question.requiredWhenTitle")}</dt>
                      <dd>
                        {t("question.requiredWhen", { question: q.requiredWhen.question, value: q.requiredWhen.value })}
                      </dd>
                    </div>
                  ) : null}
                  {q.maxLength ? (
                    <div>
                      <dt>{t("question.maxLengthTitle")}</dt>
                      <dd>{t("question.maxLength", { count: q.maxLength })}</dd>
                    </div>
                  ) : null}
                  {q.source ? (
                    <div>
                      <dt>{t("question.sourceTitle")}</dt>
                      <dd>
                        {t("question.source")} <q lang="en">{q.source.words}</q>
                      </dd>
                    </div>
                  ) : null}
                </dl>
                {q.help ? <LocalTextSpan value={q.help} as="p" className="hint" /> : null}
                {q.options ? (
                  <ul className="question-preview__options">
                    {q.options.map((o) => (
                      <li key={o.value}>
                        <LocalTextSpan value={o.label} />
                        {o.hint ? <LocalTextSpan value={o.hint} as="p" className="hint choice__hint" /> : null}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
      <nav aria-label={t("paragraph.pagination")} className="pager">
        {data.previous ? (
          <Link to={`../${encodeURIComponent(data.previous)}`} relative="path" rel="prev">
            {t("paragraph.previous", { ref: data.previous })}
          </Link>
        ) : (
          <span />
        )}
        {data.next ? (
          <Link to={`../${encodeURIComponent(data.next)}`} relative="path" rel="next">
            {t("paragraph.next", { ref: data.next })}
          </Link>
        ) : null}
      </nav>
    </article>
  );
}
