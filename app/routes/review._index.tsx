import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { RegionalGroupSelect } from "#app/states/components/group-select.tsx";
import { z } from "zod";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { RemindSchema } from "#app/review/schemas.ts";
import { useErrorText } from "#app/components/ui/form.tsx";
import { listCycles } from "#app/cycles/cycles.server.ts";
import { getQuestionnaireVersion } from "#app/questionnaires/questionnaires.server.ts";
import { getCycle, scopedParagraphs } from "#app/reporting/reports.server.ts";
import { INBOX_STATUSES, inboxSubmitted } from "#app/review/inbox-status.ts";
import { INBOX_VIEWS, inboxCounts, needsAction } from "#app/review/inbox.ts";
import { focalPointsOf, listCycleReports, listReminders, responseRates, type InboxRow } from "#app/review/review.server.ts";
import { requirePermission } from "#app/accounts/auth.server.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { cleanSearchParams } from "#app/utils/search-params.ts";
import { sendReminderMail } from "#app/mail/mail.server.ts";
import { REGIONAL_GROUPS } from "#app/states/regional-groups.ts";
import { isOpenForReporting } from "#app/cycles/cycle-status.ts";
import { TableScroll } from "#app/components/ui/table-scroll.tsx";

export const meta: MetaFunction = () => [{ title: "Review — Kyoto Reporting" }];

const Filters = z.object({
  cycle: z.coerce.number().int().positive().optional(),
  // The inbox opens on what needs action; "all" is the full list of States.
  status: z.enum(INBOX_VIEWS).optional().catch(undefined),
  group: z.enum(REGIONAL_GROUPS).optional().catch(undefined),
  q: z.string().max(100).optional().catch(undefined),
  sort: z.enum(["name", "status", "progress", "submitted", "group"]).optional().catch(undefined),
});

function sortRows(rows: InboxRow[], sort: string) {
  const order = Object.fromEntries(INBOX_STATUSES.map((s, i) => [s, i]));
  const by: Record<string, (a: InboxRow, b: InboxRow) => number> = {
    status: (a, b) => order[a.status]! - order[b.status]!,
    progress: (a, b) => b.answeredParagraphs - a.answeredParagraphs,
    submitted: (a, b) => (b.submittedAt?.getTime() ?? 0) - (a.submittedAt?.getTime() ?? 0),
    group: (a, b) => a.regionalGroup.localeCompare(b.regionalGroup),
  };
  return by[sort] ? [...rows].sort((a, b) => by[sort]!(a, b) || a.name.localeCompare(b.name)) : rows;
}

/** The secretariat's inbox: one row per Member State for a cycle, response rates, reminders. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "review", "report", "any");
  const lang = await getLanguage(request);
  const url = new URL(request.url);
  const { params, cleaned } = cleanSearchParams(url);
  const f = Filters.safeParse(params);
  const filters = f.success ? f.data : {};
  const cycles = await listCycles();
  const cycleId = filters.cycle ?? cycles.find((c) => isOpenForReporting(c.status))?.id ?? cycles[0]?.id;
  const cycle = cycleId ? await getCycle(cycleId) : undefined;
  if (!cycle) return { cycles, cycle: null, rows: [], rates: [], pastDeadline: [], reminders: [], filters, scopeSize: 0, cleaned, view: "needs_action" as const, sort: "submitted", counts: inboxCounts([]) };
  const all = await listCycleReports(cycle.id, lang);
  const needle = filters.q?.trim().toLocaleLowerCase(lang);
  const view = filters.status ?? "needs_action";
  const inView = (r: InboxRow) => (view === "all" ? true : view === "needs_action" ? needsAction(r) : r.status === view);
  // Needs action: newest submission first, unless another order was asked for.
  const sort = filters.sort ?? (view === "needs_action" ? "submitted" : "name");
  const rows = sortRows(
    all.filter((r) => inView(r) && (!filters.group || r.regionalGroup === filters.group) && (!needle || r.name.toLocaleLowerCase(lang).includes(needle) || r.iso3.toLowerCase() === needle)),
    sort,
  );
  const today = new Date().toISOString().slice(0, 10);
  const q = await getQuestionnaireVersion(cycle.versionId);
  return {
    cycles,
    cycle,
    scopeSize: q ? scopedParagraphs(q, cycle.scope).length : 0,
    filters,
    cleaned,
    view,
    sort,
    counts: inboxCounts(all),
    rows: rows.map((r) => ({ ...r, submittedAt: r.submittedAt?.toISOString() ?? null })),
    rates: responseRates(all),
    pastDeadline: cycle.deadline < today ? all.filter((r) => !inboxSubmitted(r.status)).map((r) => r.name) : [],
    reminders: (await listReminders(cycle.id)).map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
  };
}

/** Send reminders to the focal points of chosen States, or of every State that has not submitted. */
export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "review", "report", "any");
  const submission = parseWithZod(await readForm(request), { schema: RemindSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const v = submission.value;
  const cycle = await getCycle(v.cycleId);
  if (!cycle) return data({ result: submission.reply({ formErrors: ["review.remindInvalid"] }) }, { status: 404 });
  const rows = await listCycleReports(cycle.id, "en");
  const chosen = v.target === "not_submitted" ? rows.filter((r) => !inboxSubmitted(r.status)).map((r) => r.iso3) : v.states.filter((s) => rows.some((r) => r.iso3 === s));
  if (chosen.length === 0) return data({ result: submission.reply({ fieldErrors: { states: ["review.remindNone"] } }) }, { status: 400 });
  const recipients = await focalPointsOf(chosen);
  for (const r of recipients) await sendReminderMail({ ...r, stateIso3: r.stateIso3! }, cycle);
  return redirect(`/review?cycle=${cycle.id}&reminded=${recipients.length}`);
}

export default function ReviewInbox() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const fmtDate = (iso: string | null) => (iso ? new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso)) : "—");
  const fmtNumber = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const pct = (n: number, of: number) => (of ? new Intl.NumberFormat(i18n.language, { style: "percent" }).format(n / of) : "—");
  const [searchParams] = useSearchParams();
  const reminded = searchParams.get("reminded");
  const errorText = useErrorText();
  const [remindForm, remindFields] = useForm<z.input<typeof RemindSchema>>({ id: "remind-form", lastResult: actionData?.result, constraint: getZodConstraint(RemindSchema) });
  const remindErrors = [...(remindForm.errors ?? []), ...(remindFields.cycleId.errors ?? []), ...(remindFields.target.errors ?? []), ...(remindFields.states.errors ?? [])];
  // The States ticked before a refusal stay ticked (also without JavaScript).
  const sentStates = actionData?.result.initialValue?.states;
  const ticked = new Set(Array.isArray(sentStates) ? sentStates : typeof sentStates === "string" ? [sentStates] : []);
  if (!d.cycle) return <p>{t("cycles.none")}</p>;
  return (
    <>
      <h1>{t("review.title")}</h1>
      <Form method="get" className="filter-bar">
        <label htmlFor="cycle">{t("review.cycle")}</label>
        <select id="cycle" name="cycle" defaultValue={d.cycle.id}>
          {d.cycles.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          {t("review.show")}
        </button>
      </Form>
      {reminded ? (
        <p className="notice notice--ok" role="status">
          {t("review.reminded", { count: Number(reminded) })}
        </p>
      ) : null}
      {remindErrors.length > 0 ? (
        <p className="error-summary" role="alert" id={remindForm.errorId}>
          {remindErrors.map(errorText).join(" ")}
        </p>
      ) : null}

      <h2>{t("review.ratesTitle")}</h2>
      <TableScroll label={t("review.ratesTitle")}>
        <table className="table">
        <caption className="visually-hidden">{t("review.ratesTitle")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("review.group")}</th>
            <th scope="col">{t("review.states")}</th>
            <th scope="col">{t("review.invited")}</th>
            <th scope="col">{t("review.started")}</th>
            <th scope="col">{t("review.submitted")}</th>
            <th scope="col">{t("review.accepted")}</th>
          </tr>
        </thead>
        <tbody>
          {d.rates.map((r) => (
            <tr key={r.group} className={r.group === "all" ? "table__total" : undefined}>
              <th scope="row">{t(`groups.${r.group}`)}</th>
              <td>{r.states}</td>
              <td>{r.invited}</td>
              <td>{r.started}</td>
              <td>
                {r.submitted} ({pct(r.submitted, r.states)})
              </td>
              <td>
                {r.accepted} ({pct(r.accepted, r.states)})
              </td>
            </tr>
          ))}
        </tbody>
        </table>
      </TableScroll>
      {d.pastDeadline.length > 0 ? (
        <p className="notice">
          {t("review.pastDeadline", { count: d.pastDeadline.length })} {d.pastDeadline.slice(0, 30).join(", ")}
          {d.pastDeadline.length > 30 ? "…" : ""}
        </p>
      ) : null}

      <h2>{t("review.reportsTitle")}</h2>
      {d.cleaned ? (
        <p className="notice" role="status">
          {t("security.searchCleaned")}
        </p>
      ) : null}
      <nav aria-label={t("journey.inbox.viewsLabel")} className="inbox-views">
        <ul>
          {INBOX_VIEWS.map((v) => (
            <li key={v}>
              <Link to={`/review?cycle=${d.cycle!.id}&status=${v}`} aria-current={d.view === v ? "page" : undefined}>
                {t(`journey.inbox.view.${v}`)} <span className="inbox-views__count">({fmtNumber(d.counts[v])})</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form method="get" className="filter-bar">
        <input type="hidden" name="cycle" value={d.cycle.id} />
        <label htmlFor="q">{t("review.search")}</label>
        <input id="q" name="q" type="search" defaultValue={d.filters.q ?? ""} />
        <label htmlFor="status">{t("review.status")}</label>
        <select id="status" name="status" defaultValue={d.view}>
          {INBOX_VIEWS.map((s) => (
            <option key={s} value={s}>
              {t(`journey.inbox.view.${s}`)}
            </option>
          ))}
        </select>
        <RegionalGroupSelect defaultValue={d.filters.group} />
        <label htmlFor="sort">{t("review.sort")}</label>
        <select id="sort" name="sort" defaultValue={d.sort}>
          {["name", "status", "progress", "submitted", "group"].map((s) => (
            <option key={s} value={s}>
              {t(`review.sortBy.${s}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--secondary">
          {t("review.apply")}
        </button>
      </Form>
      <p className="muted">
        <a href={`/review/export?cycle=${d.cycle.id}&format=xlsx`} download>
          {t("review.exportXlsx")}
        </a>{" "}
        ·{" "}
        <a href={`/review/export?cycle=${d.cycle.id}&format=csv`} download>
          {t("review.exportCsv")}
        </a>{" "}
        ·{" "}
        <a href={`/review/export?cycle=${d.cycle.id}&format=json`} download>
          {t("review.exportJson")}
        </a>
      </p>
      <Form method="post" {...getFormProps(remindForm)}>
        <input type="hidden" name="cycleId" value={d.cycle.id} />
        {d.rows.length === 0 ? <p>{d.view === "needs_action" ? t("journey.inbox.nothingNeedsAction") : t("journey.inbox.noRows")}</p> : null}
        <table className="table table--stack">
          <caption className="visually-hidden">{t("review.reportsTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">{t("review.choose")}</span>
              </th>
              <th scope="col">{t("review.state")}</th>
              <th scope="col">{t("review.group")}</th>
              <th scope="col">{t("review.status")}</th>
              <th scope="col">{t("review.progress")}</th>
              <th scope="col">{t("review.submittedOn")}</th>
            </tr>
          </thead>
          <tbody>
            {d.rows.map((r) => (
              <tr key={r.iso3}>
                <td data-label={t("review.choose")}>
                  <input type="checkbox" name="states" value={r.iso3} id={`choose-${r.iso3}`} defaultChecked={ticked.has(r.iso3)} aria-label={t("review.chooseState", { state: r.name })} />
                </td>
                <td data-label={t("review.state")}>{r.reportId && r.status !== "in_progress" ? <Link to={`/review/${r.reportId}`}>{r.name}</Link> : r.name}</td>
                <td data-label={t("review.group")}>{t(`groups.${r.regionalGroup}`)}</td>
                <td data-label={t("review.status")}>
                  <span className={`tag tag--${r.status}`}>{t(`inboxStatus.${r.status}`)}</span>
                  {needsAction(r) && r.submissions > 1 ? <span className="tag tag--resubmitted">{t("journey.inbox.resubmitted")}</span> : null}
                  {r.excluded ? <span className="tag tag--excluded">{t("exclusion.excludedTag")}</span> : null}
                </td>
                <td data-label={t("review.progress")}>{t("review.progressValue", { done: r.answeredParagraphs, total: d.scopeSize })}</td>
                <td data-label={t("review.submittedOn")}>{fmtDate(r.submittedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="button-row">
          <button type="submit" name="target" value="chosen" className="button button--secondary">
            {t("review.remindChosen")}
          </button>
          <button type="submit" name="target" value="not_submitted" className="button button--secondary">
            {t("review.remindNotSubmitted")}
          </button>
        </div>
      </Form>
      <h2>{t("review.remindersTitle")}</h2>
      {d.reminders.length === 0 ? (
        <p>{t("review.noReminders")}</p>
      ) : (
        <ul>
          {d.reminders.map((m) => (
            <li key={m.id}>
              {fmtDate(m.createdAt)} — {m.to} ({m.stateIso3}, {m.language})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
