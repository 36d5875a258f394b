import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MethodologyNote } from "#app/insights/components/methodology-note.tsx";
import { InsightsFrame } from "#app/insights/components/insights-frame.tsx";
import { frameData, requireInsightContext } from "#app/insights/page.server.ts";
import { respondentList, respondentsCsv } from "#app/insights/respondents.server.ts";

export const meta: MetaFunction = ({ data }) => [{ title: data ? `${(data as PageData).title} — ${(data as PageData).frame.cycle.title}` : "Insights" }];

/**
 * Public: the States whose reports count in a cycle, by regional group (as the Secretary-General's
 * reports list them), with `?format=csv` for the list as a file. Shown below INSIGHTS_MIN_REPORTS
 * too: who reported is public; what they answered is not (ADR 011).
 */
async function load({ request, params }: LoaderFunctionArgs) {
  const c = await requireInsightContext(request, params.cycleId);
  const list = await respondentList(c);
  return { c, list, page: { frame: await frameData(c), title: c.t("respondents.title"), ...list } };
}

export async function loader(args: LoaderFunctionArgs) {
  const { c, list, page } = await load(args);
  const format = new URL(args.request.url).searchParams.get("format");
  if (format === "csv") {
    return new Response(respondentsCsv(c, list), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="respondents-cycle-${c.cycle.id}.csv"`,
        "Cache-Control": c.viewer === "public" ? "public, max-age=300" : "private, no-cache",
      },
    });
  }
  if (format !== null) return Response.json({ message: "The list downloads as ?format=csv." }, { status: 400 });
  return page;
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
        <a href="?format=csv" download>
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
