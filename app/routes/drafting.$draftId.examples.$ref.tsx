import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "#app/utils/context.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { examplesAction, examplesPage, requireDraft } from "#app/drafting/pages.server.ts";
import { ExamplesView } from "#app/drafting/components/examples-view.tsx";

export const meta: MetaFunction = () => [{ title: "Choose examples — Drafting" }];

/** Secretariat: a paragraph's narratives grouped by similarity; pick the good practices to quote. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft } = await requireDraft(request, params.draftId, { manage: true });
  return examplesPage(draft, params.ref, await getLanguage(request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, draft } = await requireDraft(request, params.draftId, { manage: true });
  return examplesAction(request, user, draft, params.ref, clientIp(context));
}

export default function ChooseExamples() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return <ExamplesView d={d} lastResult={a?.result} />;
}
