// The in-process executor: runs execute here, on the server, whether or not anyone watches,
// at most runConcurrency() at a time per backend so a batch cannot overload a model server
// (and slow EHR-R1 runs never hold up the instant baseline). State lives on globalThis: Next
// bundles route handlers separately, and they must all share one queue.
import { db } from "../db";
import { executeRun } from "./execute-run";
import { END_NOT_RECORDED_MESSAGE, failUnfinishedRuns, retryUntilRecorded } from "./fail-unfinished-runs";
import { announceRunChange } from "./run-signals";
import { runConcurrency } from "./run-settings";

type Job = {
  runId: string;
  backendId: string;
  controller: AbortController;
  cancelReason: string;
  finished: Promise<void>;
  resolve: () => void;
};

type Lane = { active: Set<Job>; waiting: Job[] };

type ExecutorState = { lanes: Map<string, Lane>; jobs: Map<string, Job> };

const KEY = Symbol.for("ehr-r1-review.run-executor");
const store = globalThis as unknown as Record<symbol, ExecutorState | undefined>;

function state(): ExecutorState {
  store[KEY] ??= { lanes: new Map(), jobs: new Map() };
  return store[KEY];
}

function laneOf(backendId: string): Lane {
  const { lanes } = state();
  let lane = lanes.get(backendId);
  if (!lane) {
    lane = { active: new Set(), waiting: [] };
    lanes.set(backendId, lane);
  }
  return lane;
}

function pump(lane: Lane): void {
  while (lane.active.size < runConcurrency() && lane.waiting.length) {
    const job = lane.waiting.shift()!;
    lane.active.add(job);
    executeRun(job.runId, job.controller.signal, () => job.cancelReason)
      .catch(async (error) => {
        // The run is still "streaming" in the database and its readers wait for an end:
        // record one as soon as the database answers again.
        console.error(`run ${job.runId}: could not record its end; retrying:`, error);
        const recorded = await retryUntilRecorded(() => failUnfinishedRuns(db, END_NOT_RECORDED_MESSAGE, job.runId));
        if (recorded) announceRunChange(job.runId);
        else console.error(`run ${job.runId}: gave up recording its end; the next start marks it failed`);
      })
      .finally(() => {
        lane.active.delete(job);
        state().jobs.delete(job.runId);
        job.resolve();
        pump(lane);
      });
  }
}

/** Queues a run; the promise settles when it has ended (it never rejects). */
export function submitRun(runId: string, backendId: string): Promise<void> {
  const existing = state().jobs.get(runId);
  if (existing) return existing.finished;
  let resolve!: () => void;
  const finished = new Promise<void>((r) => (resolve = r));
  const job: Job = {
    runId,
    backendId,
    controller: new AbortController(),
    cancelReason: "cancelled",
    finished,
    resolve,
  };
  state().jobs.set(runId, job);
  const lane = laneOf(backendId);
  lane.waiting.push(job);
  pump(lane);
  return finished;
}

/** Whether this process holds the run (queued here, or executing): it has not ended here yet. */
export function holdsRun(runId: string): boolean {
  return state().jobs.has(runId);
}

/**
 * Stops a run this process holds. "running": aborted, and `finished` settles once it has
 * recorded itself as cancelled. "dequeued": it had not started; the caller records the
 * cancel. "unknown": not here (finished, or left over from an earlier process).
 */
export function stopLocalRun(
  runId: string,
  reason: string,
): { state: "running"; finished: Promise<void> } | { state: "dequeued" | "unknown" } {
  const job = state().jobs.get(runId);
  if (!job) return { state: "unknown" };
  const lane = laneOf(job.backendId);
  const waitingAt = lane.waiting.indexOf(job);
  if (waitingAt >= 0) {
    lane.waiting.splice(waitingAt, 1);
    state().jobs.delete(runId);
    job.resolve();
    return { state: "dequeued" };
  }
  job.cancelReason = reason;
  job.controller.abort();
  return { state: "running", finished: job.finished };
}
