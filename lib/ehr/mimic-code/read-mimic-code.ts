// Records from mimic-code's typed tables, the same ones readMimicIv yields from the CSV files:
// each row goes back to the CSV's text (PostgreSQL's text of the typed value, with the
// session settings of connect-mimic-code.ts: ISO times, shortest exact floats; NULL becomes
// "", a missing field) and through the CSV reader's own Row and the table's toRecords, so the
// mapping, its checks and its rejections are the importer's, unchanged. Two reads:
// registration (dictionaries, patients and their encounters, every subject) and one
// patient's events (materialize-patient.ts), each table's rows of the given subjects through
// its per-subject index, in file order: by source_row (our loader's 1-based file row) when the
// table has it, else by ctid, whose file row file-order.ts finds.
import type pg from "pg";
import type { ImportRecord, ReadContext } from "../import-record";
import { Row, RowError } from "../mimic-iv/row";
import { emptyReaderState, type ReaderState } from "../mimic-iv/tables";
import type { MimicCodeTable } from "./connect-mimic-code";
import { csvFloatText } from "./csv-float";
import { FileOrder, type FileOrderIndex } from "./file-order";

/** Read at registration: every subject's. */
export const REGISTRATION_TABLES = new Set([
  "d_labitems",
  "d_items",
  "d_icd_diagnoses",
  "d_icd_procedures",
  "patients",
  "admissions",
  "icustays",
  "edstays",
]);

const DICTIONARIES = new Set(["d_labitems", "d_items", "d_icd_diagnoses", "d_icd_procedures"]);

/** Read per patient; the rest (patients, ICU stays) only at registration. */
const PATIENT_TABLES_SKIPPED = new Set(["patients", "icustays"]);

/** Every value as PostgreSQL prints it: the reader wants text, as the CSV had. */
const AS_TEXT = { getTypeParser: () => (text: string) => text } as unknown as pg.CustomTypesConfig;

const FETCH_ROWS = 5_000;

const FLOAT_TEXT: Record<string, ((text: string) => string) | undefined> = {
  "double precision": csvFloatText,
  // A float4 is printed as the shortest float4 text; the CSV wrote its value as a double.
  real: (text) => csvFloatText(String(Math.fround(Number(text)))),
};

export type MimicCodeRead = {
  /** A connection on the mimic-code pool, inside a read-only transaction the caller opened. */
  client: pg.ClientBase;
  tables: readonly MimicCodeTable[];
  /** The file-order index of each table without source_row (stored at registration). */
  fileOrder: ReadonlyMap<string, FileOrderIndex>;
  context: Pick<ReadContext, "reject">;
};

type TableRow = { fields: string[]; rowIndex: number };

/** A table's rows (of `subjects` only, when given) in file order, as text fields. */
async function* readRows(read: MimicCodeRead, table: MimicCodeTable, subjects?: readonly string[]) {
  const { client } = read;
  let order: FileOrder | undefined;
  if (!table.hasSourceRow) {
    const index = read.fileOrder.get(table.spec.name);
    if (!index) throw new Error(`${table.display} has no file-order index: register the mimic-code database first`);
    order = new FileOrder(table, index);
  }
  // As text in SQL: a CHAR(n) column (mimic-code's icd_code) loses its padding, as in the CSV.
  const columns = table.columns.map((column) => `"${column.name.replaceAll('"', '""')}"::text`).join(", ");
  const position = table.hasSourceRow ? "source_row" : "ctid";
  // Subject ids are checked digits (the reader's own identifiers): safe to inline, and a
  // cursor over a literal array plans like the one-off query it is.
  const where =
    subjects === undefined
      ? ""
      : `WHERE subject_id = ANY('{${subjects.filter((id) => /^\d+$/.test(id)).join(",")}}'::int[])`;
  // FLOAT columns: the CSV's text of the double, not PostgreSQL's (csv-float.ts).
  const floats = table.columns.map((column) => FLOAT_TEXT[column.type]);
  const cursor = `mimic_code_${table.spec.name}`;
  await client.query(
    `DECLARE ${cursor} NO SCROLL CURSOR FOR
     SELECT ${columns}, ${position}::text FROM ${table.qualified} ${where} ORDER BY ${position}`,
  );
  try {
    for (;;) {
      const { rows } = await client.query<(string | null)[]>({
        text: `FETCH ${FETCH_ROWS} FROM ${cursor}`,
        rowMode: "array",
        types: AS_TEXT,
      });
      for (const values of rows) {
        const at = values.pop()!;
        const rowIndex = order ? await order.rowOf(client, at) : Number(at) - 1;
        const fields = values.map((value, i) => (value === null ? "" : floats[i] ? floats[i](value) : value));
        yield { fields, rowIndex } satisfies TableRow;
      }
      if (rows.length < FETCH_ROWS) break;
    }
  } finally {
    await client.query(`CLOSE ${cursor}`);
  }
}

/** The table's records, through the CSV reader's Row and the table's own mapping. */
async function* readTable(
  read: MimicCodeRead,
  table: MimicCodeTable,
  state: ReaderState,
  subjects?: readonly string[],
): AsyncGenerator<ImportRecord> {
  const { spec } = table;
  const header = table.columns.map((column) => column.name);
  // Throws the CSV reader's ImportError when a required column is missing.
  const row = new Row(table.display, header, spec.required, spec.types);
  for await (const { fields, rowIndex } of readRows(read, table, subjects)) {
    // The line the row would have in the CSV (after its header), for rejections.
    const line = rowIndex + 2;
    let records: ImportRecord | ImportRecord[];
    try {
      row.load(fields, line);
      row.rowIndex = rowIndex;
      records = spec.toRecords!(row, state);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      read.context.reject({ file: table.display, line, reason: error.message });
      continue;
    }
    if (Array.isArray(records)) yield* records;
    else yield records;
  }
}

/**
 * Registration: the dictionaries (concepts), every patient, their admissions, ICU and ED
 * stays (encounters). Not the admissions' events: those come with the patient's other events.
 */
export async function* readRegistration(read: MimicCodeRead): AsyncGenerator<ImportRecord> {
  const state = emptyReaderState();
  for (const table of read.tables) {
    if (!REGISTRATION_TABLES.has(table.spec.name)) continue;
    for await (const record of readTable(read, table, state)) {
      if (record.kind !== "event") yield record;
    }
  }
}

/** What the dictionaries teach the reader (labels of codes), for reading patients' events. */
export type Dictionaries = Pick<ReaderState, "labItems" | "icuItems" | "icdDiagnoses" | "icdProcedures">;

export async function readDictionaries(read: MimicCodeRead): Promise<Dictionaries> {
  const state = emptyReaderState();
  for (const table of read.tables) {
    if (!DICTIONARIES.has(table.spec.name)) continue;
    for await (const record of readTable(read, table, state)) void record;
  }
  const { labItems, icuItems, icdDiagnoses, icdProcedures } = state;
  return { labItems, icuItems, icdDiagnoses, icdProcedures };
}

/**
 * The events of the given subjects (the admissions' too), every table in the reader's order:
 * admissions and ED stays first teach the reader the times diagnoses and triage take.
 */
export async function* readSubjectEvents(
  read: MimicCodeRead,
  dictionaries: Dictionaries,
  subjects: readonly string[],
): AsyncGenerator<ImportRecord> {
  const state: ReaderState = { ...emptyReaderState(), ...dictionaries };
  for (const table of read.tables) {
    const name = table.spec.name;
    if (DICTIONARIES.has(name) || PATIENT_TABLES_SKIPPED.has(name)) continue;
    for await (const record of readTable(read, table, state, subjects)) {
      if (record.kind === "event") yield record;
    }
  }
}
