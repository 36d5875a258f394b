import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "#app/utils/translation.tsx";
import { clientIp } from "#app/utils/context.ts";
import { draftAction, draftPage, requireDraft } from "#app/drafting/pages.server.ts";
import { DraftView } from "#app/drafting/components/draft-view.tsx";

export const meta: MetaFunction = ({ data }) => [{ title: data ? `${(data as { draft: { title: string } }).draft.title} — Drafting` : "Drafting" }];

/** A draft: the secretariat's working view (provenance, edits, flags), or a released public version. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, manage } = await requireDraft(request, params.draftId);
  return draftPage(draft, manage);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, draft } = await requireDraft(request, params.draftId, { manage: true });
  return draftAction(request, user, draft, clientIp(context));
}

export default function DraftPage() {
  const d = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { t } = useTranslation();
  const regenerated = search.get("regenerated");
  const flash =
    regenerated !== null
      ? t("drafting.regenerated", { count: Number(regenerated) })
      : search.get("saved")
        ? t("drafting.saved")
        : search.get("released")
          ? t("drafting.releasedNotice")
          : search.get("withdrawn")
            ? t("drafting.withdrawnNotice")
            : search.get("picked")
              ? t("drafting.pickedNotice", { ref: search.get("picked") })
              : null;
  return <DraftView d={d} flash={flash} reply={reply} />;
}
