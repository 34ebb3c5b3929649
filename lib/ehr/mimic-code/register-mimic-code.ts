// Registration of a mimic-code database: every subject becomes a patient of the app (with
// their admissions, ICU and ED stays), the dictionaries become concepts, and each table's
// pandas column types (and, without source_row, its file-order index) are recorded, so the
// patient list shows everyone while no event is copied. A patient's events are copied into
// `event` on first use (materialize-patient.ts). Written by the import writer in one
// transaction (all or nothing, ON CONFLICT DO NOTHING: registering again adds nothing) and
// logged as an import job. Idempotent and once per database: a marker concept says it was
// done; `force` registers again (new subjects, a table loaded since). Nothing is written to
// the mimic-code database: its pool is read-only.
import "server-only";
import pg from "pg";
import type { ConceptRecord, ImportRecord, Rejection } from "../import-record";
import { COLUMN_TYPES_SYSTEM } from "../mimic-iv/column-types";
import { finishJob, startJob } from "../import/import-job";
import { writeRecords } from "../import/import-files";
import type { MergeCounts } from "../import/merge";
import { RejectionLog } from "../import/rejection-log";
import {
  describeMimicCode,
  describeUrl,
  findMimicCodeUrl,
  type MimicCodeTable,
  mimicCodePool,
} from "./connect-mimic-code";
import { scanMimicCodeTable } from "./derive-column-types";
import { FILE_ORDER_SYSTEM, type FileOrderIndex } from "./file-order";
import { readRegistration } from "./read-mimic-code";

export const REGISTRATION_SYSTEM = "mimic-code:registration";

/** One registration at a time across processes (a session lock: waits for the one running). */
const REGISTER_LOCK = "hashtext('mimic-code:register')";

export type RegisterSummary = {
  /** false when the database was registered before (and `force` was not given). */
  registered: boolean;
  jobId?: string;
  patients: MergeCounts;
  encounters: MergeCounts;
  concepts: MergeCounts;
  tables: string[];
  /** Event tables without an index leading with subject_id: each patient read scans them. */
  unindexed: string[];
  rejected: Rejection[];
  rejectedCount: number;
  durationMs: number;
};

const NONE: MergeCounts = { added: 0, skipped: 0 };

const REGISTRATION_ONLY = new Set([
  "d_labitems",
  "d_items",
  "d_icd_diagnoses",
  "d_icd_procedures",
  "patients",
  "icustays",
]);

/** The file-order indexes stored at registration, by table name. */
export async function readFileOrder(app: Pick<pg.ClientBase, "query">): Promise<Map<string, FileOrderIndex>> {
  const { rows } = await app.query<{ code: string; attributes: FileOrderIndex }>(
    `SELECT code, attributes FROM concept WHERE system = $1`,
    [FILE_ORDER_SYSTEM],
  );
  return new Map(rows.map((row) => [row.code, row.attributes]));
}

export async function registerMimicCode(options: {
  databaseUrl: string;
  mimicUrl: string;
  force?: boolean;
  createdById?: string;
  log?: (line: string) => void;
}): Promise<RegisterSummary> {
  const startedAt = performance.now();
  const say = options.log ?? ((line: string) => console.log(line));
  const source = describeUrl(options.mimicUrl);
  const app = new pg.Client({ connectionString: options.databaseUrl });
  await app.connect();
  const mimic = mimicCodePool(options.mimicUrl, 1);
  try {
    await app.query(`SELECT pg_advisory_lock(${REGISTER_LOCK})`);
    const done = await app.query(`SELECT 1 FROM concept WHERE system = $1 AND code = $2`, [
      REGISTRATION_SYSTEM,
      source,
    ]);
    const tables = await describeMimicCode(mimic);
    // Tables read per patient (not the dictionaries, patients or ICU stays, read only here).
    const unindexed = tables
      .filter((table) => !table.subjectIndexed && !REGISTRATION_ONLY.has(table.spec.name))
      .map((table) => table.display);
    if (done.rowCount && !options.force) {
      return {
        registered: false,
        patients: NONE,
        encounters: NONE,
        concepts: NONE,
        tables: tables.map((table) => table.display),
        unindexed,
        rejected: [],
        rejectedCount: 0,
        durationMs: Math.round(performance.now() - startedAt),
      };
    }
    for (const table of unindexed) {
      say(`mimic-code: ${table} has no index on subject_id; every patient read scans the whole table`);
    }
    const jobId = await startJob(app, {
      format: "mimic-code",
      sources: tables.map((table) => ({ path: table.display, bytes: 0 })),
      dryRun: false,
      createdById: options.createdById,
    });
    const log = new RejectionLog();
    const client = await mimic.connect();
    try {
      // One snapshot for every read of the registration.
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      const recorded = await recordedColumnTypes(app, client);
      const scanned = await scanTables(client, tables, recorded, say);
      await app.query("BEGIN");
      if (options.force) {
        // Re-registration counts the tables again; column types stay the first import's.
        await app.query(`DELETE FROM concept WHERE system IN ($1, $2)`, [FILE_ORDER_SYSTEM, REGISTRATION_SYSTEM]);
      }
      const fileOrder = scanned.fileOrder;
      async function* records(): AsyncGenerator<ImportRecord> {
        yield* scanned.concepts;
        yield* readRegistration({ client, tables, fileOrder, context: { reject: (r) => log.add(r) } });
        yield {
          kind: "concept",
          system: REGISTRATION_SYSTEM,
          code: source,
          label: "mimic-code database registered",
          attributes: { tables: tables.map((table) => table.display), jobId },
        };
      }
      const merged = await writeRecords(app, records(), { source: "mimic-iv", jobId, log });
      // Every patient of this registration is read from the mimic-code tables on first use.
      await app.query(
        `INSERT INTO mimic_code_patient ("patientId")
         SELECT p.id FROM stage_patient s JOIN patient p ON p.source = 'mimic-iv' AND p."externalId" = s.external_id
         ON CONFLICT DO NOTHING`,
      );
      await app.query("COMMIT");
      await client.query("COMMIT");
      const summary: RegisterSummary = {
        registered: true,
        jobId,
        patients: merged.patients,
        encounters: merged.encounters,
        concepts: merged.concepts,
        tables: tables.map((table) => table.display),
        unindexed,
        rejected: log.listed,
        rejectedCount: log.total,
        durationMs: Math.round(performance.now() - startedAt),
      };
      await finishJob(app, jobId, {
        status: "done",
        counts: {
          patients: merged.patients,
          encounters: merged.encounters,
          concepts: merged.concepts,
          events: NONE,
          rejected: log.total,
          durationMs: summary.durationMs,
        },
        rejected: log.listed,
      });
      say(
        `mimic-code: registered ${source}: ${merged.patients.added} patients, ${merged.encounters.added} encounters ` +
          `added in ${summary.durationMs} ms`,
      );
      return summary;
    } catch (error) {
      await app.query("ROLLBACK").catch(() => {});
      await finishJob(app, jobId, {
        status: "failed",
        counts: {},
        rejected: log.listed,
        error: error instanceof Error ? error.message : String(error),
      }).catch(() => {});
      throw error;
    } finally {
      await client.query("ROLLBACK").catch(() => {});
      client.release();
    }
  } finally {
    await app.end().catch(() => {});
    await mimic.end().catch(() => {});
  }
}

/**
 * Column types already recorded, by table: in the app database (an import of the files, or our
 * loader loading there) or in the mimic-code database's own `concept` table (our loader,
 * loading into another app database). The latter are copied over.
 */
async function recordedColumnTypes(app: pg.ClientBase, mimic: pg.ClientBase) {
  const tables = new Set<string>();
  const copied: ConceptRecord[] = [];
  const tableOf = (code: string) => code.slice(0, code.lastIndexOf(":"));
  const here = await app.query<{ code: string }>(`SELECT code FROM concept WHERE system = $1`, [COLUMN_TYPES_SYSTEM]);
  for (const row of here.rows) tables.add(tableOf(row.code));
  const there = await mimic.query<{ found: boolean }>(`SELECT to_regclass('public.concept') IS NOT NULL AS found`);
  if (there.rows[0].found) {
    const { rows } = await mimic.query<{ code: string; label: string; attributes: Record<string, unknown> }>(
      `SELECT code, label, attributes FROM public.concept WHERE system = $1`,
      [COLUMN_TYPES_SYSTEM],
    );
    for (const row of rows) {
      if (tables.has(tableOf(row.code))) continue;
      copied.push({ kind: "concept", system: COLUMN_TYPES_SYSTEM, ...row });
    }
    for (const row of rows) tables.add(tableOf(row.code));
  }
  return { tables, copied };
}

/** One scan of each table: its column types per chunk, and its file-order index when needed. */
async function scanTables(
  client: pg.ClientBase,
  tables: readonly MimicCodeTable[],
  recorded: { tables: ReadonlySet<string>; copied: ConceptRecord[] },
  say: (line: string) => void,
) {
  const concepts: ImportRecord[] = [...recorded.copied];
  const fileOrder = new Map<string, FileOrderIndex>();
  for (const table of tables) {
    const startedAt = performance.now();
    const types = !recorded.tables.has(table.spec.name);
    if (!types && table.hasSourceRow) continue;
    const scan = await scanMimicCodeTable(client, table, { types });
    concepts.push(...scan.columnTypes);
    if (scan.fileOrder) {
      fileOrder.set(table.spec.name, scan.fileOrder);
      concepts.push({
        kind: "concept",
        system: FILE_ORDER_SYSTEM,
        code: table.spec.name,
        label: table.display,
        attributes: scan.fileOrder,
      });
    }
    say(`mimic-code: scanned ${table.display} in ${Math.round(performance.now() - startedAt)} ms`);
  }
  return { concepts, fileOrder };
}

/**
 * At start-up (instrumentation.ts): registers the configured mimic-code database, if any, once
 * (a later start finds the marker and returns at once). Runs in the background of the start.
 */
export async function registerConfiguredMimicCode(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!env.DATABASE_URL) return;
  const mimicUrl = await findMimicCodeUrl(env);
  if (!mimicUrl) return;
  await registerMimicCode({ databaseUrl: env.DATABASE_URL, mimicUrl });
}
