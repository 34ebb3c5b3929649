// Turns the paths given to the importer into the table files to read, in reading order.
// A directory is a MIMIC-IV release root (with hosp/, icu/, note/, ed/ inside; other files at
// the root, such as README.txt or demo_subject_id.csv, are not tables) or one module folder.
// Inside, every <table>.csv or <table>.csv.gz is a table; other file types are ignored.
import { readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { ImportError } from "../import-record";
import { type TableSpec, TABLES, TABLES_BY_NAME } from "./tables";

export type TableFile = {
  spec: TableSpec;
  /** Where to read it. */
  path: string;
  /** How errors and rejections name it: the path as the user gave it. */
  display: string;
  bytes: number;
};

const MODULE_DIRS = ["hosp", "icu", "note", "ed"];
const TABLE_FILE = /^(.+)\.csv(?:\.gz)?$/;

function stat(file: string) {
  try {
    return statSync(file);
  } catch (error) {
    throw new ImportError(`cannot read: ${(error as Error).message}`, file);
  }
}

function tableFilesIn(dir: string): string[] {
  const modules = MODULE_DIRS.map((name) => path.join(dir, name)).filter(
    (sub) => statSync(sub, { throwIfNoEntry: false })?.isDirectory() ?? false,
  );
  const folders = modules.length > 0 ? modules : [dir];
  const files = folders.flatMap((folder) =>
    readdirSync(folder, { withFileTypes: true })
      .filter((entry) => entry.isFile() && TABLE_FILE.test(entry.name))
      .map((entry) => path.join(folder, entry.name))
      .sort(),
  );
  if (files.length === 0) throw new ImportError("no MIMIC-IV tables (<table>.csv or .csv.gz) found", dir);
  return files;
}

function specOf(file: string): TableSpec {
  const match = TABLE_FILE.exec(path.basename(file));
  if (!match) throw new ImportError("not a MIMIC-IV table file: expected <table>.csv or <table>.csv.gz", file);
  const spec = TABLES_BY_NAME.get(match[1]);
  if (!spec) {
    throw new ImportError(
      `unknown table "${match[1]}" (MIMIC-IV tables: ${TABLES.map((table) => table.name).join(", ")})`,
      file,
    );
  }
  return spec;
}

/**
 * Table files in reading order; throws ImportError for anything that would make the import wrong.
 * `requireNeeds: false` lets a table come without the tables it needs (the mimic-code loader
 * finds them in the database, loaded by an earlier run).
 */
export function findTableFiles(paths: string[], options: { requireNeeds?: boolean } = {}): TableFile[] {
  if (paths.length === 0) throw new ImportError("no files given");
  const byTable = new Map<string, TableFile & { real: string }>();
  for (const given of paths) {
    const files = stat(given).isDirectory() ? tableFilesIn(given) : [given];
    for (const file of files) {
      const spec = specOf(file);
      const real = realpathSync(file);
      const seen = byTable.get(spec.name);
      if (seen && seen.real === real) continue;
      if (seen) throw new ImportError(`table ${spec.name} given twice: ${seen.display} and ${file}`);
      byTable.set(spec.name, { spec, path: file, display: file, bytes: stat(file).size, real });
    }
  }
  for (const file of options.requireNeeds === false ? [] : byTable.values()) {
    for (const need of file.spec.needs ?? []) {
      if (!byTable.has(need)) {
        throw new ImportError(`${file.spec.name} needs ${need}.csv.gz (or .csv) in the same import`, file.display);
      }
    }
  }
  const order = new Map(TABLES.map((spec, i) => [spec.name, i]));
  return [...byTable.values()]
    .sort((a, b) => order.get(a.spec.name)! - order.get(b.spec.name)!)
    .map(({ spec, path: file, display, bytes }) => ({ spec, path: file, display, bytes }));
}
