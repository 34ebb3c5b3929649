// Preparation off the main thread: the worker's prompt (and the baseline's prediction) is what
// the serializer builds from the same record on this thread; a missing record and a thread
// that dies mid-preparation fail with a reason; the next run gets a new thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { predictBaseline } from "../model/baseline/run-baseline";
import { thinkingPlan } from "../model/backends/thinking-mode";
import { renderQwen3Chat } from "../model/prompt/chat-template";
import { qwen3Tokenizer } from "../model/prompt/qwen3-tokenizer";
import { serializePrompt } from "../model/prompt/serialize-prompt";
import { requireTask } from "../model/tasks/task-catalog";
import type { RunPromptRequest } from "./build-run-prompt";
import type * as LoadModule from "./load-record";
import type * as PrepareModule from "./prepare-run";
import { CUTOFF, holdEventReads, seedPatient, untilAReadWaits } from "./test-support";

let database: TestDatabase;
let patientId: string;
let load: typeof LoadModule;
let prepare: typeof PrepareModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  load = await import("./load-record");
  prepare = await import("./prepare-run");
  ({ patientId } = await seedPatient(database.prisma, "97000001"));
});

afterAll(async () => {
  await prepare?.stopPreparationThread();
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

const request = (overrides: Partial<RunPromptRequest> = {}): RunPromptRequest => ({
  patientId,
  taskKey: "labevents",
  cutoff: CUTOFF,
  directAnswer: false,
  thinking: "evaluation",
  contextTokens: 32_000,
  answerTokens: 4_096,
  tokens: { via: "bundled" },
  baseline: false,
  ...overrides,
});

describe("prepareRun", () => {
  it("builds the prompt the serializer builds from the same record on this thread, fitted in real tokens", async () => {
    for (const options of [
      {},
      // A context of 4,396 leaves 300 tokens: the templated prompt is cut from the left.
      { contextTokens: 4_396 },
      { directAnswer: true, thinking: "none" },
      { thinking: "direct_answer" },
    ] satisfies Partial<RunPromptRequest>[]) {
      const input = request(options);
      const task = requireTask(input.taskKey);
      const plan = thinkingPlan(input.thinking, task, input.answerTokens);
      const record = await load.loadRecordUpTo(patientId, CUTOFF);
      const expected = serializePrompt({
        ...record,
        task,
        cutoff: CUTOFF,
        maxTokens: Number.POSITIVE_INFINITY,
        directAnswer: input.directAnswer,
        thinking: plan.softSwitch === "think",
        thinkingSwitch: plan.softSwitch !== null,
      });
      const { prompt, baseline } = await prepare.prepareRun(input);
      expect(prompt).toMatchObject({
        messages: expected.messages,
        text: expected.text,
        dropped: expected.dropped,
        thinking: plan,
        overBudget: false,
      });
      expect(prompt.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(baseline).toBeNull();
      // The whole templated prompt, tokenized here in one piece: the worker kept its last tokens.
      const ids = qwen3Tokenizer().encode(renderQwen3Chat(expected.messages, { enableThinking: plan.enableThinking }));
      const budget = input.contextTokens - plan.maxTokens;
      expect(prompt.tokenCount).toBe(ids.length);
      expect(ids.length > budget).toBe(input.contextTokens === 4_396); // the small context does cut
      if (ids.length > budget) {
        expect(prompt.promptTokenIds).toEqual(ids.slice(-budget));
        expect(prompt.truncation).toMatchObject({ counter: "bundled", budget, cutTokens: ids.length - budget });
        expect(prompt.cutText! + qwen3Tokenizer().decode(ids.slice(-budget))).toBe(
          renderQwen3Chat(expected.messages, { enableThinking: plan.enableThinking }),
        );
      } else {
        expect(prompt.promptTokenIds).toBeNull();
        expect(prompt.truncation).toMatchObject({ counter: "bundled", budget, cutTokens: 0 });
        expect(prompt.cutText).toBeNull();
      }
    }
  });

  it("predicts with the baseline from the same record", async () => {
    const record = await load.loadRecordUpTo(patientId, CUTOFF);
    const { baseline } = await prepare.prepareRun(request({ baseline: true }));
    expect(baseline).toEqual(predictBaseline({ ...record, task: requireTask("labevents"), cutoff: CUTOFF }));
  });

  it("fails with a reason when the record is missing", async () => {
    await expect(prepare.prepareRun(request({ patientId: "00000000-0000-4000-8000-000000000000" }))).rejects.toThrow(
      /the record could not be loaded: Patient not found/,
    );
  });

  it("a thread that dies mid-preparation fails that run, and the next gets a new thread", async () => {
    const hold = await holdEventReads(database.url);
    try {
      const pending = prepare.prepareRun(request());
      await untilAReadWaits(database.prisma);
      await prepare.stopPreparationThread();
      await expect(pending).rejects.toThrow(/the thread preparing the prompt stopped unexpectedly \(exit code 1\)/);
    } finally {
      await hold.release();
    }
    expect((await prepare.prepareRun(request())).prompt.text).toContain("## Patient Demographics");
  });
});
