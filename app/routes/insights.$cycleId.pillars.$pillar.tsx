import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ChartFigure } from "#app/insights/components/chart-figure.tsx";
import { MethodologyNote, NotPublishedNotice } from "#app/insights/components/methodology-note.tsx";
import { InsightsFrame } from "#app/insights/components/insights-frame.tsx";
import { scopedParagraphs } from "#app/reporting/reports.server.ts";
import { frameData, requireInsightContext } from "#app/insights/page.server.ts";
import { pageSpecs } from "#app/insights/charts.server.tsx";
import { renderCharts } from "#app/insights/render.server.ts";

export const meta: MetaFunction = ({ data }) => [{ title: data ? `${(data as PageData).title} — Insights` : "Insights" }];

/** Public: one pillar — status per paragraph, group × theme heat map, measures, challenges, needs, trend. */
async function load({ request, params }: LoaderFunctionArgs) {
  const c = await requireInsightContext(request, params.cycleId);
  const frame = await frameData(c);
  const pillar = frame.pillars.find((p) => String(p.number) === params.pillar);
  if (!pillar) throw data({ message: "No such pillar in this cycle." }, { status: 404 });
  const specs = renderCharts(c, await pageSpecs(c, { kind: "pillar", pillar: pillar.number }));
  const refs = scopedParagraphs(c.q, c.cycle.scope).filter((p) => p.pillarNumber === pillar.number).map((p) => p.ref);
  return { c, page: { frame, title: pillar.label, pillar: pillar.number, specs, refs } };
}

export async function loader(args: LoaderFunctionArgs) {
  const { c, page } = await load(args);
  return { ...page, downloadBase: `/insights/${c.cycle.id}/download?page=${encodeURIComponent(`pillar-${page.pillar}`)}` };
}
type PageData = Awaited<ReturnType<typeof load>>["page"] & { downloadBase: string };

export default function InsightsPillar() {
  const d = useLoaderData() as PageData;
  const { t } = useTranslation();
  return (
    <>
      <InsightsFrame synthetic={d.frame.synthetic} cycle={d.frame.cycle} pillars={d.frame.pillars} current={`pillar-${d.pillar}`} />
      <h1>{d.title}</h1>
      <p className="muted" dir="auto">{d.frame.cycle.title}</p>
      <NotPublishedNotice published={d.frame.published} states={d.frame.states} minReports={d.frame.minReports} />
      {d.specs.map((s) => (
        <ChartFigure key={s.id} spec={s} downloadBase={d.downloadBase} />
      ))}
      <h2>{t("insights.paragraphsTitle")}</h2>
      <ul className="inline-list">
        {d.refs.map((r) => (
          <li key={r}>
            <Link to={`/insights/${d.frame.cycle.id}/paragraphs/${r}`}>{t("paragraph.title", { ref: r })}</Link>
          </li>
        ))}
      </ul>
      <MethodologyNote notes={d.frame.notes} cycleId={d.frame.cycle.id} />
    </>
  );
}
