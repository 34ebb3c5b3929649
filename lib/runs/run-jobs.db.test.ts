// The run queues: several processes (here, several pool connections at once) creating
// different backends' queues at the same moment all get them. pg-boss's create_queue takes
// no lock of its own, and two at once can deadlock: a worker that lost that race stopped at
// start-up ("deadlock detected") before ensureRunQueue retried.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as JobsModule from "./run-jobs";

let database: TestDatabase;
let jobs: typeof JobsModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  jobs = await import("./run-jobs");
});

afterAll(async () => {
  const boss = await jobs.jobQueue();
  await boss.stop({ graceful: false, close: false });
  const { db } = await import("../db");
  await db.$disconnect();
  await database?.drop();
});

it("creates many backends' queues at once, each exactly once", async () => {
  const backendIds = Array.from({ length: 12 }, (_, i) => `backend-${i}`);
  const names = await Promise.all(backendIds.map((id) => jobs.ensureRunQueue(id)));
  expect(names).toEqual(backendIds.map(jobs.queueName));
  const boss = await jobs.jobQueue();
  const queues = (await boss.getQueues()).map((queue) => queue.name).sort();
  expect(queues).toEqual([...names].sort());
});
