// What a run needs from its record before it asks the model, computed where the record is read
// (the preparation thread, preparation-worker.ts): the prompt as the executor stores and sends
// it, fitted to the context the authors' way (the whole chat-templated prompt counted in real
// Qwen3 tokens and cut from the left), and for the baseline its prediction. Everything in and
// out is plain data (task by key, no functions), so it crosses between threads as it is.
import { createHash } from "node:crypto";
import { predictBaseline } from "../model/baseline/run-baseline";
import type { BaselinePrediction } from "../model/baseline/baseline-input";
import { thinkingPlan, type ThinkingMode, type ThinkingPlan } from "../model/backends/thinking-mode";
import { tokenizeOnBackend, type TokenizeTarget } from "../model/backends/tokenize-on-backend";
import { yesNoLogitBias } from "../model/backends/yes-no-probability";
import { renderQwen3Chat } from "../model/prompt/chat-template";
import { estimateTokens } from "../model/prompt/estimate-tokens";
import { fitToContext, type TokenCounterName } from "../model/prompt/fit-to-context";
import { qwen3Tokenizer } from "../model/prompt/qwen3-tokenizer";
import { serializePrompt, type DroppedEvents } from "../model/prompt/serialize-prompt";
import type { ChatMessage } from "../model/stream-events";
import { requireTask } from "../model/tasks/task-catalog";
import type { RunRecord } from "./read-record";

export type RunPromptRequest = {
  patientId: string;
  taskKey: string;
  cutoff: Date;
  directAnswer: boolean;
  /** The backend's thinking mode (the baseline: the default, so its prompt is EHR-R1's). */
  thinking: ThinkingMode;
  /** The server's max_model_len (the authors' max_seq_len, 32,000). */
  contextTokens: number;
  /** max_tokens of a decision task's request (the backend's answer reserve). */
  answerTokens: number;
  /**
   * How tokens are counted: the backend's /tokenize (falling back to the bundled tokenizer when
   * it has none), the bundled Qwen3 tokenizer, or only estimated (the baseline, which sends
   * nothing and so cuts nothing).
   */
  tokens: { via: "backend"; target: TokenizeTarget } | { via: "bundled" } | { via: "estimate" };
  /** Predict with the built-in baseline too (it reads the same record). */
  baseline: boolean;
};

/** How the prompt was fitted to the context: stored with the run (`PredictionRun.truncation`). */
export type PromptTruncation = {
  counter: TokenCounterName;
  /** Tokens the templated prompt may use: context − the request's max_tokens. */
  budget: number;
  /** Tokens of the whole templated prompt (null: the cut part was too long to count). */
  promptTokens: number | null;
  keptTokens: number;
  cutTokens: number | null;
  /** Characters of the templated prompt cut (null: the cut fell inside a character). */
  cutChars: number | null;
};

export type PreparedRun = {
  prompt: {
    messages: ChatMessage[];
    text: string;
    /** sha256 of `text`, hex: runs of the same input compare by it. */
    hash: string;
    /** Real tokens of the templated prompt when counted, else the estimate. */
    tokenCount: number | null;
    dropped: DroppedEvents;
    /** The events the prompt shows: evidence links may point only at these. */
    includedEventIds: string[];
    /** The prompt cannot be sent (over budget for a backend whose template the app cannot cut). */
    overBudget: boolean;
    thinking: ThinkingPlan;
    /** null: not counted (the baseline). */
    truncation: PromptTruncation | null;
    /** The text cut from the left of the templated prompt; null when nothing was cut. */
    cutText: string | null;
    /** The kept token ids, when the prompt was cut: they are sent instead of the messages. */
    promptTokenIds: number[] | null;
    /** Risk tasks: the logit bias forcing "yes"/"no", from the same tokenizer. */
    logitBias: Record<string, number> | null;
  };
  baseline: BaselinePrediction | null;
};

export async function buildRunPrompt(record: RunRecord, request: RunPromptRequest): Promise<PreparedRun> {
  const task = requireTask(request.taskKey);
  const thinking = thinkingPlan(request.thinking, task, request.answerTokens);
  const prompt = serializePrompt({
    ...record,
    task,
    cutoff: request.cutoff,
    // The whole window: the context is fitted below, on real tokens of the templated prompt.
    maxTokens: Number.POSITIVE_INFINITY,
    directAnswer: request.directAnswer,
    thinking: thinking.softSwitch === "think",
    thinkingSwitch: thinking.softSwitch !== null,
  });
  const templated = renderQwen3Chat(prompt.messages, { enableThinking: thinking.enableThinking });
  const budget = request.contextTokens - thinking.maxTokens;

  let truncation: PromptTruncation | null = null;
  let cutText: string | null = null;
  let promptTokenIds: number[] | null = null;
  let logitBias: Record<string, number> | null = null;
  if (request.tokens.via !== "estimate") {
    const target = request.tokens.via === "backend" ? request.tokens.target : null;
    const remote = target ? (text: string) => tokenizeOnBackend(target, text) : undefined;
    const fitted = await fitToContext(templated, budget, remote);
    const { keptIds, counter, cutText: cut, ...counts } = fitted;
    truncation = { counter, ...counts };
    cutText = cut || null;
    promptTokenIds = keptIds;
    if (thinking.forcedYesNo) {
      // base_model.py get_logit_bias: each word tokenized without special tokens, by the
      // tokenizer that counted the prompt.
      const bundled = qwen3Tokenizer();
      const ids = new Map<string, readonly number[]>();
      for (const word of ["yes", "no"])
        ids.set(word, (counter === "backend" && remote ? await remote(word) : null) ?? bundled.encode(word));
      logitBias = yesNoLogitBias((word) => ids.get(word)!);
    }
  }
  // A template other than Qwen3's (thinking "none": not a Qwen3 model) cannot be cut here: the
  // app would send our ChatML in place of the model's own format.
  const overBudget = Boolean(promptTokenIds) && thinking.mode === "none";

  return {
    // Only what the executor uses: the rest (the EHR text alone) would be copied between
    // threads for nothing.
    prompt: {
      messages: prompt.messages,
      text: prompt.text,
      hash: createHash("sha256").update(prompt.text).digest("hex"),
      tokenCount: truncation ? truncation.promptTokens : estimateTokens(templated),
      dropped: prompt.dropped,
      overBudget,
      thinking,
      truncation,
      cutText,
      promptTokenIds: overBudget ? null : promptTokenIds,
      logitBias,
      includedEventIds: prompt.includedEventIds,
    },
    // An over-budget prompt fails the run before anything streams.
    baseline:
      request.baseline && !overBudget
        ? predictBaseline({ task, ...recordUpTo(record, request.cutoff), cutoff: request.cutoff })
        : null,
  };
}

/** The baseline reads nothing after the cut-off (a risk task's record runs on to its admission's end). */
function recordUpTo(record: RunRecord, cutoff: Date): RunRecord {
  const t = cutoff.getTime();
  return { ...record, events: record.events.filter((e) => e.time.getTime() <= t) };
}
