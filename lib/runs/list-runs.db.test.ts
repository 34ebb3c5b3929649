// The runs list pages by keyset (createdAt, id), newest first: every run once, in order,
// across pages, and a cursor the API did not write is a 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as CreateModule from "./create-run";
import type * as ListModule from "./list-runs";
import { CUTOFF, seedConcepts, seedPatient, seedUser } from "./test-support";

let database: TestDatabase;
let list: typeof ListModule;
let create: typeof CreateModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  delete process.env.EHR_R1_BASE_URL;
  list = await import("./list-runs");
  create = await import("./create-run");
  await seedConcepts(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

describe("runs list pages", () => {
  it("returns every run once, newest first, across keyset pages (ties on createdAt broken by id)", async () => {
    const { patientId } = await seedPatient(database.prisma, "93100001");
    const admin = await seedUser(database.prisma, "Paging Admin", "admin");
    // Five runs, two sharing a creation time: the id decides their order.
    const times = [
      "2026-01-01T10:00:00Z",
      "2026-01-01T11:00:00Z",
      "2026-01-01T11:00:00Z",
      "2026-01-01T12:00:00Z",
      "2026-01-01T13:00:00Z",
    ];
    for (const createdAt of times) {
      const { id } = await create.createRun({ patientId, taskKey: "labevents", cutoff: CUTOFF }, admin);
      await database.prisma.predictionRun.update({ where: { id }, data: { createdAt: new Date(createdAt) } });
    }
    // The baseline runs execute in the background: let them end before the database goes.
    for (let attempt = 0; attempt < 200; attempt++) {
      const running = await database.prisma.predictionRun.count({ where: { status: { in: ["queued", "streaming"] } } });
      if (running === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const expected = (
      await database.prisma.predictionRun.findMany({
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { id: true },
      })
    ).map((run) => run.id);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list.listRuns(admin, { limit: 2, cursor });
      expect(page.runs.length).toBeLessThanOrEqual(2);
      seen.push(...page.runs.map((run) => run.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it("refuses a cursor it did not write", async () => {
    const admin = await seedUser(database.prisma, "Forging Admin", "admin");
    await expect(list.listRuns(admin, { cursor: "forged" })).rejects.toThrow(
      expect.objectContaining({ status: 400, message: "cursor: not a cursor" }),
    );
  });
});
