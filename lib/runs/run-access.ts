// Who may read a run: admins; the person who started it; and the members of a review queue
// that holds it. Anyone else gets "not found" (404), so run ids reveal nothing. Patients stay
// open to every reviewer; a run is a model's verdict about a patient, shared only with the
// people asked to judge it.
import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { NotFoundError } from "../http/errors";
import { requireRun } from "./require-run";

type Reader = Pick<CurrentUser, "id" | "roles">;

/** The runs `user` may read, as a filter for lists. */
export function readableRunsWhere(user: Reader): Prisma.PredictionRunWhereInput {
  if (user.roles.includes("admin")) return {};
  const inMyQueue = { queue: { members: { some: { userId: user.id } } } };
  return { OR: [{ createdById: user.id }, { queueItems: { some: inMyQueue } }, { queueItemsB: { some: inMyQueue } }] };
}

/** The run, when `user` may read it; 404 otherwise (and for ids that are not runs). */
export async function requireReadableRun(id: string, user: Reader) {
  const run = await requireRun(id);
  if (user.roles.includes("admin") || run.createdById === user.id) return run;
  const readable = await db.predictionRun.count({ where: { id: run.id, ...readableRunsWhere(user) } });
  if (!readable) throw new NotFoundError("Run");
  return run;
}
