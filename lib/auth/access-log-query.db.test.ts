// The access log pages by keyset (id), newest first: every entry once across pages, and a
// cursor the API did not write is a 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as QueryModule from "./access-log-query";

let database: TestDatabase;
let query: typeof QueryModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  query = await import("./access-log-query");
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

describe("access log pages", () => {
  it("returns every entry once, newest first, across keyset pages", async () => {
    const user = await database.prisma.user.create({
      data: { id: "reader", name: "Reader", email: "reader@example.org" },
    });
    for (let i = 0; i < 7; i++) {
      await database.prisma.accessLog.create({
        data: { userId: user.id, action: "view", resourceType: "patient", resourceId: `p${i}` },
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await query.listAccessLog({ email: "reader@example.org" }, { cursor, limit: 3 });
      expect(page.rows.length).toBeLessThanOrEqual(3);
      seen.push(...page.rows.map((row) => row.resourceId!));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["p6", "p5", "p4", "p3", "p2", "p1", "p0"]);
  });

  it("refuses a cursor it did not write", async () => {
    await expect(query.listAccessLog({}, { cursor: "12" })).rejects.toThrow(
      expect.objectContaining({ status: 400, message: "cursor: not a cursor" }),
    );
  });
});
