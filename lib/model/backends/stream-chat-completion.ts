// OpenAI-compatible completions, streamed (vLLM / SGLang serving EHR-R1). Yields reasoning and
// answer text as it arrives, then usage and the finish reason; fails with a typed BackendError.
// A silence longer than timeoutMs (before or during the stream) is a timeout.
//
// Two ways to send the prompt: the chat messages to /chat/completions (the server applies the
// model's chat template; enable_thinking travels in chat_template_kwargs), or, when the
// templated prompt had to be cut from the left, its kept token ids to /completions (vLLM takes a
// list of ids as the prompt and feeds them as they are, as the authors' generate(prompt_token_ids)
// did). See lib/model/prompt/README.md, "Thinking switch" and "Truncation".
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
import { forcedAnswerProbability } from "./yes-no-probability";

export type StreamChatCompletionInput = {
  baseUrl: string;
  apiKey?: string;
  model: string;
  /** Sent as they are: the serializer already ended the user message with the soft switch. */
  messages: readonly ChatMessage[];
  /**
   * The chat-templated prompt cut from the left, as token ids: sent to /completions instead of
   * the messages (which then only serve error messages).
   */
  promptTokenIds?: readonly number[] | null;
  maxTokens: number;
  temperature?: number;
  /** Does the output start with reasoning? (How text before a bare `</think>` is read.) */
  thinking: boolean;
  /** chat_template_kwargs.enable_thinking; null or absent: not sent (the template's default). */
  enableThinking?: boolean | null;
  /**
   * Risk tasks: force the answer with this logit bias (token id → +100) and ask for the answer
   * tokens' log-probabilities; P(yes) = exp(their sum) for "yes", its complement for "no".
   */
  forcedYesNo?: { logitBias: Record<string, number> } | null;
  signal?: AbortSignal;
  /** No byte for this long (waiting for headers or between chunks) fails the request. */
  timeoutMs: number;
};

/** The request body: chat messages, or the cut prompt's token ids for /completions. */
export function completionRequest(input: StreamChatCompletionInput): {
  endpoint: "chat/completions" | "completions";
  body: Record<string, unknown>;
} {
  const common = {
    model: input.model,
    stream: true,
    stream_options: { include_usage: true },
    temperature: input.temperature ?? 0,
    max_tokens: input.maxTokens,
    ...(input.forcedYesNo ? { logit_bias: input.forcedYesNo.logitBias } : {}),
  };
  if (input.promptTokenIds) {
    return {
      endpoint: "completions",
      // The completions API's logprobs is a count of top alternatives; the sampled token's own
      // log-probability comes with any value (the authors' SamplingParams(logprobs=1)).
      body: { ...common, prompt: [...input.promptTokenIds], ...(input.forcedYesNo ? { logprobs: 1 } : {}) },
    };
  }
  const enable = input.enableThinking;
  return {
    endpoint: "chat/completions",
    body: {
      ...common,
      messages: input.messages,
      // vLLM/SGLang pass these to the chat template: Qwen3's pre-fills "<think>\n\n</think>\n\n" on false.
      ...(enable === true || enable === false ? { chat_template_kwargs: { enable_thinking: enable } } : {}),
      ...(input.forcedYesNo ? { logprobs: true } : {}),
    },
  };
}

type ChunkChoice = {
  delta?: { content?: string | null; reasoning_content?: string | null; reasoning?: string | null };
  /** /completions chunks carry their text here. */
  text?: string | null;
  logprobs?: {
    /** /chat/completions */
    content?: Array<{ token: string; logprob: number }> | null;
    /** /completions */
    token_logprobs?: Array<number | null> | null;
  } | null;
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

  const request = completionRequest(input);
  const answerLogprobs: number[] = [];
  let answerText = "";
  let finished = false;
  try {
    arm();
    let response: Response;
    try {
      response = await fetch(endpointUrl(input.baseUrl, request.endpoint), {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          ...(input.apiKey ? { authorization: `Bearer ${input.apiKey}` } : {}),
        },
        body: JSON.stringify(request.body),
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
    const splitter = new ThinkTagSplitter(input.thinking);
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
        const content = choice.delta?.content ?? choice.text;
        if (typeof content === "string" && content) {
          events.push(...splitter.push(content));
          if (input.forcedYesNo) answerText += content;
        }
        if (input.forcedYesNo && choice.logprobs) {
          for (const token of choice.logprobs.content ?? []) answerLogprobs.push(token.logprob);
          for (const logprob of choice.logprobs.token_logprobs ?? [])
            if (logprob !== null) answerLogprobs.push(logprob);
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
    if (input.forcedYesNo) yield { type: "probability", ...forcedAnswerProbability(answerText, answerLogprobs) };
    finished = true;
    yield { type: "finish", reason: finishReason, model };
  } finally {
    disarm();
    input.signal?.removeEventListener("abort", onAbort);
    // Stopped early (error, cancel, or the consumer broke off): close the connection.
    if (!finished) controller.abort();
  }
}
