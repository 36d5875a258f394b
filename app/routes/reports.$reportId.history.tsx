import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ReportHeader } from "#app/reporting/components/report-header.tsx";
import { readableHistory } from "#app/reporting/history.server.ts";
import { getLanguage, i18next } from "#app/utils/i18n.server.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";
import { reportHeader } from "#app/reporting/report-view.server.ts";
import { REPORT_REF, reportParts } from "#app/reporting/report-section.ts";

export const meta: MetaFunction = () => [{ title: "History — Kyoto Reporting" }];

/** The history of a report in sentences: who did what, answers as their labels; by paragraph and by person. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "read");
  const lang = await getLanguage(request);
  const tr = await i18next.getFixedT(lang);
  const url = new URL(request.url);
  const paragraph = url.searchParams.get("paragraph");
  const refs = reportParts(ctx).map((p) => p.ref);
  const filter = paragraph && refs.includes(paragraph) ? paragraph : null;
  const person = url.searchParams.get("person")?.slice(0, 200) || null;
  const { lines, people } = await readableHistory(ctx, user.role, lang, tr, { paragraphRef: filter, person });
  return {
    header: await reportHeader(ctx, lang),
    refs,
    filter,
    people,
    person: person && people.includes(person) ? person : null,
    lines,
  };
}

export default function History() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <>
      <ReportHeader data={d.header} current="history" />
      <h1>{t("history.title")}</h1>
      <Form method="get" className="filter-bar">
        <label htmlFor="paragraph">{t("history.filterLabel")}</label>
        <select id="paragraph" name="paragraph" defaultValue={d.filter ?? ""}>
          <option value="">{t("history.allParagraphs")}</option>
          {d.refs.map((r) => (
            <option key={r} value={r}>
              {r === REPORT_REF ? t("reportSection.title") : t("paragraph.title", { ref: r })}
            </option>
          ))}
        </select>
        <label htmlFor="person">{t("journey.history.person")}</label>
        <select id="person" name="person" defaultValue={d.person ?? ""}>
          <option value="">{t("journey.history.everyone")}</option>
          {d.people.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          {t("history.filter")}
        </button>
      </Form>
      {d.lines.length === 0 ? (
        <p>{t("history.empty")}</p>
      ) : (
        <ol className="history-list">
          {d.lines.map((e) => (
            <li key={e.id} className="history-line">
              <p className="history-line__sentence">
                <time dateTime={e.at} className="muted">
                  {fmt.format(new Date(e.at))} UTC
                </time>{" "}
                {e.sentence}
              </p>
              {e.before !== null || e.after !== null ? (
                <dl className="history-line__values">
                  {e.before !== null ? (
                    <div>
                      <dt>{t("history.old")}</dt>
                      <dd className="history__value">{e.before}</dd>
                    </div>
                  ) : null}
                  {e.after !== null ? (
                    <div>
                      <dt>{t("history.new")}</dt>
                      <dd className="history__value">{e.after}</dd>
                    </div>
                  ) : null}
                </dl>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
