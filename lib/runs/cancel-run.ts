// Cancelling a run: whoever started it, or an admin, from any process. A streaming run stops
// where it is and keeps its partial output; a queued one never starts (its job finds it no
// longer queued). The database decides the race with the run's own end: only a queued or
// streaming run becomes cancelled. A run executing in another process is cancelled in the
// database, and that process hears of it by NOTIFY and aborts its request to the model.
import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { ConflictError, ForbiddenError } from "../http/errors";
import { requireReadableRun } from "./run-access";
import { RUN_CANCEL_CHANNEL, RUN_CHANGE_CHANNEL } from "./run-notifications";
import { announceRunChange } from "./run-signals";
import { stopLocalRun } from "./run-executor";

/** Marks a run this process does not execute as cancelled, with its terminal chunk; tells its worker. */
export async function recordCancel(runId: string, reason: string): Promise<boolean> {
  const cancelled = await db.$transaction(async (tx) => {
    const updated = await tx.predictionRun.updateMany({
      where: { id: runId, status: { in: ["queued", "streaming"] } },
      data: { status: "cancelled", error: reason, finishedAt: new Date() },
    });
    if (!updated.count) return false;
    // After the row lock above: no writer can add a chunk to a run that is not streaming.
    const last = await tx.runChunk.aggregate({ where: { runId }, _max: { seq: true } });
    await tx.runChunk.create({
      data: {
        runId,
        seq: (last._max.seq ?? 0) + 1,
        kind: "done",
        data: JSON.stringify({ status: "cancelled", reason }),
      },
    });
    // Delivered at commit: readers everywhere wake, and the worker executing it stops.
    await tx.$executeRaw`SELECT pg_notify(${RUN_CHANGE_CHANNEL}, ${runId}), pg_notify(${RUN_CANCEL_CHANNEL}, ${runId})`;
    return true;
  });
  if (cancelled) announceRunChange(runId);
  return cancelled;
}

export async function cancelRun(
  runId: string,
  user: Pick<CurrentUser, "id" | "name" | "roles">,
): Promise<{ status: string }> {
  // Someone who may not read the run learns nothing of it (404); a reader who did not start
  // it (a queue member) is told why not.
  const run = await requireReadableRun(runId, user);
  if (!user.roles.includes("admin") && run.createdById !== user.id) {
    throw new ForbiddenError("Only the person who started a run, or an admin, may cancel it.");
  }
  if (run.status !== "queued" && run.status !== "streaming") {
    throw new ConflictError(`The run has already ended (${run.status}).`);
  }
  const reason = `cancelled by ${user.name}`;
  const local = stopLocalRun(run.id, reason);
  if (local.state === "running") await local.finished;
  else await recordCancel(run.id, reason);
  const after = await db.predictionRun.findUniqueOrThrow({ where: { id: run.id }, select: { status: true } });
  return { status: after.status };
}
