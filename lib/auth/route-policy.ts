// Who may open each page: the table the page guard reads and the route-discovery test checks
// against app/ (a page missing here fails the suite, and so does a stale entry). Route
// handlers are in routes.ts, keyed by "METHOD /api/pattern", with these role sets.
// [] means any signed-in user; "public" needs no user.
import type { AccessEntry } from "./access-log";
import type { Role } from "./roles";

export type Policy = readonly Role[] | "public";

export const REVIEWERS: readonly Role[] = ["admin", "clinician", "annotator"];
export const ADMIN: readonly Role[] = ["admin"];
// Prediction runs: every reviewer reads them (the review work may narrow this); clinicians and
// admins start, cancel (their own; admins any) and retry them. Batches are a study lead's tool.
export const RUN_STARTERS: readonly Role[] = ["admin", "clinician"];
export const SIGNED_IN: readonly Role[] = [];

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

export type PageRoute = keyof typeof PAGE_POLICY;

/**
 * The pages that show a patient's record or a run, and what the access log records of a view
 * (requirePageView in guard.ts writes it; the page names the resource it showed).
 */
export const PAGE_ACCESS_LOG = {
  "/patients/[id]": { action: "view", resourceType: "patient" },
  "/runs/[id]": { action: "view", resourceType: "run" },
  "/review/items/[id]": { action: "view", resourceType: "run" },
  "/review/runs/[id]": { action: "view", resourceType: "run" },
  "/queues/[id]/items/[itemId]": { action: "view", resourceType: "run" },
} as const satisfies Partial<Record<PageRoute, Pick<AccessEntry, "action" | "resourceType">>>;

export type LoggedPage = keyof typeof PAGE_ACCESS_LOG;
