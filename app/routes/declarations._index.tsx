import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";
import { listInstruments } from "#app/questionnaires/questionnaires.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { localText } from "#app/questionnaires/labels.ts";

export const meta: MetaFunction = () => [{ title: "Declarations — Kyoto Reporting" }];

/** Public: the instruments States report on. */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLanguage(request);
  const instruments = await listInstruments();
  return {
    instruments: instruments.map((i) => ({
      id: i.id,
      title: localText(i.title, lang),
      adoptedBy: i.adoptedBy,
      adoptedOn: i.adoptedOn,
      version: i.version,
      paragraphCount: i.paragraphCount,
      actionCount: i.actionCount,
    })),
  };
}

export default function Declarations() {
  const { instruments } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <>
      <h1>{t("declarations.title")}</h1>
      <p className="lead">{t("declarations.lead")}</p>
      {instruments.length === 0 ? (
        <p>{t("declarations.none")}</p>
      ) : (
        <ul className="cards">
          {instruments.map((i) => (
            <li key={i.id} className="card">
              <h2>
                <Link to={`/declarations/${i.id}`}>
                  <LocalTextSpan value={i.title} />
                </Link>
              </h2>
              <p>
                {t("declarations.adopted", {
                  by: i.adoptedBy,
                  date: new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(i.adoptedOn)),
                })}
              </p>
              <p>{t("declarations.counts", { paragraphs: i.paragraphCount, actions: i.actionCount })}</p>
              <p className="muted">
                {t("declarations.version")} <code>{i.version}</code>
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
