// next() against a real PostgreSQL: concurrent reviewers never over-fill an item, nobody gets
// an item twice, held items come back on reload, reservations expire; and the blind event
// window of eventWindowFor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { ForbiddenError } from "../http/errors";
import type * as BlindModule from "../auth/blind-rules";
import type * as SaveModule from "./save-rating";
import { SaveRatingRequest } from "./save-rating.types";
import type * as NextModule from "./take-next-item";
import { createCatalogRows, createPatient, createQueue, createRun, createUsers } from "./test-support";

let database: TestDatabase;
let next: typeof NextModule;
let save: typeof SaveModule;
let blind: typeof BlindModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  next = await import("./take-next-item");
  save = await import("./save-rating");
  blind = await import("../auth/blind-rules");
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

async function queueOf(
  itemCount: number,
  reviewers: number,
  options: { reviewersPerItem?: number; reservationMinutes?: number | null; hideAfterCutoff?: boolean } = {},
) {
  const users = await createUsers(database.prisma, Array(reviewers).fill("clinician"));
  const items = [];
  for (let i = 0; i < itemCount; i += 1) {
    const patientId = await createPatient(database.prisma);
    items.push({ patientId, runId: await createRun(database.prisma, { patientId }) });
  }
  const queue = await createQueue(database.prisma, { memberIds: users.map((user) => user.id), items, ...options });
  return { users, items, queue };
}

const submitAll = { items: [1, 2, 3].map((rank) => ({ rank, value: 2 })), overall: 2, confidence: 3 };

async function submit(userId: string, runId: string, queueItemId: string) {
  return save.saveRating({
    userId,
    runId,
    input: SaveRatingRequest.parse({ kind: "agreement", version: 0, queueItemId, status: "submitted", ...submitAll }),
  });
}

describe("next()", () => {
  it("gives one item with 2 slots to exactly 2 of 10 concurrent reviewers", async () => {
    const { users, queue } = await queueOf(1, 10, { reviewersPerItem: 2 });
    const results = await Promise.all(users.map((user) => next.takeNextItem({ userId: user.id, queueId: queue.id })));
    const given = results.filter((result) => result.item);
    expect(given).toHaveLength(2);
    expect(new Set(given.map((result) => result.item!.queueItemId))).toEqual(new Set(queue.itemIds));
    const assignments = await database.prisma.assignment.findMany({ where: { queueItemId: queue.itemIds[0] } });
    expect(assignments).toHaveLength(2);
  });

  it("spreads 10 concurrent reviewers over 3 single-slot items, never one item twice", async () => {
    const { users, queue } = await queueOf(3, 10);
    const results = await Promise.all(users.map((user) => next.takeNextItem({ userId: user.id, queueId: queue.id })));
    const given = results.flatMap((result) => (result.item ? [result.item.queueItemId] : []));
    expect(given.sort()).toEqual([...queue.itemIds].sort());
  });

  it("returns the held item again on a second call, and never an item the reviewer has done", async () => {
    const { users, items, queue } = await queueOf(2, 1);
    const [user] = users;
    const first = await next.takeNextItem({ userId: user.id, queueId: queue.id });
    const again = await next.takeNextItem({ userId: user.id, queueId: queue.id });
    expect(again.item).toMatchObject({ queueItemId: first.item!.queueItemId, isResumed: true });
    expect(first).toMatchObject({ remaining: 2 });

    await submit(user.id, first.item!.runId, first.item!.queueItemId);
    const second = await next.takeNextItem({ userId: user.id, queueId: queue.id });
    expect(second.item!.queueItemId).not.toBe(first.item!.queueItemId);
    expect(second.remaining).toBe(1);
    const secondRun = items.find((item) => item.runId === second.item!.runId)!;
    await submit(user.id, secondRun.runId, second.item!.queueItemId);
    expect(await next.takeNextItem({ userId: user.id, queueId: queue.id })).toEqual({ item: null, remaining: 0 });
  });

  it("moves an item pending → needs_others → complete as reviewers submit", async () => {
    const { users, items, queue } = await queueOf(1, 3, { reviewersPerItem: 2 });
    const status = async () =>
      (await database.prisma.queueItem.findUniqueOrThrow({ where: { id: queue.itemIds[0] } })).status;
    const a = await next.takeNextItem({ userId: users[0].id, queueId: queue.id });
    const b = await next.takeNextItem({ userId: users[1].id, queueId: queue.id });
    expect(await status()).toBe("pending");
    await submit(users[0].id, items[0].runId, a.item!.queueItemId);
    expect(await status()).toBe("needs_others");
    await submit(users[1].id, items[0].runId, b.item!.queueItemId);
    expect(await status()).toBe("complete");
    expect((await next.takeNextItem({ userId: users[2].id, queueId: queue.id })).item).toBeNull();
  });

  it("lets a reservation expire: the slot goes to someone else, and the first reviewer is released", async () => {
    const { users, queue } = await queueOf(1, 2, { reservationMinutes: 10 });
    const start = new Date("2030-01-01T10:00:00Z");
    const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
    const held = await next.takeNextItem({ userId: users[0].id, queueId: queue.id, now: start });
    expect(held.item!.reservedUntil).toBe(minutes(10).toISOString());
    expect((await next.takeNextItem({ userId: users[1].id, queueId: queue.id, now: minutes(9) })).item).toBeNull();

    const taken = await next.takeNextItem({ userId: users[1].id, queueId: queue.id, now: minutes(11) });
    expect(taken.item!.queueItemId).toBe(queue.itemIds[0]);
    const back = await next.takeNextItem({ userId: users[0].id, queueId: queue.id, now: minutes(12) });
    expect(back.item).toBeNull();
    const first = await database.prisma.assignment.findUniqueOrThrow({
      where: { queueItemId_userId: { queueItemId: queue.itemIds[0], userId: users[0].id } },
    });
    expect(first.status).toBe("released");
  });

  it("serves only items whose run has finished, and only to members", async () => {
    const [member, outsider] = await createUsers(database.prisma, ["clinician", "clinician"]);
    const patientId = await createPatient(database.prisma);
    const runId = await createRun(database.prisma, { patientId, status: "streaming" });
    const queue = await createQueue(database.prisma, { memberIds: [member.id], items: [{ patientId, runId }] });
    expect((await next.takeNextItem({ userId: member.id, queueId: queue.id })).item).toBeNull();
    await expect(next.takeNextItem({ userId: outsider.id, queueId: queue.id })).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe("eventWindowFor (blind review)", () => {
  it("limits a member of a hideAfterCutoff queue to the cut-off until they have submitted", async () => {
    const cutoff = new Date("2150-01-02T08:00:00Z");
    const [member, other] = await createUsers(database.prisma, ["clinician", "clinician"]);
    const patientId = await createPatient(database.prisma);
    const runId = await createRun(database.prisma, { patientId, cutoff });
    const queue = await createQueue(database.prisma, {
      memberIds: [member.id],
      items: [{ patientId, runId, cutoff }],
      hideAfterCutoff: true,
    });

    const window = await blind.eventWindowFor(member, patientId);
    expect(window).toEqual({ visibleUntil: cutoff, queueIds: [queue.id] });
    expect(() => blind.assertEventRangeVisible(window, { to: new Date(cutoff.getTime() + 1) })).not.toThrow();
    expect(() => blind.assertEventRangeVisible(window, { to: new Date(cutoff.getTime() + 2) })).toThrow(ForbiddenError);
    expect(() => blind.assertEventRangeVisible(window, {})).toThrow(/shown up to 2150-01-02T08:00:00.000Z/);
    expect(await blind.eventWindowFor(other, patientId)).toEqual({ visibleUntil: null, queueIds: [] });

    const taken = await next.takeNextItem({ userId: member.id, queueId: queue.id });
    await submit(member.id, runId, taken.item!.queueItemId);
    expect((await blind.eventWindowFor(member, patientId)).visibleUntil).toBeNull();
  });

  it("stops restricting once the queue is archived, and ignores queues without hideAfterCutoff", async () => {
    const [member] = await createUsers(database.prisma, ["clinician"]);
    const patientId = await createPatient(database.prisma);
    const runId = await createRun(database.prisma, { patientId });
    const blindQueue = await createQueue(database.prisma, {
      memberIds: [member.id],
      items: [{ patientId, runId }],
      hideAfterCutoff: true,
    });
    await createQueue(database.prisma, { memberIds: [member.id], items: [{ patientId, runId }] });
    const archivedAt = new Date("2030-06-01T00:00:00Z");
    await database.prisma.queue.update({ where: { id: blindQueue.id }, data: { archivedAt } });
    expect((await blind.eventWindowFor(member, patientId, new Date("2030-05-31T00:00:00Z"))).queueIds).toEqual([
      blindQueue.id,
    ]);
    expect((await blind.eventWindowFor(member, patientId, new Date("2030-06-02T00:00:00Z"))).visibleUntil).toBeNull();
  });

  it("keeps restricting a complete item while the member still holds a live reservation on it", async () => {
    const { users, items, queue } = await queueOf(1, 2, { hideAfterCutoff: true, reservationMinutes: 30 });
    const now = new Date();
    const held = await next.takeNextItem({ userId: users[0].id, queueId: queue.id, now });
    await database.prisma.queueItem.update({ where: { id: held.item!.queueItemId }, data: { status: "complete" } });
    expect((await blind.eventWindowFor(users[0], items[0].patientId, now)).visibleUntil).not.toBeNull();
    expect((await blind.eventWindowFor(users[1], items[0].patientId, now)).visibleUntil).toBeNull();
    const later = new Date(now.getTime() + 31 * 60_000);
    expect((await blind.eventWindowFor(users[0], items[0].patientId, later)).visibleUntil).toBeNull();
  });
});

describe("runBlindingFor (for the runs API)", () => {
  it("hides the model and the ground truth from a member until they have rated the run's item", async () => {
    const [member, outsider] = await createUsers(database.prisma, ["clinician", "clinician"]);
    const patientId = await createPatient(database.prisma);
    const runId = await createRun(database.prisma, { patientId });
    const runBId = await createRun(database.prisma, { patientId, backendId: "ehr-r1" });
    const queue = await createQueue(database.prisma, {
      kind: "pairwise",
      memberIds: [member.id],
      items: [{ patientId, runId, runBId }],
      groundTruthAfterRating: true,
    });
    const hidden = { hidesModel: true, hidesGroundTruth: true };
    expect(await blind.runBlindingFor(member, runId)).toEqual(hidden);
    expect(await blind.runBlindingFor(member, runBId)).toEqual(hidden);
    expect(await blind.runBlindingFor(outsider, runBId)).toEqual({ hidesModel: false, hidesGroundTruth: false });

    const taken = await next.takeNextItem({ userId: member.id, queueId: queue.id });
    expect(taken.item).toMatchObject({ runId, runBId });
    await save.saveRating({
      userId: member.id,
      runId,
      input: SaveRatingRequest.parse({
        kind: "pairwise",
        version: 0,
        queueItemId: queue.itemIds[0],
        status: "submitted",
        rubric: { overall: "B", correctness: "tie", reasoning: "A" },
        confidence: 3,
      }),
    });
    expect(await blind.runBlindingFor(member, runBId)).toEqual({ hidesModel: false, hidesGroundTruth: false });
  });
});

describe("pairwise order", () => {
  it("puts each run on the left for half of a rater's items, in the order they were given, stably", async () => {
    const raters = await createUsers(database.prisma, ["clinician", "clinician", "clinician"]);
    const patientId = await createPatient(database.prisma);
    const items = [];
    for (let i = 0; i < 10; i += 1) {
      items.push({
        patientId,
        runId: await createRun(database.prisma, { patientId }),
        runBId: await createRun(database.prisma, { patientId, backendId: "ehr-r1" }),
      });
    }
    const queue = await createQueue(database.prisma, {
      kind: "pairwise",
      memberIds: raters.map((rater) => rater.id),
      items,
      reviewersPerItem: 3,
    });
    for (const rater of raters) {
      // Each rater is given the items in their own order (a new assignment after the earlier ones).
      const order = [...queue.itemIds].sort(() => Math.random() - 0.5);
      for (const [index, queueItemId] of order.entries()) {
        const createdAt = new Date(Date.UTC(2026, 0, 1, 8, 0, index));
        await database.prisma.assignment.create({ data: { queueItemId, userId: rater.id, createdAt } });
      }
      const sides = [];
      for (const queueItemId of order)
        sides.push(await blind.presentedOrderFor(database.prisma, rater.id, queueItemId));
      expect(sides.filter((side) => side === "AB")).toHaveLength(5);
      // Alternating in the order given: never the same side twice in a row.
      for (let i = 1; i < sides.length; i += 1) expect(sides[i]).not.toBe(sides[i - 1]);
      // Stable: asked again, the same answer.
      expect(await blind.presentedOrderFor(database.prisma, rater.id, order[3])).toBe(sides[3]);
    }
  });
});
