// Ends a run that nobody will finish: a run whose own end could not be recorded (the database
// was unreachable at that moment). It gets status failed, its message, and a terminal error
// chunk, so every stream reader stops waiting and the reviewer sees why. (Runs whose worker is
// gone are not failed: they go back to the queue, run-worker.ts.)
import type { PrismaClient } from "../db/prisma-client";

export const END_NOT_RECORDED_MESSAGE =
  "the run's end could not be recorded (the database was unavailable); its output stops here: retry it";

/** Fails the run if it is still queued or streaming; returns how many (0 or 1). */
export async function failUnfinishedRun(prisma: PrismaClient, message: string, runId: string): Promise<number> {
  const chunk = JSON.stringify({ message });
  return prisma.$executeRaw`
    WITH unfinished AS (
      UPDATE prediction_run SET status = 'failed', error = ${message}, "finishedAt" = now()
      WHERE status IN ('queued', 'streaming') AND id = ${runId}::text
      RETURNING id
    )
    INSERT INTO run_chunk ("runId", seq, kind, data, at)
    SELECT u.id, coalesce((SELECT max(c.seq) FROM run_chunk c WHERE c."runId" = u.id), 0) + 1, 'error', ${chunk}, now()
    FROM unfinished u`;
}

const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000];

/**
 * Retries `attempt` (recording a run's end) with growing pauses, then every minute, until it
 * succeeds or `giveUpAfterMs` has passed. Resolves true once recorded. Never throws: it runs
 * after the request that started the run has long gone.
 */
export async function retryUntilRecorded(
  attempt: () => Promise<unknown>,
  { giveUpAfterMs = 30 * 60_000, delays = RETRY_DELAYS_MS } = {},
): Promise<boolean> {
  const deadline = Date.now() + giveUpAfterMs;
  for (let i = 0; ; i++) {
    const pause = delays[Math.min(i, delays.length - 1)];
    if (Date.now() + pause > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, pause));
    try {
      await attempt();
      return true;
    } catch {
      // Still unreachable: the next pause is longer.
    }
  }
}
