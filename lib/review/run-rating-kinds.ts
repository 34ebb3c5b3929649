// Which ratings a reader may make of a run outside any queue, for the run page's "Rate this
// run" and "Grade the reasoning": clinicians judge agreement with the predictions, annotators
// grade the reasoning against the rubric, admins may do either. A run the reader reviews in a
// queue is rated there (loadRatingScope refuses it here), so it offers nothing.
import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { hasAnyRole, type Role } from "../auth/roles";
import { db } from "../db";
import { isRatedInQueueBy } from "./load-rating-scope";
import type { RunRatingKind } from "./run-rating-href";

const RATERS: Record<RunRatingKind, readonly Role[]> = {
  agreement: ["admin", "clinician"],
  rubric: ["admin", "annotator"],
};

export async function runRatingKinds(user: Pick<CurrentUser, "id" | "roles">, runId: string): Promise<RunRatingKind[]> {
  const kinds = (Object.keys(RATERS) as RunRatingKind[]).filter((kind) => hasAnyRole(user.roles, RATERS[kind]));
  const inQueue = await Promise.all(kinds.map((kind) => isRatedInQueueBy(db, { userId: user.id, runId, kind })));
  return kinds.filter((_, index) => !inQueue[index]);
}
