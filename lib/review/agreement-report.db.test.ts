// Issue 18: "clinicians' agreement with the model" counts clinicians only (an admin who
// rated too is a rater for inter-rater agreement, not a clinician); alpha is reported at the
// ratio level too; and a query parameter the route does not know is a 400, not ignored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as AgreementModule from "./get-queue-agreement";
import { QueueAgreementQuery } from "./queue-agreement.types";
import type * as SaveModule from "./save-rating";
import { SaveRatingRequest } from "./save-rating.types";
import { createCatalogRows, createPatient, createQueue, createRun, createUsers } from "./test-support";

let database: TestDatabase;
let agreement: typeof AgreementModule;
let save: typeof SaveModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  agreement = await import("./get-queue-agreement");
  save = await import("./save-rating");
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

async function rate(userId: string, runId: string, queueItemId: string, value: number) {
  await database.prisma.assignment.create({ data: { queueItemId, userId } });
  await save.saveRating({
    userId,
    runId,
    input: SaveRatingRequest.parse({
      kind: "agreement",
      version: 0,
      queueItemId,
      status: "submitted",
      items: [1, 2, 3].map((rank) => ({ rank, value })),
      overall: value,
      confidence: 3,
    }),
  });
}

describe("the agreement report", () => {
  it("counts only clinicians in their agreement with the model, and reports alpha at the ratio level", async () => {
    const [clinician, admin] = await createUsers(database.prisma, ["clinician", "admin"]);
    const patientId = await createPatient(database.prisma);
    const runs = [await createRun(database.prisma, { patientId }), await createRun(database.prisma, { patientId })];
    const queue = await createQueue(database.prisma, {
      memberIds: [clinician.id, admin.id],
      reviewersPerItem: 2,
      items: runs.map((runId) => ({ patientId, runId })),
    });
    // The clinician agrees with everything; the admin disagrees with the first run only.
    for (const [index, runId] of runs.entries()) {
      await rate(clinician.id, runId, queue.itemIds[index], 2);
      await rate(admin.id, runId, queue.itemIds[index], index === 0 ? 0 : 2);
    }
    const result = await agreement.getQueueAgreement({
      queueId: queue.id,
      bootstrap: { iterations: 50, confidence: 0.95, seed: 1 },
    });
    expect(result.raters.map((rater) => rater.id).sort()).toEqual([clinician.id, admin.id].sort());
    const [task] = result.modelAgreement;
    expect(task).toMatchObject({ taskKey: "labevents", ratings: 6 });
    expect(task.agreement.estimate).toBe(1);
    expect(task.perRater.map((rater) => rater.raterId)).toEqual([clinician.id]);

    const overall = result.criteria.find((criterion) => criterion.key === "overall")!;
    expect(overall.alpha.ratio).not.toBeNull();
    expect(overall.alpha.interval).not.toBeNull();
  });

  it("refuses a parameter it does not know instead of answering without it", () => {
    const queue = crypto.randomUUID();
    expect(QueueAgreementQuery.safeParse({ queue }).success).toBe(true);
    expect(QueueAgreementQuery.safeParse({ queue, level: "ratio" }).success).toBe(false);
  });
});
