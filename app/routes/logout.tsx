import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logAudit } from "#app/audit/audit.server.ts";
import { deleteSession } from "#app/accounts/sessions.server.ts";
import { getUser } from "#app/accounts/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { clearSessionCookie, readSessionId } from "#app/accounts/session-cookie.server.ts";

/** Sign out ends the session on the server, not only in the browser. POST only. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getUser(request);
  const id = await readSessionId(request);
  if (id) await deleteSession(id);
  if (user) await logAudit({ actorUserId: user.id, action: "auth.logout", entityType: "user", entityId: user.id, ip: clientIp(context) });
  return redirect("/", { headers: { "Set-Cookie": await clearSessionCookie(request) } });
}

export async function loader() {
  return redirect("/");
}
