import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ChartFigure } from "#app/insights/components/chart-figure.tsx";
import { MethodologyNote, NotPublishedNotice } from "#app/insights/components/methodology-note.tsx";
import { InsightsFrame } from "#app/insights/components/insights-frame.tsx";
import { frameData, requireInsightContext } from "#app/insights/page.server.ts";
import { pageSpecs } from "#app/insights/charts.server.tsx";
import { renderCharts } from "#app/insights/render.server.ts";

export const meta: MetaFunction = ({ data }) => [{ title: data ? `${(data as PageData).title} — ${(data as PageData).frame.cycle.title}` : "Insights" }];

/**
 * Public: the paragraph-specific yes/no questions across the cycle (standards and instruments
 * applied, data collected, strategy adopted, gender mainstreamed…), one chart per pillar, each
 * row the share of the States that answered it with its n, under the same disclosure control.
 */
async function load({ request, params }: LoaderFunctionArgs) {
  const c = await requireInsightContext(request, params.cycleId);
  const specs = renderCharts(c, await pageSpecs(c, { kind: "standards" }));
  return { c, page: { frame: await frameData(c), title: c.t("standardsView.title"), specs } };
}

export async function loader(args: LoaderFunctionArgs) {
  const { c, page } = await load(args);
  return { ...page, downloadBase: `/insights/${c.cycle.id}/download?page=standards` };
}
type PageData = Awaited<ReturnType<typeof load>>["page"] & { downloadBase: string };

export default function InsightsStandards() {
  const d = useLoaderData() as PageData;
  const { t } = useTranslation();
  return (
    <>
      <InsightsFrame synthetic={d.frame.synthetic} cycle={d.frame.cycle} pillars={d.frame.pillars} current="standards" />
      <h1>{t("standardsView.title")}</h1>
      <p className="muted" dir="auto">
        {d.frame.cycle.title}
      </p>
      <p className="lead">{t("standardsView.lead")}</p>
      <NotPublishedNotice published={d.frame.published} states={d.frame.states} minReports={d.frame.minReports} />
      {d.frame.published && d.specs.length === 0 ? <p className="notice">{t("standardsView.none")}</p> : null}
      {d.specs.map((s) => (
        <ChartFigure key={s.id} spec={s} downloadBase={d.downloadBase} />
      ))}
      <MethodologyNote notes={d.frame.notes} cycleId={d.frame.cycle.id} />
    </>
  );
}
