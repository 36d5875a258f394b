import { Link } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { REPORT_REF } from "#app/reporting/report-section.ts";

export interface ReportTaskData {
  answered: number;
  total: number;
}

/** The first task of the list: the questions about the report as a whole (all optional). */
export function ReportTask({ task }: { task: ReportTaskData | null }) {
  const { t, i18n } = useTranslation();
  if (!task) return null;
  const fmt = new Intl.NumberFormat(i18n.language);
  const state = task.answered === 0 ? "not_started" : task.answered < task.total ? "in_progress" : "complete";
  return (
    <ul className="task-list task-list--report">
      <li className="task-list__item" id={`task-${REPORT_REF}`}>
        <div className="task-list__name">
          <Link to={REPORT_REF} aria-describedby={`state-${REPORT_REF}`}>
            {t("reportSection.task")}
          </Link>
          <span className="muted task-list__summary">
            {t("reportSection.taskHint")} · {t("facts.answered", { count: task.answered, answered: fmt.format(task.answered), total: fmt.format(task.total) })}
          </span>
        </div>
        <span id={`state-${REPORT_REF}`} className={`tag tag--${state === "complete" ? "complete" : "optional"}`}>
          {state === "not_started" ? t("reportSection.optional") : t(`paragraphState.${state}`)}
        </span>
      </li>
    </ul>
  );
}

export interface ReportAnswersData {
  answers: { key: string; label: string; value: string }[];
}

/**
 * The report's own answers on the check page and in the print view: shown, never required
 * (reporting is voluntary), with a way to change them while the report can be edited.
 */
export function ReportAnswers({ data, changeTo, headingLevel = 2 }: { data: ReportAnswersData | null; changeTo?: string | null; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  if (!data) return null;
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="check-section" aria-labelledby="check-report">
      <Heading id="check-report">
        {t("reportSection.title")} <span className="tag tag--optional">{t("reportSection.optional")}</span>
      </Heading>
      <p className="hint">{t("reportSection.nothingRequired")}</p>
      {data.answers.length === 0 ? (
        <p className="muted">{t("check.noAnswers")}</p>
      ) : (
        <dl className="summary-list">
          {data.answers.map((a) => (
            <div key={a.key}>
              <dt>{a.label}</dt>
              <dd className="preserve-lines">{a.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {changeTo ? (
        <p>
          <Link to={changeTo}>{t("reportSection.change")}</Link>
        </p>
      ) : null}
    </section>
  );
}
