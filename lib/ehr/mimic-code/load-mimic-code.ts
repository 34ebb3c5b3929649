// Loads MIMIC-IV table files into mimic-code's schemas (mimiciv_hosp.*, mimiciv_icu.*, ...),
// as decision 004 chooses: mimic-code's build (typed tables, COPY, then keys and indexes)
// plus the file row number and a per-subject index. Each table lands whole or not at all, in
// its own transaction: created under a staging name, filled by COPY straight from the
// decompressed file, keyed and indexed, then renamed into place with its ledger row
// (mimic_code_load). A re-run skips the tables whose ledger row names the same file size, so
// an interrupted load resumes at the first table that did not land and a finished one adds
// nothing. Nothing is held in memory but a file's stream; no row is parsed in Node beyond
// what the pandas column types need (track-dtypes.ts).
import "server-only";
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { type ConceptRecord, ImportError } from "../import-record";
import { findTableFiles, type TableFile } from "../mimic-iv/find-tables";
import { estimateTableBytes, formatBytes, type FreeSpace, freeSpaceOf } from "./estimate-disk";
import {
  constraintSql,
  copySql,
  createTableSql,
  indexSql,
  MIMIC_CODE_TABLES,
  type MimicCodeTable,
  quoteIdent,
  renameSql,
  schemaName,
} from "./schema";
import { DtypeTee } from "./track-dtypes";

export type LoadedTable = {
  module: string;
  table: string;
  file: string;
  fileBytes: number;
  /** "skipped": already in place from a file of the same size (an earlier run). */
  status: "loaded" | "skipped";
  rows: number;
  seconds: number;
  /** Of `seconds`, the COPY (the rest: keys, indexes, rename, ledger). */
  copySeconds: number;
  /** The table with its indexes and TOAST. */
  tableBytes: number;
};

export type DiskPlan = {
  /** Estimated bytes of the tables still to load. */
  neededBytes: number;
  free: FreeSpace;
  tables: { table: string; fileBytes: number; estimatedBytes: number }[];
};

export type LoadOptions = {
  databaseUrl: string;
  paths: string[];
  /** The plan, before the first table loads (the CLI prints it). */
  onPlan?: (plan: DiskPlan, files: { table: string; status: "load" | "skip" }[]) => void;
  /** Each table as it lands or is skipped. */
  onTable?: (table: LoadedTable) => void;
  /** Free bytes to assume instead of asking the file system (tests). */
  freeBytes?: number;
};

export type LoadSummary = {
  tables: LoadedTable[];
  /** Table files found but not loaded: the app does not read them (d_hcpcs, provider...). */
  ignored: string[];
  disk: DiskPlan;
  seconds: number;
};

export class DiskSpaceError extends ImportError {}

/** One loader at a time per database: two would race for the same staging tables. */
const LOCK_KEY = "mimic_code_load";

type Job = { table: MimicCodeTable; file: TableFile; key: string };

const keyOf = (table: { module: string; name: string }) => `${table.module}.${table.name}`;
const stagingName = (table: MimicCodeTable) => `${table.name}__loading`;

/** The files of `paths` that the app reads, in loading order (referenced tables first). */
function jobsFor(paths: string[]): { jobs: Job[]; ignored: string[] } {
  const files = findTableFiles(paths, { requireNeeds: false });
  const byKey = new Map(files.map((file) => [keyOf(file.spec), file]));
  const jobs = MIMIC_CODE_TABLES.filter((table) => byKey.has(keyOf(table))).map((table) => ({
    table,
    file: byKey.get(keyOf(table))!,
    key: keyOf(table),
  }));
  const loaded = new Set(jobs.map((job) => job.key));
  const ignored = files.filter((file) => !loaded.has(keyOf(file.spec))).map((file) => file.display);
  return { jobs, ignored };
}

type Ledger = Map<string, { fileBytes: number; rows: number; tableBytes: number }>;

async function readLedger(client: pg.Client): Promise<Ledger> {
  const { rows } = await client.query<{
    module: string;
    table_name: string;
    file_bytes: string;
    rows: string;
    table_bytes: string;
  }>(`SELECT module, table_name, file_bytes, rows, table_bytes FROM mimic_code_load`);
  return new Map(
    rows.map((row) => [
      `${row.module}.${row.table_name}`,
      { fileBytes: Number(row.file_bytes), rows: Number(row.rows), tableBytes: Number(row.table_bytes) },
    ]),
  );
}

/** "<module>.<table>" of every table already in a mimiciv_* schema. */
async function existingTables(client: pg.Client): Promise<Set<string>> {
  const { rows } = await client.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_schema IN ('mimiciv_hosp', 'mimiciv_icu', 'mimiciv_ed', 'mimiciv_note')`,
  );
  return new Set(rows.map((row) => `${row.schema.replace(/^mimiciv_/, "")}.${row.name}`));
}

/**
 * Which jobs load and which are already done; refuses, before anything is written, whatever
 * would stop the load halfway: a table in place from a different file, a mimic-code table the
 * loader did not make, a referenced table neither loaded nor in the database.
 */
function plan(jobs: Job[], ledger: Ledger, existing: Set<string>) {
  const toLoad: Job[] = [];
  const skipped: Job[] = [];
  for (const job of jobs) {
    const entry = ledger.get(job.key);
    const inPlace = existing.has(job.key);
    const qualified = `${schemaName(job.table.module)}.${job.table.name}`;
    if (entry && inPlace) {
      if (entry.fileBytes !== job.file.bytes) {
        throw new ImportError(
          `${qualified} was loaded from a file of ${entry.fileBytes} bytes, this one has ${job.file.bytes}: ` +
            `drop the table (DROP TABLE ${qualified} CASCADE) to load it again`,
          job.file.display,
        );
      }
      skipped.push(job);
    } else if (inPlace) {
      throw new ImportError(
        `${qualified} already exists and was not loaded here (a mimic-code database? the app reads it in place); ` +
          `drop it to load this file`,
        job.file.display,
      );
    } else {
      toLoad.push(job);
    }
  }
  const available = new Set([...existing, ...jobs.map((job) => job.key)]);
  for (const job of toLoad) {
    for (const key of job.table.foreignKeys ?? []) {
      if (!available.has(key.references.table)) {
        const [module, name] = key.references.table.split(".");
        throw new ImportError(
          `${job.table.name} references ${schemaName(module as MimicCodeTable["module"])}.${name}, which is neither ` +
            `loaded nor among the files: give ${name}.csv.gz too`,
          job.file.display,
        );
      }
    }
  }
  return { toLoad, skipped };
}

/** "COPY x, line 12, column valuenum: ..." → 12 (COPY's record number, the header is 1). */
function copyLineOf(error: unknown): number | undefined {
  const where = (error as { where?: string }).where;
  const match = where ? /COPY [^,]+, line (\d+)/.exec(where) : null;
  return match ? Number(match[1]) : undefined;
}

/** A failed table as an ImportError naming the file and, where there is one, the line. */
function loadError(error: unknown, job: Job, tee: DtypeTee, copied: boolean): ImportError {
  if (error instanceof ImportError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code?.startsWith("Z_")) {
    return new ImportError(`corrupt or truncated gzip after line ${tee.line - 1} (${message})`, job.file.display);
  }
  const where = (error as { where?: string }).where;
  const column = where ? /column (\w+)/.exec(where)?.[1] : undefined;
  const detail = (error as { detail?: string }).detail;
  const copyLine = copied ? undefined : copyLineOf(error);
  const line = copyLine === undefined ? undefined : (tee.lineOfRecord(copyLine) ?? copyLine);
  const what = [message, column ? `column ${column}` : undefined, detail].filter(Boolean).join("; ");
  const phase = copied ? `${job.table.name} was copied, then its keys or indexes failed: ` : "";
  return new ImportError(`${phase}${what}`, job.file.display, line);
}

async function insertConcepts(client: pg.Client, concepts: ConceptRecord[]): Promise<void> {
  // As the CSV importer merges dictionary entries: the first import's stay.
  for (const concept of concepts) {
    await client.query(
      `INSERT INTO concept (system, code, label, attributes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [concept.system, concept.code, concept.label, JSON.stringify(concept.attributes ?? {})],
    );
  }
}

async function loadTable(client: pg.Client, job: Job, replacesLedgerRow: boolean): Promise<LoadedTable> {
  const { table, file } = job;
  const staging = stagingName(table);
  const schema = quoteIdent(schemaName(table.module));
  const tee = new DtypeTee(table.name);
  const started = performance.now();
  let copied = false;
  await client.query("BEGIN");
  try {
    // Index builds after the load sort in memory up to this; the default 64 MB spills to disk.
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(`DROP TABLE IF EXISTS ${schema}.${quoteIdent(staging)}`);
    await client.query(createTableSql(table, { name: staging, sourceRow: true }));
    const copy = client.query(copyFrom(copySql(table, staging)));
    const stages = file.path.endsWith(".gz") ? [createGunzip(), tee] : [tee];
    await pipeline([createReadStream(file.path, { highWaterMark: 256 * 1024 }), ...stages, copy]);
    copied = true;
    const copySeconds = (performance.now() - started) / 1000;
    const rows = Number(copy.rowCount);
    for (const sql of constraintSql(table, staging)) await client.query(sql);
    for (const sql of indexSql(table, staging, { subjectIndex: true })) await client.query(sql);
    for (const sql of renameSql(table, staging, { subjectIndex: true, sourceRow: true })) await client.query(sql);
    await insertConcepts(client, tee.concepts);
    const { rows: size } = await client.query<{ bytes: string }>(`SELECT pg_total_relation_size($1) AS bytes`, [
      `${schema}.${quoteIdent(table.name)}`,
    ]);
    const tableBytes = Number(size[0].bytes);
    const seconds = (performance.now() - started) / 1000;
    if (replacesLedgerRow) {
      await client.query(`DELETE FROM mimic_code_load WHERE module = $1 AND table_name = $2`, [
        table.module,
        table.name,
      ]);
    }
    await client.query(
      `INSERT INTO mimic_code_load (module, table_name, file_bytes, rows, table_bytes, seconds) VALUES ($1, $2, $3, $4, $5, $6)`,
      [table.module, table.name, file.bytes, rows, tableBytes, seconds],
    );
    await client.query("COMMIT");
    // Planner statistics for the per-subject reads; outside the transaction, not part of landing.
    await client.query(`ANALYZE ${schema}.${quoteIdent(table.name)}`);
    return {
      module: table.module,
      table: table.name,
      file: file.display,
      fileBytes: file.bytes,
      status: "loaded",
      rows,
      seconds,
      copySeconds,
      tableBytes,
    };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw loadError(error, job, tee, copied);
  }
}

export async function loadMimicCode(options: LoadOptions): Promise<LoadSummary> {
  const started = performance.now();
  const { jobs, ignored } = jobsFor(options.paths);
  const client = new pg.Client(options.databaseUrl);
  await client.connect();
  // A failed COPY or a killed server connection is reported by the query that was waiting.
  client.on("error", () => undefined);
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [
      LOCK_KEY,
    ]);
    if (!lock[0].ok) throw new ImportError("another MIMIC-IV load is running on this database");
    const ledger = await readLedger(client);
    const { toLoad, skipped } = plan(jobs, ledger, await existingTables(client));
    const estimates = toLoad.map((job) => ({
      table: job.key,
      fileBytes: job.file.bytes,
      estimatedBytes: estimateTableBytes(job.table.name, job.file.path, job.file.bytes),
    }));
    const neededBytes = estimates.reduce((sum, estimate) => sum + estimate.estimatedBytes, 0);
    const free: FreeSpace =
      options.freeBytes !== undefined
        ? { known: true, bytes: options.freeBytes, where: "(given)" }
        : await freeSpaceOf(client, options.databaseUrl);
    const disk: DiskPlan = { neededBytes, free, tables: estimates };
    const skipping = new Set(skipped);
    options.onPlan?.(
      disk,
      jobs.map((job) => ({ table: job.key, status: skipping.has(job) ? "skip" : "load" })),
    );
    if (free.known && neededBytes > free.bytes) {
      throw new DiskSpaceError(
        `not enough disk: the tables to load need about ${formatBytes(neededBytes)}, ` +
          `${free.where} has ${formatBytes(free.bytes)} free`,
      );
    }
    const tables: LoadedTable[] = [];
    for (const job of jobs) {
      let result: LoadedTable;
      if (skipping.has(job)) {
        const entry = ledger.get(job.key)!;
        result = {
          module: job.table.module,
          table: job.table.name,
          file: job.file.display,
          fileBytes: job.file.bytes,
          status: "skipped",
          rows: entry.rows,
          seconds: 0,
          copySeconds: 0,
          tableBytes: entry.tableBytes,
        };
      } else {
        result = await loadTable(client, job, ledger.has(job.key));
      }
      tables.push(result);
      options.onTable?.(result);
    }
    return { tables, ignored, disk, seconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}
