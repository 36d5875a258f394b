import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { formatPeriodDate } from "#app/cycles/period.ts";

export interface ReportHeaderData {
  reportId: number;
  stateName: string;
  cycleTitle: string;
  status: string;
  deadline: string;
  /** The reporting period's start (ISO date); questions say "since" it. */
  periodStart?: string | null;
}

/** The line above every page of a report: which State, which cycle, its status and deadline. */
export function ReportHeader({ data, current }: { data: ReportHeaderData; current?: "tasks" | "check" | "history" }) {
  const { t, i18n } = useTranslation();
  // As the period's start is written ("7 March 2021 to 30 June 2027", UN usage in English).
  const deadline = formatPeriodDate(data.deadline, i18n.language);
  const link = (to: string, key: "tasks" | "check" | "history", label: string) =>
    current === key ? (
      <span aria-current="page">{label}</span>
    ) : (
      <Link to={`/reports/${data.reportId}${to}`}>{label}</Link>
    );
  return (
    <div className="report-header">
      <p className="report-header__title">
        <strong>{data.stateName}</strong> · {data.cycleTitle} · <span className={`tag tag--${data.status}`}>{t(`reportStatus.${data.status}`)}</span> ·{" "}
        {t("reports.deadline", { date: deadline })}
      </p>
      {data.periodStart ? <p className="hint report-header__period">{t("period.covers", { from: formatPeriodDate(data.periodStart, i18n.language), to: deadline })}</p> : null}
      <nav aria-label={t("report.navLabel")} className="report-header__nav">
        {link("", "tasks", t("report.tasks"))} {link("/check", "check", t("report.check"))} {link("/history", "history", t("report.history"))}
      </nav>
    </div>
  );
}
