// Issue 4: import of ≥ 1M synthetic lab events from MIMIC-IV-format CSV.GZ, beside a plain
// PostgreSQL COPY of the same rows into a bare table (the physical limit of loading them).
import { createReadStream } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { generateLabEvents } from "../lib/ehr/demo/generate-lab-events";
import { LAYOUTS } from "../lib/ehr/demo/layouts";
import { type ImportProgress, importFiles } from "../lib/ehr/import/import-files";
import { throughputRow, withPeakRss, type BenchRow } from "./bench-types";

// The official labevents header, as the generator writes it.
const LABEVENTS_COLUMNS = LAYOUTS["hosp/labevents"];

async function copyBare(databaseUrl: string, file: string): Promise<number> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_bare_labevents`);
    await client.query(`CREATE TABLE bench_bare_labevents (${LABEVENTS_COLUMNS.map((c) => `"${c}" text`).join(", ")})`);
    const started = performance.now();
    await pipeline(
      createReadStream(file),
      createGunzip(),
      client.query(copyFrom(`COPY bench_bare_labevents FROM STDIN WITH (FORMAT csv, HEADER true)`)),
    );
    const seconds = (performance.now() - started) / 1000;
    await client.query(`DROP TABLE bench_bare_labevents`);
    return seconds;
  } finally {
    await client.end();
  }
}

export async function benchImport(input: { databaseUrl: string; workDir: string; rows: number; patients: number }) {
  const dir = path.join(input.workDir, "labs");
  const generated = await generateLabEvents(dir, { rows: input.rows, patients: input.patients });
  const copySeconds = await copyBare(input.databaseUrl, generated.file);
  // Where the time goes: reading (files into staging) and writing (the merge into the tables).
  const phaseStarts: Partial<Record<ImportProgress["phase"], number>> = {};
  const { result: summary, peakRssMb } = await withPeakRss(() =>
    importFiles({
      databaseUrl: input.databaseUrl,
      paths: [dir],
      format: "mimic-iv",
      onProgress: (progress) => (phaseStarts[progress.phase] ??= performance.now()),
    }),
  );
  const phaseSeconds = (from: ImportProgress["phase"], to: ImportProgress["phase"]) =>
    ((phaseStarts[to]! - phaseStarts[from]!) / 1000).toFixed(1);
  const ourRate = summary.events.added / (summary.durationMs / 1000);
  const copyRate = generated.rows / copySeconds;
  const rows: BenchRow[] = [
    throughputRow({
      hotPath: `import ${generated.rows.toLocaleString("en-US")} lab events (CSV.GZ → event table)`,
      ours: Math.round(ourRate),
      limit: Math.round(copyRate),
      unit: "rows/s (limit: COPY into a bare table)",
      goal: "≥ 0.5x COPY",
      minRatio: 0.5,
      notes:
        `peak RSS ${peakRssMb} MB; ${(summary.durationMs / 1000).toFixed(1)} s vs COPY ${copySeconds.toFixed(1)} s ` +
        `(staging ${phaseSeconds("reading", "writing")} s, merge ${phaseSeconds("writing", "done")} s)`,
    }),
  ];
  return { rows, summary, peakRssMb };
}
