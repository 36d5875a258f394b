import type { ActionFunctionArgs } from "@remix-run/node";
import { outcomeStatus, saveParagraph } from "#app/reporting/answer-save.server.ts";
import { asJsonResponse } from "#app/utils/responses.ts";

/**
 * Autosave endpoint for the paragraph page (fetch with JavaScript on): the same guard and
 * the same save as the page's form post, answered in JSON.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  try {
    const { outcome } = await saveParagraph(request, params, context);
    // The browser already has what it typed: the answer carries revisions, errors and conflicts only.
    const { values: _values, ...reply } = outcome;
    return Response.json(reply, { status: outcomeStatus(outcome), headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return asJsonResponse(error);
  }
}

export async function loader() {
  return Response.json({ message: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
}
