// Disk the load will need, estimated before anything is written, and the free space of the
// PostgreSQL data directory to compare it with. A full MIMIC-IV load runs for an hour or more:
// finding out at table 20 that the disk is full is the failure this prevents.
//
// The estimate is each file's size times the bytes its table takes in PostgreSQL (rows,
// TOAST, mimic-code's keys and indexes, our source_row and per-subject index) per byte of
// file, measured per table (see README.md here): counting a file's rows would mean reading
// the whole file before the load starts.
import { existsSync, statfsSync } from "node:fs";
import type pg from "pg";

/**
 * PostgreSQL bytes per byte of `.csv.gz` file, per table: measured on the MIMIC-IV demo
 * (2026-12-07, rounded up; labevents: the bench's generated million rows, 14.8, above the
 * demo's 12.2). The demo's small tables pay for whole 8 kB pages, so these overestimate a full
 * release: the check errs towards refusing. Tables the demo lacks take a like table's factor.
 */
const PER_GZ_BYTE: Record<string, number> = {
  d_labitems: 25,
  d_icd_diagnoses: 16,
  d_icd_procedures: 21,
  d_items: 23,
  patients: 53,
  admissions: 13,
  icustays: 18,
  transfers: 17,
  services: 18,
  labevents: 15,
  microbiologyevents: 18,
  prescriptions: 10,
  emar: 15,
  pharmacy: 12,
  poe: 16,
  omr: 25,
  diagnoses_icd: 37,
  procedures_icd: 22,
  // Not in the demo: chartevents is shaped like labevents (numbers, a time, an itemid).
  chartevents: 15,
  datetimeevents: 28,
  inputevents: 10,
  ingredientevents: 9,
  outputevents: 22,
  procedureevents: 12,
  // Notes are mostly text, kept compressed in TOAST (pglz), with no index of mimic-code's.
  discharge: 4,
  radiology: 4,
};

/** A .csv file is 3 to 14 times its .csv.gz (demo): per byte of .csv, the factor over this. */
const CSV_PER_GZ_BYTE = 3;
/** The ED tables and any other: about the most of the measured ones but the tiniest files. */
const FALLBACK_PER_GZ_BYTE = 25;

export type DiskEstimate = { table: string; fileBytes: number; bytes: number };

export function estimateTableBytes(table: string, file: string, fileBytes: number): number {
  const perGz = PER_GZ_BYTE[table] ?? FALLBACK_PER_GZ_BYTE;
  const perFileByte = file.endsWith(".gz") ? perGz : perGz / CSV_PER_GZ_BYTE;
  return Math.ceil(fileBytes * perFileByte);
}

export type FreeSpace = { known: true; bytes: number; where: string } | { known: false; why: string };

const LOCAL_HOSTS = new Set(["", "localhost", "127.0.0.1", "::1", "[::1]"]);

/**
 * Free bytes of the file system holding the server's data directory, when the server runs on
 * this machine and lets us read its data_directory setting (superusers and pg_read_all_settings).
 * Otherwise unknown: the load then goes ahead, and says so.
 */
export async function freeSpaceOf(client: pg.Client, databaseUrl: string): Promise<FreeSpace> {
  let host: string;
  try {
    host = new URL(databaseUrl).hostname;
  } catch {
    host = "";
  }
  if (!LOCAL_HOSTS.has(host) && !host.startsWith("/")) {
    return { known: false, why: `the server runs on ${host}, not on this machine` };
  }
  let dir: string;
  try {
    const { rows } = await client.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`);
    dir = rows[0].dir;
  } catch (error) {
    return { known: false, why: `cannot read the server's data_directory (${(error as Error).message})` };
  }
  if (!existsSync(dir)) return { known: false, why: `the data directory ${dir} is not on this machine` };
  const stats = statfsSync(dir);
  return { known: true, bytes: stats.bavail * stats.bsize, where: dir };
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 && unit > 0 ? 1 : 0)} ${units[unit]}`;
}
