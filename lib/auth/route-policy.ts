// Who may open each route: the one table the guard reads and the route-discovery test
// checks against app/ (a route missing here fails the suite, and so does a stale entry).
// Pages are keyed by their path pattern, route handlers by "METHOD /api/pattern".
// [] means any signed-in user; "public" needs no user.
import type { Role } from "./roles";

export type Policy = readonly Role[] | "public";

const REVIEWERS: readonly Role[] = ["admin", "clinician", "annotator"];
const ADMIN: readonly Role[] = ["admin"];
const SIGNED_IN: readonly Role[] = [];

export const PAGE_POLICY = {
  "/sign-in": "public",
  "/forbidden": SIGNED_IN,
  "/": SIGNED_IN,
  "/account": SIGNED_IN,
  "/patients": REVIEWERS,
  "/patients/[id]": REVIEWERS,
  "/admin/users": ADMIN,
  "/admin/access-log": ADMIN,
  "/admin/import": ADMIN,
} as const satisfies Record<string, Policy>;

export const API_POLICY = {
  "GET /api/health": "public",
  // better-auth's own endpoints: sign-in, sign-out, session; they check the Origin themselves.
  "GET /api/auth/[...all]": "public",
  "POST /api/auth/[...all]": "public",
  "GET /api/patients": REVIEWERS,
  "GET /api/patients/[id]": REVIEWERS,
  "GET /api/patients/[id]/events": REVIEWERS,
  "GET /api/patients/[id]/trends": REVIEWERS,
  "GET /api/tokens": SIGNED_IN,
  "POST /api/tokens": SIGNED_IN,
  "DELETE /api/tokens/[id]": SIGNED_IN,
  "GET /api/admin/users": ADMIN,
  "POST /api/admin/users": ADMIN,
  "PATCH /api/admin/users/[id]": ADMIN,
  "GET /api/admin/access-log": ADMIN,
  "GET /api/admin/imports": ADMIN,
  "POST /api/admin/imports": ADMIN,
  "GET /api/admin/imports/[id]": ADMIN,
} as const satisfies Record<string, Policy>;

export type PageRoute = keyof typeof PAGE_POLICY;
export type ApiRoute = keyof typeof API_POLICY;
