// The in-process executor: the runs executing in this process, whether or not anyone watches,
// at most runConcurrency() at a time per backend here (the worker, run-worker.ts, holds a
// backend slot shared by all processes before it hands a run over). It can stop a run it holds
// (a cancel) or hand it back (a shutdown). State lives on globalThis: Next bundles route
// handlers separately, and they must all share one registry.
import "server-only";
import { db } from "../db";
import { executeRun, type ExecutionResult } from "./execute-run";
import { END_NOT_RECORDED_MESSAGE, failUnfinishedRun, retryUntilRecorded } from "./fail-unfinished-runs";
import { announceRunChange } from "./run-signals";
import { runConcurrency } from "./run-settings";

type Job = {
  runId: string;
  backendId: string;
  jobId: string | null;
  controller: AbortController;
  cancelReason: string;
  handingBack: boolean;
  finished: Promise<ExecutionResult>;
  resolve: (result: ExecutionResult) => void;
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
    executeRun(job.runId, job.controller.signal, {
      cancelReason: () => job.cancelReason,
      handingBack: () => job.handingBack,
      jobId: job.jobId,
    })
      .catch(async (error): Promise<ExecutionResult> => {
        // The run is still "streaming" in the database and its readers wait for an end:
        // record one as soon as the database answers again.
        console.error(`run ${job.runId}: could not record its end; retrying:`, error);
        const recorded = await retryUntilRecorded(() => failUnfinishedRun(db, END_NOT_RECORDED_MESSAGE, job.runId));
        if (recorded) announceRunChange(job.runId);
        else console.error(`run ${job.runId}: gave up recording its end; its lease check puts it back on the queue`);
        return { kind: "ended" };
      })
      .then((result) => {
        lane.active.delete(job);
        state().jobs.delete(job.runId);
        job.resolve(result);
        pump(lane);
      });
  }
}

/**
 * Executes a run here; the promise settles when it has ended or was handed back (it never
 * rejects). `jobId`: the queue job this execution is.
 */
export function submitRun(runId: string, backendId: string, jobId: string | null = null): Promise<ExecutionResult> {
  const existing = state().jobs.get(runId);
  if (existing) return existing.finished;
  let resolve!: (result: ExecutionResult) => void;
  const finished = new Promise<ExecutionResult>((r) => (resolve = r));
  const job: Job = {
    runId,
    backendId,
    jobId,
    controller: new AbortController(),
    cancelReason: "cancelled",
    handingBack: false,
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
): { state: "running"; finished: Promise<ExecutionResult> } | { state: "dequeued" | "unknown" } {
  const job = state().jobs.get(runId);
  if (!job) return { state: "unknown" };
  const lane = laneOf(job.backendId);
  const waitingAt = lane.waiting.indexOf(job);
  if (waitingAt >= 0) {
    lane.waiting.splice(waitingAt, 1);
    state().jobs.delete(runId);
    job.resolve({ kind: "not-queued" });
    return { state: "dequeued" };
  }
  job.cancelReason = reason;
  job.controller.abort();
  return { state: "running", finished: job.finished };
}

/**
 * Stops every run this process holds without ending them (a shutdown): each stores what it has
 * and resolves "handed-back" (the worker puts it back on the queue); one not started yet
 * resolves "not-queued" and its job stays the worker's to hand back.
 */
export function handBackLocalRuns(): Promise<ExecutionResult>[] {
  return [...state().jobs.values()].map((job) => {
    const lane = laneOf(job.backendId);
    const waitingAt = lane.waiting.indexOf(job);
    if (waitingAt >= 0) {
      lane.waiting.splice(waitingAt, 1);
      state().jobs.delete(job.runId);
      job.resolve({ kind: "not-queued" });
    } else {
      job.handingBack = true;
      job.controller.abort();
    }
    return job.finished;
  });
}
