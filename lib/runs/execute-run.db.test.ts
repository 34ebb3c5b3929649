// Runs end to end against a real PostgreSQL and the fake vLLM server (a real HTTP server):
// streaming stored chunk by chunk, items matched to concepts, the prompt stored; every kind of
// backend failure ends that run plainly and the next run still works; cancel keeps the partial
// reasoning; the baseline works with no backend configured.
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import {
  FAKE_MODEL,
  defaultReply,
  startFakeOpenAiServer,
  vllmStreamBody,
  type FakeOpenAiServer,
  type FakeReply,
  type FakeRequest,
} from "../model/testing/fake-openai-server";
import type * as CancelModule from "./cancel-run";
import type * as CreateModule from "./create-run";
import type * as ExecutorModule from "./run-executor";
import type * as GetRunModule from "./get-run";
import type * as RetryModule from "./retry-run";
import { findBackend, loadBackends } from "../model/backends/load-backends";
import { requireTask } from "../model/tasks/task-catalog";
import { renderQwen3Chat } from "../model/prompt/chat-template";
import { qwen3Tokenizer } from "../model/prompt/qwen3-tokenizer";
import type { ChatMessage } from "../model/stream-events";
import { CUTOFF, holdEventReads, seedConcepts, seedPatient, seedUser, untilAReadWaits } from "./test-support";

let database: TestDatabase;
let server: FakeOpenAiServer;
let script: (request: FakeRequest, index: number) => FakeReply = defaultReply;
let modules: {
  create: typeof CreateModule;
  executor: typeof ExecutorModule;
  cancel: typeof CancelModule;
  retry: typeof RetryModule;
  getRun: typeof GetRunModule;
};
let patientId: string;
let user: Awaited<ReturnType<typeof seedUser>>;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  server = await startFakeOpenAiServer({ script: (request, index) => script(request, index) });
  // The one-process default: a run worker in this process takes the runs off the queue (and
  // never puts one back here: no lease check while these tests write runs by hand).
  process.env.EHR_R1_BASE_URL = server.url;
  process.env.EHR_R1_LEASE_CHECK_MS = "600000";
  await (await import("./run-worker")).startRunWorker(database.url);
  modules = {
    create: await import("./create-run"),
    executor: await import("./run-executor"),
    cancel: await import("./cancel-run"),
    retry: await import("./retry-run"),
    getRun: await import("./get-run"),
  };
  await seedConcepts(database.prisma);
  ({ patientId } = await seedPatient(database.prisma, "90000001"));
  user = await seedUser(database.prisma, "Chris Clinician");
});

afterAll(async () => {
  await (await import("./run-worker")).runWorkerHere()?.stop();
  await server?.close();
  await (await import("./prepare-run")).stopPreparationThread();
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

beforeEach(() => {
  script = defaultReply;
  for (const key of Object.keys(process.env)) if (key.startsWith("EHR_R1_")) delete process.env[key];
  process.env.EHR_R1_BASE_URL = server.url;
  process.env.EHR_R1_LEASE_CHECK_MS = "600000";
});

/** Starts a run and waits for its end. */
async function run(taskKey = "labevents", backendId = "ehr-r1") {
  const { id } = await modules.create.createRun({ patientId, taskKey, cutoff: CUTOFF, backendId }, user);
  await modules.executor.submitRun(id, backendId);
  return database.prisma.predictionRun.findUniqueOrThrow({
    where: { id },
    include: { items: { orderBy: { rank: "asc" } }, chunks: { orderBy: { seq: "asc" } } },
  });
}

/** The SSE events of a stream reply, one string each (for "raw" and "hang" replies). */
const sseEvents = (reply: FakeReply, deltaSize = 4) =>
  vllmStreamBody({ ...(reply as Extract<FakeReply, { kind: "stream" }>), deltaSize }).split(/(?<=\n\n)/);

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("a run against an EHR-R1 server", () => {
  it("streams, stores every chunk and the text as it grows, parses and matches the items, stores the prompt", async () => {
    // One write per SSE event, 15 ms apart: the run is observably in progress for a while.
    script = (request) => ({ kind: "raw", chunks: sseEvents(defaultReply(request)), delayMs: 15 });
    const { id } = await modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, user);
    const seen: string[] = [];
    // Until it is done (the first run also starts the preparation thread and loads the tokenizer).
    for (let i = 0; i < 2000; i++) {
      const row = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id } });
      if (row.status === "streaming" && row.reasoning) seen.push(row.reasoning);
      if (row.status === "done") break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await modules.executor.submitRun(id, "ehr-r1");
    const done = await database.prisma.predictionRun.findUniqueOrThrow({
      where: { id },
      include: { items: { orderBy: { rank: "asc" } }, chunks: { orderBy: { seq: "asc" } } },
    });
    expect(done.status).toBe("done");
    // Partial text was in the database while the model was still writing.
    expect(seen.length).toBeGreaterThan(1);
    expect(seen[0].length).toBeLessThan(done.reasoning.length);
    expect(done.reasoning.startsWith(seen[0])).toBe(true);

    const reply = defaultReply(server.requests.at(-1)!) as Extract<FakeReply, { kind: "stream" }>;
    expect(done.reasoning).toBe(reply.reasoning);
    expect(done.answer).toBe(reply.answer);
    // The chunks, in order and without gaps, are exactly the text, then a terminal "done".
    expect(done.chunks.map((c) => c.seq)).toEqual(done.chunks.map((_, i) => i + 1));
    const text = (kind: string) =>
      done.chunks
        .filter((c) => c.kind === kind)
        .map((c) => JSON.parse(c.data))
        .join("");
    expect(text("reasoning")).toBe(done.reasoning);
    expect(text("answer")).toBe(done.answer);
    expect(done.chunks.at(-1)).toMatchObject({ kind: "done", data: JSON.stringify({ status: "done" }) });
    expect(done.chunks.filter((c) => c.kind === "reasoning").length).toBeGreaterThan(1);

    expect(done.items.map((i) => [i.rank, i.label, i.codeSystem, i.code])).toEqual([
      [1, "Sodium", "mimic-iv/d_labitems", "50983"],
      [2, "INR(PT)", "mimic-iv/d_labitems", "51237"],
      [3, "Potassium", "mimic-iv/d_labitems", "50971"],
    ]);
    const request = server.requests.at(-1)!;
    const sent = request.body!.messages!.at(-1)!.content;
    expect(done.prompt).toBe(sent);
    // The authors' evaluation: "\n/think", a decision task reasons (enable_thinking true).
    expect(sent.endsWith("\n/think")).toBe(true);
    expect(request.body).toMatchObject({ chat_template_kwargs: { enable_thinking: true }, max_tokens: 4096 });
    expect(request.body).not.toHaveProperty("logit_bias");
    expect(done.thinking).toMatchObject({ mode: "evaluation", softSwitch: "think", enableThinking: true });
    // Counted in real tokens by the bundled tokenizer (this server has no /tokenize): it fit.
    const templated = renderQwen3Chat(request.body!.messages as ChatMessage[], { enableThinking: true });
    expect(done.promptTokens).toBe(qwen3Tokenizer().encode(templated).length);
    expect(done.truncation).toMatchObject({ counter: "bundled", budget: 27_904, cutTokens: 0 });
    expect(done.promptCut).toBeNull();
    expect(done.prompt).toContain("| Sodium | 130.0 | mEq/L |");
    expect(done.promptHash).toMatch(/^[0-9a-f]{64}$/);
    expect(done.promptTokens).toBeGreaterThan(50);
    expect(done.dropped).toMatchObject({ count: 0 });
    expect(done).toMatchObject({ finishReason: "stop", modelName: FAKE_MODEL, error: null });
    expect(done.usage).toMatchObject({ promptTokens: 1200 });
    expect(done.startedAt!.getTime()).toBeLessThanOrEqual(done.finishedAt!.getTime());
  });

  it("asks a risk task as the authors did: /think, empty think block, one forced token, P from its logprob", async () => {
    const done = await run("Inpatient_Mortality");
    expect(done.status).toBe("done");
    const body = server.requests.at(-1)!.body!;
    expect(body).toMatchObject({
      logprobs: true,
      max_tokens: 1,
      // "yes" and "no" are one Qwen3 token each: 9693 and 2152.
      logit_bias: { "9693": 100, "2152": 100 },
      chat_template_kwargs: { enable_thinking: false },
    });
    expect(body.messages!.at(-1)!.content.endsWith("\n/think")).toBe(true);
    expect(body).not.toHaveProperty("top_logprobs");
    // The fake server forces "no" with logprob -0.22: P(no) = exp(-0.22), P(yes) its complement.
    expect(done.probability).toBeCloseTo(1 - Math.exp(-0.22), 12);
    expect(done.items).toMatchObject([{ label: "no", probability: expect.closeTo(1 - done.probability!, 6) }]);
    expect(done.thinking).toMatchObject({
      softSwitch: "think",
      enableThinking: false,
      maxTokens: 1,
      forcedYesNo: true,
    });
    expect(done.truncation).toMatchObject({ budget: 31_999, cutTokens: 0 });
  });

  it("cuts the templated prompt from the left to the budget and sends the kept token ids to /completions", async () => {
    process.env.EHR_R1_MAX_CONTEXT_TOKENS = "4196"; // a budget of 100 tokens for a decision task
    const done = await run();
    expect(done.status).toBe("done");
    const request = server.requests.at(-1)!;
    expect(request.path).toBe("/v1/completions");
    const templated = renderQwen3Chat(
      [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: done.prompt! },
      ],
      { enableThinking: true },
    );
    const ids = qwen3Tokenizer().encode(templated);
    expect(ids.length).toBeGreaterThan(100);
    expect(request.body).toMatchObject({ prompt: ids.slice(-100), max_tokens: 4096, stream: true });
    expect(request.body).not.toHaveProperty("messages");
    expect(done.truncation).toMatchObject({
      counter: "bundled",
      budget: 100,
      keptTokens: 100,
      promptTokens: ids.length,
      cutTokens: ids.length - 100,
    });
    expect(done.promptCut! + qwen3Tokenizer().decode(ids.slice(-100))).toBe(templated);
    expect(done.promptCut!.startsWith("<|im_start|>system\nYou are a helpful assistant.")).toBe(true);
    // The prompt route gives the viewer the cut text.
    const view = await modules.getRun.getRunPrompt(done.id, user);
    expect(view).toMatchObject({ cutText: done.promptCut, truncation: { cutTokens: ids.length - 100 } });
    expect(view.thinking).toMatchObject({ description: "authors' evaluation (/think, reasoning)" });
    // The reasoning came inline (no reasoning parser on /completions) and was split out.
    expect(done.reasoning).toContain("## Final Results");
    expect(done.answer.trim()).toBe("Sodium\nINR(PT)");
  });

  it("counts with the backend's own /tokenize when it has one", async () => {
    const withTokenizer = await startFakeOpenAiServer({ tokenize: true });
    try {
      process.env.EHR_R1_BASE_URL = withTokenizer.url;
      const done = await run("Inpatient_Mortality");
      expect(done.status).toBe("done");
      const tokenize = withTokenizer.requests.filter((r) => r.path === "/tokenize");
      const templated = renderQwen3Chat(
        [
          { role: "system", content: "You are a helpful assistant." },
          { role: "user", content: done.prompt! },
        ],
        { enableThinking: false },
      );
      expect(tokenize[0].body).toEqual({ model: FAKE_MODEL, prompt: templated, add_special_tokens: false });
      // The yes/no ids for the logit bias come from the same tokenizer.
      expect(tokenize.slice(1).map((r) => r.body?.prompt)).toEqual(["yes", "no"]);
      expect(done.truncation).toMatchObject({ counter: "backend", cutTokens: 0 });
      expect(done.promptTokens).toBe(qwen3Tokenizer().encode(templated).length);
      expect(withTokenizer.requests.at(-1)!.body).toMatchObject({ logit_bias: { "9693": 100, "2152": 100 } });
    } finally {
      await withTokenizer.close();
    }
  });

  it("refuses a prompt over budget on a backend whose template it cannot cut (thinking none)", async () => {
    process.env.EHR_R1_BASE_URL = "";
    process.env.EHR_R1_BACKENDS = JSON.stringify([
      { id: "other", baseUrl: server.url, model: "other-model", thinking: "none", maxContextTokens: 4150 },
    ]);
    const completionsBefore = server.requests.filter((r) => r.path.endsWith("completions")).length;
    const failed = await run("labevents", "other");
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(
      /^the record does not fit the context: \d+ tokens, the budget is 54, and a backend with thinking "none" is not cut/,
    );
    expect(failed.prompt).toBeTruthy();
    // Nothing was sent to the model.
    expect(server.requests.filter((r) => r.path.endsWith("completions")).length).toBe(completionsBefore);
  });
});

describe("a backend that fails fails that run, plainly, and the next run works", () => {
  const cases: [string, () => Promise<void> | void, RegExp][] = [
    [
      "refuses the connection",
      async () => {
        process.env.EHR_R1_BASE_URL = `http://127.0.0.1:${await closedPort()}/v1`;
      },
      /^cannot reach the model server at http:\/\/127\.0\.0\.1:\d+: connection refused$/,
    ],
    [
      "answers 500",
      () => {
        script = () => ({ kind: "error", status: 500, body: { error: { message: "CUDA out of memory" } } });
      },
      /^the model server answered HTTP 500: CUDA out of memory$/,
    ],
    [
      "sends garbage",
      () => {
        script = () => ({ kind: "raw", chunks: ["data: {this is not json\n\n"] });
      },
      /^the model server sent data that is not JSON/,
    ],
    [
      "stalls past the timeout",
      () => {
        process.env.EHR_R1_TIMEOUT_MS = "300";
        script = () => ({ kind: "hang", afterHeaders: true });
      },
      /^the model server sent nothing for 0\.3 s \(timeout 300 ms\)$/,
    ],
  ];
  it.each(cases)("%s", async (_name, arrange, message) => {
    await arrange();
    const failed = await run();
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(message);
    expect(failed.chunks.at(-1)).toMatchObject({ kind: "error" });
    expect(JSON.parse(failed.chunks.at(-1)!.data).message).toBe(failed.error);

    process.env.EHR_R1_BASE_URL = server.url;
    delete process.env.EHR_R1_TIMEOUT_MS;
    script = defaultReply;
    expect((await run()).status).toBe("done");
  });
});

describe("preparation off the main thread", () => {
  it("a preparation thread that dies fails the run with a reason, and the next run prepares again", async () => {
    const task = requireTask("labevents");
    const backend = findBackend(loadBackends(process.env), "ehr-r1")!;
    await modules.create.ensureCatalogRows(task, backend);
    // createRun's checks read events too: the run is stored before the reads are held up.
    const id = await modules.create.enqueueRun({ patientId, task, backend, cutoff: CUTOFF }, user, { submit: false });
    const hold = await holdEventReads(database.url);
    let failed;
    try {
      const finished = modules.executor.submitRun(id, backend.id);
      await untilAReadWaits(database.prisma);
      await (await import("./prepare-run")).stopPreparationThread();
      await finished;
      failed = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id }, include: { chunks: true } });
    } finally {
      await hold.release();
    }
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/^the thread preparing the prompt stopped unexpectedly \(exit code 1\)/);
    expect(failed.chunks.at(-1)).toMatchObject({ kind: "error" });
    expect((await run()).status).toBe("done");
  });
});

describe("cancel, retry, baseline", () => {
  it("cancelling mid-stream stops the request and keeps the partial reasoning", async () => {
    const reply = defaultReply({ body: { messages: [{ role: "user", content: "x\n/think" }] } } as FakeRequest);
    // Half the reasoning, then silence: the model is "still thinking" when the cancel comes.
    script = () => ({ kind: "hang", chunks: sseEvents(reply, 8).slice(0, 12) });
    const { id } = await modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, user);
    for (let i = 0; i < 100; i++) {
      const row = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id } });
      if (row.reasoning.length >= 40) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const request = server.requests.at(-1)!;
    expect(await modules.cancel.cancelRun(id, user)).toEqual({ status: "cancelled" });
    expect(await request.closed).toBe("client");
    const cancelled = await database.prisma.predictionRun.findUniqueOrThrow({
      where: { id },
      include: { chunks: { orderBy: { seq: "asc" } } },
    });
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.error).toBe("cancelled by Chris Clinician");
    expect(cancelled.reasoning.length).toBeGreaterThanOrEqual(40);
    expect((reply as { reasoning: string }).reasoning.startsWith(cancelled.reasoning)).toBe(true);
    expect(cancelled.chunks.at(-1)).toMatchObject({ kind: "done" });
    expect(JSON.parse(cancelled.chunks.at(-1)!.data)).toEqual({
      status: "cancelled",
      reason: "cancelled by Chris Clinician",
    });
    await expect(modules.cancel.cancelRun(id, user)).rejects.toThrow(/already ended \(cancelled\)/);
  });

  it("only the starter or an admin may cancel; to anyone else the run does not exist", async () => {
    script = () => ({ kind: "hang", afterHeaders: true });
    const { id } = await modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, user);
    const other = await seedUser(database.prisma, "Other Clinician");
    // Another clinician may not even read the run (run-access.ts): "not found", not "forbidden".
    await expect(modules.cancel.cancelRun(id, other)).rejects.toThrow("Run not found.");
    const admin = await seedUser(database.prisma, "Ada Admin", "admin");
    expect(await modules.cancel.cancelRun(id, admin)).toEqual({ status: "cancelled" });
  });

  it("a retry is a new run naming the original", async () => {
    script = () => ({ kind: "error", status: 503, body: { message: "warming up" } });
    const failed = await run();
    expect(failed.error).toBe("the model server answered HTTP 503: warming up");
    script = defaultReply;
    const { id } = await modules.retry.retryRun(failed.id, user);
    expect(id).not.toBe(failed.id);
    await modules.executor.submitRun(id, "ehr-r1");
    const retried = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id } });
    expect(retried).toMatchObject({
      status: "done",
      retryOfId: failed.id,
      cutoff: failed.cutoff,
      taskKey: "labevents",
    });
    const detail = await modules.getRun.getRun(failed.id, { id: user.id, roles: ["clinician"] });
    expect(detail.retries.map((r) => r.id)).toEqual([id]);
  });

  it("the baseline runs with no backend configured, labelled as not EHR-R1 by its backend, not in its text", async () => {
    delete process.env.EHR_R1_BASE_URL;
    const requestsBefore = server.requests.length;
    await expect(
      modules.create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF, backendId: "ehr-r1" }, user),
    ).rejects.toThrow(/no backend "ehr-r1" is configured \(configured: baseline\)/);
    const done = await run("labevents", "baseline");
    expect(done.status).toBe("done");
    // The reasoning does not name its predictor (a blind review shows it without the backend);
    // the backend and model name say what it is wherever the backend may be shown.
    expect(done.reasoning).not.toMatch(/baseline|EHR-R1/i);
    expect(done.modelName).toBe("baseline (not EHR-R1)");
    expect(done.items.map((i) => i.label)).toContain("Sodium");
    expect(done.prompt).toContain("## Patient Demographics");
    expect(server.requests.length).toBe(requestsBefore);
    const detail = await modules.getRun.getRun(done.id, { id: user.id, roles: ["clinician"] });
    expect(detail.backend).toMatchObject({ id: "baseline", label: "Baseline (not EHR-R1)", isBaseline: true });
  });

  it("refuses input the record cannot answer, before any work", async () => {
    await expect(
      modules.create.createRun({ patientId, taskKey: "ICU_Mortality_1day", cutoff: CUTOFF }, user),
    ).rejects.toThrow(/not available for this patient: needs icustays/);
    await expect(modules.create.createRun({ patientId, taskKey: "nonsense", cutoff: CUTOFF }, user)).rejects.toThrow(
      /unknown task "nonsense"/,
    );
  });
});
