// Fault: a model server dies mid-stream (its process gone, every socket closed) while another
// backend is serving a second run at the same moment. The dead backend's run must fail plainly,
// keeping what it had streamed, with an error event closing its stream; the other run must not
// notice and complete. lib/runs/execute-run.db.test.ts covers one failing run at a time.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../database";
import {
  FAKE_MODEL,
  defaultReply,
  startFakeOpenAiServer,
  vllmStreamBody,
  type FakeOpenAiServer,
  type FakeReply,
} from "../../lib/model/testing/fake-openai-server";
import { CUTOFF, seedConcepts, seedPatient, seedUser } from "../../lib/runs/test-support";

let database: TestDatabase;
let dying: FakeOpenAiServer;
let healthy: FakeOpenAiServer;
let releaseHealthy!: () => void;
const healthyMayAnswer = new Promise<void>((resolve) => (releaseHealthy = resolve));
let healthyAsked!: () => void;
const healthyRequestArrived = new Promise<void>((resolve) => (healthyAsked = resolve));

const streamEvents = (reply: FakeReply) =>
  vllmStreamBody({ ...(reply as Extract<FakeReply, { kind: "stream" }>), deltaSize: 4 }).split(/(?<=\n\n)/);

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  // The dying server sends the first 20 events, then hangs until it is closed (killed).
  dying = await startFakeOpenAiServer({
    script: (request) => ({ kind: "hang", chunks: streamEvents(defaultReply(request)).slice(0, 20) }),
  });
  // The healthy server holds its request open until the other backend has died, then answers
  // in full: its run is in flight through the whole failure.
  healthy = await startFakeOpenAiServer({
    script: async (request) => {
      healthyAsked();
      await healthyMayAnswer;
      return defaultReply(request);
    },
  });
  for (const key of Object.keys(process.env)) if (key.startsWith("EHR_R1_")) delete process.env[key];
  process.env.EHR_R1_BASE_URL = dying.url;
  process.env.EHR_R1_BACKENDS = JSON.stringify([{ id: "healthy", baseUrl: healthy.url, model: FAKE_MODEL }]);
  await seedConcepts(database.prisma);
});

afterAll(async () => {
  releaseHealthy();
  await healthy?.close();
  await dying?.close();
  const { db } = await import("../../lib/db");
  await db.$disconnect();
  await database?.drop();
  delete process.env.EHR_R1_BACKENDS;
  delete process.env.EHR_R1_BASE_URL;
});

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it("the run on the dead backend fails with its partial text kept; the concurrent run completes", async () => {
  const { createRun } = await import("../../lib/runs/create-run");
  const { submitRun } = await import("../../lib/runs/run-executor");
  const { patientId } = await seedPatient(database.prisma, "91000001");
  const user = await seedUser(database.prisma, "Casey Clinician");

  const doomed = await createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF, backendId: "ehr-r1" }, user);
  const survivor = await createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF, backendId: "healthy" }, user);
  const doomedEnded = submitRun(doomed.id, "ehr-r1");
  const survivorEnded = submitRun(survivor.id, "healthy");

  // Both requests are at their backends; the doomed run has stored part of its reasoning.
  await healthyRequestArrived;
  const partial = await until("the doomed run's first reasoning", async () => {
    const row = await database.prisma.predictionRun.findUniqueOrThrow({ where: { id: doomed.id } });
    return row.status === "streaming" && row.reasoning ? row.reasoning : undefined;
  });

  await dying.close();
  await doomedEnded;
  const failed = await database.prisma.predictionRun.findUniqueOrThrow({
    where: { id: doomed.id },
    include: { chunks: { orderBy: { seq: "asc" } } },
  });
  expect(failed.status).toBe("failed");
  expect(failed.error).toBe("the connection to the model server broke mid-stream");
  expect(failed.reasoning.startsWith(partial)).toBe(true);
  expect(failed.chunks.at(-1)!.kind).toBe("error");
  expect(JSON.parse(failed.chunks.at(-1)!.data).message).toBe(failed.error);

  // The other run was in flight all along and is not disturbed.
  expect((await database.prisma.predictionRun.findUniqueOrThrow({ where: { id: survivor.id } })).status).toBe(
    "streaming",
  );
  releaseHealthy();
  await survivorEnded;
  const done = await database.prisma.predictionRun.findUniqueOrThrow({
    where: { id: survivor.id },
    include: { items: true, chunks: { orderBy: { seq: "asc" } } },
  });
  const reply = defaultReply(healthy.requests.at(-1)!) as Extract<FakeReply, { kind: "stream" }>;
  expect(done).toMatchObject({ status: "done", error: null, reasoning: reply.reasoning, answer: reply.answer });
  expect(done.items.length).toBeGreaterThan(0);
  expect(done.chunks.at(-1)).toMatchObject({ kind: "done" });
});
