// The MIMIC-IV reader: streams the tables of a release (or any subset) into normalized
// records. Dictionaries first (they name codes), then patients, admissions and ICU stays,
// then events, one row at a time: memory holds the dictionaries and the admissions' and ED
// stays' times, never the events. What is fatal and what is rejected: see README.md here.
import type { ImportReader, ImportRecord, ReadContext } from "../import-record";
import { ImportError } from "../import-record";
import { findTableFiles, type TableFile } from "./find-tables";
import { DEFAULT_MAX_RECORD_BYTES, readCsv } from "./read-csv";
import { Row, RowError } from "./row";
import { DtypeTracker, PANDAS_CHUNK_ROWS } from "../../model/prompt/pandas-values";
import { columnTypesRecord } from "./column-types";
import { emptyReaderState, type ReaderState } from "./tables";

async function* readTable(
  file: TableFile,
  state: ReaderState,
  context: ReadContext,
  onBytes: (bytes: number) => void,
): AsyncGenerator<ImportRecord> {
  const { spec } = file;
  const toRecords = spec.toRecords!;
  const maxRecordBytes = context.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  let row: Row | undefined;
  let subjectAt = -1;
  // The column types pandas gave each million-row chunk of the file, over every row (selected
  // patients or not): the EHR-R1 serializer prints values as the authors' pipeline read them.
  let trackers: DtypeTracker[] = [];
  let rowIndex = -1;
  let chunk = 0;
  const flushTypes = () => columnTypesRecord(spec.name, chunk, row!.header, trackers);
  for await (const { fields, line } of readCsv(file.path, file.display, { maxRecordBytes, onBytes })) {
    if (!row) {
      row = new Row(file.display, fields, spec.required, spec.types);
      subjectAt = fields.indexOf("subject_id");
      trackers = fields.map(() => new DtypeTracker());
      continue;
    }
    rowIndex++;
    if (rowIndex > 0 && rowIndex % PANDAS_CHUNK_ROWS === 0) {
      yield flushTypes();
      chunk++;
      trackers = row.header.map(() => new DtypeTracker());
    }
    for (let i = 0; i < trackers.length; i++) trackers[i].add(fields[i]);
    if (context.patients && subjectAt >= 0 && !context.patients.has(fields[subjectAt])) {
      context.skip("rows of patients not selected");
      continue;
    }
    let records: ImportRecord | ImportRecord[];
    try {
      row.load(fields, line);
      row.rowIndex = rowIndex;
      records = toRecords(row, state);
    } catch (error) {
      if (!(error instanceof RowError)) throw error;
      context.reject({ file: file.display, line, reason: error.message });
      continue;
    }
    if (Array.isArray(records)) yield* records;
    else yield records;
  }
  // A header-only file is a table with no rows; a file without even a header is broken.
  if (!row) throw new ImportError("empty file: no header row", file.display);
  yield flushTypes();
}

export const readMimicIv: ImportReader = async function* (paths, context) {
  const files = findTableFiles(paths);
  const bytesTotal = files.reduce((sum, file) => sum + file.bytes, 0);
  let bytesRead = 0;
  const onBytes = (bytes: number) => {
    bytesRead += bytes;
    context.progress?.(bytesRead, bytesTotal);
  };
  const state = emptyReaderState();
  for (const file of files) {
    if (file.spec.toRecords) {
      yield* readTable(file, state, context, onBytes);
    } else {
      context.skip(`table ${file.spec.name} (not imported)`);
      onBytes(file.bytes);
    }
  }
};
