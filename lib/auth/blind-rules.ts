// Blind review, enforced on the server. Three rules:
// 1. A rater sees only their own ratings (listRunRatings); admins see all, to adjudicate.
// 2. In a queue with hideAfterCutoff, a member who still has an item of a patient to rate
//    sees that patient's record only up to the item's cut-off: eventWindowFor() says until
//    when, and the events API refuses anything later (assertEventRangeVisible).
// 3. In a queue with groundTruthAfterRating, the ground truth appears only once the rater
//    has submitted (mayShowGroundTruth), and a submitted rating is final from then on.
// 4. While a member still has to rate a queue item, nothing they can see or fetch about its
//    run(s) betrays the backend: not its name (runs list and detail, and the list's backend
//    filter skips those runs), not its usage, timings, finish reason or error text.
// Pairwise sides are balanced per rater (presentedOrderFor): each run on the left for half of
// a rater's items, stable across reloads.
import "server-only";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { PrismaClient } from "../db/prisma-client";
import { ForbiddenError } from "../http/errors";
import { hmacHex } from "./server-secret";

export type EventWindow = {
  /** The last instant whose events the user may see (inclusive), or null for no limit. */
  visibleUntil: Date | null;
  /** The blind queues that impose the limit (for the message and the access log). */
  queueIds: string[];
};

/**
 * The part of a patient's record `user` may see at time `at` (default now). Membership, not
 * an assignment, is what restricts: a member could otherwise read a patient's future before
 * next() hands them that patient. An item stops restricting once the user has submitted it,
 * or once it is complete and they do not hold a live reservation on it (they will not be
 * given it), or when its queue has been archived by `at`. Admins are restricted like anyone
 * else while they are raters in a blind queue.
 */
export async function eventWindowFor(
  user: { id: string },
  patientId: string,
  at: Date = new Date(),
): Promise<EventWindow> {
  const items = await db.queueItem.findMany({
    where: {
      patientId,
      queue: {
        hideAfterCutoff: true,
        members: { some: { userId: user.id } },
        OR: [{ archivedAt: null }, { archivedAt: { gt: at } }],
      },
      NOT: { assignments: { some: { userId: user.id, status: "submitted" } } },
      OR: [
        { status: { not: "complete" } },
        {
          assignments: {
            some: { userId: user.id, status: "reserved", OR: [{ reservedUntil: null }, { reservedUntil: { gt: at } }] },
          },
        },
      ],
    },
    select: { cutoff: true, queueId: true },
  });
  if (!items.length) return { visibleUntil: null, queueIds: [] };
  const earliest = Math.min(...items.map((item) => item.cutoff.getTime()));
  return { visibleUntil: new Date(earliest), queueIds: [...new Set(items.map((item) => item.queueId))] };
}

/** The exclusive end of what may be fetched ([from, to) windows), or null for no limit. */
export function visibleEnd(window: EventWindow): Date | null {
  return window.visibleUntil ? new Date(window.visibleUntil.getTime() + 1) : null;
}

/**
 * For the events and trends APIs: refuses a request for a window [from, to) reaching past what the
 * user may see. An open end (no `to`) reaches past any limit.
 */
export function assertEventRangeVisible(window: EventWindow, range: { to?: Date }): void {
  const end = visibleEnd(window);
  if (!end) return;
  // from < to, so a window whose end is visible is visible as a whole.
  if (!range.to || range.to.getTime() > end.getTime()) {
    throw new ForbiddenError(
      `Blind review: this patient's record is shown up to ${window.visibleUntil!.toISOString()} until you have rated it.`,
    );
  }
}

export function mayShowGroundTruth(
  queue: { groundTruthAfterRating: boolean } | null,
  rating: { status: string } | null,
): boolean {
  if (!queue?.groundTruthAfterRating) return true;
  return rating?.status === "submitted";
}

type OrderReader = {
  queueItem: Pick<PrismaClient["queueItem"], "findUnique">;
  assignment: Pick<PrismaClient["assignment"], "findMany">;
};

/**
 * Which run a rater sees on the left of a pairwise item ("AB": run A). Balanced per rater:
 * the rater's items of the queue, in the order they were given them (their assignments),
 * alternate AB, BA, AB… from a start that a keyed hash of (rater, queue) picks, so each
 * backend is on the left for half of a rater's items (one more at most), whichever items and
 * however many they rate, and a rater cannot tell the start from the first item. Stable: a
 * new assignment comes after the earlier ones, and a saved rating keeps the order it was
 * shown with (Rating.presentedOrder). An item not assigned yet is placed after the others.
 */
export async function presentedOrderFor(
  client: OrderReader,
  userId: string,
  queueItemId: string,
): Promise<"AB" | "BA"> {
  const item = await client.queueItem.findUnique({ where: { id: queueItemId }, select: { queueId: true } });
  if (!item) return "AB";
  const assignments = await client.assignment.findMany({
    where: { userId, queueItem: { queueId: item.queueId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { queueItemId: true },
  });
  const given = assignments.findIndex((assignment) => assignment.queueItemId === queueItemId);
  const index = given >= 0 ? given : assignments.length;
  const start = Number.parseInt(hmacHex("pairwise-order", `${userId}:${item.queueId}`).slice(0, 2), 16) % 2;
  return (index + start) % 2 === 0 ? "AB" : "BA";
}

/**
 * The queue items that still keep `user` blind to their runs' backend: in an open queue they
 * are a member of, and not yet submitted by them (the same rule as runBlindingFor).
 */
function openItemsOf(userId: string): Prisma.QueueItemWhereInput {
  return {
    queue: { archivedAt: null, members: { some: { userId } } },
    NOT: { ratings: { some: { userId, status: "submitted" } } },
  };
}

/** Runs whose backend `user` may not see yet, as a filter for lists (the runs list and its backend filter). */
export function blindRunsWhere(user: { id: string }): Prisma.PredictionRunWhereInput {
  const open = openItemsOf(user.id);
  return { OR: [{ queueItems: { some: open } }, { queueItemsB: { some: open } }] };
}

/** Of `runIds`, those whose backend `user` may not see yet. */
export async function blindRunIds(user: { id: string }, runIds: readonly string[]): Promise<Set<string>> {
  if (!runIds.length) return new Set();
  const blind = await db.predictionRun.findMany({
    where: { id: { in: [...runIds] }, ...blindRunsWhere(user) },
    select: { id: true },
  });
  return new Set(blind.map((run) => run.id));
}

/**
 * For the runs API (GET /api/runs/:id and its ground truth): while `user` still has to rate a
 * queue item showing this run, the model behind it stays hidden (queue reviews are blind to
 * the model, and pairwise sides must not be unmasked by looking the run up), and so does the
 * ground truth where the queue shows it only after rating.
 */
export async function runBlindingFor(
  user: { id: string },
  runId: string,
): Promise<{ hidesModel: boolean; hidesGroundTruth: boolean }> {
  const open = await db.queueItem.findMany({
    where: { OR: [{ runId }, { runBId: runId }], ...openItemsOf(user.id) },
    select: { queue: { select: { groundTruthAfterRating: true } } },
  });
  return {
    hidesModel: open.length > 0,
    hidesGroundTruth: open.some((item) => item.queue.groundTruthAfterRating),
  };
}
