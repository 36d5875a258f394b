import type { Role } from "#app/accounts/roles.ts";

/** Where a user lands after signing in. */
export function homeFor(role: Role): string {
  return role === "focal_point" || role === "contributor" ? "/reports" : "/cycles";
}
