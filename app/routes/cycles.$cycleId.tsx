import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { CycleForm } from "#app/cycles/components/cycle-form.tsx";
import { updateCycle } from "#app/cycles/cycles.server.ts";
import { getCycle } from "#app/reporting/reports.server.ts";
import { requirePermission } from "#app/accounts/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { cycleFormOptions, parseCycleForm, periodDefaultHint } from "#app/cycles/cycle-form.server.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { invariantResponse } from "#app/utils/responses.ts";

export const meta: MetaFunction = () => [{ title: "Reporting cycle — Kyoto Reporting" }];

function cycleId(params: { cycleId?: string }) {
  const id = Number(params.cycleId);
  invariantResponse(Number.isInteger(id) && id > 0, "No such cycle");
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "manage", "cycle", "any");
  const cycle = await getCycle(cycleId(params));
  invariantResponse(cycle, "No such cycle");
  const s = cycle.scope;
  const lang = await getLanguage(request);
  return {
    cycle,
    options: await cycleFormOptions(lang),
    periodHint: await periodDefaultHint(lang, cycle.id),
    defaults: {
      title: cycle.title,
      versionId: String(cycle.versionId),
      scopeKind: s.kind,
      pillars: s.kind === "pillars" ? s.pillars.map(String) : [],
      themes: s.kind === "themes" ? s.themes.map(String) : [],
      paragraphs: s.kind === "paragraphs" ? s.refs.join(", ") : "",
      opensOn: cycle.opensOn,
      deadline: cycle.deadline,
      periodStart: cycle.periodStart ?? "",
      status: cycle.status,
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage", "cycle", "any");
  const id = cycleId(params);
  invariantResponse(await getCycle(id), "No such cycle");
  const { submission, cycle, fieldErrors } = await parseCycleForm(await readForm(request), id);
  if (!cycle) return data({ result: submission.reply(fieldErrors ? { fieldErrors } : undefined) }, { status: 400 });
  await updateCycle(id, cycle, user.id, clientIp(context));
  return redirect(`/cycles/${id}?saved=1`);
}

export default function EditCycle() {
  const { cycle, options, defaults, periodHint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <>
      <h1>{cycle.title}</h1>
      {params.get("created") || params.get("saved") ? (
        <p className="notice notice--ok" role="status">
          {params.get("created") ? t("cycles.created") : t("cycles.saved")}
        </p>
      ) : null}
      <CycleForm key={JSON.stringify(defaults)} options={options} defaults={defaults} lastResult={actionData?.result} submitLabel={t("cycles.save")} periodHint={periodHint} />
    </>
  );
}
