// Adjudication against a real PostgreSQL: the study lead's final label per item and criterion
// (validated against the queue's own criteria and values), the next item whose raters
// disagree on an undecided criterion, and the export carrying the final labels.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/database";
import type * as AdjudicationModule from "./adjudication";
import { FinalLabelRequest } from "./adjudication.types";
import { ExportQuery } from "./export/export-ratings.types";
import type * as StreamModule from "./export/stream-ratings-export";
import type * as ComparisonModule from "./get-item-comparison";
import type * as SaveModule from "./save-rating";
import { SaveRatingRequest } from "./save-rating.types";
import { createCatalogRows, createPatient, createQueue, createRun, createUsers } from "./test-support";

let database: TestDatabase;
let adjudication: typeof AdjudicationModule;
let comparison: typeof ComparisonModule;
let save: typeof SaveModule;
let exporter: typeof StreamModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  adjudication = await import("./adjudication");
  comparison = await import("./get-item-comparison");
  save = await import("./save-rating");
  exporter = await import("./export/stream-ratings-export");
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../db");
  await db.$disconnect();
  await database.drop();
});

/** Three items rated by two clinicians: item 1 and 3 disagree on overall, item 2 agrees throughout. */
async function ratedQueue() {
  const [ann, bob, lead] = await createUsers(database.prisma, ["clinician", "clinician", "admin"]);
  const patientId = await createPatient(database.prisma);
  const runs = [];
  for (let i = 0; i < 3; i += 1) runs.push({ patientId, runId: await createRun(database.prisma, { patientId }) });
  const queue = await createQueue(database.prisma, { memberIds: [ann.id, bob.id], reviewersPerItem: 2, items: runs });
  const overall = { ann: [2, 1, 0], bob: [0, 1, 2] };
  for (const [index, queueItemId] of queue.itemIds.entries()) {
    for (const [name, rater] of [
      ["ann", ann],
      ["bob", bob],
    ] as const) {
      await database.prisma.assignment.create({ data: { queueItemId, userId: rater.id } });
      await save.saveRating({
        userId: rater.id,
        runId: runs[index].runId,
        input: SaveRatingRequest.parse({
          kind: "agreement",
          version: 0,
          queueItemId,
          status: "submitted",
          items: [1, 2, 3].map((rank) => ({ rank, value: 1 })),
          overall: overall[name][index],
          confidence: 3,
        }),
      });
    }
  }
  return { queue, lead, runs };
}

describe("adjudication", () => {
  it("moves from disagreement to disagreement until each has a final label, and the export carries them", async () => {
    const { queue, lead } = await ratedQueue();
    const [first, second, third] = queue.itemIds;
    expect(await adjudication.nextDisagreement(queue.id, null)).toBe(first);
    expect(await adjudication.nextDisagreement(queue.id, first)).toBe(third);

    const view = await comparison.getItemComparison({ queueItemId: first });
    expect(view.adjudication.criteria.map((c) => c.criterion)).toEqual(["item:1", "item:2", "item:3", "overall"]);
    expect(view.adjudication.criteria.find((c) => c.criterion === "overall")!.options).toEqual([
      { value: 0, label: "0 Disagree" },
      { value: 1, label: "1 Partly" },
      { value: 2, label: "2 Agree" },
    ]);
    expect(view.adjudication.nextDisagreementId).toBe(third);

    const saved = await adjudication.setFinalLabel({
      queueId: queue.id,
      queueItemId: first,
      input: FinalLabelRequest.parse({ criterion: "overall", value: 1, note: "Both defensible" }),
      decidedById: lead.id,
    });
    expect(saved).toMatchObject({
      criterion: "overall",
      value: 1,
      note: "Both defensible",
      decidedBy: expect.stringMatching(/^admin \d+$/),
    });
    // Decided: the first item no longer counts as an open disagreement.
    expect(await adjudication.nextDisagreement(queue.id, third)).toBeNull();
    expect(await adjudication.nextDisagreement(queue.id, second)).toBe(third);

    const rows: Record<string, string>[] = parse(
      await new Response(
        (await exporter.streamRatingsExport("csv", ExportQuery.parse({ queue: queue.id }))).stream,
      ).text(),
      { columns: true },
    );
    const overallRows = rows.filter((row) => row.criterion === "overall");
    expect(overallRows.filter((row) => row.item_id === first).map((row) => [row.final_value, row.final_note])).toEqual([
      ["1", "Both defensible"],
      ["1", "Both defensible"],
    ]);
    expect(overallRows.filter((row) => row.item_id !== first).every((row) => row.final_value === "")).toBe(true);
    const wide: Record<string, string>[] = parse(
      await new Response(
        (await exporter.streamRatingsExport("csv", ExportQuery.parse({ queue: queue.id, layout: "wide" }))).stream,
      ).text(),
      { columns: true },
    );
    expect(wide.find((row) => row.item_id === first && row.criterion === "overall")).toMatchObject({
      final_value: "1",
      final_note: "Both defensible",
    });

    // Clearing it reopens the disagreement.
    await adjudication.setFinalLabel({
      queueId: queue.id,
      queueItemId: first,
      input: FinalLabelRequest.parse({ criterion: "overall", value: null }),
      decidedById: lead.id,
    });
    expect(await adjudication.listFinalLabels(first)).toEqual([]);
    expect(await adjudication.nextDisagreement(queue.id, third)).toBe(first);
  });

  it("refuses a criterion or a value the queue does not have, and an item of another queue", async () => {
    const { queue, lead } = await ratedQueue();
    const set = (input: object, queueId = queue.id) =>
      adjudication.setFinalLabel({
        queueId,
        queueItemId: queue.itemIds[0],
        input: FinalLabelRequest.parse(input),
        decidedById: lead.id,
      });
    await expect(set({ criterion: "confidence", value: 3 })).rejects.toThrow(/not a criterion/);
    await expect(set({ criterion: "item:9", value: 1 })).rejects.toThrow(/not a criterion/);
    await expect(set({ criterion: "overall", value: 7 })).rejects.toThrow(/not a value/);
    await expect(set({ criterion: "overall", value: "A" })).rejects.toThrow(/not a value/);
    await expect(set({ criterion: "overall", value: 2 }, crypto.randomUUID())).rejects.toThrow(/not found/i);
  });
});
