// The header's navigation: each entry names the roles that may open it, so the header
// shows a user only what the guard of that page would let them see.
import type { Role } from "@/lib/auth/roles";

export type NavItem = { href: string; label: string; roles: readonly Role[] };

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/", label: "Overview", roles: [] },
  { href: "/patients", label: "Patients", roles: ["admin", "clinician", "annotator"] },
];
