// Which files an import reads, and in what order. Paths may be files or directories (walked
// recursively). Files are read so that what others point at comes first: Patient NDJSON, then
// Encounter, Medication, Bundles, DocumentReference, the rest (see resource-types.ts). Bulk
// export writes one resource type per file, so the type of a file's first resource is its type;
// this is why an Observation file can name Patients that live in another file.
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { createGunzip } from "node:zlib";
import { ImportError, type ReadContext } from "../import-record";
import { processingRank } from "./resource-types";

export type InputFile = {
  path: string;
  format: "json" | "ndjson";
  gzip: boolean;
  size: number;
};

const PATTERN = /\.(json|ndjson|jsonl)(\.gz)?$/i;

export async function listInputs(paths: string[], context: ReadContext): Promise<InputFile[]> {
  const files = new Map<string, InputFile>();
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) throw new ImportError("no such file or directory", given);
    if (info.isDirectory()) {
      for (const file of await walk(given)) {
        const input = await describe(file);
        if (input) files.set(path.resolve(file), input);
        else context.skip("file that is not .json/.ndjson");
      }
    } else {
      const input = await describe(given);
      if (!input) throw new ImportError("not a FHIR file: expected .json, .ndjson or .ndjson.gz", given);
      files.set(path.resolve(given), input);
    }
  }
  // One file at a time: a Synthea run can be tens of thousands of files (no EMFILE).
  const ranked: { file: InputFile; order: number; rank: number }[] = [];
  for (const file of files.values()) {
    ranked.push({ file, order: ranked.length, rank: processingRank(await sniffType(file)) });
  }
  return ranked.sort((a, b) => a.rank - b.rank || a.order - b.order).map((r) => r.file);
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

async function describe(file: string): Promise<InputFile | null> {
  const match = PATTERN.exec(file);
  if (!match) return null;
  const { size } = await stat(file);
  return {
    path: file,
    format: match[1].toLowerCase() === "json" ? "json" : "ndjson",
    gzip: Boolean(match[2]),
    size,
  };
}

/**
 * The resourceType of the first resource in a file, from its first 64 KiB, for ordering only
 * (the real parse validates). FHIR JSON writes resourceType first by convention.
 */
async function sniffType(file: InputFile): Promise<string | undefined> {
  const raw = createReadStream(file.path, { start: 0, end: 64 * 1024 - 1 });
  const input = file.gzip ? raw.pipe(createGunzip()) : raw;
  let head = "";
  try {
    for await (const chunk of input) {
      head += chunk.toString("utf8");
      if (head.length >= 64 * 1024) break;
    }
  } catch {
    // A truncated gzip head (we read only its start) or a bad file: the real read will say.
  } finally {
    raw.destroy();
  }
  return /"resourceType"\s*:\s*"([A-Za-z]+)"/.exec(head)?.[1];
}
