/**
 * Guards for loaders and actions: every one starts with one of these.
 * 401 when nobody is signed in, 403 when the role lacks the permission, 404 for another
 * State's things (so their existence is not revealed).
 */
import { data } from "@remix-run/node";
import { getAnySession, getSessionUser, type PendingSession, type SessionUser } from "#app/accounts/sessions.server.ts";
import { logAudit } from "#app/audit/audit.server.ts";
import { can, type Scope } from "#app/accounts/permissions.ts";
import { readSessionId } from "#app/accounts/session-cookie.server.ts";
import { requestUserMask } from "#app/utils/markup-once.server.ts";
import type { RequestHead } from "#app/utils/forms.server.ts";

export type { SessionUser };

const cache = new WeakMap<RequestHead, Promise<SessionUser | null>>();

/**
 * The signed-in user, or null. Read once per request. When the page cache renders a shared
 * page for a role (server/page-cache.ts), the personal fields come back as placeholders.
 */
export function getUser(request: RequestHead): Promise<SessionUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    const mask = requestUserMask();
    pending = readSessionId(request)
      .then((id) => (id ? getSessionUser(id) : null))
      .then((user) => (user && mask ? { ...user, name: mask.name, email: mask.email, stateIso3: user.stateIso3 === null ? null : mask.stateIso3 } : user));
    cache.set(request, pending);
  }
  return pending;
}

export async function requireUser(request: RequestHead): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw data(
      { message: "Sign in to continue.", signIn: `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}` },
      { status: 401 },
    );
  }
  return user;
}

/** Requires `action:entity` at `scope` (`any` satisfies `own`). Refusals are audited. */
export async function requirePermission(request: Request, action: string, entity: string, scope: Scope = "any"): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user.role, action, entity, scope)) {
    await refuse(user, `${action}:${entity}:${scope}`, new URL(request.url).pathname);
  }
  return user;
}

/** Audit the refusal and throw 403. */
export async function refuse(user: SessionUser, what: string, where: string): Promise<never> {
  await logAudit({
    actorUserId: user.id,
    action: "authorization.refused",
    entityType: "route",
    entityId: where,
    newValue: { permission: what },
    outcome: "refused",
  });
  throw data({ message: "You do not have permission to do this." }, { status: 403 });
}

export function notFound(message = "Not found"): never {
  throw data({ message }, { status: 404 });
}

/**
 * The session of this request whatever its stage: the two-factor page needs a session that
 * has given its password; the enrolment page takes one that must set up two-factor sign-in
 * as well as a signed-in one.
 */
export async function getSessionAnyStage(request: Request): Promise<PendingSession | null> {
  const id = await readSessionId(request);
  return id ? getAnySession(id) : null;
}
