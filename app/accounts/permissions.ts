/**
 * One permissions module. A permission is `action:entity:scope`, where scope `own` means
 * "of the user's own State" and `any` means every State. Browser-safe, so the UI hides what
 * the server refuses; the server never relies on the hiding: every loader and action guards
 * with `requirePermission` (auth.server.ts) or `requireReport` (reporting/report-access.server.ts).
 */
import type { Role } from "#app/accounts/roles.ts";

export type Scope = "own" | "any";
export type Permission = `${string}:${string}:${Scope}`;

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    "manage:user:any",
    "invite:user:any",
    "change-role:user:any",
    "read:outbox:any",
    "export:audit:any",
    "manage:state-profile:any",
    "manage:cycle:any",
    "read:cycle:any",
    "read:progress:any",
    "read:report:any",
    "review:report:any",
    "read:audit:any",
    "manage:draft:any",
    "read:draft:any",
  ],
  secretariat: [
    "invite:user:any",
    "change-role:user:any",
    "manage:cycle:any",
    "read:cycle:any",
    "read:progress:any",
    "read:report:any",
    "review:report:any",
    "read:audit:any",
    "manage:draft:any",
    "read:draft:any",
  ],
  focal_point: [
    "read:cycle:own",
    "read:report:own",
    "edit:report:own",
    "submit:report:own",
    "invite:contributor:own",
    "read:audit:own",
    // Gives paragraphs to the State's contributors; sets the Permanent Mission's address.
    "assign:paragraph:own",
    "manage:state-profile:own",
    // Released drafts, in their public version: Commission members.
    "read:draft:any",
  ],
  contributor: ["read:cycle:own", "read:report:own", "edit:report:own", "read:audit:own", "read:draft:any", "handover:paragraph:own"],
};

/**
 * Whether `role` has `action:entity` at the needed scope: `any` satisfies `own`.
 * Pass `scope: "own"` for things of the user's own State.
 */
export function can(role: Role, action: string, entity: string, scope: Scope): boolean {
  const granted = ROLE_PERMISSIONS[role];
  return granted.includes(`${action}:${entity}:any`) || (scope === "own" && granted.includes(`${action}:${entity}:own`));
}
