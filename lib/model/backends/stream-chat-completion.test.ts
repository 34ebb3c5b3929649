// The streaming client against a real HTTP server speaking vLLM's wire format, bytes split at
// awkward places, in both reasoning styles, plus every failure a run can meet.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { ModelStreamEvent } from "../stream-events";
import { startFakeOpenAiServer, type FakeOpenAiServer, type FakeServerOptions } from "../testing/fake-openai-server";
import {
  BackendAbortedError,
  BackendConnectionError,
  BackendHttpError,
  BackendIncompleteError,
  BackendProtocolError,
  BackendTimeoutError,
} from "./backend-errors";
import { checkBackendHealth } from "./check-backend-health";
import { loadBackends } from "./load-backends";
import { streamChatCompletion, type StreamChatCompletionInput } from "./stream-chat-completion";

const servers: FakeOpenAiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(options: FakeServerOptions) {
  const server = await startFakeOpenAiServer(options);
  servers.push(server);
  return server;
}

const PROMPT =
  "## Patient Demographics [None]\n- Anchor_Age: 91\n- Gender: M\n\nGiven the sequence of events that have occurred in a hospital, please give the next Labotary Test Events suggestion for the patients.";

function input(url: string, overrides: Partial<StreamChatCompletionInput> = {}): StreamChatCompletionInput {
  return {
    baseUrl: url,
    model: "BlueZeros/EHR-R1-8B",
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: `${PROMPT}\n/think` },
    ],
    maxTokens: 4096,
    thinking: true,
    timeoutMs: 5_000,
    ...overrides,
  };
}

async function collect(stream: AsyncIterable<ModelStreamEvent>) {
  const events: ModelStreamEvent[] = [];
  for await (const event of stream) events.push(event);
  const text = (type: "reasoning" | "answer") =>
    events
      .filter((e): e is Extract<ModelStreamEvent, { type: typeof type }> => e.type === type)
      .map((e) => e.text)
      .join("");
  return { events, reasoning: text("reasoning"), answer: text("answer") };
}

async function failure(stream: AsyncIterable<ModelStreamEvent>): Promise<Error> {
  try {
    for await (const _ of stream) {
      /* drain */
    }
  } catch (error) {
    return error as Error;
  }
  throw new Error("the stream did not fail");
}

// Multi-byte characters (2, 3 and 4 bytes) so awkward splits cut through them.
const REASONING =
  "## Extraction\nNa 130 mEq/L ↓, INR 1.2, glucose ≥ 155 mg/dL, 🫀 rate 110.\n\n## Reasoning\nµg doses unchanged; repeat chemistry.\n\n## Final Results\nSodium\nINR(PT)";
const ANSWER = "Sodium\nINR(PT)\nGlucose ≥ fasting";

describe("streaming", () => {
  it.each([
    ["reasoning_content", 4],
    ["reasoning", 3],
    ["think_tags", 1],
    ["think_tags", 5],
  ] as const)("reassembles %s deltas of %i chars split at awkward byte positions", async (style, deltaSize) => {
    const server = await serve({
      script: { kind: "stream", style, deltaSize, reasoning: REASONING, answer: ANSWER, split: "awkward" },
    });
    const { events, reasoning, answer } = await collect(streamChatCompletion(input(server.url)));
    expect(reasoning.trim()).toBe(REASONING);
    expect(answer).toBe(ANSWER);
    expect(events.filter((e) => e.type === "usage")).toEqual([
      { type: "usage", promptTokens: 1200, completionTokens: expect.any(Number), totalTokens: expect.any(Number) },
    ]);
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop", model: "BlueZeros/EHR-R1-8B" });
    // Text arrives in many events, not at the end.
    expect(events.filter((e) => e.type === "reasoning").length).toBeGreaterThan(5);
  });

  it("sends the request vLLM expects: the messages as they are, enable_thinking in chat_template_kwargs", async () => {
    const server = await serve({ apiKey: "sk-test", script: { kind: "stream", answer: "Sodium" } });
    await collect(
      streamChatCompletion(input(server.url, { apiKey: "sk-test", thinking: false, enableThinking: false })),
    );
    const [request] = server.requests;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(request.body).toEqual({
      model: "BlueZeros/EHR-R1-8B",
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: `${PROMPT}\n/think` },
      ],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0,
      max_tokens: 4096,
      // vLLM hands this to Qwen3's chat template, which then ends the prompt with "<think>\n\n</think>\n\n".
      chat_template_kwargs: { enable_thinking: false },
    });
  });

  it("sends enable_thinking true when asked, and no template kwargs when the mode leaves them out", async () => {
    const server = await serve({ script: { kind: "stream", reasoning: "r", answer: "a" } });
    await collect(streamChatCompletion(input(server.url, { enableThinking: true })));
    await collect(streamChatCompletion(input(server.url, { enableThinking: null })));
    expect(server.requests[0].body!.chat_template_kwargs).toEqual({ enable_thinking: true });
    expect(server.requests[1].body!.chat_template_kwargs).toBeUndefined();
    expect(server.requests[1].body?.messages?.[1]?.content).toBe(`${PROMPT}\n/think`);
  });

  it("forces yes/no with a logit bias and takes P from the answer token's log-probability (chat)", async () => {
    const server = await serve({ script: { kind: "stream", logprobs: { token: "yes", logprob: Math.log(0.7) } } });
    const { events, answer } = await collect(
      streamChatCompletion(
        input(server.url, {
          thinking: false,
          enableThinking: false,
          maxTokens: 1,
          forcedYesNo: { logitBias: { "9693": 100, "2152": 100 } },
        }),
      ),
    );
    expect(server.requests[0].body).toMatchObject({
      logprobs: true,
      logit_bias: { "9693": 100, "2152": 100 },
      max_tokens: 1,
      chat_template_kwargs: { enable_thinking: false },
    });
    expect(server.requests[0].body).not.toHaveProperty("top_logprobs");
    expect(answer).toBe("yes");
    const probability = events.find((e) => e.type === "probability");
    expect(probability).toMatchObject({ type: "probability", noLogprob: null });
    if (probability?.type === "probability") expect(probability.pYes).toBeCloseTo(0.7, 12);
    expect(events.at(-1)).toMatchObject({ type: "finish", reason: "length" });
  });

  it("gives P(yes) as the complement when the forced answer is no", async () => {
    const server = await serve({ script: { kind: "stream", logprobs: { token: "no", logprob: Math.log(0.8) } } });
    const { events } = await collect(
      streamChatCompletion(input(server.url, { thinking: false, maxTokens: 1, forcedYesNo: { logitBias: {} } })),
    );
    const probability = events.find((e) => e.type === "probability");
    if (probability?.type !== "probability") throw new Error("no probability event");
    expect(probability.pYes).toBeCloseTo(0.2, 12);
    expect(probability.noLogprob).toBeCloseTo(Math.log(0.8), 12);
  });

  it("sends a cut prompt's token ids to /completions and reads vLLM's text_completion stream", async () => {
    const server = await serve({ script: { kind: "stream", style: "think_tags", reasoning: "why", answer: "Sodium" } });
    const { reasoning, answer, events } = await collect(
      streamChatCompletion(input(server.url, { promptTokenIds: [151644, 8948, 198], enableThinking: true })),
    );
    const [request] = server.requests;
    expect(request.path).toBe("/v1/completions");
    expect(request.body).toEqual({
      model: "BlueZeros/EHR-R1-8B",
      prompt: [151644, 8948, 198],
      stream: true,
      stream_options: { include_usage: true },
      temperature: 0,
      max_tokens: 4096,
    });
    expect(reasoning.trim()).toBe("why");
    expect(answer.trim()).toBe("Sodium");
    expect(events.at(-1)).toMatchObject({ type: "finish", reason: "stop" });
  });

  it("forces yes/no on /completions too, with the completions API's logprobs count", async () => {
    const server = await serve({ script: { kind: "stream", logprobs: { token: "no", logprob: Math.log(0.6) } } });
    const { events, answer } = await collect(
      streamChatCompletion(
        input(server.url, {
          thinking: false,
          maxTokens: 1,
          promptTokenIds: [1, 2, 3],
          forcedYesNo: { logitBias: { "9693": 100, "2152": 100 } },
        }),
      ),
    );
    expect(server.requests[0].body).toMatchObject({
      logprobs: 1,
      logit_bias: { "9693": 100, "2152": 100 },
      max_tokens: 1,
    });
    expect(answer).toBe("no");
    const probability = events.find((e) => e.type === "probability");
    if (probability?.type !== "probability") throw new Error("no probability event");
    expect(probability.pYes).toBeCloseTo(0.4, 12);
  });

  it("stops reading at [DONE] even if the server keeps the connection open", async () => {
    const server = await serve({
      script: {
        kind: "hang",
        chunks: [
          'data: {"model":"m","choices":[{"index":0,"delta":{"content":"no"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n',
        ],
      },
    });
    const { answer, events } = await collect(
      streamChatCompletion(input(server.url, { thinking: false, timeoutMs: 2_000 })),
    );
    expect(answer).toBe("no");
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop", model: "m" });
  });
});

describe("failures", () => {
  it("HTTP 500 with a JSON error body: status and the server's message", async () => {
    const server = await serve({
      script: {
        kind: "error",
        status: 500,
        body: { error: { message: "CUDA out of memory", type: "InternalServerError", code: 500 } },
      },
    });
    const error = await failure(streamChatCompletion(input(server.url)));
    expect(error).toBeInstanceOf(BackendHttpError);
    expect(error).toMatchObject({ status: 500, serverMessage: "CUDA out of memory", code: "http" });
    expect(error.message).toBe("the model server answered HTTP 500: CUDA out of memory");
  });

  it("HTTP 400 that quotes the prompt: the quote is withheld", async () => {
    const server = await serve({
      script: {
        kind: "error",
        status: 400,
        body: {
          object: "error",
          message: `Prompt too long: "Given the sequence of events that have occurred in a hospital..."`,
          code: 400,
        },
      },
    });
    const error = await failure(streamChatCompletion(input(server.url)));
    expect(error.message).toBe('the model server answered HTTP 400: Prompt too long: " [prompt text withheld]');
    expect(error.message).not.toContain("Given the sequence");
  });

  it("connection refused", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const error = await failure(streamChatCompletion(input(`http://127.0.0.1:${port}/v1`)));
    expect(error).toBeInstanceOf(BackendConnectionError);
    expect(error.message).toBe(`cannot reach the model server at http://127.0.0.1:${port}: connection refused`);
  });

  it("a server that never answers times out", async () => {
    const server = await serve({ script: { kind: "hang" } });
    const started = Date.now();
    const error = await failure(streamChatCompletion(input(server.url, { timeoutMs: 300 })));
    expect(error).toBeInstanceOf(BackendTimeoutError);
    expect(error.message).toBe("the model server sent nothing for 0.3 s (timeout 300 ms)");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("a stream that stalls mid-way times out, after the text that came", async () => {
    const server = await serve({
      script: {
        kind: "hang",
        chunks: ['data: {"choices":[{"index":0,"delta":{"content":"Sod"},"finish_reason":null}]}\n\n'],
      },
    });
    const seen: ModelStreamEvent[] = [];
    let caught: unknown;
    try {
      for await (const event of streamChatCompletion(input(server.url, { thinking: false, timeoutMs: 300 })))
        seen.push(event);
    } catch (error) {
      caught = error;
    }
    expect(seen).toEqual([{ type: "answer", text: "Sod" }]);
    expect(caught).toBeInstanceOf(BackendTimeoutError);
  });

  it("a data line that is not JSON", async () => {
    const server = await serve({ script: { kind: "stream", answer: "x", inject: ["this is not json"] } });
    const error = await failure(streamChatCompletion(input(server.url)));
    expect(error).toBeInstanceOf(BackendProtocolError);
    expect(error.message).toBe('the model server sent data that is not JSON: "this is not json"');
  });

  it("a JSON body instead of events", async () => {
    const server = await serve({
      script: {
        kind: "raw",
        headers: { "content-type": "application/json" },
        chunks: ['{"id":"x","object":"chat.completion"}\n'],
      },
    });
    expect(await failure(streamChatCompletion(input(server.url)))).toBeInstanceOf(BackendProtocolError);
  });

  it("a connection dropped before the end", async () => {
    const server = await serve({ script: { kind: "stream", reasoning: "partial", answer: "Sod", ending: "drop" } });
    const error = await failure(streamChatCompletion(input(server.url)));
    expect(error).toBeInstanceOf(BackendIncompleteError);
  });

  it("an error event inside the stream", async () => {
    const server = await serve({
      script: { kind: "stream", answer: "x", inject: ['{"error":{"message":"engine died","code":500}}'] },
    });
    const error = await failure(streamChatCompletion(input(server.url)));
    expect(error).toBeInstanceOf(BackendIncompleteError);
    expect(error.message).toBe("the model server failed mid-stream: engine died");
  });

  it("the abort signal cancels the request and closes the connection", async () => {
    const server = await serve({ script: { kind: "stream", answer: "y" } });
    const slow = await serve({
      script: {
        kind: "hang",
        chunks: ['data: {"choices":[{"index":0,"delta":{"reasoning_content":"thinking"},"finish_reason":null}]}\n\n'],
      },
    });
    const controller = new AbortController();
    const events: ModelStreamEvent[] = [];
    let caught: unknown;
    try {
      for await (const event of streamChatCompletion(input(slow.url, { signal: controller.signal }))) {
        events.push(event);
        controller.abort();
      }
    } catch (error) {
      caught = error;
    }
    expect(events).toEqual([{ type: "reasoning", text: "thinking" }]);
    expect(caught).toBeInstanceOf(BackendAbortedError);
    expect(await slow.requests[0].closed).toBe("client");
    // Already aborted: nothing is sent at all.
    expect(await failure(streamChatCompletion(input(server.url, { signal: controller.signal })))).toBeInstanceOf(
      BackendAbortedError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it("a consumer that stops early closes the connection", async () => {
    const server = await serve({
      script: {
        kind: "hang",
        chunks: ['data: {"choices":[{"index":0,"delta":{"content":"a"},"finish_reason":null}]}\n\n'],
      },
    });
    for await (const event of streamChatCompletion(input(server.url, { thinking: false }))) {
      expect(event).toEqual({ type: "answer", text: "a" });
      break;
    }
    expect(await server.requests[0].closed).toBe("client");
  });

  it("does not follow redirects to other hosts", async () => {
    const elsewhere = await serve({});
    const server = await serve({
      script: { kind: "raw", status: 307, headers: { location: `${elsewhere.url}/chat/completions` }, chunks: [] },
    });
    const error = await failure(streamChatCompletion(input(server.url)));
    expect(error).toBeInstanceOf(BackendConnectionError);
    expect(elsewhere.requests).toHaveLength(0);
  });
});

describe("checkBackendHealth", () => {
  const backendAt = (url: string, extra: Record<string, string> = {}) =>
    loadBackends({ EHR_R1_BASE_URL: url, ...extra })[1];

  it("is always ok for the baseline", async () => {
    expect(await checkBackendHealth(loadBackends({})[0])).toEqual({
      ok: true,
      backendId: "baseline",
      latencyMs: 0,
      models: [],
    });
  });

  it("lists the served models", async () => {
    const server = await serve({ apiKey: "k" });
    const health = await checkBackendHealth(backendAt(server.url, { EHR_R1_API_KEY: "k" }));
    expect(health).toMatchObject({ ok: true, backendId: "ehr-r1", models: ["BlueZeros/EHR-R1-8B"] });
    expect(server.requests[0]).toMatchObject({ method: "GET", path: "/v1/models" });
  });

  it("fails when the configured model is not served, the key is wrong, or nobody answers", async () => {
    const server = await serve({ models: ["Qwen/Qwen3-8B"], apiKey: "k" });
    expect(await checkBackendHealth(backendAt(server.url, { EHR_R1_API_KEY: "k" }))).toMatchObject({
      ok: false,
      code: "model_missing",
      error: 'the server does not serve "BlueZeros/EHR-R1-8B" (it serves: Qwen/Qwen3-8B)',
    });
    expect(await checkBackendHealth(backendAt(server.url, { EHR_R1_API_KEY: "wrong" }))).toMatchObject({
      ok: false,
      code: "http",
      error: "the model server answered HTTP 401: Unauthorized",
    });
    // A server that accepts the connection and never answers.
    const hang = createServer(() => {});
    await new Promise<void>((resolve) => hang.listen(0, "127.0.0.1", resolve));
    const { port } = hang.address() as AddressInfo;
    expect(await checkBackendHealth(backendAt(`http://127.0.0.1:${port}`), { timeoutMs: 200 })).toMatchObject({
      ok: false,
      code: "timeout",
    });
    hang.closeAllConnections();
    await new Promise((resolve) => hang.close(resolve));
  });
});
