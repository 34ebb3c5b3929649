import { afterEach, describe, expect, it } from "vitest";
import {
  awkwardPieces,
  defaultReply,
  startFakeOpenAiServer,
  vllmStreamBody,
  type FakeOpenAiServer,
} from "./fake-openai-server";

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("vLLM wire format", () => {
  it("sends role, reasoning, content, finish and usage chunks, then [DONE]", () => {
    const body = vllmStreamBody({ kind: "stream", reasoning: "abcdef", answer: "Sodium", deltaSize: 3 });
    const events = body.split("\n\n").filter(Boolean);
    expect(events.at(-1)).toBe("data: [DONE]");
    const chunks = events.slice(0, -1).map((e) => {
      expect(e.startsWith("data: ")).toBe(true);
      return JSON.parse(e.slice(6));
    });
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        id: expect.stringMatching(/^chatcmpl-/),
        object: "chat.completion.chunk",
        created: expect.any(Number),
        model: "BlueZeros/EHR-R1-8B",
      });
    }
    expect(chunks[0].choices).toEqual([
      { index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null },
    ]);
    expect(chunks[1].choices[0].delta).toEqual({ reasoning_content: "abc" });
    expect(chunks[3].choices[0].delta).toEqual({ content: "Sod" });
    expect(chunks.at(-2).choices[0]).toEqual({
      index: 0,
      delta: { content: "" },
      logprobs: null,
      finish_reason: "stop",
      stop_reason: null,
    });
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 1200, completion_tokens: expect.any(Number), total_tokens: expect.any(Number) },
    });
  });

  it("speaks vLLM's text_completion chunks on /v1/completions, logprobs as lists", () => {
    const body = vllmStreamBody({ kind: "stream", logprobs: { token: "yes", logprob: -0.5 } }, "completions");
    const chunks = body
      .split("\n\n")
      .filter((e) => e && e !== "data: [DONE]")
      .map((e) => JSON.parse(e.slice(6)));
    expect(chunks[0]).toMatchObject({
      id: expect.stringMatching(/^cmpl-/),
      object: "text_completion",
      choices: [
        {
          index: 0,
          text: "yes",
          logprobs: { text_offset: [0], token_logprobs: [-0.5], tokens: ["yes"], top_logprobs: [{ yes: -0.5 }] },
          finish_reason: "length",
          stop_reason: null,
        },
      ],
      usage: null,
    });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1200, completion_tokens: 1 } });
    // No reasoning parser on /completions: reasoning comes inline.
    const text = vllmStreamBody(
      { kind: "stream", style: "reasoning_content", reasoning: "r", answer: "a" },
      "completions",
    );
    expect(text).toContain('"text":"<thi');
    expect(text).not.toContain("reasoning_content");
  });

  it("cuts bytes into 1-13 byte pieces that reassemble exactly", () => {
    const bytes = Buffer.from("data: µ≥🫀\n\n", "utf8");
    const pieces = awkwardPieces(bytes);
    expect(pieces.map((p) => p.length).slice(0, 4)).toEqual([1, 2, 3, 5]);
    expect(Buffer.concat(pieces).equals(bytes)).toBe(true);
  });
});

describe("startFakeOpenAiServer", () => {
  it("answers vLLM's /tokenize when asked to, 404 otherwise", async () => {
    server = await startFakeOpenAiServer({ tokenize: true });
    const tokenize = (s: FakeOpenAiServer) =>
      fetch(`${s.origin}/tokenize`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "m", prompt: "Hello world", add_special_tokens: false }),
      });
    const response = await tokenize(server);
    expect(await response.json()).toEqual({ count: 2, max_model_len: 32000, tokens: [9707, 1879], token_strs: null });
    const plain = await startFakeOpenAiServer();
    try {
      expect((await tokenize(plain)).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it("serves models, chat completions by default, 404 elsewhere, and records requests", async () => {
    server = await startFakeOpenAiServer();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const models = await (await fetch(`${server.url}/models`)).json();
    expect(models.data.map((m: { id: string }) => m.id)).toEqual(["BlueZeros/EHR-R1-8B"]);
    const chat = await fetch(`${server.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: "x\n/think" }], stream: true }),
    });
    expect(chat.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await chat.text()).toContain('"reasoning_content"');
    expect((await fetch(`${server.origin}/nope`)).status).toBe(404);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /v1/models",
      "POST /v1/chat/completions",
      "GET /nope",
    ]);
    expect(server.requests[1].body).toMatchObject({ stream: true });
  });

  it("runs scripts in order, repeating the last", async () => {
    server = await startFakeOpenAiServer({
      script: [
        { kind: "error", status: 503, body: { error: { message: "busy" } } },
        { kind: "stream", answer: "ok" },
      ],
    });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await fetch(`${server.url}/chat/completions`, { method: "POST", body: "{}" })).status);
    expect(statuses).toEqual([503, 200, 200]);
  });

  it("answers like EHR-R1 by default: reasoning for decision tasks, a bare yes/no without thinking", () => {
    const request = (content: string, extra: Record<string, unknown> = {}) => ({
      method: "POST",
      path: "/v1/chat/completions",
      headers: {},
      body: { messages: [{ role: "user", content }], ...extra },
      closed: Promise.resolve("server" as const),
    });
    expect(defaultReply(request("...suggestion for the patients.\n/think"))).toMatchObject({
      kind: "stream",
      reasoning: expect.stringContaining("## Final Results"),
      answer: "Sodium\nINR(PT)\nPotassium",
    });
    expect(
      defaultReply(request("please predict whether the patient will die during hospitalization.\n/no_think")),
    ).toMatchObject({ reasoning: undefined, answer: "no" });
    expect(defaultReply(request("x", { logprobs: true }))).toMatchObject({ logprobs: { token: "no" } });
  });
});
