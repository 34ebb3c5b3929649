// One run from queued to done | failed | cancelled, on the server and independent of any
// browser: build the prompt from the record up to the cut-off, stream from the backend (or the
// baseline), persist every piece as it arrives, then store the parsed items, usage and finish
// reason. Every failure ends in the run's own row with a message a reviewer can act on; nothing
// a backend does can throw out of here.
import "server-only";
import { db } from "../db";
import { BackendAbortedError, BackendError } from "../model/backends/backend-errors";
import { DEFAULTS, findBackend, loadBackends } from "../model/backends/load-backends";
import { DEFAULT_THINKING_MODE } from "../model/backends/thinking-mode";
import { streamChatCompletion } from "../model/backends/stream-chat-completion";
import { streamBaselinePrediction } from "../model/baseline/run-baseline";
import type { ModelStreamEvent } from "../model/stream-events";
import { ContextWindowError } from "../model/tasks/context-window";
import { requireTask } from "../model/tasks/task-catalog";
import { announceRunChange } from "./run-signals";
import { ChunkWriter, RunNoLongerStreamingError } from "./chunk-writer";
import { closeLiveRun, openLiveRun } from "./live-runs";
import { whilePreparing } from "./preparation-slots";
import { prepareRun } from "./prepare-run";
import { RunFailure } from "./run-failure";
import { matchRunItems } from "./match-run-items";
import { recordRunEnd, type RunEnd } from "./record-run-end";

export { RunFailure } from "./run-failure";

type Outcome = {
  modelName: string | null;
  finishReason: string | null;
  usage: { promptTokens: number; completionTokens: number; totalTokens: number } | null;
  pYes: number | null;
};

function failureMessage(error: unknown): string {
  if (error instanceof RunFailure || error instanceof BackendError) return error.message;
  if (error instanceof ContextWindowError) return `the task does not fit this record: ${error.message}`;
  // Anything else is our bug, not the backend's: the details go to the server log.
  console.error("run failed unexpectedly:", error);
  return `internal error while running (${error instanceof Error ? error.name : "unknown"}); see the server log`;
}

/** Marks the run finished unless someone else already did (a cancel racing the end). */
async function finishRun(
  runId: string,
  attempt: number,
  writer: ChunkWriter,
  status: RunEnd["status"],
  outcome: RunEnd["outcome"],
  terminal: { kind: "done" | "error"; payload: Record<string, unknown> },
  items: RunEnd["items"] = [],
): Promise<void> {
  const chunk = { seq: writer.nextSeq(), kind: terminal.kind, data: JSON.stringify(terminal.payload) };
  const finished = await recordRunEnd({ runId, attempt, status, outcome, items, chunk });
  // Live readers get the end once it is committed; without it (ended elsewhere) they read it
  // from the database. Readers following the database wake now rather than on their next poll.
  closeLiveRun(runId, finished ? chunk : null);
  announceRunChange(runId);
}

async function streamOutput(
  stream: AsyncIterable<ModelStreamEvent>,
  writer: ChunkWriter,
  signal: AbortSignal,
): Promise<Outcome> {
  const outcome: Outcome = { modelName: null, finishReason: null, usage: null, pYes: null };
  for await (const event of stream) {
    if (writer.failure) throw writer.failure;
    if (signal.aborted) throw new BackendAbortedError();
    switch (event.type) {
      case "reasoning":
      case "answer":
        writer.append(event.type, event.text);
        break;
      case "probability":
        outcome.pYes = event.pYes;
        break;
      case "usage":
        outcome.usage = {
          promptTokens: event.promptTokens,
          completionTokens: event.completionTokens,
          totalTokens: event.totalTokens,
        };
        break;
      case "finish":
        outcome.finishReason = event.reason;
        outcome.modelName = event.model;
        break;
    }
  }
  await writer.flush();
  if (writer.failure) throw writer.failure;
  return outcome;
}

/**
 * How an execution ended: "ended" (done, failed or cancelled, recorded), "not-queued" (nothing
 * to do: cancelled while it waited, or taken by another worker), "handed-back" (stopped for a
 * shutdown: its output so far is stored, and the caller puts it back on the queue).
 */
export type ExecutionResult = { kind: "ended" | "not-queued" } | { kind: "handed-back"; attempt: number };

export type ExecuteOptions = {
  cancelReason?: () => string;
  /** True when `signal` aborted to hand the run back (a shutdown), not to cancel it. */
  handingBack?: () => boolean;
  /** The queue job executing this attempt (kept on the run, so whoever puts it back completes it). */
  jobId?: string | null;
};

/**
 * Runs a queued run to its end. Returns at once if the run is not queued (cancelled while it
 * waited, or already taken). `signal` aborts it: the partial output stays, status cancelled.
 * Each start is an attempt (prediction_run.attempt): a later attempt's chunks follow the
 * earlier ones' (and the retry marker between them), and every write names its attempt.
 */
export async function executeRun(
  runId: string,
  signal: AbortSignal,
  { cancelReason = () => "cancelled", handingBack = () => false, jobId = null }: ExecuteOptions = {},
): Promise<ExecutionResult> {
  const [run] = await db.predictionRun.updateManyAndReturn({
    where: { id: runId, status: "queued" },
    data: { status: "streaming", startedAt: new Date(), attempt: { increment: 1 }, jobId },
    select: { taskKey: true, backendId: true, patientId: true, cutoff: true, attempt: true },
  });
  if (!run) return { kind: "not-queued" };
  const { attempt } = run;
  const lastSeq =
    attempt === 1 ? 0 : ((await db.runChunk.aggregate({ where: { runId }, _max: { seq: true } }))._max.seq ?? 0);
  const writer = new ChunkWriter(runId, lastSeq, openLiveRun(runId, lastSeq), attempt);
  try {
    const task = requireTask(run.taskKey);
    const backend = findBackend(loadBackends(process.env), run.backendId);
    if (!backend) throw new RunFailure(`the backend "${run.backendId}" is no longer configured`);
    // The baseline sends nothing anywhere; its prompt is what EHR-R1 would have been shown,
    // kept so runs of the same input can be compared by hash (estimated, not cut: nothing is sent).
    const model = backend.kind === "openai_compatible" ? backend : null;
    const { prompt, baseline } = await whilePreparing(signal, async () => {
      // The record is read, the prompt built and its tokens counted off the main thread, which
      // meanwhile relays the tokens of the runs already streaming.
      const prepared = await prepareRun({
        patientId: run.patientId,
        taskKey: task.key,
        cutoff: run.cutoff,
        directAnswer: model?.directAnswerPrompt ?? false,
        thinking: model?.thinking ?? DEFAULT_THINKING_MODE,
        contextTokens: model?.maxContextTokens ?? DEFAULTS.maxContextTokens,
        answerTokens: model?.maxTokens ?? DEFAULTS.maxTokens,
        tokens: model
          ? {
              via: "backend",
              target: { baseUrl: model.baseUrl, model: model.model, apiKey: model.apiKey, timeoutMs: model.timeoutMs },
            }
          : { via: "estimate" },
        baseline: backend.kind === "baseline",
      });
      const { prompt } = prepared;
      await db.predictionRun.update({
        where: { id: runId },
        data: {
          prompt: prompt.text,
          promptHash: prompt.hash,
          promptTokens: prompt.tokenCount,
          dropped: prompt.dropped,
          thinking: prompt.thinking,
          truncation: prompt.truncation ?? undefined,
          promptCut: prompt.cutText,
          promptEventIds: prompt.includedEventIds.map(BigInt),
        },
      });
      return prepared;
    });
    if (prompt.overBudget) {
      throw new RunFailure(
        `the record does not fit the context: ${prompt.truncation?.promptTokens ?? "?"} tokens, the budget is ` +
          `${prompt.truncation?.budget}, and a backend with thinking "none" is not cut (its chat template is not Qwen3's)`,
      );
    }
    const stream = !model
      ? streamBaselinePrediction(baseline!, { signal })
      : streamChatCompletion({
          baseUrl: model.baseUrl,
          apiKey: model.apiKey,
          model: model.model,
          messages: prompt.messages,
          promptTokenIds: prompt.promptTokenIds,
          maxTokens: prompt.thinking.maxTokens,
          thinking: prompt.thinking.reasons,
          enableThinking: prompt.thinking.enableThinking,
          // Risk tasks as the authors scored them: "yes"/"no" forced, P from the answer's logprob.
          forcedYesNo: prompt.logitBias ? { logitBias: prompt.logitBias } : null,
          timeoutMs: model.timeoutMs,
          signal,
        });
    const outcome = await streamOutput(stream, writer, signal);
    const items = await matchRunItems(task, writer.answer, outcome.pYes);
    await finishRun(
      runId,
      attempt,
      writer,
      "done",
      {
        modelName: outcome.modelName ?? (backend.kind === "baseline" ? null : backend.model),
        finishReason: outcome.finishReason,
        usage: outcome.usage ?? undefined,
        probability: outcome.pYes,
      },
      { kind: "done", payload: { status: "done" } },
      items,
    );
    return { kind: "ended" };
  } catch (error) {
    if (error instanceof RunNoLongerStreamingError) return { kind: "ended" };
    // Keep what arrived before the end: a cancelled or failed run shows its partial reasoning.
    await writer.flush();
    if (signal.aborted && handingBack()) return { kind: "handed-back", attempt };
    if (signal.aborted || error instanceof BackendAbortedError) {
      const reason = cancelReason();
      await finishRun(
        runId,
        attempt,
        writer,
        "cancelled",
        { error: reason },
        { kind: "done", payload: { status: "cancelled", reason } },
      );
    } else {
      const message = failureMessage(error);
      await finishRun(runId, attempt, writer, "failed", { error: message }, { kind: "error", payload: { message } });
    }
    return { kind: "ended" };
  } finally {
    // Whatever happened, readers never wait on a relay nobody feeds.
    closeLiveRun(runId);
  }
}
