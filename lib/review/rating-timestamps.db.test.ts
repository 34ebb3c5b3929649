// Issue 18, bug 12: the export showed submitted_at earlier than created_at. A rating's
// timestamps come from one clock reading per save, so created ≤ submitted ≤ updated always
// holds, for a rating submitted on its first save as for one saved as a draft first, and
// whatever time zone the database session runs in.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as StreamModule from "./export/stream-ratings-export";
import { ExportQuery } from "./export/export-ratings.types";
import type * as SaveModule from "./save-rating";
import { SaveRatingRequest } from "./save-rating.types";
import { createCatalogRows, createPatient, createQueue, createRun, createUsers } from "./test-support";

let database: TestDatabase;
let save: typeof SaveModule;
let exporter: typeof StreamModule;

beforeAll(async () => {
  database = await createTestDatabase();
  // A hospital server's PostgreSQL often runs in local time; the columns hold UTC regardless.
  await database.prisma.$executeRawUnsafe(
    `ALTER DATABASE "${new URL(database.url).pathname.slice(1)}" SET timezone TO 'Pacific/Auckland'`,
  );
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  save = await import("./save-rating");
  exporter = await import("./export/stream-ratings-export");
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

const complete = {
  kind: "agreement",
  items: [1, 2, 3].map((rank) => ({ rank, value: 1 })),
  overall: 1,
  confidence: 3,
};

describe("rating timestamps", () => {
  it("never puts submitted_at before created_at or after updated_at in the export", async () => {
    const raters = await createUsers(database.prisma, ["clinician", "clinician"]);
    const patientId = await createPatient(database.prisma);
    const runs = [];
    for (let i = 0; i < 20; i += 1) runs.push({ patientId, runId: await createRun(database.prisma, { patientId }) });
    const queue = await createQueue(database.prisma, {
      memberIds: raters.map((rater) => rater.id),
      items: runs,
      reviewersPerItem: 2,
    });
    for (const [index, queueItemId] of queue.itemIds.entries()) {
      for (const [raterIndex, rater] of raters.entries()) {
        await database.prisma.assignment.create({ data: { queueItemId, userId: rater.id } });
        const runId = runs[index].runId;
        if (raterIndex === 0) {
          // Submitted on the first save (no draft before).
          await save.saveRating({
            userId: rater.id,
            runId,
            input: SaveRatingRequest.parse({ ...complete, queueItemId, status: "submitted", version: 0 }),
          });
        } else {
          // A draft first, then the submit.
          await save.saveRating({
            userId: rater.id,
            runId,
            input: SaveRatingRequest.parse({ ...complete, overall: null, queueItemId, version: 0 }),
          });
          await save.saveRating({
            userId: rater.id,
            runId,
            input: SaveRatingRequest.parse({ ...complete, queueItemId, status: "submitted", version: 1 }),
          });
        }
      }
    }
    const result = await exporter.streamRatingsExport("csv", ExportQuery.parse({ queue: queue.id }));
    const rows: Record<string, string>[] = parse(await new Response(result.stream).text(), { columns: true });
    const ratings = new Map(rows.map((row) => [`${row.run_id}:${row.rater_id}`, row]));
    expect(ratings.size).toBe(40);
    const now = Date.now();
    for (const row of ratings.values()) {
      const created = Date.parse(row.created_at);
      const submitted = Date.parse(row.submitted_at);
      const updated = Date.parse(row.updated_at);
      expect(submitted, JSON.stringify(row)).toBeGreaterThanOrEqual(created);
      expect(updated, JSON.stringify(row)).toBeGreaterThanOrEqual(submitted);
      // Stored as UTC: within a minute of now, not hours off by the session's time zone.
      expect(Math.abs(now - created)).toBeLessThan(60_000);
    }
  });
});
