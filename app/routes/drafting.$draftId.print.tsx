import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { printPage, requireDraft, versionOf } from "#app/drafting/pages.server.ts";
import { PrintView } from "#app/drafting/components/print-view.tsx";

export const meta: MetaFunction = ({ data }) => [{ title: data ? (data as { title: string }).title : "Draft" }];

/** The draft laid out for printing to PDF (print stylesheet), in the version the reader may have. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, manage } = await requireDraft(request, params.draftId);
  return printPage(draft, versionOf(request, manage));
}

export default function PrintDraft() {
  const d = useLoaderData<typeof loader>();
  return <PrintView d={d} />;
}
