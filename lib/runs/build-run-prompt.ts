// What a run needs from its record before it asks the model, computed where the record is read
// (the preparation thread, preparation-worker.ts): the prompt as the executor stores and sends
// it, and for the baseline its prediction. Everything in and out is plain data (task by key,
// no functions), so it crosses between threads as it is.
import { createHash } from "node:crypto";
import { predictBaseline } from "../model/baseline/run-baseline";
import type { BaselinePrediction } from "../model/baseline/baseline-input";
import { serializePrompt, type DroppedEvents } from "../model/prompt/serialize-prompt";
import type { ChatMessage } from "../model/stream-events";
import { requireTask } from "../model/tasks/task-catalog";
import type { RunRecord } from "./read-record";

export type RunPromptRequest = {
  patientId: string;
  taskKey: string;
  cutoff: Date;
  maxTokens: number;
  directAnswer: boolean;
  thinkingSwitch: boolean;
  /** Predict with the built-in baseline too (it reads the same record). */
  baseline: boolean;
};

export type PreparedRun = {
  prompt: {
    messages: ChatMessage[];
    text: string;
    /** sha256 of `text`, hex: runs of the same input compare by it. */
    hash: string;
    tokenEstimate: number;
    dropped: DroppedEvents;
    /** The events the prompt shows: evidence links may point only at these. */
    includedEventIds: string[];
    overBudget: boolean;
  };
  baseline: BaselinePrediction | null;
};

export function buildRunPrompt(record: RunRecord, request: RunPromptRequest): PreparedRun {
  const task = requireTask(request.taskKey);
  const prompt = serializePrompt({
    ...record,
    task,
    cutoff: request.cutoff,
    maxTokens: request.maxTokens,
    directAnswer: request.directAnswer,
    thinkingSwitch: request.thinkingSwitch,
  });
  return {
    // Only what the executor uses: the rest (the EHR text alone) would be copied between
    // threads for nothing.
    prompt: {
      messages: prompt.messages,
      text: prompt.text,
      hash: createHash("sha256").update(prompt.text).digest("hex"),
      tokenEstimate: prompt.tokenEstimate,
      dropped: prompt.dropped,
      includedEventIds: prompt.includedEventIds,
      overBudget: prompt.overBudget,
    },
    // An over-budget prompt fails the run before anything streams.
    baseline:
      request.baseline && !prompt.overBudget ? predictBaseline({ task, ...record, cutoff: request.cutoff }) : null,
  };
}
