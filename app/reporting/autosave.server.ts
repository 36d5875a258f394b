import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { outcomeStatus, saveParagraph } from "#app/reporting/answer-save.server.ts";
import type { FormRequest } from "#app/utils/forms.server.ts";
import { asJsonReply } from "#app/utils/responses.ts";

/** An autosave's answer before it becomes a response: a status and a JSON body, or a thrown Response as it was thrown. */
export type AutosaveReply = { status: number; body: unknown } | Response;

/**
 * The autosave itself: the same guard and the same save as the page's form post, answered in
 * JSON. The route's `action` (app/routes/reports.$reportId.$ref.autosave.tsx) wraps it in a
 * Response for Remix; the production door (server/autosave-door.ts, ADR 008 "One door for
 * autosave") reaches it through the server build's entry (app/entry.server.tsx), calls it with
 * the body already read and writes the JSON itself, sparing a web Request and Response per
 * save (issue 16).
 */
export async function autosaveReply(request: FormRequest, params: ActionFunctionArgs["params"], context: AppLoadContext): Promise<AutosaveReply> {
  try {
    const { outcome } = await saveParagraph(request, params, context);
    // The browser already has what it typed: the answer carries revisions, errors and conflicts only.
    const { values: _values, ...reply } = outcome;
    return { status: outcomeStatus(outcome), body: reply };
  } catch (error) {
    return asJsonReply(error);
  }
}
