// Preparation off the main thread: the worker's prompt (and the baseline's prediction) is what
// the serializer builds from the same record on this thread; a missing record and a thread
// that dies mid-preparation fail with a reason; the next run gets a new thread.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { predictBaseline } from "../model/baseline/run-baseline";
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
  maxTokens: 27_904,
  directAnswer: false,
  thinkingSwitch: true,
  baseline: false,
  ...overrides,
});

describe("prepareRun", () => {
  it("builds the prompt the serializer builds from the same record on this thread", async () => {
    for (const options of [
      { taskKey: "labevents" },
      { taskKey: "labevents", maxTokens: 300 },
      { taskKey: "labevents", directAnswer: true, thinkingSwitch: false },
    ]) {
      const input = request(options);
      const record = await load.loadRecordUpTo(patientId, CUTOFF);
      const expected = serializePrompt({ ...record, ...input, task: requireTask(input.taskKey) });
      const { prompt, baseline } = await prepare.prepareRun(input);
      expect(prompt).toMatchObject({
        messages: expected.messages,
        text: expected.text,
        tokenEstimate: expected.tokenEstimate,
        dropped: expected.dropped,
        overBudget: expected.overBudget,
      });
      expect(prompt.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(baseline).toBeNull();
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
