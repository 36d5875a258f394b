/**
 * The two sides of a comment thread: the secretariat (and admins) on one, the State's users
 * on the other. Only the side that opened a thread resolves it; the other side replies.
 * Browser-safe.
 */
import { isStateRole, type Role } from "#app/accounts/roles.ts";

export type ThreadSide = "secretariat" | "state";

export function sideOf(role: Role | string): ThreadSide {
  return isStateRole(role as Role) ? "state" : "secretariat";
}

export function mayResolve(threadOpenedBy: Role | string, viewer: Role | string): boolean {
  return sideOf(threadOpenedBy) === sideOf(viewer);
}
