// Cancelling a run: whoever started it, or an admin. A streaming run stops where it is and
// keeps its partial output; a queued one never starts. The database decides the race with the
// run's own end: only a queued or streaming run becomes cancelled.
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { ConflictError, ForbiddenError } from "../http/errors";
import { requireReadableRun } from "./run-access";
import { announceRunChange } from "./run-signals";
import { stopLocalRun } from "./run-executor";

/** Marks a run this process does not execute as cancelled, with its terminal chunk. */
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
