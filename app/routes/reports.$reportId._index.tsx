import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { ReportHeader } from "#app/reporting/components/report-header.tsx";
import { OutlineSections } from "#app/questionnaires/components/outline-sections.tsx";
import { answersByKey, getAnswers, progressOf } from "#app/reporting/reports.server.ts";
import { listThreads } from "#app/review/review.server.ts";
import { paragraphState } from "#app/reporting/answer-schemas.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { localText } from "#app/questionnaires/labels.ts";
import { outline } from "#app/questionnaires/outline.ts";
import { isEditable, requireReport } from "#app/reporting/report-access.server.ts";
import { reportHeader } from "#app/reporting/report-view.server.ts";
import { isBackWithState } from "#app/reporting/lifecycle.ts";
import { carriedOver, confirmedNotice } from "#app/reporting/confirm.server.ts";
import { ConfirmAllUnchanged, ConfirmedNotice, ConfirmParagraphButton } from "#app/reporting/components/confirm-unchanged.tsx";
import { ReportTask } from "#app/reporting/components/report-task.tsx";
import { reportTask } from "#app/reporting/report-section.ts";
import { workView } from "#app/reporting/handover.server.ts";
import { AssignedToYou, HandoverNotice, WorkNote } from "#app/reporting/components/handover.tsx";
import { can } from "#app/accounts/permissions.ts";

export const meta: MetaFunction = () => [{ title: "Report — Kyoto Reporting" }];

/** The task list: pillar → theme → paragraph, each with its state and what still needs an answer. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, ctx, own } = await requireReport(request, params.reportId, "read");
  const lang = await getLanguage(request);
  const stored = await getAnswers(ctx.report.id);
  const openThreads = (await listThreads(ctx.report.id)).filter((th) => th.resolvedAt === null);
  const sections = outline(ctx.questionnaire, ctx.paragraphs, lang, (p) => {
    const { state, missing } = paragraphState(p.questions, answersByKey(p, stored));
    return {
      ref: p.ref,
      summary: localText(p.text, lang).text.slice(0, 140),
      state,
      missing: missing.map((q) => localText(q.label, lang).text),
      prefilled: p.questions.some((q) => stored.get(q.id)?.prefilledFromCycleId),
      confirmable: carriedOver(stored, [p.ref]).answers > 0,
      openThreads: openThreads.filter((th) => th.paragraphRef === p.ref).length,
    };
  });
  const work = workView(ctx, user.id);
  return {
    header: await reportHeader(ctx, lang),
    editable: isEditable(ctx),
    progress: progressOf(ctx.paragraphs, stored),
    openThreads: openThreads.length,
    status: ctx.report.status,
    sections,
    carriedOver: carriedOver(stored),
    confirmed: confirmedNotice(request.url),
    reportTask: reportTask(ctx.questionnaire, stored),
    work,
    assignedToYou: ctx.paragraphs.filter((p) => work[p.ref]?.assignedToMe).map((p) => ({ ref: p.ref, state: paragraphState(p.questions, answersByKey(p, stored)).state, ready: work[p.ref]?.ready !== null })),
    canAssign: own && can(user.role, "assign", "paragraph", "own"),
    profileLink: own && can(user.role, "manage", "state-profile", "own") ? `/states/${ctx.report.stateIso3}` : null,
  };
}

export default function TaskList() {
  const { header, progress, sections, editable, openThreads, status, carriedOver, confirmed, reportTask, work, assignedToYou, canAssign, profileLink } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const imported = searchParams.get("imported");
  const { t } = useTranslation();
  return (
    <>
      <ReportHeader data={header} current="tasks" />
      <h1>{t("report.tasksTitle")}</h1>
      <p className="lead">{t("report.progressSummary", { complete: progress.complete, inProgress: progress.inProgress, total: progress.paragraphs })}</p>
      {isBackWithState(status) ? (
        <p className="notice" role="note">
          {t("threads.clarificationNotice", { count: openThreads })}
        </p>
      ) : null}
      <ConfirmedNotice notice={confirmed} />
      {editable ? <ConfirmAllUnchanged reportId={header.reportId} {...carriedOver} /> : null}
      <HandoverNotice />
      <AssignedToYou items={assignedToYou} />
      {imported ? (
        <p className="notice notice--ok" role="status">
          {t("workbook.imported", { count: Number(imported) })}
        </p>
      ) : null}
      <p className="muted">
        <a href={`/reports/${header.reportId}/workbook`}>{t("workbook.download")}</a>
        {editable ? (
          <>
            {" · "}
            <Link to="import">{t("workbook.upload")}</Link>
          </>
        ) : null}{" "}
        · <Link to="print">{t("print.link")}</Link>
        {canAssign ? (
          <>
            {" · "}
            <Link to="assignments">{t("assign.link")}</Link>
          </>
        ) : null}
        {profileLink ? (
          <>
            {" · "}
            <Link to={profileLink}>{t("stateProfile.link")}</Link>
          </>
        ) : null}
      </p>
      {!editable ? (
        <p className="notice" role="note">
          {t("report.readOnly")}
        </p>
      ) : null}
      {progress.requiredMissing === 0 && progress.paragraphs > 0 ? (
        <p className="notice notice--ok">
          {t("report.allRequiredDone")} <Link to="check">{t("report.check")}</Link>
        </p>
      ) : (
        <p>{t("report.requiredMissing", { count: progress.requiredMissing })}</p>
      )}
      <ReportTask task={reportTask} />
      <OutlineSections
        sections={sections}
        renderThemeItems={(items) => (
          <ul className="task-list">
            {items.map((p) => (
              <li key={p.ref} className="task-list__item" id={`task-${p.ref}`}>
                <div className="task-list__name">
                  <Link to={p.ref} aria-describedby={`state-${p.ref}`}>
                    {t("paragraph.title", { ref: p.ref })}
                  </Link>
                  <span className="muted task-list__summary">{p.summary}…</span>
                  {p.missing.length > 0 && p.state !== "not_started" ? (
                    <span className="task-list__missing">{t("report.stillNeeds", { list: p.missing.join("; ") })}</span>
                  ) : null}
                  {p.prefilled ? <span className="tag tag--prefilled">{t("report.hasPrefilled")}</span> : null}
                  {p.openThreads > 0 ? <span className="tag tag--clarification_requested">{t("threads.openCount", { count: p.openThreads })}</span> : null}
                  <WorkNote work={work[p.ref]} />
                </div>
                <span id={`state-${p.ref}`} className={`tag tag--${p.state}`}>
                  {t(`paragraphState.${p.state}`)}
                </span>
                {editable && p.confirmable ? <ConfirmParagraphButton reportId={header.reportId} paragraph={p.ref} from="tasks" /> : null}
              </li>
            ))}
          </ul>
        )}
      />
    </>
  );
}
