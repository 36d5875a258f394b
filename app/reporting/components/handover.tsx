/**
 * The contributor's hand-over and the paragraph's work on the task list, paragraph and check
 * pages (issue 14, findings 3 and 4). Plain forms posting to /reports/:id/handover, so they
 * work without JavaScript; with it, the paragraph page saves what is pending first.
 */
import { Form, Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";

export interface WorkViewData {
  assignedTo: string | null;
  assignedToMe: boolean;
  ready: { by: string; at: string } | null;
  changedSinceReady: { markedBy: string | null; by: string; at: string } | null;
  editors: string[];
}

function useDate() {
  const { i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (iso: string) => fmt.format(new Date(iso));
}

/** Who works on a paragraph: assigned to, marked ready by (when), last changed by. */
export function WorkNote({ work, id }: { work: WorkViewData | undefined; id?: string }) {
  const { t } = useTranslation();
  const date = useDate();
  if (!work) return null;
  return (
    <span className="work-note" id={id}>
      {work.ready ? <span className="tag tag--ready">{t("handover.readyTag")}</span> : null}
      {work.ready ? <span className="work-note__line">{t("handover.markedBy", { name: work.ready.by, when: date(work.ready.at) })}</span> : null}
      {work.changedSinceReady ? (
        <span className="work-note__line">{t("handover.changedSince", { name: work.changedSinceReady.by, when: date(work.changedSinceReady.at), markedBy: work.changedSinceReady.markedBy ?? "—" })}</span>
      ) : null}
      {work.assignedTo ? <span className="work-note__line">{work.assignedToMe ? t("assign.toYou") : t("assign.to", { name: work.assignedTo })}</span> : null}
      {work.editors.length > 0 ? <span className="work-note__line muted">{t("handover.editors", { names: work.editors.join(", ") })}</span> : null}
    </span>
  );
}

/** "Mark ready for the focal point" (or take it back) for one paragraph. */
export function ReadyForm({ reportId, paragraphRef, from, ready }: { reportId: number; paragraphRef: string; from: string; ready: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" action={`/reports/${reportId}/handover`} className="ready-form">
      <input type="hidden" name="intent" value={ready ? "not-ready" : "ready"} />
      <input type="hidden" name="ref" value={paragraphRef} />
      <input type="hidden" name="from" value={from} />
      <button type="submit" className={ready ? "button button--secondary" : "button"}>
        {ready ? t("handover.notReady", { ref: paragraphRef }) : t("handover.markReady", { ref: paragraphRef })}
      </button>
    </Form>
  );
}

/** After a hand-over: how many paragraphs were marked (or that a mark was taken back). */
export function HandoverNotice() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const marked = params.get("ready");
  if (marked !== null && /^\d{1,4}$/.test(marked)) {
    return (
      <p className="notice notice--ok" role="status">
        {Number(marked) === 0 ? t("handover.nothingToMark") : t("handover.marked", { count: Number(marked) })}
      </p>
    );
  }
  if (params.get("unready") === "1") {
    return (
      <p className="notice" role="status">
        {t("handover.withdrawn")}
      </p>
    );
  }
  return null;
}

/** The contributor's part of the check page: the focal point submits; hand over from here. */
export function ContributorHandover({ reportId, mine, readyCount }: { reportId: number; mine: number; readyCount: number }) {
  const { t } = useTranslation();
  return (
    <section className="panel handover" aria-labelledby="handover-h">
      <h2 id="handover-h">{t("handover.title")}</h2>
      <p>{t("handover.intro")}</p>
      <p>{t("handover.mine", { count: mine, ready: readyCount })}</p>
      <Form method="post" action={`/reports/${reportId}/handover`}>
        <input type="hidden" name="intent" value="ready-all" />
        <input type="hidden" name="from" value="check" />
        <button type="submit" className="button" disabled={mine === 0}>
          {t("handover.readyAll")}
        </button>
      </Form>
    </section>
  );
}

/** The task list's first group for a contributor: the paragraphs assigned to them. */
export function AssignedToYou({ items }: { items: { ref: string; state: string; ready: boolean }[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="assigned-h">
      <h2 id="assigned-h">{t("assign.assignedToYouTitle")}</h2>
      <ul className="task-list">
        {items.map((p) => (
          <li key={p.ref} className="task-list__item">
            <div className="task-list__name">
              <Link to={p.ref}>{t("paragraph.title", { ref: p.ref })}</Link>
            </div>
            <span className={`tag tag--${p.ready ? "ready" : p.state}`}>{p.ready ? t("handover.readyTag") : t(`paragraphState.${p.state}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
