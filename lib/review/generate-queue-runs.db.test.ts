// Queue building on the synthetic demo cohort, end to end in the database: items chosen from
// patients × tasks (cut-offs suggested from each record), previewed before the queue exists,
// then runs generated for a pairwise queue (the baseline against a fake EHR-R1 server)
// exactly once per item.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { generateDemoCohort } from "../demo/generate-cohort";
import { importFiles } from "../ehr/import/import-files";
import { ValidationError } from "../http/errors";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "../model/testing/fake-openai-server";
import type * as CreateModule from "./create-queue";
import { CreateQueueRequest } from "./create-queue.types";
import type * as GenerateModule from "./generate-queue-runs";
import type * as PreviewModule from "./preview-queue";
import { PreviewQueueRequest } from "./preview-queue.types";
import { createUsers } from "./test-support";

let database: TestDatabase;
let model: FakeOpenAiServer;
let dir: string;
let create: typeof CreateModule;
let generate: typeof GenerateModule;
let preview: typeof PreviewModule;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "ehr-review-cohort-"));
  await generateDemoCohort(dir, { patients: 4 });
  await importFiles({ databaseUrl: database.url, paths: [dir], format: "mimic-iv" });
  model = await startFakeOpenAiServer();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  process.env.EHR_R1_BASE_URL = model.url;
  create = await import("./create-queue");
  generate = await import("./generate-queue-runs");
  preview = await import("./preview-queue");
  // Runs are jobs: a worker in this process executes them, as `npm start` does.
  process.env.EHR_R1_WORKER_POLL_MS = "200";
  await (await import("../runs/run-worker")).startRunWorker(database.url);
}, 120_000);

afterAll(async () => {
  await (await import("../runs/run-worker")).runWorkerHere()?.stop();
  const { db } = await import("../db");
  await db.$disconnect();
  await model.close();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

async function runsSettled(queueId: string) {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    const busy = await database.prisma.predictionRun.count({
      where: {
        status: { in: ["queued", "streaming"] },
        OR: [{ queueItems: { some: { queueId } } }, { queueItemsB: { some: { queueId } } }],
      },
    });
    if (!busy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("runs did not finish");
}

describe("generateQueueRuns", () => {
  it("creates a pairwise queue from a selection and starts both runs of every item, once", async () => {
    const [admin, clinician] = await createUsers(database.prisma, ["admin", "clinician"]);
    const patients = await database.prisma.patient.findMany({ select: { id: true } });
    const { queue, skipped } = await create.createQueue({
      userId: admin.id,
      input: CreateQueueRequest.parse({
        name: "8B vs baseline",
        kind: "pairwise",
        reviewersPerItem: 2,
        memberIds: [admin.id, clinician.id],
        selection: {
          patientIds: patients.map((patient) => patient.id),
          taskKeys: ["labevents"],
          backendId: "baseline",
          backendBId: "ehr-r1",
        },
      }),
    });
    expect(queue.items + skipped.length).toBe(patients.length);
    expect(queue.items).toBeGreaterThan(0);

    const [first, second] = await Promise.all([
      generate.generateQueueRuns({ queueId: queue.id, user: admin }),
      generate.generateQueueRuns({ queueId: queue.id, user: admin }),
    ]);
    expect(first.started + second.started).toBe(2 * queue.items);
    // One call started them all; the one that waited for it says they were there already.
    const [starter, waiter] = first.started ? [first, second] : [second, first];
    expect(starter).toMatchObject({ started: 2 * queue.items, alreadyStarted: 0 });
    expect(waiter).toMatchObject({ started: 0, alreadyStarted: 2 * queue.items });
    expect([...first.failed, ...second.failed]).toEqual([]);
    await runsSettled(queue.id);

    const items = await database.prisma.queueItem.findMany({
      where: { queueId: queue.id },
      select: {
        run: { select: { backendId: true, status: true } },
        runB: { select: { backendId: true, status: true } },
      },
    });
    for (const item of items) {
      expect(item.run).toEqual({ backendId: "baseline", status: "done" });
      expect(item.runB).toEqual({ backendId: "ehr-r1", status: "done" });
    }
    expect(await generate.generateQueueRuns({ queueId: queue.id, user: admin })).toEqual({
      started: 0,
      alreadyStarted: 2 * queue.items,
      failed: [],
    });
  }, 120_000);
});

describe("previewQueue", () => {
  it("reports the items and the skipped pairs (with reasons) that createQueue then makes, storing nothing", async () => {
    const [admin] = await createUsers(database.prisma, ["admin"]);
    const cohort = await database.prisma.patient.findMany({ where: { events: { some: {} } }, select: { id: true } });
    // A patient without any event: no task can be anchored in their record.
    const { id: empty } = await database.prisma.patient.create({
      data: { source: "mimic-iv", externalId: "99999999" },
      select: { id: true },
    });
    const selection = {
      patientIds: [...cohort.map((patient) => patient.id), empty, empty],
      taskKeys: ["labevents", "Inpatient_Mortality"],
      backendId: "baseline",
    };
    const queuesBefore = await database.prisma.queue.count();
    const previewed = await preview.previewQueue(PreviewQueueRequest.parse({ selection }));
    expect(await database.prisma.queue.count()).toBe(queuesBefore);

    // Every (patient, task) pair is an item or skipped, the duplicate patient once.
    expect(previewed.items + previewed.skipped.length).toBe((cohort.length + 1) * 2);
    // The demo cohort's records answer both tasks; the empty record neither, each with its reason.
    expect(previewed).toEqual({
      items: cohort.length * 2,
      skipped: [
        { patientId: empty, taskKey: "labevents", reason: "needs labevents (not imported)" },
        { patientId: empty, taskKey: "Inpatient_Mortality", reason: "needs admissions (not imported)" },
      ],
    });

    const { queue, skipped } = await create.createQueue({
      userId: admin.id,
      input: CreateQueueRequest.parse({ name: "Two tasks", kind: "agreement", memberIds: [admin.id], selection }),
    });
    expect(queue.items).toBe(previewed.items);
    expect(skipped).toEqual(previewed.skipped);
    const items = await database.prisma.queueItem.findMany({ where: { queueId: queue.id }, select: { taskKey: true } });
    expect(items.filter((item) => item.taskKey === "Inpatient_Mortality")).toHaveLength(cohort.length);
  }, 120_000);

  it("refuses an unknown task or backend as createQueue does", async () => {
    const [patient] = await database.prisma.patient.findMany({ select: { id: true }, take: 1 });
    await expect(
      preview.previewQueue(PreviewQueueRequest.parse({ selection: { patientIds: [patient.id], taskKeys: ["nope"] } })),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      preview.previewQueue(
        PreviewQueueRequest.parse({
          kind: "pairwise",
          selection: { patientIds: [patient.id], taskKeys: ["labevents"], backendBId: "nowhere" },
        }),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});
