import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { CycleForm } from "#app/cycles/components/cycle-form.tsx";
import { createCycle } from "#app/cycles/cycles.server.ts";
import { requirePermission } from "#app/accounts/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { cycleFormOptions, parseCycleForm } from "#app/cycles/cycle-form.server.ts";
import { readForm } from "#app/utils/forms.server.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { INITIAL_CYCLE_STATUS } from "#app/cycles/cycle-status.ts";
import { periodDefaultHint } from "#app/cycles/cycle-form.server.ts";

export const meta: MetaFunction = () => [{ title: "New reporting cycle — Kyoto Reporting" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage", "cycle", "any");
  const lang = await getLanguage(request);
  return { options: await cycleFormOptions(lang), periodHint: await periodDefaultHint(lang) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage", "cycle", "any");
  const { submission, cycle, fieldErrors } = await parseCycleForm(await readForm(request));
  if (!cycle) return data({ result: submission.reply(fieldErrors ? { fieldErrors } : undefined) }, { status: 400 });
  const id = await createCycle({ ...cycle, createdBy: user.id }, user.id, clientIp(context));
  return redirect(`/cycles/${id}?created=1`);
}

export default function NewCycle() {
  const { options, periodHint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("cycles.new")}</h1>
      <CycleForm
        options={options}
        lastResult={actionData?.result}
        submitLabel={t("cycles.create")}
        periodHint={periodHint}
        // One pillar by default: the Commission takes one pillar a year.
        defaults={{ versionId: String(options.versions[0]?.id ?? ""), scopeKind: "pillars", pillars: [String(options.pillars[0]?.number ?? 1)], status: INITIAL_CYCLE_STATUS }}
      />
    </>
  );
}
