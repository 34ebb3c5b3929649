// Skipping a queue item against a real PostgreSQL: the skip is stored on the reviewer's
// assignment with its reason, the slot goes back to the pool for another reviewer, the
// skipper is never offered the item again nor may rate it, and a submitted item cannot be
// skipped. Also "Item N of M" and previous/next through one's own items.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { ConflictError, ForbiddenError } from "../http/errors";
import type * as ListModule from "./list-queues";
import type * as NavigationModule from "./queue-item-navigation";
import type * as SaveModule from "./save-rating";
import { SaveRatingRequest } from "./save-rating.types";
import type * as SkipModule from "./skip-queue-item";
import { SkipRequest } from "./skip-queue-item.types";
import type * as NextModule from "./take-next-item";
import { createCatalogRows, createPatient, createQueue, createRun, createUsers } from "./test-support";

let database: TestDatabase;
let next: typeof NextModule;
let save: typeof SaveModule;
let skip: typeof SkipModule;
let list: typeof ListModule;
let navigation: typeof NavigationModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  next = await import("./take-next-item");
  save = await import("./save-rating");
  skip = await import("./skip-queue-item");
  list = await import("./list-queues");
  navigation = await import("./queue-item-navigation");
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

async function queueOf(itemCount: number, reviewers: number) {
  const users = await createUsers(database.prisma, Array(reviewers).fill("clinician"));
  const items = [];
  for (let i = 0; i < itemCount; i += 1) {
    const patientId = await createPatient(database.prisma);
    items.push({ patientId, runId: await createRun(database.prisma, { patientId }) });
  }
  const queue = await createQueue(database.prisma, { memberIds: users.map((user) => user.id), items });
  return { users, items, queue };
}

const submitted = { items: [1, 2, 3].map((rank) => ({ rank, value: 2 })), overall: 2, confidence: 3 };

describe("skipQueueItem", () => {
  it("stores the reason on the assignment, frees the slot for another reviewer, and never offers it again", async () => {
    const { users, items, queue } = await queueOf(2, 2);
    const [alice, bob] = users;
    const first = await next.takeNextItem({ userId: alice.id, queueId: queue.id });
    expect(first.item!.queueItemId).toBe(queue.itemIds[0]);
    // Bob cannot have the first item while Alice holds its only slot.
    expect((await next.takeNextItem({ userId: bob.id, queueId: queue.id })).item!.queueItemId).toBe(queue.itemIds[1]);

    const view = await skip.skipQueueItem({
      userId: alice.id,
      queueId: queue.id,
      queueItemId: queue.itemIds[0],
      input: SkipRequest.parse({ reason: "not_my_specialty" }),
    });
    expect(view).toMatchObject({ reason: "not_my_specialty", note: "" });
    const stored = await database.prisma.assignment.findUniqueOrThrow({
      where: { queueItemId_userId: { queueItemId: queue.itemIds[0], userId: alice.id } },
    });
    expect(stored).toMatchObject({ status: "skipped", skipReason: "not_my_specialty", reservedUntil: null });
    expect(stored.skippedAt).toBeInstanceOf(Date);

    // Alice is not offered it again (the other item is Bob's); her queue counts it as skipped.
    const again = await next.takeNextItem({ userId: alice.id, queueId: queue.id });
    expect(again.item).toBeNull();
    expect(again.remaining).toBe(1);
    const [summary] = (await list.listQueues({ user: { id: alice.id, roles: ["clinician"] } })).filter(
      (entry) => entry.id === queue.id,
    );
    expect(summary.mine).toEqual({ submitted: 0, skipped: 1, remaining: 1 });

    // Bob, done with his item, gets the skipped one: its slot went back to the pool.
    await save.saveRating({
      userId: bob.id,
      runId: items[1].runId,
      input: SaveRatingRequest.parse({
        kind: "agreement",
        version: 0,
        queueItemId: queue.itemIds[1],
        status: "submitted",
        ...submitted,
      }),
    });
    expect((await next.takeNextItem({ userId: bob.id, queueId: queue.id })).item!.queueItemId).toBe(queue.itemIds[0]);

    // A rating after the skip would count twice: refused.
    await expect(
      save.saveRating({
        userId: alice.id,
        runId: items[0].runId,
        input: SaveRatingRequest.parse({ kind: "agreement", version: 0, queueItemId: queue.itemIds[0] }),
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("asks for words with 'other', refuses a submitted item and an item not assigned", async () => {
    const { users, items, queue } = await queueOf(1, 2);
    const [alice, bob] = users;
    expect(SkipRequest.safeParse({ reason: "other", note: " " }).success).toBe(false);
    await next.takeNextItem({ userId: alice.id, queueId: queue.id });
    await expect(
      skip.skipQueueItem({
        userId: bob.id,
        queueId: queue.id,
        queueItemId: queue.itemIds[0],
        input: SkipRequest.parse({ reason: "cannot_assess" }),
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await save.saveRating({
      userId: alice.id,
      runId: items[0].runId,
      input: SaveRatingRequest.parse({
        kind: "agreement",
        version: 0,
        queueItemId: queue.itemIds[0],
        status: "submitted",
        ...submitted,
      }),
    });
    await expect(
      skip.skipQueueItem({
        userId: alice.id,
        queueId: queue.id,
        queueItemId: queue.itemIds[0],
        input: SkipRequest.parse({ reason: "other", note: "Conflict of interest" }),
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe("queueItemNavigation", () => {
  it("numbers the item in its queue from 1 and links one's own items, skipping skipped ones", async () => {
    const { users, items, queue } = await queueOf(4, 1);
    const [alice] = users;
    const taken: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { item } = await next.takeNextItem({ userId: alice.id, queueId: queue.id });
      taken.push(item!.queueItemId);
      if (i < 2) {
        await save.saveRating({
          userId: alice.id,
          runId: items[i].runId,
          input: SaveRatingRequest.parse({
            kind: "agreement",
            version: 0,
            queueItemId: item!.queueItemId,
            status: "submitted",
            ...submitted,
          }),
        });
      }
    }
    expect(taken).toEqual(queue.itemIds.slice(0, 3));
    // The third, held one is skipped: it is no longer one of hers.
    await skip.skipQueueItem({
      userId: alice.id,
      queueId: queue.id,
      queueItemId: taken[2],
      input: SkipRequest.parse({ reason: "cannot_assess" }),
    });
    const second = await navigation.queueItemNavigation({ userId: alice.id, queueItemId: taken[1] });
    expect(second).toEqual({
      position: 2,
      total: 4,
      previousId: taken[0],
      nextId: null,
      mineIndex: 2,
      mineCount: 2,
    });
    const fourth = await next.takeNextItem({ userId: alice.id, queueId: queue.id });
    expect(fourth.item!.queueItemId).toBe(queue.itemIds[3]);
    const last = await navigation.queueItemNavigation({ userId: alice.id, queueItemId: queue.itemIds[3] });
    expect(last).toMatchObject({ position: 4, total: 4, previousId: taken[1], nextId: null, mineIndex: 3 });
    const first = await navigation.queueItemNavigation({ userId: alice.id, queueItemId: taken[0] });
    expect(first).toMatchObject({ position: 1, previousId: null, nextId: taken[1] });
  });
});
