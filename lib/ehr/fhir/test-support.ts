// Helpers for the FHIR reader's tests: run the reader to completion, and write small temp files.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import type { EventRecord, ImportRecord, ReadContext, Rejection } from "../import-record";
import { readFhir } from "./read-fhir";

export type ReadResult = {
  records: ImportRecord[];
  events: EventRecord[];
  rejections: Rejection[];
  skipped: Map<string, number>;
  progress: [number, number][];
};

export async function readAll(
  paths: string[],
  options: Pick<ReadContext, "patients" | "maxRecordBytes"> = {},
): Promise<ReadResult> {
  const result: ReadResult = { records: [], events: [], rejections: [], skipped: new Map(), progress: [] };
  const context: ReadContext = {
    ...options,
    reject: (r) => result.rejections.push(r),
    skip: (what) => result.skipped.set(what, (result.skipped.get(what) ?? 0) + 1),
    progress: (read, total) => result.progress.push([read, total]),
  };
  for await (const record of readFhir(paths, context)) {
    result.records.push(record);
    if (record.kind === "event") result.events.push(record);
  }
  return result;
}

export class TempDir {
  private constructor(readonly dir: string) {}

  static async create(): Promise<TempDir> {
    return new TempDir(await mkdtemp(path.join(tmpdir(), "fhir-reader-")));
  }

  async json(name: string, value: unknown): Promise<string> {
    return this.text(name, JSON.stringify(value, null, 2));
  }

  async ndjson(name: string, resources: unknown[]): Promise<string> {
    const text = resources.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";
    if (name.endsWith(".gz")) {
      const file = path.join(this.dir, name);
      await writeFile(file, gzipSync(text));
      return file;
    }
    return this.text(name, text);
  }

  async text(name: string, text: string | Buffer): Promise<string> {
    const file = path.join(this.dir, name);
    await writeFile(file, text);
    return file;
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

export function bundle(type: string, resources: Record<string, unknown>[]): Record<string, unknown> {
  return {
    resourceType: "Bundle",
    type,
    entry: resources.map((resource) => ({ fullUrl: `urn:uuid:${resource.id}`, resource })),
  };
}
