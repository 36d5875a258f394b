import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { MethodologyNote } from "#app/insights/components/methodology-note.tsx";
import { InsightsFrame } from "#app/insights/components/insights-frame.tsx";
import { frameData, requireInsightContext } from "#app/insights/page.server.ts";
import { respondentList } from "#app/insights/respondents.server.ts";

export const meta: MetaFunction = ({ data }) => [{ title: data ? `${(data as PageData).title} — ${(data as PageData).frame.cycle.title}` : "Insights" }];

/**
 * Public: the States whose reports count in a cycle, by regional group (as the Secretary-General's
 * reports list them); the list as a file is `respondents.csv`. Shown below INSIGHTS_MIN_REPORTS
 * too: who reported is public; what they answered is not (ADR 011).
 */
async function load({ request, params }: LoaderFunctionArgs) {
  const c = await requireInsightContext(request, params.cycleId);
  const list = await respondentList(c);
  return { page: { frame: await frameData(c), title: c.t("respondents.title"), ...list } };
}

export async function loader(args: LoaderFunctionArgs) {
  return (await load(args)).page;
}
type PageData = Awaited<ReturnType<typeof load>>["page"];

export default function InsightsRespondents() {
  const d = useLoaderData() as PageData;
  const { t, i18n } = useTranslation();
  const num = new Intl.NumberFormat(i18n.language);
  const pct = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  return (
    <>
      <InsightsFrame synthetic={d.frame.synthetic} cycle={d.frame.cycle} pillars={d.frame.pillars} current="respondents" />
      <h1>{t("respondents.title")}</h1>
      <p className="muted" dir="auto">
        {d.frame.cycle.title}
      </p>
      <p className="lead">
        {t("respondents.lead", { count: d.total, members: d.members, cycle: d.frame.cycle.title })} {d.members ? t("respondents.share", { percent: pct.format(d.total / d.members) }) : null}
      </p>
      {d.excludedNote ? <p>{t("respondents.excluded", { note: d.excludedNote })}</p> : null}
      {d.frame.published ? null : <p className="notice" role="note">{t("respondents.notPublished", { min: d.frame.minReports })}</p>}
      <p>
        <a href={`/insights/${d.frame.cycle.id}/respondents.csv`} download>
          {t("respondents.downloadCsv")}
        </a>
      </p>
      {d.groups.map((g) => (
        <section key={g.group} aria-labelledby={`group-${g.group}`} className="respondents-group">
          <h2 id={`group-${g.group}`}>{g.label}</h2>
          <p className="muted">{t("respondents.ofGroup", { count: g.states.length, n: num.format(g.states.length), members: num.format(g.members) })}</p>
          {g.states.length ? (
            <ul className="respondents-list">
              {g.states.map((s) => (
                <li key={s.iso3}>{s.name}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ))}
      <MethodologyNote notes={d.frame.notes} cycleId={d.frame.cycle.id} />
    </>
  );
}
