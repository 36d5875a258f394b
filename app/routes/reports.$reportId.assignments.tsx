import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { refuse, type SessionUser } from "#app/accounts/auth.server.ts";
import { can } from "#app/accounts/permissions.ts";
import { AssignForm, AssignmentsTable } from "#app/reporting/components/assignments.tsx";
import { HandoverNotice } from "#app/reporting/components/handover.tsx";
import { ReportHeader } from "#app/reporting/components/report-header.tsx";
import { assignmentsView, assignAndNotify, AssignError } from "#app/reporting/handover.server.ts";
import { AssignSchema } from "#app/reporting/handover.ts";
import { requireReport } from "#app/reporting/report-access.server.ts";
import { reportHeader } from "#app/reporting/report-view.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";

export const meta: MetaFunction = () => [{ title: "Assignments — Kyoto Reporting" }];

/** Only the State's focal point gives work to the State's contributors. */
async function requireAssigner(request: Request, reportId: string | undefined, need: "read" | "edit") {
  const { user, ctx, own } = await requireReport(request, reportId, need);
  if (!own || !can(user.role, "assign", "paragraph", "own")) await refuse(user as SessionUser, "assign:paragraph:own", new URL(request.url).pathname);
  return { user, ctx };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx } = await requireAssigner(request, params.reportId, "read");
  const lang = await getLanguage(request);
  return { header: await reportHeader(ctx, lang), assignments: assignmentsView(ctx, lang) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, ctx } = await requireAssigner(request, params.reportId, "edit");
  const form = await readForm(request);
  const submission = parseWithZod(form, { schema: AssignSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  try {
    const changed = await assignAndNotify(ctx, submission.value.target, submission.value.assignee, user, clientIp(context));
    return redirect(`/reports/${ctx.report.id}/assignments?assigned=${changed}`);
  } catch (error) {
    if (error instanceof AssignError) {
      const field = error.key === "assign.chooseAssignee" ? "assignee" : "target";
      return data({ result: submission.reply({ fieldErrors: { [field]: [error.key] } }) }, { status: 400 });
    }
    throw error;
  }
}

export default function Assignments() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <ReportHeader data={d.header} />
      <h1>{t("assign.title")}</h1>
      <p>{t("assign.intro")}</p>
      <AssignedNotice />
      <HandoverNotice />
      {d.assignments.contributors.length === 0 ? (
        <p className="notice" role="note">
          {t("assign.noContributors")}
        </p>
      ) : null}
      <AssignForm data={d.assignments} lastResult={a?.result} />
      <AssignmentsTable data={d.assignments} />
    </>
  );
}

/** After an assignment: how many paragraphs changed hands. */
function AssignedNotice() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const v = params.get("assigned");
  if (v === null || !/^\d{1,4}$/.test(v)) return null;
  return (
    <p className="notice notice--ok" role="status">
      {t("assign.done", { count: Number(v) })}
    </p>
  );
}
