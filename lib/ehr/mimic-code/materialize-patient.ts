// A registered patient's events, read from the mimic-code tables into `event` the first time
// anything reads them (the timeline, a run): `event` is the cache of the patients in use, and
// every read of the record stays what it is. Once per patient: under a per-patient advisory
// lock, re-checked, written by the import writer (ON CONFLICT DO NOTHING on provenance) and
// marked in the same transaction; a second request for the same patient waits for the first
// and finds it done. Logs name the patient id and counts, never contents.
import type pg from "pg";
import { writeRecords } from "../import/import-files";
import { RejectionLog } from "../import/rejection-log";
import { describeMimicCode, findMimicCodeUrl, type MimicCodeTable, mimicCodePool } from "./connect-mimic-code";
import type { FileOrderIndex } from "./file-order";
import { type Dictionaries, readDictionaries, readSubjectEvents } from "./read-mimic-code";
import { readFileOrder } from "./register-mimic-code";

/** Per-patient advisory locks live in their own key space: (this constant, hashtext(patient id)). */
const PATIENT_LOCK_SPACE = 0x4d49_4d43; // "MIMC"

type Store = {
  pool: pg.Pool;
  tables: Promise<readonly MimicCodeTable[]>;
  /** The dictionaries, read once per process (the largest, ICD diagnoses, ~110k rows). */
  dictionaries?: Promise<Dictionaries>;
};

const KEY = Symbol.for("ehr-r1-review.mimic-code-stores");
const globals = globalThis as unknown as Record<symbol, Map<string, Store> | undefined>;

function storeFor(url: string): Store {
  const stores = (globals[KEY] ??= new Map());
  let store = stores.get(url);
  if (!store) {
    const pool = mimicCodePool(url);
    store = { pool, tables: describeMimicCode(pool) };
    // A failed description is not cached: the next read tries again.
    store.tables.catch(() => stores.delete(url));
    stores.set(url, store);
  }
  return store;
}

/** Closes the pools of the mimic-code databases this process opened (tests, CLIs). */
export async function closeMimicCodeStores(): Promise<void> {
  const stores = globals[KEY];
  globals[KEY] = undefined;
  await Promise.all([...(stores?.values() ?? [])].map((store) => store.pool.end().catch(() => {})));
}

export type Materialized = { patientId: string; events: number; rejected: number; ms: number };

/**
 * Copies the patient's events from the mimic-code database (`mimicUrl`) into `event`, unless
 * done before or the patient was not registered from one. Returns what it did, or null.
 */
export async function materializePatient(
  app: pg.Pool,
  patientId: string,
  mimicUrl: string,
  log: (line: string) => void = (line) => console.log(line),
): Promise<Materialized | null> {
  const pending = await app.query(
    `SELECT 1 FROM mimic_code_patient WHERE "patientId" = $1 AND "materializedAt" IS NULL`,
    [patientId],
  );
  if (!pending.rowCount) return null;
  const startedAt = performance.now();
  const store = storeFor(mimicUrl);
  const client = await app.connect();
  try {
    await client.query("BEGIN");
    // Held to the end of this transaction: a concurrent request waits here, then finds it done.
    await client.query(`SELECT pg_advisory_xact_lock(${PATIENT_LOCK_SPACE}, hashtext($1))`, [patientId]);
    const { rows } = await client.query<{ externalId: string }>(
      `SELECT p."externalId" FROM mimic_code_patient m JOIN patient p ON p.id = m."patientId"
       WHERE m."patientId" = $1 AND m."materializedAt" IS NULL`,
      [patientId],
    );
    if (rows.length === 0) {
      await client.query("ROLLBACK");
      return null;
    }
    const fileOrder = await readFileOrder(client);
    const tables = await store.tables;
    const mimic = await store.pool.connect();
    const rejections = new RejectionLog(0);
    let events: number;
    try {
      await mimic.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const read = { client: mimic, tables, fileOrder, context: { reject: () => rejections.count(1) } };
      const dictionaries = await dictionariesOf(store, tables, fileOrder);
      const merged = await writeRecords(client, readSubjectEvents(read, dictionaries, [rows[0].externalId]), {
        source: "mimic-iv",
        jobId: null,
        log: rejections,
      });
      events = merged.events.added;
      await mimic.query("COMMIT");
    } finally {
      await mimic.query("ROLLBACK").catch(() => {});
      mimic.release();
    }
    const ms = Math.round(performance.now() - startedAt);
    await client.query(
      `UPDATE mimic_code_patient SET "materializedAt" = now(), events = $2, ms = $3 WHERE "patientId" = $1`,
      [patientId, events, ms],
    );
    await client.query("COMMIT");
    log(
      `mimic-code: patient ${patientId}: ${events} events read in ${ms} ms` +
        (rejections.total ? ` (${rejections.total} rows rejected)` : ""),
    );
    return { patientId, events, rejected: rejections.total, ms };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

function dictionariesOf(
  store: Store,
  tables: readonly MimicCodeTable[],
  fileOrder: ReadonlyMap<string, FileOrderIndex>,
) {
  if (!store.dictionaries) {
    store.dictionaries = (async () => {
      const client = await store.pool.connect();
      try {
        await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        return await readDictionaries({ client, tables, fileOrder, context: { reject: () => {} } });
      } finally {
        await client.query("ROLLBACK").catch(() => {});
        client.release();
      }
    })();
    store.dictionaries.catch(() => (store.dictionaries = undefined));
  }
  return store.dictionaries;
}

const URL_KEY = Symbol.for("ehr-r1-review.mimic-code-url");
const urlGlobals = globalThis as unknown as Record<symbol, Promise<string | undefined> | undefined>;

/** Patients whose events are in `event` (or who never needed reading), as this process learnt. */
const settledPatients = new Set<string>();
const SETTLED_LIMIT = 100_000;

function rememberSettled(patientId: string) {
  if (settledPatients.size >= SETTLED_LIMIT) settledPatients.clear();
  settledPatients.add(patientId);
}

/**
 * Materializes the patient if they were registered from a mimic-code database and not read
 * yet (one indexed lookup otherwise). The database is the configured one (findMimicCodeUrl).
 */
export async function ensurePatientEvents(app: pg.Pool, patientId: string): Promise<void> {
  // A patient once found with their events in place never needs reading again, and every
  // events page asks: this process stops asking PostgreSQL about them.
  if (settledPatients.has(patientId)) return;
  const pending = await app.query(
    `SELECT 1 FROM mimic_code_patient WHERE "patientId" = $1 AND "materializedAt" IS NULL`,
    [patientId],
  );
  if (!pending.rowCount) {
    rememberSettled(patientId);
    return;
  }
  const url = await (urlGlobals[URL_KEY] ??= findMimicCodeUrl().catch((error) => {
    urlGlobals[URL_KEY] = undefined;
    throw error;
  }));
  if (!url) {
    throw new Error(
      "this patient was registered from a mimic-code database, but none is configured (MIMIC_DATABASE_URL)",
    );
  }
  await materializePatient(app, patientId, url);
  rememberSettled(patientId);
}
