// OpenAI-compatible chat completions, streamed (vLLM / SGLang serving EHR-R1). Yields reasoning
// and answer text as it arrives, then usage and the finish reason; fails with a typed
// BackendError. A silence longer than timeoutMs (before or during the stream) is a timeout.
import type { ChatMessage, ModelStreamEvent } from "../stream-events";
import {
  BackendAbortedError,
  BackendError,
  BackendHttpError,
  BackendIncompleteError,
  BackendProtocolError,
  BackendTimeoutError,
  connectionError,
  serverErrorMessage,
} from "./backend-errors";
import { endpointUrl, originOf } from "./base-url";
import { preview, SseDataParser } from "./sse-parser";
import { ThinkTagSplitter } from "./think-tag-splitter";
import { yesNoProbability, type TopLogprob } from "./yes-no-probability";

export type StreamChatCompletionInput = {
  baseUrl: string;
  apiKey?: string;
  model: string;
  messages: readonly ChatMessage[];
  maxTokens: number;
  temperature?: number;
  /** Reasoning on or off (Qwen3's soft switch plus chat_template_kwargs). */
  thinking: boolean;
  /**
   * Qwen3 soft switch: end the last user message with /think or /no_think and, with thinking
   * off, send chat_template_kwargs. Default true (EHR-R1); false leaves messages untouched.
   */
  thinkingSwitch?: boolean;
  /** Yes/no tasks: one token, thinking off, P(yes) from the top log-probabilities. */
  logprobs?: boolean;
  signal?: AbortSignal;
  /** No byte for this long (waiting for headers or between chunks) fails the request. */
  timeoutMs: number;
};

const SWITCH = /\n\/(?:no_)?think\s*$/;

/** Makes the last user message end with the soft switch matching `thinking`. */
export function withThinkingSwitch(messages: readonly ChatMessage[], thinking: boolean): ChatMessage[] {
  const out = messages.map((m) => ({ ...m }));
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i].role !== "user") continue;
    out[i].content = `${out[i].content.replace(SWITCH, "")}\n${thinking ? "/think" : "/no_think"}`;
    break;
  }
  return out;
}

export function chatCompletionBody(input: StreamChatCompletionInput): Record<string, unknown> {
  const thinking = input.logprobs ? false : input.thinking;
  const soft = input.thinkingSwitch ?? true;
  return {
    model: input.model,
    messages: soft ? withThinkingSwitch(input.messages, thinking) : input.messages,
    stream: true,
    stream_options: { include_usage: true },
    temperature: input.temperature ?? 0,
    max_tokens: input.logprobs ? 1 : input.maxTokens,
    // vLLM/SGLang pass these to the Qwen3 chat template; it then pre-fills an empty think block.
    ...(soft && !thinking ? { chat_template_kwargs: { enable_thinking: false } } : {}),
    ...(input.logprobs ? { logprobs: true, top_logprobs: 5 } : {}),
  };
}

type ChunkChoice = {
  delta?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null };
  logprobs?: { content?: Array<{ token: string; logprob: number; top_logprobs?: TopLogprob[] }> | null } | null;
  finish_reason?: string | null;
};

type Chunk = {
  model?: string;
  choices?: ChunkChoice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number } | null;
  error?: { message?: string } | string;
};

export async function* streamChatCompletion(input: StreamChatCompletionInput): AsyncGenerator<ModelStreamEvent> {
  const origin = originOf(input.baseUrl);
  const userTexts = input.messages.filter((m) => m.role === "user").map((m) => m.content);
  if (input.signal?.aborted) throw new BackendAbortedError();

  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, input.timeoutMs);
  };
  const disarm = () => clearTimeout(timer);
  const onAbort = () => controller.abort();
  input.signal?.addEventListener("abort", onAbort, { once: true });

  // Why a network call failed, in the order that explains it best.
  const failure = (error: unknown, midStream: boolean): BackendError => {
    if (error instanceof BackendError) return error;
    if (input.signal?.aborted) return new BackendAbortedError();
    if (timedOut) return new BackendTimeoutError(input.timeoutMs);
    if (midStream)
      return new BackendIncompleteError("the connection to the model server broke mid-stream", { cause: error });
    return connectionError(origin, error);
  };

  let finished = false;
  try {
    arm();
    let response: Response;
    try {
      response = await fetch(endpointUrl(input.baseUrl, "chat/completions"), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          ...(input.apiKey ? { authorization: `Bearer ${input.apiKey}` } : {}),
        },
        body: JSON.stringify(chatCompletionBody(input)),
        signal: controller.signal,
        // A redirect could point anywhere; only the configured URL may be contacted.
        redirect: "error",
      });
    } catch (error) {
      throw failure(error, false);
    }

    if (!response.ok) {
      let body = "";
      try {
        body = await response.text();
      } catch (error) {
        throw failure(error, false);
      }
      throw new BackendHttpError(response.status, serverErrorMessage(body, userTexts));
    }
    if (!response.body) throw new BackendProtocolError("the model server sent an empty response");

    const reader = response.body.getReader();
    const decoder = new TextDecoder("utf-8");
    const sse = new SseDataParser();
    const splitter = new ThinkTagSplitter(input.thinking && !input.logprobs);
    let model: string | null = null;
    let finishReason: string | null = null;
    let done = false;

    const handle = (data: string): ModelStreamEvent[] => {
      if (data.trim() === "[DONE]") {
        done = true;
        return [];
      }
      let chunk: Chunk;
      try {
        chunk = JSON.parse(data) as Chunk;
      } catch {
        throw new BackendProtocolError(`the model server sent data that is not JSON: "${preview(data)}"`);
      }
      if (!chunk || typeof chunk !== "object")
        throw new BackendProtocolError(`the model server sent an unexpected value: "${preview(data)}"`);
      if (chunk.error) {
        const message = typeof chunk.error === "string" ? chunk.error : (chunk.error.message ?? "unknown error");
        throw new BackendIncompleteError(
          `the model server failed mid-stream: ${serverErrorMessage(JSON.stringify({ message }), userTexts)}`,
        );
      }
      model = chunk.model ?? model;
      const events: ModelStreamEvent[] = [];
      const choice = chunk.choices?.[0];
      if (choice) {
        const reasoning = choice.delta?.reasoning_content ?? choice.delta?.reasoning;
        if (typeof reasoning === "string" && reasoning) {
          splitter.serverSplitsReasoning();
          events.push({ type: "reasoning", text: reasoning });
        }
        const content = choice.delta?.content;
        if (typeof content === "string" && content) events.push(...splitter.push(content));
        const first = choice.logprobs?.content?.[0];
        if (input.logprobs && first) {
          events.push({
            type: "probability",
            ...yesNoProbability([...(first.top_logprobs ?? []), { token: first.token, logprob: first.logprob }]),
          });
        }
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
      if (chunk.usage) {
        events.push({
          type: "usage",
          promptTokens: chunk.usage.prompt_tokens ?? 0,
          completionTokens: chunk.usage.completion_tokens ?? 0,
          totalTokens:
            chunk.usage.total_tokens ?? (chunk.usage.prompt_tokens ?? 0) + (chunk.usage.completion_tokens ?? 0),
        });
      }
      return events;
    };

    while (!done) {
      arm();
      let read: ReadableStreamReadResult<Uint8Array>;
      try {
        read = await reader.read();
      } catch (error) {
        throw failure(error, true);
      }
      disarm(); // the consumer's pace is not the server's silence
      if (read.done) break;
      for (const data of sse.push(decoder.decode(read.value, { stream: true }))) {
        for (const event of handle(data)) yield event;
        if (done) break;
      }
    }
    if (done) {
      // [DONE] is the end even if the server keeps the connection open.
      await reader.cancel().catch(() => {});
    } else {
      for (const data of sse.push(decoder.decode())) for (const event of handle(data)) yield event;
      for (const data of sse.end()) for (const event of handle(data)) yield event;
    }
    for (const piece of splitter.end()) yield piece;
    if (!done && !finishReason) throw new BackendIncompleteError();
    finished = true;
    yield { type: "finish", reason: finishReason, model };
  } finally {
    disarm();
    input.signal?.removeEventListener("abort", onAbort);
    // Stopped early (error, cancel, or the consumer broke off): close the connection.
    if (!finished) controller.abort();
  }
}
