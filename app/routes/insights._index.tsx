import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { InsightsFrame } from "#app/insights/components/insights-frame.tsx";
import { anySyntheticData, insightCycles } from "#app/insights/aggregates.server.ts";

export const meta: MetaFunction = () => [{ title: "Insights — Kyoto Reporting" }];

/** Public: the cycles with counted (submitted) reports. */
export async function loader(_: LoaderFunctionArgs) {
  const cycles = await insightCycles();
  return {
    synthetic: await anySyntheticData(),
    cycles: cycles.map((c) => ({ id: c.id, title: c.title, counted: c.counted, dataAsOf: c.dataAsOf ? new Date(c.dataAsOf).toISOString() : null })),
  };
}

export default function InsightsIndex() {
  const { cycles, synthetic } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" });
  return (
    <>
      <InsightsFrame synthetic={synthetic} />
      <h1>{t("insights.title")}</h1>
      <p className="lead">{t("insights.lead")}</p>
      {cycles.length === 0 ? <p>{t("insights.noCycles")}</p> : null}
      <ul className="cards">
        {cycles.map((c) => (
          <li key={c.id} className="card">
            <h2>
              <Link to={`/insights/${c.id}`}>{c.title}</Link>
            </h2>
            <p>{t("figures.countedReports", { count: c.counted })}</p>
            <p className="muted">{t("insights.dataAsOf", { date: c.dataAsOf ? fmt.format(new Date(c.dataAsOf)) : "—" })}</p>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/insights/good-practices">{t("insights.searchGoodPractices")}</Link>
      </p>
    </>
  );
}
