// The study lead's side against a real PostgreSQL: creating a queue (and what it refuses),
// who sees which queue, progress per reviewer, and agreement extracted from stored ratings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { ValidationError } from "../http/errors";
import type * as CreateModule from "./create-queue";
import { CreateQueueRequest } from "./create-queue.types";
import type * as AgreementModule from "./get-queue-agreement";
import type * as ProgressModule from "./get-queue-progress";
import type * as ListModule from "./list-queues";
import type * as SaveModule from "./save-rating";
import { SaveRatingRequest } from "./save-rating.types";
import type * as NextModule from "./take-next-item";
import { createCatalogRows, createPatient, createRun, createUsers } from "./test-support";

let database: TestDatabase;
let create: typeof CreateModule;
let list: typeof ListModule;
let progress: typeof ProgressModule;
let agreement: typeof AgreementModule;
let save: typeof SaveModule;
let next: typeof NextModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  create = await import("./create-queue");
  list = await import("./list-queues");
  progress = await import("./get-queue-progress");
  agreement = await import("./get-queue-agreement");
  save = await import("./save-rating");
  next = await import("./take-next-item");
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

const cutoff = "2150-01-02T08:00:00Z";

async function newQueue(memberIds: string[], patientIds: string[], reviewersPerItem = 2) {
  return create.createQueue({
    userId: memberIds[0],
    input: CreateQueueRequest.parse({
      name: "Lab tests pilot",
      kind: "agreement",
      reviewersPerItem,
      reservationMinutes: 30,
      memberIds,
      items: patientIds.map((patientId) => ({ patientId, taskKey: "labevents", cutoff, backendId: "baseline" })),
    }),
  });
}

describe("createQueue", () => {
  it("stores protocol, members and items in order, and refuses a queue that could never complete", async () => {
    const [admin, clinician] = await createUsers(database.prisma, ["admin", "clinician"]);
    const patients = [await createPatient(database.prisma), await createPatient(database.prisma)];
    const { queue, skipped } = await newQueue([admin.id, clinician.id], patients);
    expect(queue.items).toBe(2);
    expect(skipped).toEqual([]);
    const items = await database.prisma.queueItem.findMany({
      where: { queueId: queue.id },
      orderBy: { position: "asc" },
    });
    expect(items.map((item) => [item.patientId, item.position, item.status, item.backendId])).toEqual([
      [patients[0], 0, "pending", "baseline"],
      [patients[1], 1, "pending", "baseline"],
    ]);
    const stored = await database.prisma.queue.findUniqueOrThrow({ where: { id: queue.id } });
    expect(stored).toMatchObject({ reviewersPerItem: 2, reservationMinutes: 30, groundTruthAfterRating: true });
    expect((stored.rubric as { agreementScale: unknown[] }).agreementScale).toHaveLength(3);

    await expect(newQueue([clinician.id], patients, 2)).rejects.toThrow(/need at least as many members/);
    await expect(newQueue([clinician.id, "nobody"], patients, 1)).rejects.toBeInstanceOf(ValidationError);
    await expect(newQueue([clinician.id], [crypto.randomUUID()], 1)).rejects.toThrow(/no such patient/);
  });
});

describe("listing, progress and agreement", () => {
  it("shows reviewers their own queues with their progress, and extracts agreement from submitted ratings", async () => {
    const [admin, ann, bob, outsider] = await createUsers(database.prisma, [
      "admin",
      "clinician",
      "clinician",
      "clinician",
    ]);
    const patients = [await createPatient(database.prisma), await createPatient(database.prisma)];
    const { queue } = await newQueue([ann.id, bob.id], patients);
    const items = await database.prisma.queueItem.findMany({
      where: { queueId: queue.id },
      orderBy: { position: "asc" },
    });
    for (const item of items) {
      const runId = await createRun(database.prisma, { patientId: item.patientId, items: ["Creatinine", "Sodium"] });
      await database.prisma.queueItem.update({ where: { id: item.id }, data: { runId } });
    }

    // Ann and Bob agree on the first item, and differ by one step on the second's overall.
    const plan = { [ann.id]: [2, 0], [bob.id]: [2, 1] };
    for (const rater of [ann, bob]) {
      for (let i = 0; i < 2; i += 1) {
        const { item } = await next.takeNextItem({ userId: rater.id, queueId: queue.id });
        const value = plan[rater.id][items.findIndex((candidate) => candidate.id === item!.queueItemId)];
        await save.saveRating({
          userId: rater.id,
          runId: item!.runId,
          input: SaveRatingRequest.parse({
            kind: "agreement",
            version: 0,
            queueItemId: item!.queueItemId,
            status: "submitted",
            items: [
              { rank: 1, value },
              { rank: 2, value },
            ],
            overall: value,
            confidence: 3,
            timeSpentMs: 40_000,
          }),
        });
      }
    }

    const asAnn = await list.listQueues({ user: { id: ann.id, roles: ["clinician"] } });
    expect(asAnn.map((entry) => [entry.id, entry.mine])).toEqual([
      [queue.id, { submitted: 2, skipped: 0, remaining: 0 }],
    ]);
    expect(asAnn[0].counts).toMatchObject({ items: 2, complete: 2, pending: 0, awaitingRuns: 0 });
    expect(await list.listQueues({ user: { id: outsider.id, roles: ["clinician"] } })).toEqual([]);
    const asAdmin = await list.listQueues({ user: { id: admin.id, roles: ["admin"] } });
    expect(asAdmin.find((entry) => entry.id === queue.id)?.mine).toBeNull();

    const [report] = await progress.getQueueProgress({ user: { id: admin.id, roles: ["admin"] }, queueId: queue.id });
    expect(
      report.reviewers.map((reviewer) => [
        reviewer.userId,
        reviewer.submitted,
        reviewer.reserved,
        reviewer.medianTimeMs,
      ]),
    ).toEqual([ann, bob].sort((a, b) => a.email.localeCompare(b.email)).map((rater) => [rater.id, 2, 0, 40_000]));

    const result = await agreement.getQueueAgreement({
      queueId: queue.id,
      bootstrap: { iterations: 100, confidence: 0.95, seed: 1 },
    });
    const overall = result.criteria.find((criterion) => criterion.key === "overall")!;
    expect(overall.units).toBe(2);
    expect(overall.percentAgreement.estimate).toBe(0.5);
    const perItem = result.criteria.find((criterion) => criterion.key === "item")!;
    expect(perItem.units).toBe(4);
    expect(result.raters.map((rater) => rater.id).sort()).toEqual([ann.id, bob.id].sort());
    expect(result.modelAgreement).toMatchObject([{ taskKey: "labevents", ratings: 8 }]);
    expect(result.modelAgreement[0].agreement.estimate).toBe(0.5);
    await expect(agreement.getQueueAgreement({ queueId: queue.id, kind: "rubric" })).rejects.toThrow(
      /collects agreement/,
    );
  });
});
