import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ReportHeader } from "#app/reporting/components/report-header.tsx";
import { reportHistoryFor } from "#app/reporting/history.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";
import { reportHeader } from "#app/reporting/report-view.server.ts";

export const meta: MetaFunction = () => [{ title: "History — Kyoto Reporting" }];

function brief(value: unknown): string {
  if (value === null || value === undefined) return "—";
  const s = typeof value === "string" ? value : JSON.stringify(value);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** The audit trail of a report: every answer change (who, when, old → new) and status change. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ctx } = await requireReport(request, params.reportId, "read");
  const lang = await getLanguage(request);
  const url = new URL(request.url);
  const paragraph = url.searchParams.get("paragraph");
  const refs = ctx.paragraphs.map((p) => p.ref);
  const filter = paragraph && refs.includes(paragraph) ? paragraph : null;
  const events = await reportHistoryFor(ctx, user.role, { paragraphRef: filter });
  return {
    header: await reportHeader(ctx, lang),
    refs,
    filter,
    events: events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action,
      paragraphRef: e.paragraphRef,
      questionKey: e.questionId?.split(".").at(-1) ?? null,
      who: e.actorName ?? "—",
      oldValue: brief(e.oldValue),
      newValue: brief(e.newValue),
    })),
  };
}

export default function History() {
  const d = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
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
              {t("paragraph.title", { ref: r })}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          {t("history.filter")}
        </button>
      </Form>
      {d.events.length === 0 ? (
        <p>{t("history.empty")}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t("history.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("history.when")}</th>
              <th scope="col">{t("history.who")}</th>
              <th scope="col">{t("history.what")}</th>
              <th scope="col">{t("history.old")}</th>
              <th scope="col">{t("history.new")}</th>
            </tr>
          </thead>
          <tbody>
            {d.events.map((e) => (
              <tr key={e.id}>
                <td>{fmt.format(new Date(e.at))} UTC</td>
                <td>{e.who}</td>
                <td>
                  {t(`history.actions.${e.action.replace(".", "_")}`, { defaultValue: e.action })}
                  {e.paragraphRef ? ` — ${t("paragraph.title", { ref: e.paragraphRef })}` : ""}
                  {e.questionKey ? ` (${e.questionKey})` : ""}
                </td>
                <td className="history__value">{e.oldValue}</td>
                <td className="history__value">{e.newValue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
