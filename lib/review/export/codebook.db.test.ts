// The codebook against a real export: it documents every column the export writes, names
// exactly the wide layout's rater columns (with the rater ids and roles they hold), and
// lists every criterion the export's rows use with the values and labels found there.
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

const csvRows = (text: string): Record<string, string>[] => parse(text, { columns: true });

async function download(query: Record<string, string>): Promise<string> {
  const result = await exporter.streamRatingsExport("csv", ExportQuery.parse(query));
  return new Response(result.stream).text();
}

/** A rubric queue rated by an annotator and an admin, with a flagged step. */
async function ratedRubricQueue() {
  const [annotator, admin] = await createUsers(database.prisma, ["annotator", "admin,clinician"]);
  const patientId = await createPatient(database.prisma);
  const runId = await createRun(database.prisma, { patientId });
  const queue = await createQueue(database.prisma, {
    kind: "rubric",
    memberIds: [annotator.id, admin.id],
    reviewersPerItem: 2,
    items: [{ patientId, runId }],
  });
  const [queueItemId] = queue.itemIds;
  for (const [index, rater] of [annotator, admin].entries()) {
    await database.prisma.assignment.create({ data: { queueItemId, userId: rater.id } });
    await save.saveRating({
      userId: rater.id,
      runId,
      input: SaveRatingRequest.parse({
        kind: "rubric",
        version: 0,
        queueItemId,
        status: "submitted",
        confidence: 4,
        rubric: { factual_accuracy: 2 + index, evidence_grounding: 3, clinical_relevance: 4, completeness: 4, harm: 5 },
        steps: index ? [] : [{ step: "reasoning-1", flags: ["wrong_fact"], note: "" }],
      }),
    });
  }
  return { queue, annotator, admin };
}

describe("the codebook", () => {
  it("documents every column, the wide layout's rater columns, and every criterion with its levels", async () => {
    const { queue, annotator, admin } = await ratedRubricQueue();
    const query = { queue: queue.id };
    const codebook = await codebooks.buildCodebook(ExportQuery.parse(query));

    const tidy = await download(query);
    expect(codebook.columns.map((column) => column.name)).toEqual(tidy.split("\n")[0].split(","));
    for (const column of codebook.columns) expect(column.description.length).toBeGreaterThan(10);

    const wideHeader = (await download({ ...query, layout: "wide" })).split("\n")[0].split(",");
    const wideItemColumns = codebook.columns.filter((column) => column.layouts.includes("wide")).map((c) => c.name);
    expect(wideHeader).toEqual([...wideItemColumns, ...codebook.raterColumns.map((rater) => rater.column)]);
    expect(codebook.raterColumns).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ raterId: annotator.id, roles: "annotator" }),
        expect.objectContaining({ raterId: admin.id, roles: "admin,clinician" }),
      ]),
    );
    for (const rater of codebook.raterColumns) expect(rater.column).not.toContain(rater.raterId);

    // Every criterion of the export's rows is in the codebook, and each value with its label.
    const rows = csvRows(tidy);
    const pattern = (criterion: string) =>
      criterion.startsWith("step:") ? "step:<step id>" : criterion.replace(/^(item|missing_item):\d+$/, "$1:<rank>");
    for (const row of rows) {
      const entry = codebook.criteria.find((c) => c.criterion === pattern(row.criterion));
      expect(entry, row.criterion).toBeDefined();
      if (entry!.level === "ordinal") {
        expect(entry!.values).toContainEqual(
          expect.objectContaining({ value: Number(row.value), label: row.value_label }),
        );
      }
    }
    expect(codebook.criteria.find((c) => c.criterion === "factual_accuracy")!.values.map((v) => v.value)).toEqual([
      1, 2, 3, 4, 5,
    ]);

    // The CSV data dictionary: a row per column, per rater column and per level.
    const dictionary = csvRows(codebooks.codebookCsv(codebook));
    expect(dictionary.filter((row) => row.section === "column").map((row) => row.name)).toEqual(
      codebook.columns.map((column) => column.name),
    );
    expect(dictionary.filter((row) => row.section === "rater_column")).toHaveLength(2);
    expect(dictionary).toContainEqual(
      expect.objectContaining({ section: "level", name: "harm", value: "5", label: "Excellent", queue_id: queue.id }),
    );
    expect(dictionary).toContainEqual(
      expect.objectContaining({ section: "level", name: "step:<step id>", value: "wrong_fact", label: "Wrong fact" }),
    );
  });

  it("lists pseudonymous rater columns only when the salt is named", async () => {
    const { queue } = await ratedRubricQueue();
    const salted = { queue: queue.id, pseudonymize: "1", salt: "study-2026-b" };
    const codebook = await codebooks.buildCodebook(ExportQuery.parse(salted));
    const wideHeader = (await download({ ...salted, layout: "wide" })).split("\n")[0].split(",");
    expect(wideHeader.slice(-2)).toEqual(codebook.raterColumns.map((rater) => rater.column));
    for (const rater of codebook.raterColumns) expect(rater.raterId).toMatch(/^rater_[0-9a-f]{16}$/);
    const unsalted = await codebooks.buildCodebook(ExportQuery.parse({ queue: queue.id, pseudonymize: "1" }));
    expect(unsalted.raterColumns).toEqual([]);
  });
});
