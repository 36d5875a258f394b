import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RegionalGroupSelect } from "#app/states/components/group-select.tsx";
import { z } from "zod";
import { InsightsFrame } from "#app/insights/components/insights-frame.tsx";
import { acceptedReports, anySyntheticData, disclosedNarratives, insightCycles } from "#app/insights/aggregates.server.ts";
import { listMemberStates } from "#app/states/member-states.server.ts";
import { getQuestionnaireVersion } from "#app/questionnaires/questionnaires.server.ts";
import { searchNarratives } from "#app/insights/search.server.ts";
import { getUser } from "#app/accounts/auth.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { viewerOf } from "#app/insights/charts.server.tsx";
import { localText, roman } from "#app/questionnaires/labels.ts";
import { REGIONAL_GROUPS } from "#app/states/regional-groups.ts";
import { cleanSearchParams } from "#app/utils/search-params.ts";

export const meta: MetaFunction = () => [{ title: "Good practices — Insights" }];

const Query = z.object({
  q: z.string().max(200).optional().catch(undefined),
  cycle: z.coerce.number().int().positive().optional().catch(undefined),
  pillar: z.coerce.number().int().positive().optional().catch(undefined),
  theme: z.coerce.number().int().positive().optional().catch(undefined),
  group: z.enum(REGIONAL_GROUPS).optional().catch(undefined),
});

const KEYS = ["good_practice", "description", "challenges_text"];

/** Public: full-text search over the narratives States disclosed (to the public, or to the viewer's level). */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLanguage(request);
  const viewer = viewerOf(await getUser(request));
  const { params, cleaned } = cleanSearchParams(new URL(request.url));
  const f = Query.parse(params);
  const cycles = await insightCycles();
  const cycleIds = f.cycle ? cycles.filter((c) => c.id === f.cycle).map((c) => c.id) : cycles.map((c) => c.id);
  const q = cycles[0] ? await getQuestionnaireVersion(cycles[0].versionId) : undefined;
  const paragraphOf = new Map((q?.paragraphs ?? []).map((p) => [p.ref, p]));
  let reports = await acceptedReports(cycleIds);
  if (f.group) reports = reports.filter((r) => r.group === f.group);
  let rows = await disclosedNarratives(cycleIds, viewer, { questionKeys: f.q ? KEYS : ["good_practice"], reportIds: reports.map((r) => r.id) });
  let snippets = new Map<string, string>();
  if (f.q?.trim()) {
    const hits = await searchNarratives(f.q, reports.map((r) => r.id), 500);
    const order = new Map(hits.map((h, i) => [`${h.reportId}|${h.questionId}`, i]));
    snippets = new Map(hits.map((h) => [`${h.reportId}|${h.questionId}`, h.snippet]));
    rows = rows.filter((r) => order.has(`${r.reportId}|${r.questionId}`)).sort((a, b) => order.get(`${a.reportId}|${a.questionId}`)! - order.get(`${b.reportId}|${b.questionId}`)!);
  }
  rows = rows.filter((r) => {
    const p = paragraphOf.get(r.paragraphRef);
    return (!f.pillar || p?.pillarNumber === f.pillar) && (!f.theme || p?.themeNumber === f.theme);
  });
  const names = new Map((await listMemberStates(lang)).map((s) => [s.iso3, s.name]));
  const cycleTitles = new Map(cycles.map((c) => [c.id, c.title]));
  return {
    synthetic: await anySyntheticData(),
    viewer,
    filters: f,
    cleaned,
    cycles: cycles.map((c) => ({ id: c.id, title: c.title })),
    pillars: (q?.pillars ?? []).map((p) => ({ number: p.number, label: `${roman(p.number)}. ${localText(p.title, lang).text}` })),
    themes: (q?.themes ?? []).map((th) => ({ number: th.number, label: localText(th.title, lang).text })),
    total: rows.length,
    results: rows.slice(0, 100).map((r) => ({
      id: `${r.reportId}-${r.questionId}`,
      state: names.get(r.stateIso3) ?? r.stateIso3,
      cycle: cycleTitles.get(r.cycleId) ?? "",
      cycleId: r.cycleId,
      ref: r.paragraphRef,
      kind: r.questionId.split(".").at(-1)!,
      text: snippets.get(`${r.reportId}|${r.questionId}`) ?? String(r.value).slice(0, 600),
    })),
  };
}

export default function GoodPractices() {
  const d = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <>
      <InsightsFrame synthetic={d.synthetic} />
      <h1>{t("insights.goodPractices")}</h1>
      <p className="muted">{t(`insights.practicesScope.${d.viewer}`)}</p>
      {d.cleaned ? (
        <p className="notice" role="status">
          {t("security.searchCleaned")}
        </p>
      ) : null}
      <Form method="get" className="filter-bar" role="search">
        <label htmlFor="q">{t("insights.searchLabel")}</label>
        <input id="q" name="q" type="search" defaultValue={d.filters.q ?? ""} />
        <label htmlFor="cycle">{t("review.cycle")}</label>
        <select id="cycle" name="cycle" defaultValue={d.filters.cycle ?? ""}>
          <option value="">{t("review.any")}</option>
          {d.cycles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
        <label htmlFor="pillar">{t("cycles.fields.pillars")}</label>
        <select id="pillar" name="pillar" defaultValue={d.filters.pillar ?? ""}>
          <option value="">{t("review.any")}</option>
          {d.pillars.map((p) => (
            <option key={p.number} value={p.number}>
              {p.label}
            </option>
          ))}
        </select>
        <label htmlFor="theme">{t("cycles.fields.themes")}</label>
        <select id="theme" name="theme" defaultValue={d.filters.theme ?? ""}>
          <option value="">{t("review.any")}</option>
          {d.themes.map((th) => (
            <option key={th.number} value={th.number}>
              {th.label}
            </option>
          ))}
        </select>
        <RegionalGroupSelect defaultValue={d.filters.group} />
        <button type="submit" className="button">
          {t("insights.search")}
        </button>
      </Form>
      <p role="status">{t("insights.resultCount", { count: d.total })}</p>
      <ul className="practice-list">
        {d.results.map((r) => (
          <li key={r.id}>
            <p className="practice-list__state">
              <strong>{r.state}</strong> · <Link to={`/insights/${r.cycleId}/paragraphs/${r.ref}`}>{t("paragraph.title", { ref: r.ref })}</Link> · {t(`insights.kinds.${r.kind}`)} ·{" "}
              <span className="muted">{r.cycle}</span>
            </p>
            <p>{r.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
