import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ChartFigure } from "#app/insights/components/chart-figure.tsx";
import { MethodologyNote, NotPublishedNotice } from "#app/insights/components/methodology-note.tsx";
import { InsightsFrame } from "#app/insights/components/insights-frame.tsx";
import { LocalTextSpan } from "#app/components/ui/local-text.tsx";
import { disclosedNarratives } from "#app/insights/aggregates.server.ts";
import { listMemberStates } from "#app/states/member-states.server.ts";
import { scopedParagraphs } from "#app/reporting/reports.server.ts";
import { frameData, requireInsightContext } from "#app/insights/page.server.ts";
import { pageSpecs } from "#app/insights/charts.server.tsx";
import { renderCharts } from "#app/insights/render.server.ts";
import { localText } from "#app/questionnaires/labels.ts";

export const meta: MetaFunction = ({ data }) => [{ title: data ? `Paragraph ${(data as PageData).ref} — Insights` : "Insights" }];

/** Public: one paragraph's full picture and the good practices States disclosed to the viewer. */
async function load({ request, params }: LoaderFunctionArgs) {
  const c = await requireInsightContext(request, params.cycleId);
  const p = scopedParagraphs(c.q, c.cycle.scope).find((x) => x.ref === params.ref);
  if (!p) throw data({ message: "No such paragraph in this cycle." }, { status: 404 });
  const specs = renderCharts(c, await pageSpecs(c, { kind: "paragraph", ref: p.ref }));
  const names = new Map((await listMemberStates(c.lang)).map((s) => [s.iso3, s.name]));
  const practices = (await disclosedNarratives([c.cycle.id], c.viewer, { questionKeys: ["good_practice"], refs: [p.ref] })).map((n) => ({
    id: `${n.reportId}-${n.questionId}`,
    state: names.get(n.stateIso3) ?? n.stateIso3,
    text: String(n.value),
    disclosure: n.disclosure,
  }));
  return { c, page: { frame: await frameData(c), ref: p.ref, text: localText(p.text, c.lang), specs, practices } };
}

export async function loader(args: LoaderFunctionArgs) {
  const { c, page } = await load(args);
  return { ...page, downloadBase: `/insights/${c.cycle.id}/download?page=${encodeURIComponent(`paragraph-${page.ref}`)}` };
}
type PageData = Awaited<ReturnType<typeof load>>["page"] & { downloadBase: string };

export default function InsightsParagraph() {
  const d = useLoaderData() as PageData;
  const { t } = useTranslation();
  return (
    <>
      <InsightsFrame synthetic={d.frame.synthetic} cycle={d.frame.cycle} pillars={d.frame.pillars} current={`paragraph-${d.ref}`} />
      <h1>{t("paragraph.title", { ref: d.ref })}</h1>
      <blockquote className="paragraph-text">
        <LocalTextSpan value={d.text} as="p" />
      </blockquote>
      <NotPublishedNotice published={d.frame.published} states={d.frame.states} minReports={d.frame.minReports} />
      {d.specs.map((s) => (
        <ChartFigure key={s.id} spec={s} downloadBase={d.downloadBase} />
      ))}
      <section aria-labelledby="practices-h">
        <h2 id="practices-h">{t("insights.practicesTitle", { count: d.practices.length })}</h2>
        <p className="muted">{t(`insights.practicesScope.${d.frame.viewer}`)}</p>
        {d.practices.length === 0 ? <p>{t("insights.noPractices")}</p> : null}
        <ul className="practice-list">
          {d.practices.map((p) => (
            <li key={p.id}>
              <p className="practice-list__state">
                <strong>{p.state}</strong> {d.frame.viewer !== "public" ? <span className="muted">— {t(`disclosure.levels.${p.disclosure}`)}</span> : null}
              </p>
              <p>{p.text}</p>
            </li>
          ))}
        </ul>
      </section>
      <MethodologyNote notes={d.frame.notes} cycleId={d.frame.cycle.id} />
    </>
  );
}
