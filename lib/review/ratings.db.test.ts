// Ratings against a real PostgreSQL: versions and 409s, revision history, drafts vs submit,
// queue item status, and the blind rule that a rater sees only their own ratings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { ConflictError, ForbiddenError, ValidationError } from "../http/errors";
import type * as ListModule from "./list-run-ratings";
import type * as SaveModule from "./save-rating";
import { SaveRatingRequest, type SaveRatingInput } from "./save-rating.types";
import { createCatalogRows, createPatient, createQueue, createRun, createUsers } from "./test-support";

let database: TestDatabase;
let save: typeof SaveModule;
let list: typeof ListModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  save = await import("./save-rating");
  list = await import("./list-run-ratings");
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

const request = (input: Partial<SaveRatingInput> & { version: number }) =>
  SaveRatingRequest.parse({ kind: "agreement", ...input });

const complete = { items: [1, 2, 3].map((rank) => ({ rank, value: 2 })), overall: 2, confidence: 4 };

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("saving with versions", () => {
  it("creates version 1, then each save with the current version makes the next one", async () => {
    const [rater] = await createUsers(database.prisma, ["clinician"]);
    const runId = await createRun(database.prisma, { patientId: await createPatient(database.prisma) });
    const first = await save.saveRating({ userId: rater.id, runId, input: request({ version: 0, comment: "start" }) });
    expect(first).toMatchObject({ version: 1, status: "draft", comment: "start", submittedAt: null });
    const second = await save.saveRating({
      userId: rater.id,
      runId,
      input: request({ version: 1, comment: "start", items: [{ rank: 1, value: 0 }] }),
    });
    expect(second.version).toBe(2);
    expect(second.items).toEqual([{ rank: 1, value: 0 }]);
  });

  it("refuses a stale version with a 409 that carries both versions, and keeps the stored one", async () => {
    const [rater] = await createUsers(database.prisma, ["clinician"]);
    const runId = await createRun(database.prisma, { patientId: await createPatient(database.prisma) });
    await save.saveRating({ userId: rater.id, runId, input: request({ version: 0, comment: "tab one" }) });
    await save.saveRating({ userId: rater.id, runId, input: request({ version: 1, comment: "tab one, later" }) });

    const error = await caught(
      save.saveRating({ userId: rater.id, runId, input: request({ version: 1, comment: "tab two" }) }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError;
    expect(conflict.status).toBe(409);
    expect(conflict.details).toMatchObject({
      reason: "stale",
      current: { version: 2, comment: "tab one, later" },
      yours: { version: 1, comment: "tab two" },
    });
    const stored = await database.prisma.rating.findFirstOrThrow({ where: { runId, userId: rater.id } });
    expect(stored).toMatchObject({ version: 2, comment: "tab one, later" });
  });

  it("lets exactly one of two concurrent saves of the same version through", async () => {
    const [rater] = await createUsers(database.prisma, ["clinician"]);
    const runId = await createRun(database.prisma, { patientId: await createPatient(database.prisma) });
    const results = await Promise.allSettled(
      ["a", "b", "c"].map((comment) =>
        save.saveRating({ userId: rater.id, runId, input: request({ version: 0, comment }) }),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(result.reason).toBeInstanceOf(ConflictError);
    }
  });

  it("writes a revision per version: who, when and which fields changed; history cannot be rewritten", async () => {
    const [rater] = await createUsers(database.prisma, ["clinician"]);
    const runId = await createRun(database.prisma, { patientId: await createPatient(database.prisma) });
    await save.saveRating({ userId: rater.id, runId, input: request({ version: 0, comment: "a" }) });
    await save.saveRating({ userId: rater.id, runId, input: request({ version: 1, comment: "a", overall: 1 }) });
    // The same content again (an autosave after a reload): no new version, no revision.
    const same = await save.saveRating({
      userId: rater.id,
      runId,
      input: request({ version: 2, comment: "a", overall: 1, timeSpentMs: 5_000 }),
    });
    expect(same).toMatchObject({ version: 2, timeSpentMs: 5_000 });

    const revisions = await database.prisma.ratingRevision.findMany({
      where: { rating: { runId } },
      orderBy: { version: "asc" },
    });
    expect(revisions.map((revision) => revision.version)).toEqual([1, 2]);
    expect(revisions.every((revision) => revision.userId === rater.id)).toBe(true);
    expect(revisions[0].data).toMatchObject({ comment: "a", status: "draft", changed: ["comment"] });
    expect(revisions[1].data).toMatchObject({ overall: 1, changed: ["overall"] });
    await expect(
      database.prisma.ratingRevision.update({ where: { id: revisions[0].id }, data: { version: 9 } }),
    ).rejects.toThrow(/append-only/);
  });

  it("refuses values off the queue's scale and steps the reasoning does not have", async () => {
    const [rater] = await createUsers(database.prisma, ["annotator"]);
    const runId = await createRun(database.prisma, { patientId: await createPatient(database.prisma) });
    await expect(
      save.saveRating({ userId: rater.id, runId, input: request({ version: 0, items: [{ rank: 1, value: 7 }] }) }),
    ).rejects.toThrow(/not on the scale/);
    await expect(
      save.saveRating({ userId: rater.id, runId, input: request({ version: 0, items: [{ rank: 9, value: 1 }] }) }),
    ).rejects.toThrow(/no predicted item 9/);
    await expect(
      save.saveRating({
        userId: rater.id,
        runId,
        input: request({ kind: "rubric", version: 0, steps: [{ step: "reasoning-7", flags: ["harmful"], note: "" }] }),
      }),
    ).rejects.toThrow(/no step reasoning-7/);
    const flagged = await save.saveRating({
      userId: rater.id,
      runId,
      input: request({
        kind: "rubric",
        version: 0,
        rubric: { factual_accuracy: 2 },
        steps: [{ step: "reasoning-1", flags: ["unsupported", "harmful"], note: "prerenal? no volume status given" }],
      }),
    });
    expect(flagged.steps).toEqual([
      { step: "reasoning-1", flags: ["unsupported", "harmful"], note: "prerenal? no volume status given" },
    ]);
  });
});

describe("drafts and submission in a queue", () => {
  it("counts only submitted ratings: pending → needs_others → complete", async () => {
    const raters = await createUsers(database.prisma, ["clinician", "clinician"]);
    const patientId = await createPatient(database.prisma);
    const runId = await createRun(database.prisma, { patientId });
    const queue = await createQueue(database.prisma, {
      memberIds: raters.map((rater) => rater.id),
      items: [{ patientId, runId }],
      reviewersPerItem: 2,
    });
    const [queueItemId] = queue.itemIds;
    await database.prisma.assignment.createMany({
      data: raters.map((rater) => ({ queueItemId, userId: rater.id, status: "reserved" as const })),
    });
    const itemStatus = async () =>
      (await database.prisma.queueItem.findUniqueOrThrow({ where: { id: queueItemId } })).status;

    await save.saveRating({ userId: raters[0].id, runId, input: request({ version: 0, queueItemId, overall: 2 }) });
    expect(await itemStatus()).toBe("pending");

    const incomplete = await caught(
      save.saveRating({
        userId: raters[0].id,
        runId,
        input: request({ version: 1, queueItemId, overall: 2, status: "submitted" }),
      }),
    );
    expect(incomplete).toBeInstanceOf(ValidationError);
    expect((incomplete as ValidationError).message).toMatch(/Still to answer: 3 predicted items, confidence/);

    const submitted = await save.saveRating({
      userId: raters[0].id,
      runId,
      input: request({ version: 1, queueItemId, ...complete, status: "submitted" }),
    });
    expect(submitted).toMatchObject({ status: "submitted", version: 2 });
    expect(submitted.submittedAt).not.toBeNull();
    expect(await itemStatus()).toBe("needs_others");

    // Later edits keep it submitted (a draft status is ignored) and keep the history.
    const edited = await save.saveRating({
      userId: raters[0].id,
      runId,
      input: request({ version: 2, queueItemId, ...complete, comment: "second look", status: "draft" }),
    });
    expect(edited).toMatchObject({ status: "submitted", version: 3, submittedAt: submitted.submittedAt });

    await save.saveRating({
      userId: raters[1].id,
      runId,
      input: request({ version: 0, queueItemId, ...complete, status: "submitted" }),
    });
    expect(await itemStatus()).toBe("complete");
    const assignments = await database.prisma.assignment.findMany({ where: { queueItemId } });
    expect(assignments.map((assignment) => assignment.status)).toEqual(["submitted", "submitted"]);
  });

  it("makes a submitted rating final when the queue shows the ground truth after rating", async () => {
    const [rater] = await createUsers(database.prisma, ["clinician"]);
    const patientId = await createPatient(database.prisma);
    const runId = await createRun(database.prisma, { patientId });
    const queue = await createQueue(database.prisma, {
      memberIds: [rater.id],
      items: [{ patientId, runId }],
      groundTruthAfterRating: true,
    });
    const [queueItemId] = queue.itemIds;
    await database.prisma.assignment.create({ data: { queueItemId, userId: rater.id } });
    await save.saveRating({
      userId: rater.id,
      runId,
      input: request({ version: 0, queueItemId, ...complete, status: "submitted" }),
    });
    const error = await caught(
      save.saveRating({
        userId: rater.id,
        runId,
        input: request({ version: 1, queueItemId, ...complete, overall: 0 }),
      }),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).details).toMatchObject({ reason: "final", current: { version: 1, overall: 2 } });
  });

  it("refuses a queue rating without the rater's assignment, and a member rating the run outside its queue", async () => {
    const [member, outsider] = await createUsers(database.prisma, ["clinician", "clinician"]);
    const patientId = await createPatient(database.prisma);
    const runId = await createRun(database.prisma, { patientId });
    const queue = await createQueue(database.prisma, { memberIds: [member.id], items: [{ patientId, runId }] });
    const [queueItemId] = queue.itemIds;
    await expect(
      save.saveRating({ userId: outsider.id, runId, input: request({ version: 0, queueItemId }) }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      save.saveRating({ userId: member.id, runId, input: request({ version: 0, queueItemId }) }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(save.saveRating({ userId: member.id, runId, input: request({ version: 0 }) })).rejects.toThrow(
      /through its review queue/,
    );
  });

  it("does not submit a rating of a run that has not finished", async () => {
    const [rater] = await createUsers(database.prisma, ["clinician"]);
    const runId = await createRun(database.prisma, {
      patientId: await createPatient(database.prisma),
      status: "streaming",
    });
    await expect(
      save.saveRating({ userId: rater.id, runId, input: request({ version: 0, ...complete, status: "submitted" }) }),
    ).rejects.toThrow(/has not finished/);
  });
});

describe("blind reads", () => {
  it("a clinician asking for another clinician's rating is refused (IDOR); admins see all", async () => {
    const [alice, bob, admin] = await createUsers(database.prisma, ["clinician", "clinician", "admin"]);
    const runId = await createRun(database.prisma, { patientId: await createPatient(database.prisma) });
    await save.saveRating({ userId: alice.id, runId, input: request({ version: 0, comment: "alice's view" }) });
    await save.saveRating({ userId: bob.id, runId, input: request({ version: 0, comment: "bob's view" }) });
    const asAlice = { id: alice.id, roles: ["clinician" as const] };

    await expect(list.listRunRatings({ user: asAlice, runId, raterId: bob.id })).rejects.toBeInstanceOf(ForbiddenError);
    const own = await list.listRunRatings({ user: asAlice, runId });
    expect(own.map((rating) => rating.comment)).toEqual(["alice's view"]);
    expect(JSON.stringify(own)).not.toContain("bob");

    const all = await list.listRunRatings({ user: { id: admin.id, roles: ["admin"] }, runId });
    expect(all.map((rating) => rating.comment).sort()).toEqual(["alice's view", "bob's view"]);
  });
});
