// Which reader a set of paths needs: MIMIC-IV for CSV tables (or a release folder), FHIR for
// JSON bundles and NDJSON exports. Mixed inputs must say --format.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ImportError } from "../import-record";

export type ImportFormat = "mimic-iv" | "fhir";

const MIMIC_FILE = /\.csv(?:\.gz)?$/i;
const FHIR_FILE = /\.(?:json|ndjson)(?:\.gz)?$/i;
const MIMIC_MODULES = new Set(["hosp", "icu", "note", "ed"]);

function formatOf(given: string): ImportFormat {
  const stats = statSync(given, { throwIfNoEntry: false });
  if (!stats) throw new ImportError("no such file or directory", given);
  if (stats.isFile()) {
    if (MIMIC_FILE.test(given)) return "mimic-iv";
    if (FHIR_FILE.test(given)) return "fhir";
    throw new ImportError(
      "cannot tell the format from the file name (.csv[.gz] or .json/.ndjson); pass --format",
      given,
    );
  }
  const entries = readdirSync(given, { withFileTypes: true });
  if (entries.some((entry) => (entry.isDirectory() && MIMIC_MODULES.has(entry.name)) || MIMIC_FILE.test(entry.name))) {
    return "mimic-iv";
  }
  if (entries.some((entry) => entry.isFile() && FHIR_FILE.test(entry.name))) return "fhir";
  throw new ImportError("no MIMIC-IV tables or FHIR files found; pass --format", given);
}

export function detectFormat(paths: string[]): ImportFormat {
  if (paths.length === 0) throw new ImportError("no files given");
  const formats = new Set(paths.map(formatOf));
  if (formats.size > 1)
    throw new ImportError("the paths mix MIMIC-IV and FHIR files: import them separately or pass --format");
  return [...formats][0];
}

/** File names and sizes for the import_job row (never contents); folders are listed file by file. */
export function describeSources(paths: string[], limit = 1000): { path: string; bytes: number }[] {
  const sources: { path: string; bytes: number }[] = [];
  const visit = (file: string, depth: number) => {
    if (sources.length >= limit) return;
    const stats = statSync(file, { throwIfNoEntry: false });
    if (!stats) return;
    if (stats.isFile()) sources.push({ path: file, bytes: stats.size });
    else if (stats.isDirectory() && depth < 3) {
      for (const name of readdirSync(file).sort()) visit(path.join(file, name), depth + 1);
    }
  };
  for (const given of paths) visit(given, 0);
  return sources;
}
