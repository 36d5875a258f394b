/**
 * The roles of a user. Browser-safe vocabulary (imports nothing): db/schema, the server and
 * components import it. What each role may do is in permissions.ts.
 */

export const ROLES = ["admin", "secretariat", "focal_point", "contributor"] as const;
export type Role = (typeof ROLES)[number];

/** Roles that report for one State (their user row carries its ISO3 code). */
export const STATE_ROLES = ["focal_point", "contributor"] as const satisfies readonly Role[];

export function isStateRole(role: Role): boolean {
  return (STATE_ROLES as readonly Role[]).includes(role);
}
