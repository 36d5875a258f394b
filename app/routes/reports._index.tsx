import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { parseWithZod } from "@conform-to/zod/v4";
import { OpenReportSchema } from "#app/reporting/submit-schema.ts";
import { useErrorText } from "#app/components/ui/form.tsx";
import { getMemberState } from "#app/states/member-states.server.ts";
import { getCycle, listCyclesForState, openReport } from "#app/reporting/reports.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { notFound, refuse, requirePermission } from "#app/accounts/auth.server.ts";
import { isOpenForReporting } from "#app/cycles/cycle-status.ts";

export const meta: MetaFunction = () => [{ title: "National reports — Kyoto Reporting" }];

async function requireStateUser(request: Request) {
  const user = await requirePermission(request, "read", "report", "own");
  if (!user.stateIso3) await refuse(user, "read:report:own", "/reports");
  return user as typeof user & { stateIso3: string };
}

/** The open cycles for the user's State, with the report's status, deadline and progress. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStateUser(request);
  const lang = await getLanguage(request);
  const state = await getMemberState(user.stateIso3, lang);
  const rows = await listCyclesForState(user.stateIso3);
  return {
    stateName: state?.name ?? user.stateIso3,
    rows: rows.map((r) => ({
      cycleId: r.cycle.id,
      title: r.cycle.title,
      deadline: r.cycle.deadline,
      reportId: r.report?.id ?? null,
      status: r.report?.status ?? null,
      progress: r.progress,
    })),
  };
}

/** Opening a cycle creates the State's report the first time (POST: no state change on GET). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireStateUser(request);
  const submission = parseWithZod(await readForm(request), { schema: OpenReportSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const cycle = await getCycle(submission.value.cycleId);
  if (!cycle || !isOpenForReporting(cycle.status)) notFound("No such open cycle");
  const reportId = await openReport(cycle, user.stateIso3, user.id, clientIp(context));
  return redirect(`/reports/${reportId}`);
}

export default function Reports() {
  const { stateName, rows } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const actionData = useActionData<typeof action>();
  const errorText = useErrorText();
  const errors = Object.values(actionData?.result.error ?? {}).flatMap((e) => e ?? []);
  const date = (s: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${s}T00:00:00Z`));
  return (
    <>
      <h1>{t("reports.title", { state: stateName })}</h1>
      {errors.length > 0 ? (
        <p className="error-summary" role="alert">
          {errors.map(errorText).join(" ")}
        </p>
      ) : null}
      {rows.length === 0 ? <p>{t("reports.noOpenCycles")}</p> : null}
      <ul className="cards">
        {rows.map((r) => (
          <li key={r.cycleId} className="card">
            <h2>{r.title}</h2>
            <p>{t("reports.deadline", { date: date(r.deadline) })}</p>
            <p>
              <span className={`tag tag--${r.status ?? "none"}`}>{r.status ? t(`reportStatus.${r.status}`) : t("reports.notStarted")}</span>
            </p>
            {r.progress ? (
              <p>
                {t("reports.progress", { complete: r.progress.complete, total: r.progress.paragraphs })}
                <progress max={r.progress.paragraphs} value={r.progress.complete} aria-hidden="true" />
              </p>
            ) : null}
            {r.reportId ? (
              <Link to={`/reports/${r.reportId}`} className="button">
                {t("reports.continue")}
              </Link>
            ) : (
              <Form method="post">
                <input type="hidden" name="cycleId" value={r.cycleId} />
                <button type="submit" className="button">
                  {t("reports.start")}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
