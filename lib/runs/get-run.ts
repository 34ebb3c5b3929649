// One run as the API and the run page show it (JSON-safe: dates as ISO text). The text and
// lastSeq come from one snapshot, so a page that renders them and then streams from lastSeq
// neither loses nor repeats a piece.
import "server-only";
import type { CurrentUser } from "../auth/current-user";
import { db } from "../db";
import { NotFoundError } from "../http/errors";
import { SYSTEM_PROMPT, type DroppedEvents } from "../model/prompt/serialize-prompt";
import { splitSteps, type ReasoningStep } from "../model/parse/split-steps";
import type { AnswerType, TaskGroup } from "../model/tasks/task-types";
import type { RunStatus } from "../generated/prisma/enums";
import { runBlindingFor } from "../auth/blind-rules";
import { describeThinking, type ThinkingPlan } from "../model/backends/thinking-mode";
import type { PromptTruncation } from "./build-run-prompt";
import { BLINDED_BACKEND, BLINDED_ERROR, summarizeBackend, type BackendSummary } from "./backend-label";
import { findEvidence, type EvidenceLink } from "./evidence";
import { failedAttempts, type FailedAttempt } from "./run-attempts";
import { canSeeGroundTruth, compareWithTruth, readRunGroundTruth, type GroundTruthComparison } from "./ground-truth";

export type RunItem = {
  rank: number;
  label: string;
  codeSystem: string | null;
  code: string | null;
  probability: number | null;
};

export type RunDetail = {
  id: string;
  status: RunStatus;
  /** The seq of the last chunk the text below includes: resume the stream after it. */
  lastSeq: number;
  patient: { id: string; externalId: string; source: string };
  task: { key: string; title: string; group: TaskGroup; answerType: AnswerType; contextRule: string };
  backend: BackendSummary;
  modelName: string | null;
  /**
   * True while a blind review keeps this reader from knowing the backend (blind-rules.ts):
   * then backend is BLINDED_BACKEND and usage, timings (start and finish times too), finish
   * reason and error text, which would tell a language model from the baseline, are withheld.
   */
  isBlinded: boolean;
  cutoff: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  timings: { queuedMs: number | null; firstOutputMs: number | null; totalMs: number | null };
  promptHash: string | null;
  promptTokens: number | null;
  dropped: Partial<DroppedEvents>;
  /** How reasoning was switched for this run; null for runs from before it was stored. */
  thinking: RunThinking | null;
  /** How the prompt was fitted to the context (the cut text is in the prompt route). */
  truncation: PromptTruncation | null;
  reasoning: string;
  answer: string;
  /** Attempts started (a run whose worker died or shut down starts again on another). */
  attempt: number;
  /** The earlier attempts, each with the output it had when it stopped and why. */
  failedAttempts: FailedAttempt[];
  steps: ReasoningStep[];
  items: RunItem[];
  /** P(yes) for yes/no tasks when the backend gave log-probabilities (or the baseline's score). */
  probability: number | null;
  error: string | null;
  finishReason: string | null;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
  createdBy: { id: string; name: string } | null;
  batchId: string | null;
  retryOf: string | null;
  retries: { id: string; status: RunStatus; createdAt: string }[];
  evidence: EvidenceLink[];
  /** Null when hidden from this user (see groundTruthVisible). */
  groundTruth: GroundTruthComparison | null;
  groundTruthVisible: boolean;
};

export type RunThinking = ThinkingPlan & { description: string };

function runThinking(stored: unknown): RunThinking | null {
  if (!stored || typeof stored !== "object") return null;
  const plan = stored as ThinkingPlan;
  return { ...plan, description: describeThinking(plan) };
}

function runTruncation(stored: unknown): PromptTruncation | null {
  return stored && typeof stored === "object" ? (stored as PromptTruncation) : null;
}

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
const span = (from: Date | null | undefined, to: Date | null | undefined) =>
  from && to ? to.getTime() - from.getTime() : null;

/** The run's text and status with the seq they include, read in one snapshot. */
async function snapshot(runId: string) {
  return db.$transaction(
    async (tx) => {
      // One query at a time: a transaction has one connection.
      const run = await tx.predictionRun.findUnique({
        where: { id: runId },
        omit: { prompt: true, promptCut: true, promptEventIds: true },
      });
      if (!run) return null;
      const last = await tx.runChunk.aggregate({ where: { runId }, _max: { seq: true } });
      const first = await tx.runChunk.findFirst({ where: { runId }, orderBy: { seq: "asc" }, select: { at: true } });
      // Earlier attempts live in the chunks before the last retry marker.
      const attempts =
        run.attempt > 1
          ? failedAttempts(
              await tx.runChunk.findMany({
                where: { runId },
                orderBy: { seq: "asc" },
                select: { kind: true, data: true },
              }),
            )
          : [];
      return { run, lastSeq: last._max.seq ?? 0, firstChunkAt: first?.at ?? null, attempts };
    },
    { isolationLevel: "RepeatableRead" },
  );
}

/** What does not change as the run streams (items are written with its final status). */
async function relations(runId: string) {
  return db.predictionRun.findUniqueOrThrow({
    where: { id: runId },
    select: {
      patient: { select: { id: true, externalId: true, source: true } },
      task: { select: { key: true, title: true, group: true, answerType: true, contextRule: true } },
      backend: { select: { id: true, name: true, kind: true, model: true } },
      createdBy: { select: { id: true, name: true } },
      items: {
        orderBy: { rank: "asc" },
        select: { rank: true, label: true, codeSystem: true, code: true, probability: true },
      },
    },
  });
}

export async function getRun(runId: string, user: Pick<CurrentUser, "id" | "roles">): Promise<RunDetail> {
  const found = await snapshot(runId);
  if (!found) throw new NotFoundError("Run");
  const { run, lastSeq, firstChunkAt, attempts } = found;
  const [{ patient, task, backend, createdBy, items }, retries] = await Promise.all([
    relations(runId),
    db.predictionRun.findMany({
      where: { retryOfId: runId },
      orderBy: { createdAt: "asc" },
      select: { id: true, status: true, createdAt: true },
    }),
  ]);
  const ended = run.status !== "queued" && run.status !== "streaming";
  // Blind review: a rater who still has this run to rate sees neither the model nor the truth.
  const blinding = await runBlindingFor(user, runId);
  const groundTruthVisible = canSeeGroundTruth(user, run) && !blinding.hidesGroundTruth;
  const [evidence, truth] = await Promise.all([
    ended ? findEvidence(run) : Promise.resolve([]),
    groundTruthVisible ? readRunGroundTruth(run) : Promise.resolve(null),
  ]);
  const blind = blinding.hidesModel;
  return {
    id: run.id,
    status: run.status,
    lastSeq,
    patient,
    task,
    backend: blind ? BLINDED_BACKEND : summarizeBackend(backend),
    modelName: blind ? null : run.modelName,
    isBlinded: blind,
    cutoff: run.cutoff.toISOString(),
    createdAt: run.createdAt.toISOString(),
    startedAt: blind ? null : iso(run.startedAt),
    finishedAt: blind ? null : iso(run.finishedAt),
    timings: blind
      ? { queuedMs: null, firstOutputMs: null, totalMs: null }
      : {
          queuedMs: span(run.createdAt, run.startedAt),
          firstOutputMs: span(run.startedAt, firstChunkAt),
          totalMs: span(run.startedAt, run.finishedAt),
        },
    promptHash: run.promptHash,
    promptTokens: run.promptTokens,
    dropped: (run.dropped ?? {}) as Partial<DroppedEvents>,
    thinking: runThinking(run.thinking),
    truncation: runTruncation(run.truncation),
    reasoning: run.reasoning,
    answer: run.answer,
    attempt: run.attempt,
    failedAttempts: attempts,
    steps: splitSteps(run.reasoning),
    items,
    probability: run.probability,
    error: blind && run.error ? BLINDED_ERROR : run.error,
    finishReason: blind ? null : run.finishReason,
    usage: blind ? null : (run.usage as RunDetail["usage"]),
    createdBy,
    batchId: run.batchId,
    retryOf: run.retryOfId,
    retries: retries.map((r) => ({ id: r.id, status: r.status, createdAt: r.createdAt.toISOString() })),
    evidence,
    groundTruth: truth ? compareWithTruth(truth, items) : null,
    groundTruthVisible,
  };
}

/** The exact prompt a run sent (or, for the baseline, would have), and what the budget left out. */
export async function getRunPrompt(runId: string, user: Pick<CurrentUser, "id">) {
  const run = await db.predictionRun.findUnique({
    where: { id: runId },
    select: {
      prompt: true,
      promptHash: true,
      promptTokens: true,
      dropped: true,
      thinking: true,
      truncation: true,
      promptCut: true,
      backend: { select: { id: true, name: true, kind: true, model: true } },
    },
  });
  if (!run) throw new NotFoundError("Run");
  const { hidesModel } = await runBlindingFor(user, runId);
  return {
    system: SYSTEM_PROMPT,
    prompt: run.prompt,
    promptHash: run.promptHash,
    promptTokens: run.promptTokens,
    dropped: (run.dropped ?? {}) as Partial<DroppedEvents>,
    thinking: runThinking(run.thinking),
    truncation: runTruncation(run.truncation),
    /** The text cut from the left of the templated prompt (null: nothing was cut). */
    cutText: run.promptCut,
    backend: hidesModel ? BLINDED_BACKEND : summarizeBackend(run.backend),
  };
}

export type RunPrompt = Awaited<ReturnType<typeof getRunPrompt>>;
