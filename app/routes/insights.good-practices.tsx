import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { RegionalGroupSelect } from "#app/states/components/group-select.tsx";
import { ChoiceSelect } from "#app/components/ui/choice-select.tsx";
import { InsightsFrame } from "#app/insights/components/insights-frame.tsx";
import { goodPracticesPage } from "#app/insights/practices.server.ts";
import { getUser } from "#app/accounts/auth.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { viewerOf } from "#app/insights/charts.server.tsx";
import { cleanSearchParams } from "#app/utils/search-params.ts";

export const meta: MetaFunction = () => [{ title: "Good practices — Insights" }];

/**
 * Public: full-text search over the narratives States disclosed (to the public, or to the
 * viewer's level), every word in any of its forms, in one cycle or all of them; pages of 20
 * with the true total; paragraphs and themes whose titles match; ways to widen an empty search.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const lang = await getLanguage(request);
  const viewer = viewerOf(await getUser(request));
  const { params, cleaned } = cleanSearchParams(new URL(request.url));
  return { ...(await goodPracticesPage(params, lang, viewer)), cleaned };
}

export default function GoodPractices() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v);
  const from = (d.page - 1) * d.pageSize + 1;
  const to = Math.min(d.total, d.page * d.pageSize);
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
      <Form method="get" className="search-form" role="search">
        <div className="search-form__query">
          <label htmlFor="q">{t("insights.searchLabel")}</label>
          <input id="q" name="q" type="search" defaultValue={d.filters.q ?? ""} />
          <button type="submit" className="button">
            {t("insights.search")}
          </button>
        </div>
        <details className="search-form__filters" open={Boolean(d.filters.cycle || d.filters.pillar || d.filters.theme || d.filters.group)}>
          <summary>{t("practices.filters")}</summary>
          <div className="search-form__grid">
            <ChoiceSelect id="cycle" label={t("review.cycle")} emptyLabel={t("practices.anyCycle")} defaultValue={d.filters.cycle} options={d.cycles.map((c) => ({ value: c.id, label: c.title }))} />
            <ChoiceSelect id="pillar" label={t("cycles.fields.pillars")} emptyLabel={t("review.any")} defaultValue={d.filters.pillar} options={d.pillars.map((p) => ({ value: p.number, label: p.label }))} />
            <ChoiceSelect id="theme" label={t("cycles.fields.themes")} emptyLabel={t("review.any")} defaultValue={d.filters.theme} options={d.themes.map((th) => ({ value: th.number, label: th.label }))} />
            <div>
              <RegionalGroupSelect defaultValue={d.filters.group} />
            </div>
          </div>
          <button type="submit" className="button button--secondary">
            {t("practices.apply")}
          </button>
        </details>
      </Form>

      {d.titleMatches && (d.titleMatches.paragraphs.length > 0 || d.titleMatches.themes.length > 0) ? (
        <section aria-labelledby="title-matches" className="title-matches">
          <h2 id="title-matches">{t("practices.titleMatches")}</h2>
          <ul>
            {d.titleMatches.cycleId
              ? d.titleMatches.paragraphs.map((p) => (
                  <li key={p.ref}>
                    <Link to={`/insights/${d.titleMatches!.cycleId}/paragraphs/${p.ref}`}>{t("paragraph.title", { ref: p.ref })}</Link> — {p.label}
                  </li>
                ))
              : null}
            {d.titleMatches.themes.map((th) => (
              <li key={`t${th.number}`}>
                {t("practices.theme")}: <Link to={`/insights/good-practices?theme=${th.number}`}>{th.label}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p role="status" className="search-count">
        {d.total === 0 ? t("practices.none") : d.total <= d.pageSize ? t("insights.resultCount", { count: d.total }) : t("practices.range", { from: n(from), to: n(to), total: n(d.total) })}
        {d.perCycle.length > 1 ? <span className="muted"> ({d.perCycle.map((c) => `${c.title}: ${n(c.count)}`).join(" · ")})</span> : null}
      </p>
      {d.total === 0 && d.q ? (
        <div className="empty-search">
          <p>{t("practices.emptyHelp")}</p>
          <ul>
            {d.suggestions.map((s) => (
              <li key={s.href}>
                <Link to={s.href}>{s.key === "word" ? t("practices.searchWord", { word: s.word }) : t(`practices.${s.key}`)}</Link>
              </li>
            ))}
            <li>{t("practices.tipForms")}</li>
          </ul>
        </div>
      ) : null}
      <ul className="practice-list">
        {d.results.map((r) => (
          <li key={r.id}>
            <p className="practice-list__state">
              <strong>{r.state}</strong> · <Link to={`/insights/${r.cycleId}/paragraphs/${r.ref}`}>{t("paragraph.title", { ref: r.ref })}</Link> · {t(`insights.kinds.${r.kind}`)} ·{" "}
              <span className="muted">{r.cycle}</span>
            </p>
            <p dir="auto">{r.segments.map((s, i) => (s.hit ? <mark key={i}>{s.text}</mark> : s.text))}</p>
          </li>
        ))}
      </ul>
      {d.pages > 1 ? (
        <nav className="pager" aria-label={t("practices.pages")}>
          {d.prevHref ? (
            <Link to={d.prevHref} rel="prev">
              {t("practices.previous")}
            </Link>
          ) : (
            <span />
          )}
          <span>{t("practices.pageOf", { page: n(d.page), pages: n(d.pages) })}</span>
          {d.nextHref ? (
            <Link to={d.nextHref} rel="next">
              {t("practices.next")}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  );
}
