// Skips and flags in the ratings export against a real PostgreSQL: a skipped assignment is one
// row (status skipped, criterion skip, the reason as value, the rater's words as note) and a
// flag for the study lead one row (status flagged, criterion flag, open or resolved), in every
// format and layout, so a statistician filters ratings by status; the codebook lists both and
// the rater columns of raters who only skipped.
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import type * as SaveModule from "../save-rating";
import { SaveRatingRequest } from "../save-rating.types";
import { createCatalogRows, createPatient, createQueue, createRun, createUsers } from "../test-support";
import type * as CodebookModule from "./codebook";
import { ExportQuery } from "./export-ratings.types";
import type * as StreamModule from "./stream-ratings-export";

let database: TestDatabase;
let save: typeof SaveModule;
let exporter: typeof StreamModule;
let codebooks: typeof CodebookModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  save = await import("../save-rating");
  exporter = await import("./stream-ratings-export");
  codebooks = await import("./codebook");
  await createCatalogRows(database.prisma);
});

afterAll(async () => {
  const { db } = await import("../../db");
  await db.$disconnect();
  await database.drop();
});

async function download(format: "csv" | "jsonl", query: Record<string, string>): Promise<string> {
  const result = await exporter.streamRatingsExport(format, ExportQuery.parse(query));
  return new Response(result.stream).text();
}

/** One item: Ann rates it, Bob skips it (other: words), Ann flags it; a resolved flag by Cat. */
async function ratedSkippedFlagged() {
  const [ann, bob, cat, admin] = await createUsers(database.prisma, ["clinician", "clinician", "annotator", "admin"]);
  const patientId = await createPatient(database.prisma);
  const runId = await createRun(database.prisma, { patientId });
  const queue = await createQueue(database.prisma, {
    memberIds: [ann.id, bob.id, cat.id],
    reviewersPerItem: 2,
    items: [{ patientId, runId }],
  });
  const [queueItemId] = queue.itemIds;
  await database.prisma.assignment.create({ data: { queueItemId, userId: ann.id } });
  await save.saveRating({
    userId: ann.id,
    runId,
    input: SaveRatingRequest.parse({
      kind: "agreement",
      version: 0,
      queueItemId,
      status: "submitted",
      items: [1, 2, 3].map((rank) => ({ rank, value: 2 })),
      overall: 2,
      confidence: 3,
    }),
  });
  const skippedAt = new Date("2026-12-01T10:00:00Z");
  await database.prisma.assignment.create({
    data: { queueItemId, userId: bob.id, status: "skipped", skipReason: "other", skipNote: "=not my ward", skippedAt },
  });
  await database.prisma.queueFlag.create({
    data: { queueItemId, userId: ann.id, note: "record seems truncated", createdAt: new Date("2026-12-01T11:00:00Z") },
  });
  await database.prisma.queueFlag.create({
    data: {
      queueItemId,
      userId: cat.id,
      note: "duplicate lab",
      createdAt: new Date("2026-12-01T12:00:00Z"),
      resolvedAt: new Date("2026-12-02T09:00:00Z"),
      resolvedById: admin.id,
    },
  });
  return { queue, ann, bob, cat, runId };
}

describe("skips and flags in the export", () => {
  it("are rows a statistician filters by status and criterion, in CSV and JSONL", async () => {
    const { queue, ann, bob, cat, runId } = await ratedSkippedFlagged();
    const rows: Record<string, string>[] = parse(await download("csv", { queue: queue.id }), { columns: true });
    expect(rows.filter((row) => row.status === "submitted").every((row) => row.rater_id === ann.id)).toBe(true);
    expect(rows.filter((row) => row.status === "submitted")).toHaveLength(5);

    const skip = rows.filter((row) => row.status === "skipped");
    expect(skip).toEqual([
      expect.objectContaining({
        rater_id: bob.id,
        run_id: runId,
        item_position: "1",
        criterion: "skip",
        criterion_label: "Skipped by the rater",
        value: "other",
        value_label: "Other",
        value_numeric: "",
        // The CSV rule applies to the rater's words as to any text.
        note: "'=not my ward",
        created_at: "2026-12-01T10:00:00.000Z",
        submitted_at: "",
        version: "",
      }),
    ]);
    const flagged = rows.filter((row) => row.status === "flagged");
    expect(
      flagged.map((row) => [row.rater_id, row.criterion, row.value, row.value_label, row.note, row.updated_at]),
    ).toEqual(
      expect.arrayContaining([
        [ann.id, "flag", "open", "Open", "record seems truncated", "2026-12-01T11:00:00.000Z"],
        [cat.id, "flag", "resolved", "Resolved", "duplicate lab", "2026-12-02T09:00:00.000Z"],
      ]),
    );
    expect(flagged).toHaveLength(2);

    const lines = (await download("jsonl", { queue: queue.id }))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.find((line) => line.status === "skipped")).toMatchObject({
      criterion: "skip",
      value: "other",
      note: "=not my ward",
      version: null,
      time_spent_ms: null,
    });
    expect(lines.filter((line) => line.criterion === "flag")).toHaveLength(2);
  });

  it("gives raters who only skipped or flagged a wide column, and the codebook documents both rows", async () => {
    const { queue, bob } = await ratedSkippedFlagged();
    const query = { queue: queue.id, layout: "wide" };
    const wide: Record<string, string>[] = parse(await download("csv", query), { columns: true });
    const codebook = await codebooks.buildCodebook(ExportQuery.parse(query));
    expect(codebook.raterColumns).toHaveLength(3);
    expect(codebook.raterColumns.map((rater) => rater.raterId)).toContain(bob.id);
    const bobColumn = codebook.raterColumns.find((rater) => rater.raterId === bob.id)!.column;
    expect(wide.find((row) => row.criterion === "skip")).toMatchObject({ [bobColumn]: "other" });
    expect(Object.keys(wide[0])).toEqual([
      ...codebook.columns.filter((column) => column.layouts.includes("wide")).map((column) => column.name),
      ...codebook.raterColumns.map((rater) => rater.column),
    ]);
    const skip = codebook.criteria.find(
      (criterion) => criterion.criterion === "skip" && criterion.queueId === queue.id,
    );
    expect(skip?.values.map((value) => value.value)).toEqual(["cannot_assess", "not_my_specialty", "other"]);
    const flag = codebook.criteria.find((criterion) => criterion.criterion === "flag");
    expect(flag?.values.map((value) => [value.value, value.label])).toEqual([
      ["open", "Open"],
      ["resolved", "Resolved"],
    ]);
    expect(codebook.columns.find((column) => column.name === "status")?.description).toMatch(/skipped.*flagged/);
  });
});
