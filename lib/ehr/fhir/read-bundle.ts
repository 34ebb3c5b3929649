// A .json file: one Bundle (collection, transaction, batch, searchset, document, message) or
// one resource. Read whole and parsed with JSON.parse: Synthea bundles are a few MB, which is
// fine. A Bundle of hundreds of MB would need a streaming JSON parser; bulk export NDJSON
// (read-ndjson.ts) is the path for large data and is streamed.
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { z } from "zod";
import { type ImportRecord, ImportError, type ReadContext } from "../import-record";
import type { InputFile } from "./inputs";
import type { ImportState } from "./map-context";
import { assertFhirResource, mapResource } from "./map-resource";
import { BundleIndex, entryId } from "./references";
import { processingRank } from "./resource-types";
import { bundleEntryLines, parseJsonFile } from "./json-text";

// V8 strings stop near 512 MiB; fail clearly well before.
const MAX_JSON_BYTES = 400 * 1024 * 1024;

export async function* readJsonFile(
  file: InputFile,
  state: ImportState,
  context: ReadContext,
): AsyncGenerator<ImportRecord> {
  let bytes = await readFile(file.path);
  if (file.gzip) {
    bytes = await promisify(gunzip)(bytes).catch((error: Error) => {
      throw new ImportError(`not valid gzip: ${error.message}`, file.path);
    });
  }
  if (bytes.length > MAX_JSON_BYTES) {
    throw new ImportError(
      `${Math.round(bytes.length / 2 ** 20)} MB is too large to read as one JSON document; export it as NDJSON`,
      file.path,
    );
  }
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  const json = parseJsonFile(text, file.path);
  assertFhirResource(json, file.path, 1);
  if (json.resourceType === "Bundle") {
    let lines: number[] | undefined;
    // Entry lines are computed only if something needs reporting.
    const lineOf = (entry: number) => (lines ??= bundleEntryLines(text))[entry] ?? 1;
    yield* bundleRecords(json, file.path, lineOf, state, context);
  } else {
    yield* mapResource(json, { file: file.path, line: 1, bundle: null }, state, context);
  }
}

const BundleShape = z.looseObject({
  type: z.string().optional(),
  entry: z.array(z.looseObject({ fullUrl: z.string().optional(), resource: z.unknown().optional() })).optional(),
});

/**
 * The records of one Bundle. Entries are indexed by fullUrl first (urn:uuid references), then
 * mapped in processing-rank order (Patients, Encounters, Medications before what points at
 * them) so every reference can be checked when met and every Patient precedes its events.
 */
export function* bundleRecords(
  bundle: Record<string, unknown>,
  file: string,
  lineOf: (entry: number) => number,
  state: ImportState,
  context: ReadContext,
): Generator<ImportRecord> {
  const shape = BundleShape.safeParse(bundle);
  if (!shape.success) throw new ImportError(`malformed Bundle: ${shape.error.issues[0]?.message}`, file, lineOf(0));
  if (shape.data.type === "history") {
    // Several versions of one resource would land as duplicates.
    throw new ImportError("history Bundles are not supported: export the current version of each resource", file);
  }
  const index = new BundleIndex();
  const entries = (shape.data.entry ?? []).map((entry, i) => {
    const { resource, fullUrl } = entry;
    if (resource === undefined) return { i, fullUrl, resource: null, rank: 0 };
    assertFhirResource(resource, file, lineOf(i));
    const id = entryId(resource.id, fullUrl);
    if (id) index.add(fullUrl, { type: resource.resourceType, id });
    const withId = id && resource.id !== id ? { ...resource, id } : resource;
    return { i, fullUrl, resource: withId, rank: processingRank(resource.resourceType) };
  });
  entries.sort((a, b) => a.rank - b.rank || a.i - b.i);
  for (const { i, fullUrl, resource } of entries) {
    if (!resource) {
      // A transaction DELETE, a searchset outcome without a resource…
      state.skip("Bundle entry without resource");
    } else if (resource.resourceType === "Bundle") {
      yield* bundleRecords(resource, file, () => lineOf(i), state, context);
    } else {
      yield* mapResource(resource, { file, line: lineOf(i), fullUrl, bundle: index }, state, context);
    }
  }
}
