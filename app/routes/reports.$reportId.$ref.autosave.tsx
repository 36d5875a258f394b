import type { ActionFunctionArgs } from "@remix-run/node";
import { autosaveReply } from "#app/reporting/autosave.server.ts";

/** Autosave endpoint for the paragraph page (fetch with JavaScript on): app/reporting/autosave.server.ts, answered as a Response. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const reply = await autosaveReply(request, params, context);
  if (reply instanceof Response) return reply;
  return Response.json(reply.body, { status: reply.status, headers: { "Cache-Control": "no-store" } });
}

export async function loader() {
  return Response.json({ message: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
}
