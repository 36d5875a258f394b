import type { LoaderFunctionArgs } from "@remix-run/node";
import { docxResponse, requireDraft, versionOf } from "#app/drafting/pages.server.ts";

/** The draft as DOCX: `?version=internal|public` for the secretariat; Commission members get the public version of a released draft. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, manage } = await requireDraft(request, params.draftId);
  return docxResponse(draft, versionOf(request, manage));
}
