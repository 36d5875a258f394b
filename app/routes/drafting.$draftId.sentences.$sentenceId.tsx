import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getLanguage } from "#app/utils/i18n.server.ts";
import { provenancePage, requireDraft } from "#app/drafting/pages.server.ts";
import { ProvenanceView } from "#app/drafting/components/provenance-view.tsx";

export const meta: MetaFunction = () => [{ title: "Sources of a sentence — Drafting" }];

/** Secretariat: a generated sentence's provenance and the answers behind its figures. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft } = await requireDraft(request, params.draftId, { manage: true });
  return provenancePage(draft, params.sentenceId, await getLanguage(request));
}

export default function SentenceSources() {
  const d = useLoaderData<typeof loader>();
  return <ProvenanceView d={d} />;
}
