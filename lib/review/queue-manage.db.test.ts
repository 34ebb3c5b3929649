// Managing a running queue against a real PostgreSQL: editing it never deletes a rating
// (removed reviewers' held items are released, their submissions stay and still count),
// reviewers per item recounts item status, archiving hides the queue from reviewers and next()
// while its data and progress stay, items are added after the last one by the creation code,
// and flags for the study lead are stored, listed and resolved without rating anything.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../http/errors";
import type * as AddModule from "./add-queue-items";
import { AddQueueItemsRequest } from "./add-queue-items.types";
import type * as FlagModule from "./flag-queue-item";
import type * as ReviewItemModule from "./get-review-item";
import type * as ProgressModule from "./get-queue-progress";
import type * as FlagsModule from "./list-queue-flags";
import type * as ListModule from "./list-queues";
import { FlagRequest } from "./queue-flags.types";
import type * as ResolveModule from "./resolve-queue-flag";
import type * as SaveModule from "./save-rating";
import { SaveRatingRequest } from "./save-rating.types";
import type * as SkipModule from "./skip-queue-item";
import { SkipRequest } from "./skip-queue-item.types";
import type * as NextModule from "./take-next-item";
import { createCatalogRows, createPatient, createQueue, createRun, createUsers } from "./test-support";
import type * as UpdateModule from "./update-queue";
import { UpdateQueueRequest } from "./update-queue.types";

let database: TestDatabase;
let update: typeof UpdateModule;
let add: typeof AddModule;
let next: typeof NextModule;
let save: typeof SaveModule;
let list: typeof ListModule;
let progress: typeof ProgressModule;
let flag: typeof FlagModule;
let flags: typeof FlagsModule;
let resolve: typeof ResolveModule;
let reviewItem: typeof ReviewItemModule;
let skip: typeof SkipModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  update = await import("./update-queue");
  add = await import("./add-queue-items");
  next = await import("./take-next-item");
  save = await import("./save-rating");
  list = await import("./list-queues");
  progress = await import("./get-queue-progress");
  flag = await import("./flag-queue-item");
  flags = await import("./list-queue-flags");
  resolve = await import("./resolve-queue-flag");
  reviewItem = await import("./get-review-item");
  skip = await import("./skip-queue-item");
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

async function queueOf(itemCount: number, roles: string[], reviewersPerItem = 1) {
  const users = await createUsers(database.prisma, roles);
  const items = [];
  for (let i = 0; i < itemCount; i += 1) {
    const patientId = await createPatient(database.prisma);
    items.push({ patientId, runId: await createRun(database.prisma, { patientId }) });
  }
  const queue = await createQueue(database.prisma, {
    memberIds: users.map((user) => user.id),
    items,
    reviewersPerItem,
  });
  return { users, items, queue };
}

async function submit(userId: string, queueId: string) {
  const { item } = await next.takeNextItem({ userId, queueId });
  await save.saveRating({
    userId,
    runId: item!.runId,
    input: SaveRatingRequest.parse({
      kind: "agreement",
      version: 0,
      queueItemId: item!.queueItemId,
      status: "submitted",
      items: [1, 2, 3].map((rank) => ({ rank, value: 2 })),
      overall: 2,
      confidence: 3,
    }),
  });
  return item!;
}

const statuses = async (queueId: string) =>
  (await database.prisma.queueItem.findMany({ where: { queueId }, orderBy: { position: "asc" } })).map(
    (item) => item.status,
  );

describe("updateQueue", () => {
  it("renames, sets guidelines, and removes a reviewer: held items released, submitted ratings kept", async () => {
    const { users, queue } = await queueOf(3, ["clinician", "clinician", "clinician"], 2);
    const [ann, bob, cat] = users;
    const rated = await submit(bob.id, queue.id);
    const held = (await next.takeNextItem({ userId: bob.id, queueId: queue.id })).item!;

    const result = await update.updateQueue({
      queueId: queue.id,
      input: UpdateQueueRequest.parse({
        name: "Renamed",
        guidelines: "# Rate\n\n- **Agree** when the test was ordered",
        memberIds: [ann.id, cat.id],
      }),
    });
    expect(result.queue).toMatchObject({ name: "Renamed", reviewersPerItem: 2, archivedAt: null });
    expect(result.queue.memberIds.sort()).toEqual([ann.id, cat.id].sort());
    expect(result.effects).toMatchObject({ membersRemoved: [bob.id], membersAdded: [], releasedAssignments: 1 });
    expect(result.effects.messages.join(" ")).toMatch(/1 item\(s\) they held without submitting went back to the pool/);

    const bobs = await database.prisma.assignment.findMany({ where: { userId: bob.id } });
    expect(Object.fromEntries(bobs.map((a) => [a.queueItemId, a.status]))).toEqual({
      [rated.queueItemId]: "submitted",
      [held.queueItemId]: "released",
    });
    expect(await database.prisma.rating.count({ where: { userId: bob.id, status: "submitted" } })).toBe(1);
    // Bob may no longer take items; the released item is free for the others.
    await expect(next.takeNextItem({ userId: bob.id, queueId: queue.id })).rejects.toBeInstanceOf(ForbiddenError);
    const stored = await database.prisma.queue.findUniqueOrThrow({ where: { id: queue.id } });
    expect(stored.guidelines).toContain("**Agree**");
  });

  it("recounts item status when reviewers per item changes, and refuses more than the members", async () => {
    const { users, queue } = await queueOf(2, ["clinician", "clinician"], 2);
    await submit(users[0].id, queue.id);
    expect(await statuses(queue.id)).toEqual(["needs_others", "pending"]);

    const lowered = await update.updateQueue({
      queueId: queue.id,
      input: UpdateQueueRequest.parse({ reviewersPerItem: 1 }),
    });
    expect(lowered.effects.itemsRestatused).toBe(1);
    expect(await statuses(queue.id)).toEqual(["complete", "pending"]);
    expect(await database.prisma.rating.count({ where: { queueItem: { queueId: queue.id } } })).toBe(1);

    await update.updateQueue({ queueId: queue.id, input: UpdateQueueRequest.parse({ reviewersPerItem: 2 }) });
    expect(await statuses(queue.id)).toEqual(["needs_others", "pending"]);

    await expect(
      update.updateQueue({ queueId: queue.id, input: UpdateQueueRequest.parse({ reviewersPerItem: 3 }) }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      update.updateQueue({ queueId: queue.id, input: UpdateQueueRequest.parse({ memberIds: [users[0].id] }) }),
    ).rejects.toThrow(/need at least as many members/);
    expect(() => UpdateQueueRequest.parse({})).toThrow(/change at least one/);
    expect(() => UpdateQueueRequest.parse({ kind: "rubric" })).toThrow();
    await expect(
      update.updateQueue({ queueId: crypto.randomUUID(), input: UpdateQueueRequest.parse({ name: "x" }) }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it("archives: hidden from reviewers and next(), data and progress kept; reopening undoes it", async () => {
    const [admin] = await createUsers(database.prisma, ["admin"]);
    const { users, queue } = await queueOf(2, ["clinician"]);
    const [ann] = users;
    await submit(ann.id, queue.id);

    const archived = await update.updateQueue({
      queueId: queue.id,
      input: UpdateQueueRequest.parse({ archived: true }),
    });
    expect(archived.queue.archivedAt).not.toBeNull();
    await expect(next.takeNextItem({ userId: ann.id, queueId: queue.id })).rejects.toBeInstanceOf(NotFoundError);
    const annsQueues = await list.listQueues({ user: { id: ann.id, roles: ["clinician"] } });
    expect(annsQueues.map((q) => q.id)).not.toContain(queue.id);
    const adminUser = { id: admin.id, roles: ["admin" as const] };
    expect((await list.listQueues({ user: adminUser })).map((q) => q.id)).not.toContain(queue.id);
    const withArchived = await list.listQueues({ user: adminUser, includeArchived: true });
    expect(withArchived.find((q) => q.id === queue.id)).toMatchObject({ counts: { items: 2, complete: 1 } });
    const [report] = await progress.getQueueProgress({ user: adminUser, queueId: queue.id });
    expect(report.reviewers[0]).toMatchObject({ userId: ann.id, submitted: 1 });
    // Archiving twice keeps the first time; no items can be added while archived.
    const again = await update.updateQueue({ queueId: queue.id, input: UpdateQueueRequest.parse({ archived: true }) });
    expect(again.queue.archivedAt).toBe(archived.queue.archivedAt);
    await expect(
      add.addQueueItems({
        queueId: queue.id,
        input: AddQueueItemsRequest.parse({
          items: [
            { patientId: await createPatient(database.prisma), taskKey: "labevents", cutoff: "2150-01-02T08:00:00Z" },
          ],
        }),
      }),
    ).rejects.toBeInstanceOf(ConflictError);

    await update.updateQueue({ queueId: queue.id, input: UpdateQueueRequest.parse({ archived: false }) });
    expect((await next.takeNextItem({ userId: ann.id, queueId: queue.id })).item).not.toBeNull();
  });
});

describe("addQueueItems", () => {
  it("appends items after the last one, through the creation code's checks", async () => {
    const { queue } = await queueOf(2, ["clinician"]);
    const patients = [await createPatient(database.prisma), await createPatient(database.prisma)];
    const result = await add.addQueueItems({
      queueId: queue.id,
      input: AddQueueItemsRequest.parse({
        items: patients.map((patientId) => ({
          patientId,
          taskKey: "labevents",
          cutoff: "2150-01-03T08:00:00Z",
          backendId: "baseline",
        })),
      }),
    });
    expect(result).toEqual({ added: 2, items: 4, skipped: [] });
    const items = await database.prisma.queueItem.findMany({
      where: { queueId: queue.id },
      orderBy: { position: "asc" },
    });
    expect(items.map((item) => [item.position, item.status, item.runId === null])).toEqual([
      [0, "pending", false],
      [1, "pending", false],
      [2, "pending", true],
      [3, "pending", true],
    ]);
    expect(items.slice(2).map((item) => item.patientId)).toEqual(patients);
    await expect(
      add.addQueueItems({
        queueId: queue.id,
        input: AddQueueItemsRequest.parse({
          items: [{ patientId: crypto.randomUUID(), taskKey: "labevents", cutoff: "2150-01-03T08:00:00Z" }],
        }),
      }),
    ).rejects.toThrow(/no such patient/);
    expect(() => AddQueueItemsRequest.parse({})).toThrow(/either items or a selection/);
  });
});

describe("flags for the study lead", () => {
  it("stores a reviewer's flag without rating or skipping, lists it for the admin, and resolves it", async () => {
    const [admin] = await createUsers(database.prisma, ["admin"]);
    const { users, queue } = await queueOf(1, ["clinician", "clinician"]);
    const [ann, bob] = users;
    const { item } = await next.takeNextItem({ userId: ann.id, queueId: queue.id });

    const raised = await flag.flagQueueItem({
      userId: ann.id,
      queueId: queue.id,
      queueItemId: item!.queueItemId,
      input: FlagRequest.parse({ note: "  record seems truncated " }),
    });
    expect(raised).toMatchObject({ note: "record seems truncated", resolvedAt: null });
    // Not a rating, not a skip: Ann still holds the item and has no rating.
    expect(
      await database.prisma.assignment.findUniqueOrThrow({
        where: { queueItemId_userId: { queueItemId: item!.queueItemId, userId: ann.id } },
      }),
    ).toMatchObject({ status: "reserved" });
    expect(await database.prisma.rating.count({ where: { userId: ann.id } })).toBe(0);
    const view = await reviewItem.getQueueReviewItem({ user: { id: ann.id }, queueItemId: item!.queueItemId });
    expect(view.flags.map((f) => f.note)).toEqual(["record seems truncated"]);
    expect(view.queue?.guidelines).toBe("");

    // Only someone given the item may flag it.
    await expect(
      flag.flagQueueItem({
        userId: bob.id,
        queueId: queue.id,
        queueItemId: item!.queueItemId,
        input: FlagRequest.parse({ note: "x" }),
      }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(() => FlagRequest.parse({ note: "   " })).toThrow();

    const [listed] = await flags.listQueueFlags({ queueId: queue.id });
    expect(listed).toMatchObject({ raterName: expect.stringMatching(/^clinician/), itemPosition: 1, resolvedAt: null });
    const resolved = await resolve.resolveQueueFlag({
      userId: admin.id,
      queueId: queue.id,
      flagId: raised.id,
      input: { resolved: true },
    });
    expect(resolved.resolvedAt).not.toBeNull();
    expect(resolved.resolvedByName).toMatch(/^admin/);
    await expect(
      resolve.resolveQueueFlag({
        userId: admin.id,
        queueId: crypto.randomUUID(),
        flagId: raised.id,
        input: { resolved: true },
      }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const reopened = await resolve.resolveQueueFlag({
      userId: admin.id,
      queueId: queue.id,
      flagId: raised.id,
      input: { resolved: false },
    });
    expect(reopened).toMatchObject({ resolvedAt: null, resolvedByName: null });
  });
});

describe("progress counts skips", () => {
  it("shows each reviewer's skipped items beside the submitted ones", async () => {
    const [admin] = await createUsers(database.prisma, ["admin"]);
    const { users, queue } = await queueOf(2, ["clinician"]);
    const [ann] = users;
    await submit(ann.id, queue.id);
    const { item } = await next.takeNextItem({ userId: ann.id, queueId: queue.id });
    await skip.skipQueueItem({
      userId: ann.id,
      queueId: queue.id,
      queueItemId: item!.queueItemId,
      input: SkipRequest.parse({ reason: "cannot_assess" }),
    });
    const [report] = await progress.getQueueProgress({ user: { id: admin.id, roles: ["admin"] }, queueId: queue.id });
    expect(report.reviewers).toEqual([
      expect.objectContaining({ userId: ann.id, submitted: 1, skipped: 1, reserved: 0 }),
    ]);
  });
});
