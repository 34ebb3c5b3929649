// Who may open each route: the one table the guard reads and the route-discovery test
// checks against app/ (a route missing here fails the suite, and so does a stale entry).
// Pages are keyed by their path pattern, route handlers by "METHOD /api/pattern".
// [] means any signed-in user; "public" needs no user.
import type { Role } from "./roles";

export type Policy = readonly Role[] | "public";

const REVIEWERS: readonly Role[] = ["admin", "clinician", "annotator"];
const ADMIN: readonly Role[] = ["admin"];
// Prediction runs: every reviewer reads them (the review work may narrow this); clinicians and
// admins start, cancel (their own; admins any) and retry them. Batches are a study lead's tool.
const RUN_STARTERS: readonly Role[] = ["admin", "clinician"];
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
  "/runs": REVIEWERS,
  "/runs/[id]": REVIEWERS,
  "/admin/backends": ADMIN,
  // Scores read every run's ground truth: admins only.
  "/scorecard": ADMIN,
  // Reviews: reviewers rate what next() gives them; queues, adjudication and statistics are
  // the study lead's (admin).
  "/review": REVIEWERS,
  "/review/items/[id]": REVIEWERS,
  "/review/runs/[id]": REVIEWERS,
  "/queues": ADMIN,
  "/queues/[id]": ADMIN,
  "/queues/[id]/items/[itemId]": ADMIN,
  "/stats": ADMIN,
} as const satisfies Record<string, Policy>;

export const API_POLICY = {
  "GET /api/health": "public",
  "GET /api/openapi.json": SIGNED_IN,
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
  "GET /api/tasks": REVIEWERS,
  "GET /api/backends": REVIEWERS,
  "GET /api/runs": REVIEWERS,
  "POST /api/runs": RUN_STARTERS,
  "GET /api/runs/[id]": REVIEWERS,
  "GET /api/runs/[id]/stream": REVIEWERS,
  "GET /api/runs/[id]/prompt": REVIEWERS,
  "POST /api/runs/[id]/cancel": RUN_STARTERS,
  "POST /api/runs/[id]/retry": RUN_STARTERS,
  "GET /api/batches": ADMIN,
  "POST /api/batches": ADMIN,
  "GET /api/batches/[id]": ADMIN,
  "POST /api/batches/[id]/cancel": ADMIN,
  "GET /api/scorecard": ADMIN,
  // Ratings are the caller's own (blind rules in lib/review); queue building, statistics and
  // exports are the study lead's.
  "GET /api/runs/[id]/ratings": REVIEWERS,
  "GET /api/runs/[id]/ratings/me": REVIEWERS,
  "PUT /api/runs/[id]/ratings/me": REVIEWERS,
  "GET /api/queues": REVIEWERS,
  "POST /api/queues": ADMIN,
  "PATCH /api/queues/[id]": ADMIN,
  "POST /api/queues/[id]/items": ADMIN,
  "POST /api/queues/preview": ADMIN,
  "GET /api/queues/[id]/next": REVIEWERS,
  "POST /api/queues/[id]/items/[itemId]/skip": REVIEWERS,
  "POST /api/queues/[id]/items/[itemId]/flags": REVIEWERS,
  "PATCH /api/queues/[id]/flags/[flagId]": ADMIN,
  "POST /api/queues/[id]/runs": ADMIN,
  "PUT /api/queues/[id]/items/[itemId]/final-labels": ADMIN,
  "GET /api/stats/agreement": ADMIN,
  "GET /api/stats/progress": ADMIN,
  "GET /api/export/ratings.csv": ADMIN,
  "GET /api/export/ratings.jsonl": ADMIN,
  "GET /api/export/codebook.json": ADMIN,
  "GET /api/export/codebook.csv": ADMIN,
} as const satisfies Record<string, Policy>;

export type PageRoute = keyof typeof PAGE_POLICY;
export type ApiRoute = keyof typeof API_POLICY;
