import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ChartFigure } from "#app/insights/components/chart-figure.tsx";
import { MethodologyNote, NotPublishedNotice } from "#app/insights/components/methodology-note.tsx";
import { InsightsFrame } from "#app/insights/components/insights-frame.tsx";
import { frameData, requireInsightContext } from "#app/insights/page.server.ts";
import { pageSpecs } from "#app/insights/charts.server.tsx";
import { renderCharts } from "#app/insights/render.server.ts";

export const meta: MetaFunction = ({ data }) => [{ title: data ? `${(data as PageData).frame.cycle.title} — Insights` : "Insights" }];

/** Public overview of a cycle: reports by regional group, status across pillars, where help is asked for. */
async function load({ request, params }: LoaderFunctionArgs) {
  const c = await requireInsightContext(request, params.cycleId);
  const specs = renderCharts(c, await pageSpecs(c, { kind: "overview" }));
  return { c, page: { frame: await frameData(c), specs } };
}

export async function loader(args: LoaderFunctionArgs) {
  const { c, page } = await load(args);
  return { ...page, downloadBase: `/insights/${c.cycle.id}/download?page=${encodeURIComponent("overview")}` };
}
type PageData = Awaited<ReturnType<typeof load>>["page"] & { downloadBase: string };

export default function InsightsOverview() {
  const { frame, specs, downloadBase } = useLoaderData() as PageData;
  const { t } = useTranslation();
  return (
    <>
      <InsightsFrame synthetic={frame.synthetic} cycle={frame.cycle} pillars={frame.pillars} current="overview" />
      <h1 dir="auto">{frame.cycle.title}</h1>
      <p className="lead">{t("figures.overviewLead", { count: frame.states })}</p>
      {frame.viewer !== "public" ? <p className="muted">{t(`insights.viewer.${frame.viewer}`)}</p> : null}
      <NotPublishedNotice published={frame.published} states={frame.states} minReports={frame.minReports} />
      {specs.map((s) => (
        <ChartFigure key={s.id} spec={s} downloadBase={downloadBase} />
      ))}
      <MethodologyNote notes={frame.notes} cycleId={frame.cycle.id} />
    </>
  );
}
