// Issue 17's peer: the same generated files loaded the way MIT-LCP/mimic-code's
// buildmimic/postgres scripts load MIMIC-IV. Written here from the published facts, not copied:
// typed per-table columns, `COPY ... FORMAT csv` straight from the decompressed files, then the
// primary key, the foreign keys (labevents.subject_id → patients, labevents.itemid →
// d_labitems; none on hadm_id) and the indexes ((charttime, storetime), (specimen_id)), all
// built after the load. Its time and its bytes per lab row, indexes included, are what our
// import is measured against.
import { createReadStream } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { loadMimicCode } from "../lib/ehr/mimic-code/load-mimic-code";

const SCHEMA = "bench_mimiciv_hosp";

const TABLES: { file: string; table: string; columns: string }[] = [
  {
    file: "hosp/patients.csv.gz",
    table: "patients",
    columns: `subject_id INTEGER NOT NULL, gender CHAR(1) NOT NULL, anchor_age SMALLINT, anchor_year SMALLINT NOT NULL,
      anchor_year_group VARCHAR(20) NOT NULL, dod DATE`,
  },
  {
    file: "hosp/d_labitems.csv.gz",
    table: "d_labitems",
    columns: `itemid INTEGER NOT NULL, label VARCHAR(50), fluid VARCHAR(50), category VARCHAR(50)`,
  },
  {
    file: "hosp/labevents.csv.gz",
    table: "labevents",
    columns: `labevent_id INTEGER NOT NULL, subject_id INTEGER NOT NULL, hadm_id INTEGER, specimen_id INTEGER NOT NULL,
      itemid INTEGER NOT NULL, order_provider_id VARCHAR(10), charttime TIMESTAMP(0) WITHOUT TIME ZONE,
      storetime TIMESTAMP(0) WITHOUT TIME ZONE, value VARCHAR(200), valuenum DOUBLE PRECISION, valueuom VARCHAR(20),
      ref_range_lower DOUBLE PRECISION, ref_range_upper DOUBLE PRECISION, flag VARCHAR(10), priority VARCHAR(7),
      comments TEXT`,
  },
];

const CONSTRAINTS = [
  `ALTER TABLE ${SCHEMA}.patients ADD PRIMARY KEY (subject_id)`,
  `ALTER TABLE ${SCHEMA}.d_labitems ADD PRIMARY KEY (itemid)`,
  `ALTER TABLE ${SCHEMA}.labevents ADD PRIMARY KEY (labevent_id)`,
  `ALTER TABLE ${SCHEMA}.labevents ADD FOREIGN KEY (subject_id) REFERENCES ${SCHEMA}.patients (subject_id)`,
  `ALTER TABLE ${SCHEMA}.labevents ADD FOREIGN KEY (itemid) REFERENCES ${SCHEMA}.d_labitems (itemid)`,
  `CREATE INDEX ON ${SCHEMA}.labevents (charttime, storetime)`,
  `CREATE INDEX ON ${SCHEMA}.labevents (specimen_id)`,
];

export type MimicCodeBuild = {
  /** COPY of the three files, then keys and indexes. */
  seconds: number;
  copySeconds: number;
  labRows: number;
  /** The labevents table with its indexes and TOAST, per row. */
  bytesPerLabRow: number;
};

/**
 * What the app would add to mimic-code's labevents to serve from it (issue 17's design record):
 * the file's row number (the authors' order of same-time rows is file order, and a table has
 * none of its own) and a per-patient index (a timeline or a prompt reads one subject's rows).
 */
const APP_ADDITIONS = [`CREATE INDEX ON ${SCHEMA}.labevents (subject_id, charttime, source_row)`];

/**
 * Builds the mimic-code-shaped tables from `dir` (generate-lab-events.ts's files), measures, drops
 * them. `withAppAdditions`: also the row number column and the per-patient index.
 */
export async function buildMimicCodeShape(
  databaseUrl: string,
  dir: string,
  withAppAdditions = false,
): Promise<MimicCodeBuild> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await client.query(`CREATE SCHEMA ${SCHEMA}`);
    for (const { table, columns } of TABLES) {
      const extra = withAppAdditions && table === "labevents" ? ", source_row BIGINT GENERATED ALWAYS AS IDENTITY" : "";
      await client.query(`CREATE TABLE ${SCHEMA}.${table} (${columns}${extra})`);
    }
    const started = performance.now();
    for (const { file, table, columns } of TABLES) {
      // The file's columns by name: the identity column numbers the rows in file order.
      const names = columns.split(",").map((column) => column.trim().split(/\s+/)[0]);
      await pipeline(
        createReadStream(path.join(dir, file)),
        createGunzip(),
        client.query(
          copyFrom(`COPY ${SCHEMA}.${table} (${names.join(", ")}) FROM STDIN WITH (FORMAT csv, HEADER true)`),
        ),
      );
    }
    const copySeconds = (performance.now() - started) / 1000;
    for (const statement of [...CONSTRAINTS, ...(withAppAdditions ? APP_ADDITIONS : [])]) await client.query(statement);
    const seconds = (performance.now() - started) / 1000;
    await client.query(`ANALYZE ${SCHEMA}.labevents`);
    const { rows } = await client.query<{ rows: string; bytes: string }>(
      `SELECT count(*) AS rows, pg_total_relation_size('${SCHEMA}.labevents') AS bytes FROM ${SCHEMA}.labevents`,
    );
    const labRows = Number(rows[0].rows);
    return { seconds, copySeconds, labRows, bytesPerLabRow: Number(rows[0].bytes) / labRows };
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`).catch(() => undefined);
    await client.end();
  }
}

/** Bytes per row of the app's event table (indexes and TOAST included) after an import. */
export async function eventBytesPerRow(databaseUrl: string): Promise<{ rows: number; bytesPerRow: number }> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    await client.query(`ANALYZE event`);
    const { rows } = await client.query<{ rows: string; bytes: string }>(
      `SELECT count(*) AS rows, pg_total_relation_size('event') AS bytes FROM event`,
    );
    const count = Number(rows[0].rows);
    return { rows: count, bytesPerRow: Number(rows[0].bytes) / count };
  } finally {
    await client.end();
  }
}

export type MimicCodeLoad = {
  /** loadMimicCode end to end: plan, three tables each in its transaction, ANALYZE. */
  seconds: number;
  /** Of which labevents' COPY (with the pandas column types tracked beside it). */
  labCopySeconds: number;
  labRows: number;
  bytesPerLabRow: number;
};

/**
 * Our loader (`npm run load-mimic`, lib/ehr/mimic-code) on the same three files the
 * mimic-code-shaped build takes, into mimiciv_hosp; measured, then dropped.
 */
export async function loadWithMimicCodeLoader(databaseUrl: string, dir: string): Promise<MimicCodeLoad> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  const clean = () =>
    client.query(`DROP SCHEMA IF EXISTS mimiciv_hosp CASCADE; DELETE FROM mimic_code_load WHERE module = 'hosp'`);
  try {
    await clean();
    const summary = await loadMimicCode({ databaseUrl, paths: TABLES.map(({ file }) => path.join(dir, file)) });
    const lab = summary.tables.find((table) => table.table === "labevents")!;
    return {
      seconds: summary.seconds,
      labCopySeconds: lab.copySeconds,
      labRows: lab.rows,
      bytesPerLabRow: lab.tableBytes / lab.rows,
    };
  } finally {
    await clean().catch(() => undefined);
    await client.end();
  }
}
