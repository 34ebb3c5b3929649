// A real HTTP server on localhost that speaks vLLM's OpenAI-compatible wire format, for unit
// and e2e tests: chat.completion.chunk events over SSE (role chunk, reasoning_content or inline
// <think> deltas, a finish chunk, a usage chunk, `data: [DONE]`), text_completion chunks for
// POST /v1/completions (a prompt of token ids), GET /v1/models, optionally POST /tokenize (vLLM's
// answer, counted by the bundled Qwen3 tokenizer), and scripted failures (HTTP errors, garbage,
// hangs, dropped connections). Bytes can be split at awkward places (inside "data:", inside
// multi-byte UTF-8 characters) to test incremental parsing.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { qwen3Tokenizer } from "../prompt/qwen3-tokenizer";

export const FAKE_MODEL = "BlueZeros/EHR-R1-8B";

/** The parts of a chat-completions body tests look at; anything else passes through. */
export type FakeChatBody = {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
  /** /v1/completions: the prompt (token ids, or text). */
  prompt?: number[] | string;
  stream?: boolean;
  max_tokens?: number;
  /** true on /chat/completions, a count on /completions. */
  logprobs?: boolean | number;
  logit_bias?: Record<string, number>;
  chat_template_kwargs?: { enable_thinking?: boolean };
  [key: string]: unknown;
};

export type FakeRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (chat completions), or null. */
  body: FakeChatBody | null;
  /** Resolves when the response ends ("server") or the client goes away first ("client"). */
  closed: Promise<"client" | "server">;
};

export type FakeStreamReply = {
  kind: "stream";
  reasoning?: string;
  answer?: string;
  /** How reasoning travels: vLLM's reasoning parser field, its newer name, or inline tags. */
  style?: "reasoning_content" | "reasoning" | "think_tags";
  /** Characters per delta (tags and words get split across deltas). Default 4. */
  deltaSize?: number;
  /** Split the raw bytes: "awkward" (1-13 byte pieces), "none", or explicit byte offsets. */
  split?: "awkward" | "none" | number[];
  /** Pause between writes (ms); 0 (default) yields one event-loop turn, enough for separate reads. */
  delayMs?: number;
  finishReason?: string;
  usage?: { prompt_tokens: number; completion_tokens: number } | false;
  /** One-token yes/no reply with its log-probability (and top_logprobs, when asked for). */
  logprobs?: { token: string; logprob: number; top?: Array<{ token: string; logprob: number }> };
  model?: string;
  /** "done" sends [DONE]; "drop" destroys the socket after the content, before the finish. */
  ending?: "done" | "drop";
  /** Raw SSE data lines inserted after the role chunk (e.g. garbage). */
  inject?: string[];
  /** Filled with performance.now() as each piece is written (benchmarks time the server's sends). */
  sentAt?: number[];
};

export type FakeReply =
  | FakeStreamReply
  | { kind: "error"; status: number; body: unknown }
  | {
      kind: "raw";
      status?: number;
      headers?: Record<string, string>;
      chunks: Array<string | Uint8Array>;
      delayMs?: number;
    }
  /** Accept the request, then say nothing (optionally after headers and some raw chunks). */
  | { kind: "hang"; afterHeaders?: boolean; chunks?: string[] };

export type FakeScript =
  FakeReply | FakeReply[] | ((request: FakeRequest, index: number) => FakeReply | Promise<FakeReply>);

export type FakeOpenAiServer = {
  /** Base URL to configure (EHR_R1_BASE_URL): http://127.0.0.1:PORT/v1 */
  url: string;
  origin: string;
  requests: FakeRequest[];
  close: () => Promise<void>;
};

export type FakeServerOptions = {
  /** Replies to POST /v1/chat/completions and /v1/completions; default: a plausible EHR-R1 answer. */
  script?: FakeScript;
  /** Serve vLLM's POST /tokenize (else 404, as servers without it answer). */
  tokenize?: boolean;
  /** Served by GET /v1/models. */
  models?: string[];
  /** Require this bearer token (401 otherwise). */
  apiKey?: string;
  port?: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A reply shaped like EHR-R1's: sectioned reasoning, then items or yes/no. */
export function defaultReply(request: FakeRequest): FakeReply {
  const body = request.body ?? {};
  if (body.logprobs)
    return {
      kind: "stream",
      logprobs: {
        token: "no",
        logprob: -0.22,
        top: [
          { token: "no", logprob: -0.22 },
          { token: "yes", logprob: -1.6 },
        ],
      },
    };
  if (request.path === "/v1/completions") {
    // Token ids carry no words to read: a decision task's reply, reasoning inline as vLLM's
    // completions endpoint returns it (no reasoning parser there).
    return { kind: "stream", style: "think_tags", reasoning: "## Final Results\nSodium", answer: "Sodium\nINR(PT)" };
  }
  const messages = body.messages ?? [];
  const user = messages.filter((m) => m.role === "user").pop()?.content ?? "";
  const yesNo = user.includes("please predict whether");
  const thinking = !user.trimEnd().endsWith("/no_think") && body.chat_template_kwargs?.enable_thinking !== false;
  return {
    kind: "stream",
    reasoning: thinking
      ? "## Extraction\nSodium 130 mEq/L (low), INR 1.2 (high).\n\n## Reasoning\nHyponatremia and a raised INR call for repeat chemistry and coagulation tests.\n\n## Final Results\n" +
        (yesNo ? "no" : "Sodium\nINR(PT)")
      : undefined,
    answer: yesNo ? "no" : "Sodium\nINR(PT)\nPotassium",
  };
}

function chunkEvent(
  base: { id: string; created: number; model: string },
  choice: Record<string, unknown> | null,
  usage?: unknown,
): string {
  const payload: Record<string, unknown> = {
    id: base.id,
    object: "chat.completion.chunk",
    created: base.created,
    model: base.model,
  };
  payload.choices = choice ? [choice] : [];
  if (usage) payload.usage = usage;
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function completionEvent(
  base: { id: string; created: number; model: string },
  choice: Record<string, unknown> | null,
  usage?: unknown,
): string {
  const payload = {
    id: base.id,
    object: "text_completion",
    created: base.created,
    model: base.model,
    choices: choice ? [choice] : [],
    usage: usage ?? null,
  };
  return `data: ${JSON.stringify(payload)}\n\n`;
}

const pieces = (text: string, size: number) => {
  const out: string[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(""));
  return out;
};

/**
 * The whole SSE body vLLM would send for this reply: chat.completion.chunk events, or for
 * /v1/completions text_completion events (`text` instead of `delta`, logprobs as
 * token_logprobs/tokens/top_logprobs lists, reasoning only inline).
 */
export function vllmStreamBody(reply: FakeStreamReply, endpoint: "chat" | "completions" = "chat"): string {
  const chat = endpoint === "chat";
  const base = {
    id: `${chat ? "chatcmpl" : "cmpl"}-${randomBytes(8).toString("hex")}`,
    created: 1_764_000_000,
    model: reply.model ?? FAKE_MODEL,
  };
  const choice = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    chat
      ? { index: 0, delta, logprobs: null, finish_reason: null, ...extra }
      : { index: 0, text: delta.content ?? "", logprobs: null, finish_reason: null, stop_reason: null, ...extra };
  const chunk = (c: Record<string, unknown> | null, usage?: unknown) =>
    chat ? chunkEvent(base, c, usage) : completionEvent(base, c, usage);
  const size = reply.deltaSize ?? 4;
  const style = chat ? (reply.style ?? "reasoning_content") : "think_tags";
  let out = chat ? chunk(choice({ role: "assistant", content: "" })) : "";
  for (const line of reply.inject ?? []) out += `data: ${line}\n\n`;
  let completion = 0;
  if (reply.logprobs) {
    const bytes = (t: string) => [...Buffer.from(t, "utf8")];
    const { token, logprob, top = [] } = reply.logprobs;
    const logprobs = chat
      ? {
          content: [
            { token, logprob, bytes: bytes(token), top_logprobs: top.map((t) => ({ ...t, bytes: bytes(t.token) })) },
          ],
        }
      : {
          text_offset: [0],
          token_logprobs: [logprob],
          tokens: [token],
          top_logprobs: [Object.fromEntries([[token, logprob], ...top.map((t) => [t.token, t.logprob])])],
        };
    out += chunk(
      choice({ content: token }, { logprobs, finish_reason: reply.finishReason ?? "length", stop_reason: null }),
    );
    completion = 1;
  } else {
    if (reply.reasoning !== undefined) {
      if (style === "think_tags") {
        for (const p of pieces(`<think>\n${reply.reasoning}\n</think>\n\n`, size)) out += chunk(choice({ content: p }));
      } else {
        for (const p of pieces(reply.reasoning, size)) out += chunk(choice({ [style]: p }));
      }
      completion += Math.ceil(reply.reasoning.length / 4);
    }
    for (const p of pieces(reply.answer ?? "", size)) out += chunk(choice({ content: p }));
    completion += Math.ceil((reply.answer ?? "").length / 4);
    if (reply.ending === "drop") return out;
    out += chunk(choice({ content: "" }, { finish_reason: reply.finishReason ?? "stop", stop_reason: null }));
  }
  if (reply.usage !== false) {
    const usage = reply.usage ?? { prompt_tokens: 1200, completion_tokens: completion };
    out += chunk(null, {
      prompt_tokens: usage.prompt_tokens,
      total_tokens: usage.prompt_tokens + usage.completion_tokens,
      completion_tokens: usage.completion_tokens,
    });
  }
  return `${out}data: [DONE]\n\n`;
}

/** Byte pieces of 1, 2, 3, 5, 7, 11, 13 bytes in turn: cuts "data:", JSON and UTF-8 characters. */
export function awkwardPieces(bytes: Uint8Array, offsets?: number[]): Uint8Array[] {
  const cuts: number[] = [];
  if (offsets) cuts.push(...offsets.filter((o) => o > 0 && o < bytes.length));
  else {
    const sizes = [1, 2, 3, 5, 7, 11, 13];
    for (let at = 0, i = 0; at < bytes.length; i++) {
      at += sizes[i % sizes.length];
      if (at < bytes.length) cuts.push(at);
    }
  }
  const out: Uint8Array[] = [];
  let previous = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    out.push(bytes.subarray(previous, cut));
    previous = cut;
  }
  out.push(bytes.subarray(previous));
  return out;
}

async function writePieces(
  res: ServerResponse,
  chunks: Array<string | Uint8Array>,
  delayMs: number,
  sentAt?: number[],
) {
  for (const chunk of chunks) {
    if (res.destroyed) return;
    res.write(chunk);
    sentAt?.push(performance.now());
    // Yield between writes so pieces reach the client as separate reads (same process, loopback).
    await (delayMs > 0 ? sleep(delayMs) : new Promise((resolve) => setImmediate(resolve)));
  }
}

export async function startFakeOpenAiServer(options: FakeServerOptions = {}): Promise<FakeOpenAiServer> {
  const requests: FakeRequest[] = [];
  const sockets = new Set<Socket>();
  const models = options.models ?? [FAKE_MODEL];
  let chatCount = 0;

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: FakeChatBody | null = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      body = null;
    }
    let settle!: (how: "client" | "server") => void;
    const closed = new Promise<"client" | "server">((resolve) => (settle = resolve));
    res.on("finish", () => settle("server"));
    res.on("close", () => settle(res.writableFinished ? "server" : "client"));
    const request: FakeRequest = {
      method: req.method ?? "GET",
      path: req.url ?? "/",
      headers: req.headers,
      body,
      closed,
    };
    requests.push(request);

    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "Unauthorized", type: "invalid_request_error", code: 401 } }));
      return;
    }
    if (req.method === "GET" && request.path === "/v1/models") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          object: "list",
          data: models.map((id) => ({
            id,
            object: "model",
            created: 1_764_000_000,
            owned_by: "vllm",
            root: id,
            parent: null,
            max_model_len: 32000,
          })),
        }),
      );
      return;
    }
    if (options.tokenize && req.method === "POST" && request.path === "/tokenize") {
      // vLLM's TokenizeCompletionRequest → TokenizeResponse.
      const prompt = typeof body?.prompt === "string" ? body.prompt : "";
      const tokens = qwen3Tokenizer().encode(prompt);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ count: tokens.length, max_model_len: 32000, tokens, token_strs: null }));
      return;
    }
    const endpoint =
      request.path === "/v1/chat/completions" ? "chat" : request.path === "/v1/completions" ? "completions" : null;
    if (req.method !== "POST" || !endpoint) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `Not Found: ${request.path}`, type: "NotFoundError", code: 404 } }));
      return;
    }

    const index = chatCount++;
    const script = options.script;
    const reply: FakeReply =
      typeof script === "function"
        ? await script(request, index)
        : Array.isArray(script)
          ? script[Math.min(index, script.length - 1)]
          : (script ?? defaultReply(request));

    switch (reply.kind) {
      case "error": {
        res.writeHead(reply.status, { "content-type": "application/json" });
        res.end(typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
        return;
      }
      case "raw": {
        res.writeHead(reply.status ?? 200, reply.headers ?? { "content-type": "text/event-stream; charset=utf-8" });
        res.flushHeaders();
        await writePieces(res, reply.chunks, reply.delayMs ?? 0);
        res.end();
        return;
      }
      case "hang": {
        if (reply.afterHeaders || reply.chunks) {
          res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
          res.flushHeaders();
          await writePieces(res, reply.chunks ?? [], 0);
        }
        return; // never ends; close() destroys the socket
      }
      case "stream": {
        res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" });
        res.flushHeaders();
        const bytes = Buffer.from(vllmStreamBody(reply, endpoint), "utf8");
        const split = reply.split ?? "awkward";
        const parts = split === "none" ? [bytes] : awkwardPieces(bytes, Array.isArray(split) ? split : undefined);
        await writePieces(res, parts, reply.delayMs ?? 0, reply.sentAt);
        if (reply.ending === "drop") res.destroy();
        else res.end();
        return;
      }
    }
  });
  server.on("connection", (socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
