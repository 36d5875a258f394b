import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { logAudit } from "#app/models/audit.server.ts";
import { deleteSession } from "#app/models/sessions.server.ts";
import { getUser } from "#app/utils/auth.server.ts";
import { clientIp } from "#app/utils/context.ts";
import { clearSessionCookie, readSessionId } from "#app/utils/session.server.ts";

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
