// The mimic-code store end to end on a database built as mimic-code builds it (no source_row):
// registration puts every demo subject in the patient list and adds nothing the second time;
// the timeline's events read of a registered patient reads their events in first; two
// materializations of one patient at once give one copy; and the app only ever reads the
// mimic-code database (it is reached through a role that may only SELECT).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import type * as EventSliceModule from "../queries/get-event-slice";
import type * as ListPatientsModule from "../queries/list-patients";
import { describeMimicCode, mimicCodePool } from "./connect-mimic-code";
import { closeMimicCodeStores, materializePatient } from "./materialize-patient";
import { createMimicCodeTestDatabase, type MimicCodeTestDatabase } from "./mimic-code-test-database";
import { registerMimicCode } from "./register-mimic-code";

let db: TestDatabase;
let mimic: MimicCodeTestDatabase;
let pool: pg.Pool;
let getEventSlice: typeof EventSliceModule.getEventSlice;
let listPatients: typeof ListPatientsModule.listPatients;
const lines: string[] = [];

const patientId = async (subject: string) =>
  (await pool.query<{ id: string }>(`SELECT id FROM patient WHERE "externalId" = $1`, [subject])).rows[0].id;

const eventCount = async (id: string) =>
  Number((await pool.query(`SELECT count(*) AS n FROM event WHERE "patientId" = $1`, [id])).rows[0].n);

beforeAll(async () => {
  [db, mimic] = await Promise.all([
    createTestDatabase(),
    createMimicCodeTestDatabase({ sourceRow: false, subjectIndex: true }),
  ]);
  process.env.DATABASE_URL = db.url;
  process.env.MIMIC_DATABASE_URL = mimic.readerUrl;
  ({ getEventSlice } = await import("../queries/get-event-slice"));
  ({ listPatients } = await import("../queries/list-patients"));
  pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const summary = await registerMimicCode({ databaseUrl: db.url, mimicUrl: mimic.readerUrl, log: () => {} });
  expect(summary).toMatchObject({ registered: true, rejectedCount: 0, unindexed: [] });
}, 300_000);

afterAll(async () => {
  await closeMimicCodeStores();
  await pool?.end();
  await db?.drop();
  await mimic?.drop();
});

describe("registration", () => {
  it("lists all 100 demo patients, with their encounters and no events yet", async () => {
    const { patients, total } = await listPatients({ limit: 200 });
    expect(total).toBe(100);
    expect(patients).toHaveLength(100);
    const counts = await pool.query(
      `SELECT (SELECT count(*) FROM encounter)::int AS encounters, (SELECT count(*) FROM event)::int AS events,
              (SELECT count(*) FROM mimic_code_patient WHERE "materializedAt" IS NULL)::int AS pending`,
    );
    expect(counts.rows[0]).toMatchObject({ events: 0, pending: 100 });
    expect(counts.rows[0].encounters).toBeGreaterThan(100);
  });

  it("adds nothing when run again, even when forced", async () => {
    expect(await registerMimicCode({ databaseUrl: db.url, mimicUrl: mimic.readerUrl, log: () => {} })).toMatchObject({
      registered: false,
    });
    const again = await registerMimicCode({
      databaseUrl: db.url,
      mimicUrl: mimic.readerUrl,
      force: true,
      log: () => {},
    });
    expect(again).toMatchObject({ registered: true, patients: { added: 0 }, encounters: { added: 0 } });
  });
});

describe("materialization", () => {
  it("reads a registered patient's events in before the timeline's first page", async () => {
    const id = await patientId("10000032");
    expect(await eventCount(id)).toBe(0);
    const slice = await getEventSlice(id, {}, { limit: 50 });
    expect(slice.kind).toBe("events");
    if (slice.kind !== "events") return;
    expect(slice.events).toHaveLength(50);
    expect(slice.total).toBe(await eventCount(id));
    expect(slice.total).toBeGreaterThan(1000);
    const marker = await pool.query(`SELECT "materializedAt", events FROM mimic_code_patient WHERE "patientId" = $1`, [
      id,
    ]);
    expect(marker.rows[0].materializedAt).not.toBeNull();
    expect(marker.rows[0].events).toBe(slice.total);
  });

  it("happens once when two requests ask at the same time: one copy, the second waits", async () => {
    const id = await patientId("10019777");
    const [a, b] = await Promise.all([
      materializePatient(pool, id, mimic.readerUrl, (line) => lines.push(line)),
      materializePatient(pool, id, mimic.readerUrl, (line) => lines.push(line)),
    ]);
    const done = [a, b].filter((result) => result !== null);
    expect(done).toHaveLength(1);
    expect(await eventCount(id)).toBe(done[0]!.events);
    expect(done[0]!.events).toBeGreaterThan(1000);
    // The log names the patient and counts, never a value of the record.
    expect(lines).toEqual([
      expect.stringMatching(new RegExp(`^mimic-code: patient ${id}: \\d+ events read in \\d+ ms$`)),
    ]);
    expect(await materializePatient(pool, id, mimic.readerUrl)).toBeNull();
  });

  it("reads the demo's largest patient whole (the figure the README gives)", async () => {
    const reader = mimicCodePool(mimic.readerUrl, 1);
    const tables = await describeMimicCode(reader);
    const perSubject = tables
      .filter((table) => !["patients", "icustays", "edstays"].includes(table.spec.name))
      .filter((table) => table.columns.some((column) => column.name === "subject_id"))
      .map((table) => `SELECT subject_id FROM ${table.qualified}`)
      .join(" UNION ALL ");
    const { rows } = await reader.query<{ subject: string; n: number }>(
      `SELECT subject_id::text AS subject, count(*)::int AS n FROM (${perSubject}) source
       GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    await reader.end();
    const id = await patientId(rows[0].subject);
    const done = await materializePatient(pool, id, mimic.readerUrl, (line) => console.log(line));
    expect(done!.events).toBe(await eventCount(id));
    // One event a source row, but exact repeats of rows without a key of their own (one event).
    expect(done!.events).toBeLessThanOrEqual(rows[0].n);
    expect(done!.events).toBeGreaterThan(rows[0].n * 0.9);
    console.log(`largest demo patient ${rows[0].subject}: ${rows[0].n} rows, ${done!.events} events, ${done!.ms} ms`);
  });

  it("is all or nothing per patient and leaves other patients alone", async () => {
    const pending = await pool.query(
      `SELECT count(*)::int AS n FROM mimic_code_patient WHERE "materializedAt" IS NULL`,
    );
    expect(pending.rows[0].n).toBe(97);
    const others = await pool.query(
      `SELECT count(*)::int AS n FROM event e JOIN patient p ON p.id = e."patientId"
       JOIN mimic_code_patient m ON m."patientId" = p.id WHERE m."materializedAt" IS NULL`,
    );
    expect(others.rows[0].n).toBe(0);
  });
});

describe("the mimic-code database", () => {
  it("is reached read-only: the app's sessions there refuse writes", async () => {
    const reader = mimicCodePool(mimic.readerUrl, 1);
    try {
      expect((await describeMimicCode(reader)).length).toBeGreaterThan(10);
      await expect(reader.query(`CREATE TABLE mimiciv_hosp.app_was_here (id int)`)).rejects.toThrow(/read-only/);
    } finally {
      await reader.end();
    }
    // And the role itself may only read, so even a session without the setting cannot write.
    const plain = new pg.Client({ connectionString: mimic.readerUrl });
    await plain.connect();
    try {
      await expect(plain.query(`DELETE FROM mimiciv_hosp.patients`)).rejects.toThrow(/permission denied/);
    } finally {
      await plain.end();
    }
  });
});
