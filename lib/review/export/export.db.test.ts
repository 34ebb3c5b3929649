// The ratings export against a real PostgreSQL: the exact tidy table for a known set of
// ratings (parsed back with csv-parse), formula neutralisation (made by the export query
// itself), pseudonymous rater ids, the wide and JSONL variants, a 200k-row export streamed in
// bounded memory, and a download abandoned mid-way releasing its database connection.
import v8 from "node:v8";
import vm from "node:vm";
import { parse } from "csv-parse/sync";
import { Prisma } from "../../generated/prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import type * as SaveModule from "../save-rating";
import { SaveRatingRequest } from "../save-rating.types";
import { createCatalogRows, createPatient, createQueue, createRun, createUsers } from "../test-support";
import { ExportQuery } from "./export-ratings.types";
import type * as StreamModule from "./stream-ratings-export";

let database: TestDatabase;
let save: typeof SaveModule;
let exporter: typeof StreamModule;

beforeAll(async () => {
  database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = "test-secret-of-enough-length-for-the-review-tests";
  save = await import("../save-rating");
  exporter = await import("./stream-ratings-export");
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

/** The tidy columns, in the documented order. */
const COLUMN_ORDER = [
  "queue_id",
  "queue_name",
  "item_id",
  "item_position",
  "kind",
  "run_id",
  "run_b_id",
  "presented_left",
  "patient_id",
  "patient_source",
  "patient_external_id",
  "task",
  "cutoff",
  "backend_id",
  "backend",
  "model",
  "backend_b_id",
  "backend_b",
  "model_b",
  "rater_id",
  "rater_role",
  "criterion",
  "criterion_label",
  "value",
  "value_label",
  "value_numeric",
  "flag_wrong_fact",
  "flag_unsupported",
  "flag_irrelevant",
  "flag_harmful",
  "note",
  "final_value",
  "final_note",
  "comment",
  "status",
  "version",
  "created_at",
  "updated_at",
  "submitted_at",
  "time_spent_ms",
];

/** The columns the wide layout keeps, in order (then one column per rater). */
const WIDE_ITEM_COLUMNS = [
  "queue_id",
  "queue_name",
  "item_id",
  "item_position",
  "kind",
  "run_id",
  "run_b_id",
  "patient_id",
  "patient_source",
  "patient_external_id",
  "task",
  "cutoff",
  "backend_id",
  "backend",
  "model",
  "backend_b_id",
  "backend_b",
  "model_b",
  "criterion",
  "criterion_label",
  "final_value",
  "final_note",
];

/** A rater's column in the wide layout of an export that is not pseudonymous. */
const wideColumn = (userId: string, role = "clinician") => `rater_${userId.replaceAll("-", "").slice(0, 8)}_${role}`;

const csvRows = (text: string): Record<string, string>[] => parse(text, { columns: true, bom: true });

/** A queue with one item of two predicted items, rated by two clinicians (one also drafting elsewhere). */
async function knownRatings() {
  const [alice, bob] = await createUsers(database.prisma, ["clinician", "clinician"]);
  const patientId = await createPatient(database.prisma);
  const cutoff = new Date("2150-03-04T05:06:07Z");
  const runId = await createRun(database.prisma, { patientId, cutoff, items: ["Creatinine", "=HYPERLINK(1)"] });
  const queue = await createQueue(database.prisma, {
    memberIds: [alice.id, bob.id],
    items: [{ patientId, runId, cutoff }],
    reviewersPerItem: 2,
  });
  const [queueItemId] = queue.itemIds;
  await database.prisma.assignment.createMany({
    data: [alice, bob].map((user) => ({ queueItemId, userId: user.id })),
  });
  const submit = (userId: string, input: object) =>
    save.saveRating({
      userId,
      runId,
      input: SaveRatingRequest.parse({ kind: "agreement", version: 0, queueItemId, status: "submitted", ...input }),
    });
  await submit(alice.id, {
    items: [
      { rank: 1, value: 2 },
      { rank: 2, value: 0 },
    ],
    missingItems: ["-Lactate", "Magnésium"],
    overall: 1,
    confidence: 4,
    comment: '@ops said "fine", see ward; notes',
    timeSpentMs: 61_000,
  });
  await submit(bob.id, {
    items: [
      { rank: 1, value: 1 },
      { rank: 2, value: 1 },
    ],
    overall: 1,
    confidence: 2,
    comment: "",
    timeSpentMs: 30_500,
  });
  // A draft of another run: not exported unless asked for.
  const otherRun = await createRun(database.prisma, { patientId, cutoff });
  await save.saveRating({
    userId: alice.id,
    runId: otherRun,
    input: SaveRatingRequest.parse({ kind: "agreement", version: 0, overall: 0 }),
  });
  const ratings = await database.prisma.rating.findMany({ where: { runId } });
  const stored = (userId: string) => ratings.find((rating) => rating.userId === userId)!;
  return { alice, bob, patientId, runId, queue, queueItemId, cutoff, stored, otherRun };
}

describe("tidy CSV", () => {
  it("is exactly the expected table, with formulas neutralised and missing values empty", async () => {
    const known = await knownRatings();
    const patient = await database.prisma.patient.findUniqueOrThrow({ where: { id: known.patientId } });
    const queue = await database.prisma.queue.findUniqueOrThrow({ where: { id: known.queue.id } });
    const text = await download("csv", { queue: known.queue.id });

    const base = (userId: string) => {
      const rating = known.stored(userId);
      return {
        queue_id: known.queue.id,
        queue_name: queue.name,
        item_id: known.queueItemId,
        item_position: "1",
        kind: "agreement",
        run_id: known.runId,
        run_b_id: "",
        presented_left: "",
        patient_id: known.patientId,
        patient_source: "mimic-iv",
        patient_external_id: patient.externalId,
        task: "labevents",
        cutoff: "2150-03-04T05:06:07.000Z",
        backend_id: "baseline",
        backend: "baseline, not EHR-R1",
        model: "baseline (not EHR-R1)",
        backend_b_id: "",
        backend_b: "",
        model_b: "",
        rater_id: userId,
        rater_role: "clinician",
        note: "",
        flag_wrong_fact: "",
        flag_unsupported: "",
        flag_irrelevant: "",
        flag_harmful: "",
        final_value: "",
        final_note: "",
        status: "submitted",
        version: "1",
        created_at: rating.createdAt.toISOString(),
        updated_at: rating.updatedAt.toISOString(),
        submitted_at: rating.submittedAt!.toISOString(),
      };
    };
    const row = (userId: string, criterion: string, label: string, value: string, valueLabel: string) => ({
      ...base(userId),
      criterion,
      criterion_label: label,
      value,
      value_label: valueLabel,
      value_numeric: /^-?\d+$/.test(value) ? value : "",
      comment: userId === known.alice.id ? `'@ops said "fine", see ward; notes` : "",
      time_spent_ms: userId === known.alice.id ? "61000" : "30500",
    });
    const { alice, bob } = known;
    const rowsOf = {
      [alice.id]: [
        row(alice.id, "item:1", "Creatinine", "2", "Agree"),
        row(alice.id, "item:2", "'=HYPERLINK(1)", "0", "Disagree"),
        row(alice.id, "missing_item:1", "Missing item", "'-Lactate", "'-Lactate"),
        row(alice.id, "missing_item:2", "Missing item", "Magnésium", "Magnésium"),
        row(alice.id, "overall", "Overall agreement", "1", "Partly"),
        row(alice.id, "confidence", "Confidence", "4", "High"),
      ],
      [bob.id]: [
        row(bob.id, "item:1", "Creatinine", "1", "Partly"),
        row(bob.id, "item:2", "'=HYPERLINK(1)", "1", "Partly"),
        row(bob.id, "overall", "Overall agreement", "1", "Partly"),
        row(bob.id, "confidence", "Confidence", "2", "Low"),
      ],
    };
    // Export order: by run, then by rating id; each rating's rows in criterion order.
    const raterOrder = [alice.id, bob.id].sort((a, b) => known.stored(a).id.localeCompare(known.stored(b).id));
    const rows = csvRows(text);
    expect(rows).toEqual(raterOrder.flatMap((id) => rowsOf[id]));
    expect(text.split("\n")[0]).toBe(COLUMN_ORDER.join(","));
    // UTF-8, no byte-order mark, and no cell starting with a formula character.
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(Buffer.from(text, "utf8").toString("utf8")).toContain("Magnésium");
    for (const record of rows) for (const cell of Object.values(record)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("leaves drafts out unless include=all, and then says they are drafts", async () => {
    const known = await knownRatings();
    const submittedOnly = csvRows(await download("csv", {}));
    expect(submittedOnly.some((row) => row.run_id === known.otherRun)).toBe(false);
    const all = csvRows(await download("csv", { include: "all" }));
    expect(all.filter((row) => row.run_id === known.otherRun)).toMatchObject([
      { criterion: "overall", value: "0", status: "draft", submitted_at: "", queue_id: "" },
    ]);
  });
});

describe("formula neutralisation", () => {
  it("prefixes every text cell starting with = + - @ tab or CR, in tidy and wide CSV, and only those", async () => {
    const [rater] = await createUsers(database.prisma, ["clinician"]);
    const patientId = await createPatient(database.prisma);
    const formulas = ["=1+1", "+cmd", "-Lactate", "@SUM(A1)", "\tTab", "\rReturn"];
    const harmless = ["Lactate", " =not first", "1-2", "Magnésium", "'quoted", 'say "hi", then\nleave'];
    const runId = await createRun(database.prisma, { patientId, items: [...formulas, ...harmless] });
    const queue = await createQueue(database.prisma, {
      memberIds: [rater.id],
      items: [{ patientId, runId }],
      // A scale whose values are negative and whose labels look like formulas.
      rubric: {
        agreementScale: [
          { value: -1, label: "-Worse" },
          { value: 0, label: "=Same" },
          { value: 1, label: "Better" },
        ],
      },
    });
    await database.prisma.rating.create({
      data: {
        runId,
        userId: rater.id,
        kind: "agreement",
        queueItemId: queue.itemIds[0],
        status: "submitted",
        submittedAt: new Date(),
        items: [...formulas, ...harmless].map((_, index) => ({ rank: index + 1, value: (index % 3) - 1 })),
        missingItems: ["@missing", "plain"],
        overall: -1,
        comment: "+comment",
      },
    });
    const expectedCell = (text: string) => (formulas.includes(text) ? `'${text}` : text);

    const rows = csvRows(await download("csv", { queue: queue.id }));
    const items = rows.filter((row) => row.criterion.startsWith("item:"));
    expect(items.map((row) => row.criterion_label)).toEqual([...formulas, ...harmless].map(expectedCell));
    // Negative numbers are numbers, not formulas; labels that look like formulas are text.
    expect(items.slice(0, 3).map((row) => [row.value, row.value_label])).toEqual([
      ["-1", "'-Worse"],
      ["0", "'=Same"],
      ["1", "Better"],
    ]);
    expect(rows.filter((row) => row.criterion.startsWith("missing_item:")).map((row) => row.value)).toEqual([
      "'@missing",
      "plain",
    ]);
    expect(rows.find((row) => row.criterion === "overall")).toMatchObject({ value: "-1", value_label: "'-Worse" });
    expect(new Set(rows.map((row) => row.comment))).toEqual(new Set(["'+comment"]));

    const wide = csvRows(await download("csv", { queue: queue.id, layout: "wide" }));
    expect(wide.filter((row) => row.criterion.startsWith("item:")).map((row) => row.criterion_label)).toEqual(
      [...formulas, ...harmless].map(expectedCell),
    );
    expect(wide.find((row) => row.criterion === "missing_item:1")![wideColumn(rater.id)]).toBe("'@missing");
    expect(wide.find((row) => row.criterion === "overall")![wideColumn(rater.id)]).toBe("-1");

    // JSON Lines is not a spreadsheet format: raw text.
    const records = (await download("jsonl", { queue: queue.id }))
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(
      records.filter((record) => record.criterion.startsWith("item:")).map((record) => record.criterion_label),
    ).toEqual([...formulas, ...harmless]);
  });
});

describe("pairwise and rubric rows", () => {
  it("unblind pairwise sides (presented_left, chosen model) and carry step flags with their notes", async () => {
    const { presentedOrderFor } = await import("../../auth/blind-rules");
    const raters = await createUsers(database.prisma, ["clinician", "annotator"]);
    const patientId = await createPatient(database.prisma);
    const runId = await createRun(database.prisma, { patientId });
    const runBId = await createRun(database.prisma, { patientId, backendId: "ehr-r1" });
    const pairwise = await createQueue(database.prisma, {
      kind: "pairwise",
      memberIds: [raters[0].id],
      items: [{ patientId, runId, runBId }],
    });
    const rubric = await createQueue(database.prisma, {
      kind: "rubric",
      memberIds: [raters[1].id],
      items: [{ patientId, runId }],
    });
    await database.prisma.assignment.createMany({
      data: [
        { queueItemId: pairwise.itemIds[0], userId: raters[0].id },
        { queueItemId: rubric.itemIds[0], userId: raters[1].id },
      ],
    });
    const rate = (userId: string, input: object) =>
      save.saveRating({
        userId,
        runId,
        input: SaveRatingRequest.parse({ version: 0, status: "submitted", confidence: 5, ...input }),
      });
    await rate(raters[0].id, {
      kind: "pairwise",
      queueItemId: pairwise.itemIds[0],
      rubric: { overall: "B", correctness: "tie", reasoning: "A" },
    });
    await rate(raters[1].id, {
      kind: "rubric",
      queueItemId: rubric.itemIds[0],
      rubric: { factual_accuracy: 2, evidence_grounding: 3, clinical_relevance: 4, completeness: 4, harm: 5 },
      steps: [{ step: "reasoning-1", flags: ["unsupported", "harmful"], note: "no volume status" }],
    });

    const pairRows = csvRows(await download("csv", { queue: pairwise.id }));
    const left = (await presentedOrderFor(database.prisma, raters[0].id, pairwise.itemIds[0]))[0];
    expect(pairRows.map((row) => [row.criterion, row.value, row.value_label, row.presented_left])).toEqual([
      ["overall", "B", "B: EHR-R1 8B", left],
      ["correctness", "tie", "tie", left],
      ["reasoning", "A", "A: baseline, not EHR-R1", left],
      ["confidence", "5", "Very high", left],
    ]);
    expect(pairRows[0]).toMatchObject({
      run_id: runId,
      run_b_id: runBId,
      backend_b: "EHR-R1 8B",
      model_b: "BlueZeros/EHR-R1-8B",
    });

    const rubricRows = csvRows(await download("csv", { queue: rubric.id }));
    expect(rubricRows.find((row) => row.criterion === "step:reasoning-1")).toMatchObject({
      criterion_label: "Reasoning: This is acute kidney injury, likely prerenal.",
      value: "harmful+unsupported",
      value_label: "Unsupported + Harmful",
      value_numeric: "",
      flag_wrong_fact: "0",
      flag_unsupported: "1",
      flag_irrelevant: "0",
      flag_harmful: "1",
      note: "no volume status",
    });
    // The rubric's numbers in their own column; flag columns only on step rows.
    expect(rubricRows.find((row) => row.criterion === "harm")).toMatchObject({
      value: "5",
      value_label: "Excellent",
      value_numeric: "5",
      flag_harmful: "",
    });
  });
});

describe("pseudonymous rater ids", () => {
  it("are stable within an export and for a shared salt, and never the user id", async () => {
    const known = await knownRatings();
    const first = csvRows(await download("csv", { queue: known.queue.id, pseudonymize: "1", salt: "study-2026-a" }));
    const ids = new Set(first.map((row) => row.rater_id));
    expect(ids.size).toBe(2);
    for (const id of ids) {
      expect(id).toMatch(/^rater_[0-9a-f]{16}$/);
      expect([known.alice.id, known.bob.id]).not.toContain(id);
    }
    expect(JSON.stringify(first)).not.toContain(known.alice.id);
    const aliceRows = first.filter((row) => row.time_spent_ms === "61000");
    expect(new Set(aliceRows.map((row) => row.rater_id)).size).toBe(1);

    const again = csvRows(await download("csv", { queue: known.queue.id, pseudonymize: "1", salt: "study-2026-a" }));
    expect(again.map((row) => row.rater_id)).toEqual(first.map((row) => row.rater_id));
    const otherSalt = csvRows(await download("csv", { queue: known.queue.id, pseudonymize: "1" }));
    expect(new Set(otherSalt.map((row) => row.rater_id))).not.toEqual(ids);
  });
});

describe("wide and JSONL", () => {
  it("wide: one row per (item, criterion) and one column per rater", async () => {
    const known = await knownRatings();
    const rows = csvRows(await download("csv", { queue: known.queue.id, layout: "wide" }));
    const overall = rows.find((row) => row.criterion === "overall")!;
    expect(overall[wideColumn(known.alice.id)]).toBe("1");
    expect(overall[wideColumn(known.bob.id)]).toBe("1");
    const missing = rows.find((row) => row.criterion === "missing_item:1")!;
    expect(missing).toMatchObject({ [wideColumn(known.alice.id)]: "'-Lactate", [wideColumn(known.bob.id)]: "" });
    // No user id in the header: raters are named by pseudonym and role.
    const header = Object.keys(rows[0]);
    expect(header.join(",")).not.toContain(known.alice.id);
    const pseudonymous = csvRows(
      await download("csv", { queue: known.queue.id, layout: "wide", pseudonymize: "1", salt: "study-2026-a" }),
    );
    const raterColumns = Object.keys(pseudonymous[0]).slice(WIDE_ITEM_COLUMNS.length);
    expect(raterColumns).toHaveLength(2);
    for (const column of raterColumns) expect(column).toMatch(/^rater_[0-9a-f]{16}_clinician$/);
    expect(rows.map((row) => row.criterion)).toEqual([
      "item:1",
      "item:2",
      "missing_item:1",
      "missing_item:2",
      "overall",
      "confidence",
    ]);
  });

  it("JSONL: one object per line with the tidy columns, raw values and null for missing", async () => {
    const known = await knownRatings();
    const lines = (await download("jsonl", { queue: known.queue.id })).trimEnd().split("\n");
    const records = lines.map((line) => JSON.parse(line));
    expect(records).toHaveLength(10);
    expect(Object.keys(records[0])).toEqual(COLUMN_ORDER);
    const aliceItem2 = records.find((record) => record.criterion === "item:2" && record.rater_id === known.alice.id);
    expect(aliceItem2).toMatchObject({
      criterion_label: "=HYPERLINK(1)",
      value: 0,
      run_b_id: null,
    });
  });

  it("wide JSONL: the item columns, then each rater's raw value (null where they gave none)", async () => {
    const known = await knownRatings();
    const lines = (await download("jsonl", { queue: known.queue.id, layout: "wide" })).trimEnd().split("\n");
    const records = lines.map((line) => JSON.parse(line));
    const raters = [known.alice.id, known.bob.id].sort().map((id) => wideColumn(id));
    expect(records.map((record) => record.criterion)).toEqual([
      "item:1",
      "item:2",
      "missing_item:1",
      "missing_item:2",
      "overall",
      "confidence",
    ]);
    expect(Object.keys(records[0])).toEqual([...WIDE_ITEM_COLUMNS, ...raters]);
    expect(records[1]).toMatchObject({
      criterion_label: "=HYPERLINK(1)",
      item_position: 1,
      [wideColumn(known.alice.id)]: 0,
      [wideColumn(known.bob.id)]: 1,
    });
    expect(records[2]).toMatchObject({ [wideColumn(known.alice.id)]: "-Lactate", [wideColumn(known.bob.id)]: null });
  });
});

describe("streaming", () => {
  it("exports 200k rows in bounded memory, without buffering the file", async () => {
    const raters = await createUsers(database.prisma, Array(100).fill("clinician"));
    const patientId = await createPatient(database.prisma);
    await database.prisma.$executeRaw`
      INSERT INTO prediction_run (id, "patientId", "taskKey", "backendId", cutoff, status, reasoning, answer)
      SELECT 'bulk-' || g, ${patientId}, 'labevents', 'baseline', timestamp '2150-01-01' + g * interval '1 hour',
             'done', '', ''
      FROM generate_series(1, 500) g`;
    await database.prisma.$executeRaw`
      INSERT INTO rating (id, "runId", "userId", kind, status, overall, confidence, items, comment,
                          "timeSpentMs", version, "updatedAt", "submittedAt")
      SELECT gen_random_uuid()::text, r.id, u.id, 'agreement', 'submitted', 1, 3,
             '[{"rank":1,"value":2},{"rank":2,"value":0}]'::jsonb, 'bulk rating for the memory test',
             45000, 1, now(), now()
      FROM prediction_run r CROSS JOIN "user" u
      WHERE r.id LIKE 'bulk-%' AND u.id IN (${Prisma.join(raters.map((rater) => rater.id))})`;

    // Live heap after a full collection, so garbage not yet collected does not count.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const liveHeap = () => {
      gc();
      return process.memoryUsage().heapUsed;
    };
    const before = liveHeap();
    const result = await exporter.streamRatingsExport("csv", ExportQuery.parse({}));
    const reader = result.stream.getReader();
    let peak = before;
    let bytes = 0;
    let newlines = 0;
    let nextSample = 4 * 2 ** 20;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      bytes += chunk.value.byteLength;
      for (const byte of chunk.value) if (byte === 10) newlines += 1;
      if (bytes >= nextSample) {
        peak = Math.max(peak, liveHeap());
        nextSample += 4 * 2 ** 20;
      }
    }
    const growthMb = (peak - before) / 2 ** 20;
    const outputMb = bytes / 2 ** 20;
    console.log(
      `export: ${newlines - 1} rows, ${outputMb.toFixed(1)} MB; peak live heap growth ${growthMb.toFixed(1)} MB`,
    );
    expect(newlines - 1).toBeGreaterThanOrEqual(200_000);
    // Holding the file would take at least its size in heap; a stream holds about one page.
    expect(growthMb).toBeLessThan(outputMb / 4);
  }, 300_000);

  it("releases its database connection when the client goes away mid-export", async () => {
    // Uses the 200k rows above: far more than the socket buffers hold, so PostgreSQL is
    // still sending (and waiting for the client) when the download is abandoned.
    const exportBackends = async () =>
      database.prisma.$queryRaw<{ state: string | null }[]>`
        SELECT state FROM pg_stat_activity WHERE application_name = ${exporter.EXPORT_APPLICATION_NAME}`;
    const result = await exporter.streamRatingsExport("csv", ExportQuery.parse({}));
    const reader = result.stream.getReader();
    let bytes = 0;
    while (bytes < 2 ** 20) bytes += (await reader.read()).value!.byteLength;
    expect(await exportBackends()).toEqual([{ state: "active" }]);
    await reader.cancel();
    const deadline = Date.now() + 10_000;
    while ((await exportBackends()).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await exportBackends()).toEqual([]);

    // And the next export runs normally.
    const next = await download("csv", { queue: crypto.randomUUID() });
    expect(next.trimEnd().split("\n")).toEqual([COLUMN_ORDER.join(",")]);
  }, 60_000);
});
