// Imports started from the admin page run in the server process, in the background: the
// request returns the job id at once and the page follows the job's progress. Progress lives
// in memory (it changes several times a second); the outcome lands in import_job.
import { rmSync } from "node:fs";
import { ValidationError } from "../../http/errors";
import { ImportError } from "../import-record";
import { importFiles, type ImportFormat, type ImportProgress, type ImportSummary } from "./import-files";

type LiveImport = { progress: ImportProgress | null; summary?: ImportSummary; error?: string };

const globalForImports = globalThis as unknown as { liveImports?: Map<string, LiveImport> };
const live = (globalForImports.liveImports ??= new Map());

export function liveImport(jobId: string): LiveImport | undefined {
  return live.get(jobId);
}

/** Starts an import and resolves with its job id once the job row exists. */
export async function startImport(input: {
  databaseUrl: string;
  paths: string[];
  format?: ImportFormat;
  dryRun?: boolean;
  createdById: string;
  /** A folder of uploads to delete when the import ends, whatever its outcome. */
  removeAfter?: string;
}): Promise<string> {
  return new Promise((resolve, reject) => {
    let jobId: string | undefined;
    const state: LiveImport = { progress: null };
    importFiles({
      databaseUrl: input.databaseUrl,
      paths: input.paths,
      format: input.format,
      dryRun: input.dryRun,
      createdById: input.createdById,
      onStart: (id) => {
        jobId = id;
        live.set(id, state);
        resolve(id);
      },
      onProgress: (progress) => {
        state.progress = progress;
      },
    })
      .then((summary) => {
        state.summary = summary;
      })
      .catch((error: unknown) => {
        // The job row already says "failed" with the reason; an error before the row
        // existed (e.g. an unknown format) goes back to the request.
        state.error = error instanceof Error ? error.message : String(error);
        if (!jobId) reject(error instanceof ImportError ? new ValidationError(error.message) : error);
      })
      .finally(() => {
        if (input.removeAfter) rmSync(input.removeAfter, { recursive: true, force: true });
        // Keep the finished state a while for the page, then let the database speak.
        setTimeout(() => jobId && live.delete(jobId), 10 * 60_000).unref();
      });
  });
}
