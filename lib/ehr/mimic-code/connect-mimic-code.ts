// The mimic-code store: MIMIC-IV kept in mimic-code's own typed tables (`mimiciv_hosp.*`,
// `mimiciv_icu.*`, `mimiciv_ed.*`, `mimiciv_note.*`, decision 004), either loaded by our loader
// (with a `source_row` column: the 1-based file row) or an existing mimic-code database a
// researcher already has (no source_row: rows in physical order). This module finds it and
// describes what it holds; the app only ever reads it.
import "server-only";
import pg from "pg";
import { ImportError } from "../import-record";
import { type TableSpec, TABLES } from "../mimic-iv/tables";
import { CONNECT_TIMEOUT_MS } from "../../db/pool-settings";

export type MimicCodeColumn = { name: string; type: string };

export type MimicCodeTable = {
  spec: TableSpec;
  /** `mimiciv_hosp.labevents`, quoted for SQL. */
  qualified: string;
  /** Also how records' origins name it. */
  display: string;
  /** The CSV's columns in file order (mimic-code creates them so), without source_row. */
  columns: MimicCodeColumn[];
  /** Our loader's 1-based file row; absent in a database built by mimic-code itself. */
  hasSourceRow: boolean;
  /** An index leading with subject_id: without one, reading one patient scans the table. */
  subjectIndexed: boolean;
};

export const schemaOf = (spec: Pick<TableSpec, "module">) => `mimiciv_${spec.module}`;

/**
 * Every session of the mimic-code pool: read-only (the app never writes there, and a server
 * that would let it gets refused writes anyway), values printed the way the CSV wrote them
 * (ISO times, shortest exact floats), and sequential scans from the table's start (a scan
 * that joins another mid-table would return rows out of file order).
 */
const SESSION_OPTIONS = [
  "default_transaction_read_only=on",
  "DateStyle=ISO",
  "extra_float_digits=1",
  "TimeZone=UTC",
  "synchronize_seqscans=off",
]
  .map((setting) => `-c ${setting}`)
  .join(" ");

/** A pool on the mimic-code database, read-only. */
export function mimicCodePool(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    options: SESSION_OPTIONS,
    max,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  pool.on("error", () => {});
  return pool;
}

/**
 * Where MIMIC-IV's mimic-code tables are: MIMIC_DATABASE_URL when set, else the app's own
 * database when it holds `mimiciv_hosp.patients`, else nowhere (undefined).
 */
export async function findMimicCodeUrl(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  if (env.MIMIC_DATABASE_URL) return env.MIMIC_DATABASE_URL;
  if (!env.DATABASE_URL) return undefined;
  const client = new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await client.connect();
  try {
    const { rows } = await client.query<{ found: boolean }>(
      `SELECT to_regclass('mimiciv_hosp.patients') IS NOT NULL AS found`,
    );
    return rows[0].found ? env.DATABASE_URL : undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The database a URL names, for logs (never the password). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname}`;
  } catch {
    return "(mimic-code database)";
  }
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * The importable tables present in the database, in the reader's order (TABLES), with their
 * columns. Throws an ImportError when a table lacks one it needs (labevents without
 * d_labitems...), as the CSV reader does for files.
 */
export async function describeMimicCode(pool: pg.Pool): Promise<MimicCodeTable[]> {
  const { rows: columns } = await pool.query<{ schema: string; table: string; name: string; type: string }>(
    `SELECT table_schema AS schema, table_name AS "table", column_name AS name, data_type AS type
     FROM information_schema.columns
     WHERE table_schema IN ('mimiciv_hosp', 'mimiciv_icu', 'mimiciv_ed', 'mimiciv_note')
     ORDER BY table_schema, table_name, ordinal_position`,
  );
  const { rows: indexed } = await pool.query<{ schema: string; table: string }>(
    `SELECT n.nspname AS schema, t.relname AS "table"
     FROM pg_index i
     JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]
     WHERE a.attname = 'subject_id' AND n.nspname LIKE 'mimiciv\\_%'`,
  );
  const byTable = new Map<string, MimicCodeColumn[]>();
  for (const column of columns) {
    const key = `${column.schema}.${column.table}`;
    byTable.set(key, [...(byTable.get(key) ?? []), { name: column.name, type: column.type }]);
  }
  const subjectIndexed = new Set(indexed.map((row) => `${row.schema}.${row.table}`));
  const tables: MimicCodeTable[] = [];
  for (const spec of TABLES) {
    if (!spec.toRecords) continue;
    const display = `${schemaOf(spec)}.${spec.name}`;
    const all = byTable.get(display);
    if (!all) continue;
    tables.push({
      spec,
      qualified: `${quoteIdent(schemaOf(spec))}.${quoteIdent(spec.name)}`,
      display,
      columns: all.filter((column) => column.name !== "source_row"),
      hasSourceRow: all.some((column) => column.name === "source_row"),
      subjectIndexed: subjectIndexed.has(display),
    });
  }
  const present = new Set(tables.map((table) => table.spec.name));
  for (const table of tables) {
    for (const need of table.spec.needs ?? []) {
      if (!present.has(need))
        throw new ImportError(`${table.spec.name} needs ${need} in the same database`, table.display);
    }
  }
  return tables;
}
