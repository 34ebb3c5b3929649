// Issue 17's scale row (`npm run bench -- --scale`, not in every run): one 50,001-event
// patient's first read (materialization into `event`), events API and prompt, timed on a
// database holding that patient alone and again after 20M generated lab events and 20M
// generated chart events are loaded beside it (goal: at most 1.2x slower), with the loader's
// rows/s, disk estimate and bytes per row, and full MIMIC-IV's load time projected from them.
// Timed in-process through the functions the API route and the run preparation call
// (getEventSlice pages, readRecordUpTo + buildRunPrompt), on a fresh database of its own.
import path from "node:path";
import pg from "pg";
import { generateChartEvents } from "../lib/demo/generate-chart-events";
import { FIRST_SUBJECT, generateLabEvents } from "../lib/demo/generate-lab-events";
import { formatBytes } from "../lib/ehr/mimic-code/estimate-disk";
import { type LoadSummary, loadMimicCode } from "../lib/ehr/mimic-code/load-mimic-code";
import { closeMimicCodeStores, materializePatient } from "../lib/ehr/mimic-code/materialize-patient";
import { registerMimicCode } from "../lib/ehr/mimic-code/register-mimic-code";
import { applyMigrations } from "../lib/db/schema-engine";
import type { BenchRow } from "./bench-types";

/** The size the timeline and serializer goals name, plus one. */
const BIG_PATIENT_EVENTS = 50_001;
const PAGE_SIZE = 5000;
const PASSES = 3;
const GOAL = 1.2;
/** MIMIC-IV 3.1's rows, every table (decision 004). */
const FULL_MIMIC_IV_ROWS = 626_000_000;

const HOSP_FILES = ["hosp/patients", "hosp/admissions", "hosp/d_labitems", "hosp/labevents"];
const ICU_FILES = ["icu/d_items", "icu/icustays", "icu/chartevents"];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

type Timings = { firstReadMs: number; firstReadColdMs: number; eventsApiMs: number; promptMs: number; events: number };

/** The app's one pool (lib/db.ts), pointed at the scale database for this bench only. */
type DbGlobals = { database?: { pool: pg.Pool; prisma: { $disconnect: () => Promise<void> } } };

async function withAppDatabase<T>(url: string, work: () => Promise<T>): Promise<T> {
  const globals = globalThis as unknown as DbGlobals;
  const mimicUrlKey = Symbol.for("ehr-r1-review.mimic-code-url");
  const urls = globalThis as unknown as Record<symbol, unknown>;
  const saved = { database: globals.database, env: process.env.DATABASE_URL, mimicUrl: urls[mimicUrlKey] };
  globals.database = undefined;
  urls[mimicUrlKey] = undefined;
  process.env.DATABASE_URL = url;
  try {
    return await work();
  } finally {
    // Set by lib/db.ts during the work (TypeScript still sees the undefined assigned above).
    const opened = globals.database as DbGlobals["database"];
    await opened?.prisma.$disconnect().catch(() => {});
    await opened?.pool.end().catch(() => {});
    globals.database = saved.database;
    urls[mimicUrlKey] = saved.mimicUrl;
    if (saved.env === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved.env;
    await closeMimicCodeStores();
  }
}

async function patientIdOf(client: pg.Client, subjectId: number): Promise<string> {
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM patient WHERE source = 'mimic-iv' AND "externalId" = $1`,
    [String(subjectId)],
  );
  if (!rows[0]) throw new Error(`subject ${subjectId} was not registered`);
  return rows[0].id;
}

/**
 * The three reads of one patient. The first read is materializePatient (what getEventSlice's
 * ensurePatientEvents runs for a patient not read yet); to time it three times, the patient's
 * events are deleted and the mark cleared between passes. The first pass is the cold one.
 */
async function timePatient(client: pg.Client, url: string, patientId: string, materialize: boolean): Promise<Timings> {
  const { dbPool } = await import("../lib/db");
  const { getEventSlice } = await import("../lib/ehr/queries/get-event-slice");
  const { evaluationPrompt } = await import("../lib/runs/test-support");
  const firstReads: number[] = [];
  if (materialize) {
    for (let i = 0; i < PASSES; i++) {
      if (i > 0) {
        await client.query(`DELETE FROM event WHERE "patientId" = $1`, [patientId]);
        await client.query(`UPDATE mimic_code_patient SET "materializedAt" = NULL WHERE "patientId" = $1`, [patientId]);
        // Each pass writes into an event table without this patient's dead rows, as the first did.
        await client.query(`VACUUM event, mimic_code_patient`);
      }
      const started = performance.now();
      const done = await materializePatient(dbPool(), patientId, url, () => {});
      firstReads.push(performance.now() - started);
      // Its lab rows and the events its admission makes.
      if (!done || done.events < BIG_PATIENT_EVENTS)
        throw new Error(`materialized ${done?.events} events, not 50,001+`);
    }
  }
  // The passes above leave 100,002 dead rows of this patient in event and its indexes: the
  // reads below would step over them until autovacuum came by, which the before/after
  // comparison must not depend on.
  await client.query(`VACUUM ANALYZE event`);
  const readAll = async () => {
    let cursor: string | undefined;
    let seen = 0;
    do {
      const slice = await getEventSlice(patientId, {}, { limit: PAGE_SIZE, cursor });
      if (slice.kind !== "events") throw new Error("asked for events, got bins");
      // The route's own work on each page: its JSON text.
      JSON.stringify(slice);
      seen += slice.events.length;
      cursor = slice.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  };
  const { rows } = await client.query<{ last: Date }>(`SELECT max(time) AS last FROM event WHERE "patientId" = $1`, [
    patientId,
  ]);
  const cutoff = rows[0].last;
  const prompt = () => evaluationPrompt(dbPool(), { patientId, subjectId: patientId, taskKey: "labevents", cutoff });
  // One warm-up of each (JIT, plan cache), then the measured passes, alternating.
  const events = await readAll();
  await prompt();
  const apiMs: number[] = [];
  const promptMs: number[] = [];
  for (let i = 0; i < PASSES; i++) {
    let started = performance.now();
    await readAll();
    apiMs.push(performance.now() - started);
    started = performance.now();
    await prompt();
    promptMs.push(performance.now() - started);
  }
  return {
    firstReadMs: firstReads.length ? median(firstReads) : Number.NaN,
    firstReadColdMs: firstReads[0] ?? Number.NaN,
    eventsApiMs: median(apiMs),
    promptMs: median(promptMs),
    events,
  };
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function benchScale(input: {
  /** Any database of the bench's server: the scale bench makes a fresh one beside it. */
  serverUrl: string;
  workDir: string;
  /** Lab rows, and as many chart rows. */
  rows: number;
  log: (message: string) => void;
}): Promise<BenchRow[]> {
  const { rows, log } = input;
  const name = "bench_scale";
  const admin = new pg.Client(withDatabase(input.serverUrl, "postgres"));
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = withDatabase(input.serverUrl, name);
  const client = new pg.Client(url);
  try {
    await applyMigrations(url);
    await client.connect();
    const smallDir = path.join(input.workDir, "scale-small");
    const bigDir = path.join(input.workDir, "scale-big");
    const files = (dir: string, names: string[]) => names.map((file) => path.join(dir, `${file}.csv.gz`));

    // The one patient alone: the same seed and leading size give the big file's first patient, row for row.
    await generateLabEvents(smallDir, { rows: BIG_PATIENT_EVENTS, leadingPatientRows: [BIG_PATIENT_EVENTS] });
    await loadMimicCode({ databaseUrl: url, paths: files(smallDir, HOSP_FILES) });
    await registerMimicCode({ databaseUrl: url, mimicUrl: url, log: () => {} });
    const first = await patientIdOf(client, FIRST_SUBJECT);

    return await withAppDatabase(url, async () => {
      log(`scale: the ${BIG_PATIENT_EVENTS.toLocaleString("en-US")}-event patient alone…`);
      const before = await timePatient(client, url, first, true);

      log(`scale: generating ${rows.toLocaleString("en-US")} lab and ${rows.toLocaleString("en-US")} chart events…`);
      const generatedAt = performance.now();
      const labs = await generateLabEvents(bigDir, {
        rows,
        leadingPatientRows: [BIG_PATIENT_EVENTS, BIG_PATIENT_EVENTS],
      });
      // Every patient but the two timed ones has an ICU stay with its chart rows.
      const charts = await generateChartEvents(bigDir, { rows, firstPatient: 2, patients: labs.patients - 2 });
      const generateSeconds = (performance.now() - generatedAt) / 1000;

      // The loader refuses a table in place from a file of another size: the small tables go
      // (the patient's events stay in `event`, read from them), and the big files load in their place.
      await client.query(`DROP SCHEMA mimiciv_hosp CASCADE; DELETE FROM mimic_code_load`);
      await closeMimicCodeStores();
      log(`scale: loading them with load-mimic…`);
      let plan = "";
      const load: LoadSummary = await loadMimicCode({
        databaseUrl: url,
        paths: [...files(bigDir, HOSP_FILES), ...files(bigDir, ICU_FILES)],
        onPlan: (disk) => {
          plan = `disk estimate ${formatBytes(disk.neededBytes)} (${disk.free.known ? `${formatBytes(disk.free.bytes)} free` : "free space unknown"})`;
          log(`scale: ${plan}`);
        },
        onTable: (table) =>
          log(`scale: ${table.table}: ${table.rows.toLocaleString("en-US")} rows in ${table.seconds.toFixed(1)} s`),
      });
      const registered = await registerMimicCode({ databaseUrl: url, mimicUrl: url, force: true, log: () => {} });
      const second = await patientIdOf(client, FIRST_SUBJECT + 1);

      log(`scale: the same reads beside ${(2 * rows).toLocaleString("en-US")} rows…`);
      const afterFirst = await timePatient(client, url, first, false);
      const afterSecond = await timePatient(client, url, second, true);

      const table = (name: string) => load.tables.find((loaded) => loaded.table === name)!;
      const lab = table("labevents");
      const chart = table("chartevents");
      const loadedRows = load.tables.reduce((sum, loaded) => sum + loaded.rows, 0);
      const loadedBytes = load.tables.reduce((sum, loaded) => sum + loaded.tableBytes, 0);
      const eventRate = (lab.rows + chart.rows) / (lab.seconds + chart.seconds);
      const projectedHours = FULL_MIMIC_IV_ROWS / eventRate / 3600;
      const size = `${rows.toLocaleString("en-US")} lab + ${rows.toLocaleString("en-US")} chart events`;
      const ratioRow = (hotPath: string, ours: number, limit: number, notes: string): BenchRow => ({
        hotPath,
        ours: round1(ours),
        limit: round1(limit),
        unit: "ms, median of 3 (peer: the same read before the big load)",
        ratio: limit / ours,
        goal: `≤ ${GOAL}x before (issue 17)`,
        met: ours <= GOAL * limit,
        notes: `${(ours / limit).toFixed(2)}x before; ${notes}`,
      });
      return [
        {
          hotPath: `load-mimic ${size} (scale)`,
          ours: Math.round(eventRate),
          limit: Math.round(eventRate),
          unit: "rows/s (labevents + chartevents, keys and indexes included)",
          ratio: 1,
          goal: "figure only (projected full MIMIC-IV time in the notes)",
          met: true,
          notes:
            `labevents ${lab.rows.toLocaleString("en-US")} rows in ${lab.seconds.toFixed(1)} s ` +
            `(${Math.round(lab.rows / lab.seconds).toLocaleString("en-US")} rows/s, ${Math.round(lab.tableBytes / lab.rows)} B/row), ` +
            `chartevents ${chart.rows.toLocaleString("en-US")} rows in ${chart.seconds.toFixed(1)} s ` +
            `(${Math.round(chart.rows / chart.seconds).toLocaleString("en-US")} rows/s, ${Math.round(chart.tableBytes / chart.rows)} B/row); ` +
            `all ${load.tables.length} tables ${loadedRows.toLocaleString("en-US")} rows, ${formatBytes(loadedBytes)} ` +
            `(${Math.round(loadedBytes / loadedRows)} B/row) in ${load.seconds.toFixed(1)} s; loader's ${plan}; ` +
            `full MIMIC-IV (626M rows) projected linearly at this rate: ${projectedHours.toFixed(1)} h; ` +
            `files (labevents + chartevents ${formatBytes(labs.bytes + charts.bytes)} gzipped) generated in ${generateSeconds.toFixed(0)} s; registration of ${registered.patients.added.toLocaleString("en-US")} ` +
            `new patients ${(registered.durationMs / 1000).toFixed(1)} s`,
        },
        ratioRow(
          `first read of a ${BIG_PATIENT_EVENTS.toLocaleString("en-US")}-event patient beside ${size}`,
          afterSecond.firstReadMs,
          before.firstReadMs,
          `materializePatient into event; after: a second patient of the same size, not read before ` +
            `(cold pass ${Math.round(afterSecond.firstReadColdMs)} ms, before ${Math.round(before.firstReadColdMs)} ms)`,
        ),
        ratioRow(
          `events API, all ${afterFirst.events.toLocaleString("en-US")} events of that patient beside ${size}`,
          afterFirst.eventsApiMs,
          before.eventsApiMs,
          `getEventSlice pages of ${PAGE_SIZE} + JSON text, in-process (no HTTP); ` +
            `the second patient ${Math.round(afterSecond.eventsApiMs)} ms`,
        ),
        ratioRow(
          `prompt of that patient beside ${size}`,
          afterFirst.promptMs,
          before.promptMs,
          `readRecordUpTo + buildRunPrompt (labevents, token estimate); the second patient ${Math.round(afterSecond.promptMs)} ms`,
        ),
      ];
    });
  } finally {
    await client.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}
