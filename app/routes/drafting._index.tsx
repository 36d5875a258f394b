import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "#app/accounts/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { draftsIndex, generateAction } from "#app/drafting/pages.server.ts";
import { DraftsIndex } from "#app/drafting/components/drafts-index.tsx";

export const meta: MetaFunction = () => [{ title: "Drafting — Kyoto Reporting" }];

/** The secretariat's drafts and the form to generate one; Commission members: released drafts. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "draft", "any");
  return draftsIndex(user, await getLanguage(request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage", "draft", "any");
  return generateAction(request, user, clientIp(context));
}

export default function DraftingIndex() {
  const d = useLoaderData<typeof loader>();
  const a = useActionData<typeof action>();
  return <DraftsIndex d={d} lastResult={a && "result" in a ? a.result : undefined} />;
}
