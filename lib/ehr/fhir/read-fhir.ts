// The FHIR R4 reader: Bundles (.json, .json.gz) and bulk-export NDJSON (.ndjson, .ndjson.gz)
// → normalized ImportRecords, streamed. What happens to each kind of problem:
//   fatal (ImportError, nothing lands): a file that is not JSON or not FHIR, invalid JSON (file
//     and line), a subject/patient/encounter reference that points at nothing in the input;
//   rejected (ctx.reject, file:line + reason): a resource whose mapped fields are malformed, or
//     that has no usable time or no subject;
//   skipped (ctx.skip, counted): resource types we do not map (Claim, Practitioner, …), notes
//     without inline text, a report repeating a DocumentReference's note.
import type { ImportReader, ImportRecord, ReadContext } from "../import-record";
import { listInputs } from "./inputs";
import type { ImportState } from "./map-context";
import { NoteIndex } from "./notes";
import { readJsonFile } from "./read-bundle";
import { readNdjson } from "./read-ndjson";
import { Registry } from "./references";

export const readFhir: ImportReader = async function* (
  paths: string[],
  context: ReadContext,
): AsyncGenerator<ImportRecord> {
  const files = await listInputs(paths, context);
  const state: ImportState = { registry: new Registry(), notes: new NoteIndex(), skip: context.skip };
  const total = files.reduce((sum, f) => sum + f.size, 0);
  let done = 0;
  for (const file of files) {
    if (file.format === "ndjson") {
      yield* readNdjson(file, state, context, (bytes) => context.progress?.(done + bytes, total));
    } else {
      yield* readJsonFile(file, state, context);
    }
    done += file.size;
    context.progress?.(done, total);
  }
};
