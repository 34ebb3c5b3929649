// Saving a rating: autosaved drafts and the final submit go through here. Optimistic
// concurrency: the caller names the version it edited; anything else is a 409 carrying both
// versions, never a silent overwrite. Every new version is also written as a RatingRevision
// in the same transaction, so the history is exactly the versions that existed.
import "server-only";
import { db } from "../db";
import { Prisma, type Rating } from "../generated/prisma/client";
import { ConflictError, ValidationError } from "../http/errors";
import { presentedOrderFor } from "../auth/blind-rules";
import { loadRatingScope } from "./load-rating-scope";
import { recordSubmission } from "./queue-item-status";
import { ratingProblems, unansweredParts } from "./rating-rules";
import { ratingView } from "./rating-view";
import { RatingContent, type RatingConflict, type RatingView, type SaveRatingRequest } from "./save-rating.types";

const CONTENT_FIELDS = ["overall", "confidence", "items", "missingItems", "rubric", "steps", "comment"] as const;

function contentOf(source: RatingContent): RatingContent {
  return Object.fromEntries(CONTENT_FIELDS.map((field) => [field, source[field]])) as RatingContent;
}

const EMPTY_CONTENT = RatingContent.parse({});

/** The content fields whose value differs (JSON equality: the columns are JSON or scalars). */
function changedFields(before: RatingContent, after: RatingContent): string[] {
  return CONTENT_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}

function conflict(message: string, details: RatingConflict): ConflictError {
  return new ConflictError(message, details);
}

function staleConflict(current: Rating | null, input: SaveRatingRequest): ConflictError {
  return conflict(
    current
      ? `This rating was saved elsewhere (version ${current.version}; you edited version ${input.version}).`
      : "This rating no longer exists in the version you edited.",
    { reason: "stale", current: current ? ratingView(current) : null, yours: input },
  );
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function saveRating({
  userId,
  runId,
  input,
}: {
  userId: string;
  runId: string;
  input: SaveRatingRequest;
}): Promise<RatingView> {
  try {
    return await db.$transaction((tx) => saveInTransaction(tx, { userId, runId, input }), {
      maxWait: 10_000,
      timeout: 20_000,
    });
  } catch (error) {
    // Two first saves of the same rating raced; the loser edited a version that is now stale.
    if (!isUniqueViolation(error)) throw error;
    const current = await db.rating.findUnique({
      where: { runId_userId_kind: { runId, userId, kind: input.kind } },
    });
    throw staleConflict(current, input);
  }
}

async function saveInTransaction(
  tx: Prisma.TransactionClient,
  { userId, runId, input }: { userId: string; runId: string; input: SaveRatingRequest },
): Promise<RatingView> {
  const scope = await loadRatingScope(tx, { userId, runId, kind: input.kind, queueItemId: input.queueItemId });
  const content = contentOf(input);
  const problems = ratingProblems(content, scope.target);
  if (problems.length) throw new ValidationError(problems[0], { problems });

  // The row lock makes version check and write one step against concurrent saves.
  const [locked] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM rating
    WHERE "runId" = ${runId} AND "userId" = ${userId} AND kind = ${input.kind}::review_kind
    FOR UPDATE`;
  const current = locked ? await tx.rating.findUniqueOrThrow({ where: { id: locked.id } }) : null;
  if ((current?.version ?? 0) !== input.version) throw staleConflict(current, input);

  const before = current ? ratingView(current) : null;
  const changed = changedFields(before ?? EMPTY_CONTENT, content);
  const status = before?.status === "submitted" ? "submitted" : input.status;
  const isSubmitting = status === "submitted" && before?.status !== "submitted";
  const timeSpentMs = Math.max(before?.timeSpentMs ?? 0, input.timeSpentMs);

  if (current && before && !changed.length && !isSubmitting) {
    // Nothing the rater wrote changed: no new version, only the clock moves.
    if (timeSpentMs === current.timeSpentMs) return before;
    return ratingView(await tx.rating.update({ where: { id: current.id }, data: { timeSpentMs } }));
  }
  if (before?.status === "submitted" && scope.queue?.groundTruthAfterRating) {
    throw conflict("This rating was submitted and the ground truth has been shown; it can no longer be changed.", {
      reason: "final",
      current: before,
    });
  }
  if (isSubmitting) {
    if (scope.run.status !== "done") throw new ValidationError("The run has not finished; it cannot be rated yet.");
    const unanswered = unansweredParts(content, scope.target);
    if (unanswered.length) throw new ValidationError(`Still to answer: ${unanswered.join(", ")}.`, { unanswered });
  }

  const version = (current?.version ?? 0) + 1;
  // One clock reading for every timestamp of this save. Left to Prisma, createdAt and
  // updatedAt were read a moment after `now`, so a rating submitted on its first save was
  // exported as submitted before it was created (issue 18, bug 12).
  const now = new Date();
  const data = {
    ...content,
    status,
    timeSpentMs,
    version,
    updatedAt: now,
    submittedAt: isSubmitting ? now : (current?.submittedAt ?? null),
    presentedOrder:
      scope.queue?.kind === "pairwise" && scope.queueItemId
        ? (current?.presentedOrder ?? (await presentedOrderFor(tx, userId, scope.queueItemId)))
        : null,
  };
  const saved = current
    ? await tx.rating.update({ where: { id: current.id }, data })
    : await tx.rating.create({
        data: { ...data, createdAt: now, runId, userId, kind: input.kind, queueItemId: scope.queueItemId },
      });
  await tx.ratingRevision.create({
    data: {
      ratingId: saved.id,
      version,
      userId,
      createdAt: now,
      data: { ...content, status, timeSpentMs, changed: isSubmitting ? [...changed, "status"] : changed },
    },
  });
  if (isSubmitting && scope.queue && scope.queueItemId) {
    await recordSubmission(tx, {
      queueItemId: scope.queueItemId,
      userId,
      reviewersPerItem: scope.queue.reviewersPerItem,
    });
  }
  return ratingView(saved);
}
