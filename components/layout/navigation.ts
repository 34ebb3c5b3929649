// The header's navigation. Who sees an entry comes from the same route policy the page's
// guard enforces, so the header never offers a page that would refuse the user.
import { PAGE_POLICY, type PageRoute, type Policy } from "@/lib/auth/route-policy";

export type NavItem = { href: PageRoute; label: string; policy: Policy };

const entry = (href: PageRoute, label: string): NavItem => ({ href, label, policy: PAGE_POLICY[href] });

export const NAV_ITEMS: readonly NavItem[] = [
  entry("/", "Overview"),
  entry("/patients", "Patients"),
  entry("/review", "Review"),
  entry("/runs", "Runs"),
  entry("/scorecard", "Scorecard"),
  entry("/queues", "Queues"),
  entry("/stats", "Agreement"),
];

/** The operator's pages, grouped under one "Admin" menu to keep the header on one line. */
export const ADMIN_ITEMS: readonly NavItem[] = [
  entry("/admin/import", "Import"),
  entry("/admin/backends", "Backends"),
  entry("/admin/users", "Users"),
  entry("/admin/access-log", "Access log"),
];
