// Roles a user may hold (several at once), stored comma-separated in user.role as
// better-auth's admin plugin does.
export const ROLES = ["admin", "clinician", "annotator"] as const;
export type Role = (typeof ROLES)[number];

export function parseRoles(value: string | null | undefined): Role[] {
  return (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part): part is Role => (ROLES as readonly string[]).includes(part));
}

export function formatRoles(roles: readonly Role[]): string {
  return ROLES.filter((role) => roles.includes(role)).join(",");
}

export function hasAnyRole(held: readonly Role[], allowed: readonly Role[]): boolean {
  return allowed.length === 0 || held.some((role) => allowed.includes(role));
}
