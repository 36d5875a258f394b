import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { clientIp } from "#app/utils/context.ts";
import { requireDraft, sectionAction, sectionPage } from "#app/drafting/pages.server.ts";
import { SectionEditor } from "#app/drafting/components/section-editor.tsx";

export const meta: MetaFunction = () => [{ title: "Edit a section — Drafting" }];

/** Secretariat: edit one section (no JavaScript needed; autosave with it), with its revisions. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft } = await requireDraft(request, params.draftId, { manage: true });
  return sectionPage(draft, params.sectionId);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, draft } = await requireDraft(request, params.draftId, { manage: true });
  return sectionAction(request, user, draft, params.sectionId, clientIp(context));
}

export default function EditSection() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Parameters<typeof SectionEditor>[0]["reply"];
  return <SectionEditor d={d} reply={reply} />;
}
