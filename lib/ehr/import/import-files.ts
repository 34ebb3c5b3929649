// Imports files all or nothing. On one connection and in one transaction, a reader's records
// stream into staging tables by COPY, are merged into the real tables, and the transaction
// commits only at the very end: an error or a killed process leaves the database as it was,
// and a dry run rolls back after doing everything else. The import_job row is written in
// separate short transactions, so a failure is recorded too.
import "server-only";
import pg from "pg";
import type { ImportReader, ImportRecord, Rejection } from "../import-record";
import { ImportError } from "../import-record";
import { readMimicIv } from "../mimic-iv/read-mimic-iv";
import { CopyWriter } from "./copy-writer";
import { describeSources, detectFormat, type ImportFormat } from "./detect-format";
import { failOrphanedJobs, finishJob, startJob } from "./import-job";
import { type MergeCounts, mergeStaged } from "./merge";
import { type ImportProgress, ProgressMeter } from "./progress";
import { RejectionLog } from "./rejection-log";
import { createStagingSql } from "./staging";

export type { ImportFormat } from "./detect-format";
export type { ImportProgress } from "./progress";

export type ImportOptions = {
  databaseUrl: string;
  paths: string[];
  /** Detected from the paths when absent. */
  format?: ImportFormat;
  /** Parse, validate and merge everything, then roll back. */
  dryRun?: boolean;
  /** Only these patients (subject_id / Patient.id). */
  patients?: Iterable<string>;
  createdById?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Called once the import_job row exists, so a caller can follow the job by id. */
  onStart?: (jobId: string) => void;
  /** Longest record accepted (see ReadContext.maxRecordBytes). */
  maxRecordBytes?: number;
  /** How many rejections are listed (all are counted). Default 1000. */
  rejectionListLimit?: number;
};

export type ImportSummary = {
  jobId: string;
  format: ImportFormat;
  dryRun: boolean;
  patients: MergeCounts;
  encounters: MergeCounts;
  events: MergeCounts;
  concepts: MergeCounts;
  /** Records the reader produced. */
  rows: number;
  /** The first rejections (up to rejectionListLimit), as file:line and reason. */
  rejected: Rejection[];
  /** Every rejection, listed or not. */
  rejectedCount: number;
  /** What was left out on purpose, by reason. */
  skipped: Record<string, number>;
  durationMs: number;
};

async function readerFor(format: ImportFormat): Promise<ImportReader> {
  if (format === "mimic-iv") return readMimicIv;
  try {
    // The FHIR reader is its own workstream: loaded on demand, and a build without it says so.
    const fhir = (await import("../fhir/read-fhir")) as { readFhir?: ImportReader };
    if (!fhir.readFhir) throw new ImportError("lib/ehr/fhir/read-fhir.ts does not export readFhir");
    return fhir.readFhir;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    // Only the module itself missing, not something it imports.
    if (/Cannot find module '[^']*\/read-fhir(\.ts)?'/.test(message)) {
      throw new ImportError("the FHIR importer is not available in this build (lib/ehr/fhir/read-fhir.ts is missing)");
    }
    throw error;
  }
}

type Transaction = {
  client: pg.Client;
  reader: ImportReader;
  options: ImportOptions;
  format: ImportFormat;
  jobId: string;
  log: RejectionLog;
  skipped: Record<string, number>;
  meter: ProgressMeter;
  /** Records read so far, also reported when the import fails. */
  read: { rows: number };
};

/** Stages, merges and commits (or, for a dry run, rolls back) in one transaction. */
async function runTransaction(t: Transaction) {
  const { client, options, log, skipped, meter, read } = t;
  await client.query("BEGIN");
  // Room for the sorts and hashes of the merge; applies to this transaction only.
  await client.query("SET LOCAL work_mem = '64MB'");
  const records = t.reader(options.paths, {
    patients: options.patients ? new Set(options.patients) : undefined,
    reject: (rejection) => log.add(rejection),
    skip: (what) => {
      skipped[what] = (skipped[what] ?? 0) + 1;
    },
    progress: (bytesRead, bytesTotal) => meter.bytes(bytesRead, bytesTotal),
    maxRecordBytes: options.maxRecordBytes,
  });
  const merged = await writeRecords(client, records, { source: t.format, jobId: t.jobId, log, meter, read });
  await client.query(options.dryRun ? "ROLLBACK" : "COMMIT");
  return merged;
}

/**
 * The writer itself, inside the caller's open transaction: stages the records by COPY and
 * merges them (ON CONFLICT DO NOTHING on each natural key). Also used by the mimic-code store
 * (lib/ehr/mimic-code/), whose records come from typed tables instead of files.
 */
export async function writeRecords(
  client: pg.ClientBase,
  records: AsyncIterable<ImportRecord>,
  options: { source: string; jobId: string | null; log: RejectionLog; meter?: ProgressMeter; read?: { rows: number } },
) {
  const { log, meter } = options;
  const read = options.read ?? { rows: 0 };
  for (const sql of createStagingSql()) await client.query(sql);
  const writer = new CopyWriter(client);
  meter?.enter("reading");
  for await (const record of records) {
    const wait = writer.add(record);
    if (wait) await wait;
    if ((++read.rows & 1023) === 0) meter?.update(read.rows);
  }
  meter?.update(read.rows);
  meter?.enter("writing");
  await writer.finish();
  return mergeStaged(client, { source: options.source, jobId: options.jobId, log });
}

export async function importFiles(options: ImportOptions): Promise<ImportSummary> {
  const startedAt = performance.now();
  const format = options.format ?? detectFormat(options.paths);
  const dryRun = options.dryRun ?? false;
  const reader = await readerFor(format);
  const log = new RejectionLog(options.rejectionListLimit ?? 1000);
  const skipped: Record<string, number> = {};
  const meter = new ProgressMeter(options.onProgress);
  const read = { rows: 0 };

  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    // Staging tables are temp tables: more local buffers keep them off disk. Must be set
    // before the session first touches a temp table.
    await client.query("SET temp_buffers = '256MB'");
    // Jobs left "running" by a killed import become "failed" before a new one starts.
    await failOrphanedJobs(client);
    const jobId = await startJob(client, {
      format,
      sources: describeSources(options.paths),
      dryRun,
      createdById: options.createdById,
    });
    options.onStart?.(jobId);
    let merged: Awaited<ReturnType<typeof mergeStaged>>;
    try {
      merged = await runTransaction({ client, reader, options, format, jobId, log, skipped, meter, read });
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      await finishJob(client, jobId, {
        status: "failed",
        counts: { rows: read.rows, rejected: log.total, skipped },
        rejected: log.listed,
        error: error instanceof Error ? error.message : String(error),
      }).catch(() => {});
      throw error;
    }
    meter.enter("done");
    if (merged.duplicates > 0) skipped["duplicate rows"] = (skipped["duplicate rows"] ?? 0) + merged.duplicates;
    const summary: ImportSummary = {
      jobId,
      format,
      dryRun,
      patients: merged.patients,
      encounters: merged.encounters,
      events: merged.events,
      concepts: merged.concepts,
      rows: read.rows,
      rejected: log.listed,
      rejectedCount: log.total,
      skipped,
      durationMs: Math.round(performance.now() - startedAt),
    };
    await finishJob(client, jobId, { status: "done", counts: countsOf(summary), rejected: log.listed });
    return summary;
  } finally {
    await client.end().catch(() => {});
  }
}

function countsOf(summary: ImportSummary) {
  const { patients, encounters, events, concepts, rows, rejectedCount, skipped, durationMs } = summary;
  return { patients, encounters, events, concepts, rows, rejected: rejectedCount, skipped, durationMs };
}
