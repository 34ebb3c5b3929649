// Fitting with the backend's tokenizer (vLLM's /tokenize, served by the fake server with real
// Qwen3 ids) and without one (the bundled tokenizer): the same cut either way.
import { afterEach, describe, expect, it } from "vitest";
import { tokenizeOnBackend } from "../backends/tokenize-on-backend";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../testing/fake-openai-server";
import { renderQwen3Chat } from "./chat-template";
import { fitToContext } from "./fit-to-context";
import { qwen3Tokenizer } from "./qwen3-tokenizer";

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const templated = renderQwen3Chat(
  [
    { role: "system", content: "You are a helpful assistant." },
    {
      role: "user",
      content: "## Patient Demographics [None]\n- Anchor_Age: 91\n- Gender: M\nGiven the sequence...\n/think",
    },
  ],
  { enableThinking: false },
);

describe("fitToContext", () => {
  it("cuts the same last tokens with the backend's tokenizer as with the bundled one", async () => {
    server = await startFakeOpenAiServer({ tokenize: true });
    const target = { baseUrl: server.url, model: "m", timeoutMs: 5_000 };
    const ids = qwen3Tokenizer().encode(templated);
    const remote = await fitToContext(templated, 20, (text) => tokenizeOnBackend(target, text));
    const bundled = await fitToContext(templated, 20);
    expect(remote).toMatchObject({ counter: "backend", promptTokens: ids.length, cutTokens: ids.length - 20 });
    expect(bundled).toMatchObject({ counter: "bundled", promptTokens: ids.length, cutTokens: ids.length - 20 });
    expect(remote.keptIds).toEqual(ids.slice(-20));
    expect(bundled.keptIds).toEqual(ids.slice(-20));
    expect(remote.cutText).toBe(bundled.cutText);
    expect(remote.cutText + qwen3Tokenizer().decode(ids.slice(-20))).toBe(templated);
  });

  it("keeps the bundled cut of a recent identical prompt instead of tokenizing it again", async () => {
    const first = await fitToContext(templated, 15);
    const again = await fitToContext(templated, 15);
    expect(again.keptIds).toBe(first.keptIds); // the same result, not recomputed
    expect((await fitToContext(templated, 16)).keptIds).toEqual(qwen3Tokenizer().encode(templated).slice(-16));
  });

  it("falls back to the bundled tokenizer when the server has no /tokenize", async () => {
    server = await startFakeOpenAiServer();
    const target = { baseUrl: server.url, model: "m", timeoutMs: 5_000 };
    const fitted = await fitToContext(templated, 10_000, (text) => tokenizeOnBackend(target, text));
    expect(fitted).toMatchObject({ counter: "bundled", cutTokens: 0, keptIds: null });
    expect(server.requests.map((r) => r.path)).toEqual(["/tokenize"]);
  });

  it("fails with the server's words when /tokenize fails otherwise", async () => {
    server = await startFakeOpenAiServer({ tokenize: true, apiKey: "right" });
    const target = { baseUrl: server.url, model: "m", apiKey: "wrong", timeoutMs: 5_000 };
    await expect(fitToContext(templated, 10, (text) => tokenizeOnBackend(target, text))).rejects.toThrow(
      /the model server answered HTTP 401: Unauthorized/,
    );
  });
});
