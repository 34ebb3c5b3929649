// GET /api/runs/:id/ratings under the blind rules: a rater gets their own ratings of the run
// and nothing else; asking for another rater's is refused outright (not filtered to empty),
// so a probing client learns it is not allowed rather than that there is nothing.
import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { ForbiddenError, NotFoundError } from "../http/errors";
import type { ReviewKind } from "./queue-config";
import { ratingView } from "./rating-view";
import type { RatingView } from "./save-rating.types";

export async function listRunRatings({
  user,
  runId,
  raterId,
  kind,
}: {
  user: Pick<CurrentUser, "id" | "roles">;
  runId: string;
  raterId?: string;
  kind?: ReviewKind;
}): Promise<RatingView[]> {
  const isAdmin = user.roles.includes("admin");
  if (raterId && raterId !== user.id && !isAdmin) throw new ForbiddenError("You can only see your own ratings.");
  const run = await db.predictionRun.findUnique({ where: { id: runId }, select: { id: true } });
  if (!run) throw new NotFoundError("Run");
  const rows = await db.rating.findMany({
    where: { runId, kind, userId: isAdmin ? raterId : user.id },
    orderBy: [{ kind: "asc" }, { createdAt: "asc" }],
  });
  return rows.map(ratingView);
}
