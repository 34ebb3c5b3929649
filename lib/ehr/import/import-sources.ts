// Where the admin page may read import files from: uploads saved under DATA_DIR/uploads, or a
// server folder inside one of the roots the operator allowed (IMPORT_DIRS), never anywhere
// else on the server's disk.
import { createWriteStream, mkdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { dataDir } from "../../db/data-dir";
import { ValidationError } from "../../http/errors";

/** IMPORT_DIRS (path-list separated, like PATH); DATA_DIR/imports when unset. */
export function importRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  const configured = env.IMPORT_DIRS?.split(path.delimiter).filter(Boolean);
  return (configured?.length ? configured : [path.join(dataDir(), "imports")]).map((root) => path.resolve(root));
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** The real path of a server folder or file inside an allowed root; links may not escape. */
export function resolveServerPath(given: string, roots = importRoots()): string {
  const candidate = path.resolve(given);
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    throw new ValidationError(`${given} does not exist on the server.`);
  }
  const allowed = roots.flatMap((root) => {
    try {
      return [realpathSync(root)];
    } catch {
      return [];
    }
  });
  if (!allowed.some((root) => isInside(real, root))) {
    throw new ValidationError(`Imports may only read from: ${roots.join(", ")} (set IMPORT_DIRS to change this).`);
  }
  statSync(real);
  return real;
}

/** A browser-given relative path (folder uploads keep hosp/labevents.csv.gz) made safe. */
export function safeRelativePath(name: string): string {
  const parts = name
    .replaceAll("\\", "/")
    .split("/")
    .filter((part) => part && part !== "." && part !== "..");
  if (parts.length === 0) throw new ValidationError(`Bad file name: ${name}`);
  return parts.join(path.sep);
}

/** Streams uploaded files to a fresh folder under DATA_DIR/uploads; returns the folder. */
export async function saveUploads(
  files: { name: string; stream: () => ReadableStream<Uint8Array> }[],
): Promise<string> {
  if (files.length === 0) throw new ValidationError("Choose at least one file to upload.");
  const folder = path.join(dataDir(), "uploads", crypto.randomUUID());
  for (const file of files) {
    const target = path.join(folder, safeRelativePath(file.name));
    mkdirSync(path.dirname(target), { recursive: true });
    await pipeline(Readable.fromWeb(file.stream() as WebReadableStream<Uint8Array>), createWriteStream(target));
  }
  return folder;
}
