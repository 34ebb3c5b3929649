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

  it("reports each pairwise criterion's win rate with its Wilson interval and the backends of A and B", async () => {
    const raters = await createUsers(database.prisma, ["clinician", "clinician"]);
    const patientId = await createPatient(database.prisma);
    const items = [];
    for (let i = 0; i < 4; i += 1) {
      items.push({
        patientId,
        runId: await createRun(database.prisma, { patientId }),
        runBId: await createRun(database.prisma, { patientId, backendId: "ehr-r1" }),
      });
    }
    const queue = await createQueue(database.prisma, {
      kind: "pairwise",
      memberIds: raters.map((rater) => rater.id),
      reviewersPerItem: 2,
      items,
    });
    // 8 choices on "overall": B six times, A once, one tie.
    const overall = ["B", "B", "B", "A", "B", "B", "tie", "B"];
    let n = 0;
    for (const [index, queueItemId] of queue.itemIds.entries()) {
      for (const rater of raters) {
        await database.prisma.assignment.create({ data: { queueItemId, userId: rater.id } });
        await save.saveRating({
          userId: rater.id,
          runId: items[index].runId,
          input: SaveRatingRequest.parse({
            kind: "pairwise",
            version: 0,
            queueItemId,
            status: "submitted",
            rubric: { overall: overall[n++], correctness: "tie", reasoning: "tie" },
            confidence: 3,
          }),
        });
      }
    }
    const result = await agreement.getQueueAgreement({
      queueId: queue.id,
      bootstrap: { iterations: 20, confidence: 0.95, seed: 1 },
    });
    expect(result.pairwise).toMatchObject({ backendsA: ["Baseline (not EHR-R1)"], backendsB: ["EHR-R1 8B"] });
    const [overallRate, correctness] = result.pairwise!.winRates;
    expect(overallRate).toMatchObject({ key: "overall", a: 1, b: 6, ties: 1 });
    // Wilson 95 % for 1 of 7: [0.0257, 0.5131].
    expect(overallRate.aWinRate.estimate).toBeCloseTo(1 / 7, 12);
    expect(overallRate.aWinRate.low).toBeCloseTo(0.0257, 4);
    expect(overallRate.aWinRate.high).toBeCloseTo(0.5131, 4);
    expect(correctness).toMatchObject({ a: 0, b: 0, ties: 8, aWinRate: { estimate: null, low: null, high: null } });
  });

  it("refuses a parameter it does not know instead of answering without it", () => {
    const queue = crypto.randomUUID();
    expect(QueueAgreementQuery.safeParse({ queue }).success).toBe(true);
    expect(QueueAgreementQuery.safeParse({ queue, level: "ratio" }).success).toBe(false);
  });
});
