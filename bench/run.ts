// npm run bench: every benchmark named in the issues, on generated data, in one throwaway
// PostgreSQL; prints one table (our figure, its physical limit or peer measured in the same
// run, the ratio, the goal) and writes it to bench/results.json to compare over time, and
// docs/benchmarks.md's table from it.
import { chmodSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { createPrismaClient } from "../lib/db/prisma-client";
import { applyMigrations } from "../lib/db/schema-engine";
import type { BenchContext } from "./bench-context";
import { readResults, RESULTS, TABLE_HEADER, tableCells, writeResults } from "./benchmarks-page";
import type { BenchRow } from "./bench-types";
import { benchEventsApi } from "./events-api-bench";
import { benchExport } from "./export-bench";
import { benchImport } from "./import-bench";
import { benchLoad } from "./load-bench";
import { benchRelay, benchRelayAcrossProcesses } from "./relay-bench";
import { benchScale } from "./scale-bench";
import { benchSerializer } from "./serializer-bench";

const { values } = parseArgs({
  options: {
    rows: { type: "string" },
    only: { type: "string", multiple: true },
    scale: { type: "boolean" },
    "scale-rows": { type: "string" },
    record: { type: "string" },
  },
});
/**
 * `--only load` (repeatable): just those benches. The import always runs (the others read what
 * it loads), at full size only when `--only import` is asked for, else 20,000 rows unless
 * --rows says otherwise. A partial table is printed, not written to bench/results.json
 * unless --record names it.
 * `--scale [--scale-rows 20000000]`: issue 17's scale row too (tens of millions of generated
 * rows loaded once, minutes of work), after the others; `--scale --only scale` runs just it.
 * `--record NAME`: a partial run's table is kept in bench/results.json under `onRequest.NAME`
 * (the full run's table stays as it was; docs/benchmarks.md shows both), for the runs on request
 * (the scale row, a 4M-row import) that no full run makes.
 */
const only = values.only;
const selected = (name: string) => !only || only.includes(name);
const rowsToImport = Number(values.rows ?? (selected("import") ? 1_000_000 : 20_000));
const scaleRows = Number(values["scale-rows"] ?? 20_000_000);
const record = values.record;
// No spaces: the command recorded beside the table is the arguments joined, and must run as written.
if (record !== undefined && (!only || !/^[a-z0-9][a-z0-9.-]*$/i.test(record))) {
  console.error("--record NAME names a partial run (with --only); NAME: letters, digits, dots, dashes");
  process.exit(2);
}

function printTable(rows: BenchRow[]) {
  const header = TABLE_HEADER;
  const lines = rows.map(tableCells);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  const format = (cells: string[]) => "| " + cells.map((cell, i) => cell.padEnd(widths[i])).join(" | ") + " |";
  console.log(format(header));
  console.log("| " + widths.map((width) => "-".repeat(width)).join(" | ") + " |");
  for (const line of lines) console.log(format(line));
  for (const row of rows) if (row.notes) console.log(`- ${row.hotPath}: ${row.notes}`);
}

const workDir = mkdtempSync(path.join(os.tmpdir(), "ehr-bench-"));
chmodSync(workDir, 0o755);
const server = await startEmbeddedPostgres({ dataDir: path.join(workDir, "pg-data"), database: "bench" });
const started = Date.now();
try {
  await applyMigrations(server.url);
  const rows: BenchRow[] = [];
  const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

  log(`import: generating and loading ${rowsToImport.toLocaleString("en-US")} lab events…`);
  // 20 patients: each holds 50,000 events at 1M rows, the size the timeline and serializer goals name.
  const imported = await benchImport({ databaseUrl: server.url, workDir, rows: rowsToImport, patients: 20 });
  if (selected("import")) rows.push(...imported.rows);

  const prisma = createPrismaClient(server.url, { max: 4 });
  try {
    const patient = await prisma.patient.findFirstOrThrow({ where: { source: "mimic-iv" }, select: { id: true } });
    const context: BenchContext = { databaseUrl: server.url, prisma, workDir, bigPatientId: patient.id };
    if (selected("serializer")) {
      log("serializer…");
      rows.push(...(await benchSerializer(prisma, patient.id, workDir)));
    }
    // The HTTP benchmarks serve the production build: `npm run bench` builds it first.
    if (selected("events")) {
      log("events API and Chromium…");
      rows.push(...(await benchEventsApi(context)));
    }
    if (selected("relay")) {
      log("relay overhead…");
      rows.push(...(await benchRelay(context)));
    }
    // `--only relay-across`: just these rows.
    if (selected("relay") || only?.includes("relay-across")) {
      log("relay overhead across processes (a web process reading, a worker executing)…");
      rows.push(...(await benchRelayAcrossProcesses(context)));
    }
    if (selected("export")) {
      log("ratings export and saves…");
      rows.push(...(await benchExport(context)));
    }
    if (selected("load")) {
      log("load: 200 users browsing, streaming runs and saving ratings…");
      rows.push(...(await benchLoad(context)));
      log("load, scaled out: 2 web processes + 1 worker…");
      rows.push(...(await benchLoad(context, "2 web + 1 worker")));
    }
  } finally {
    await prisma.$disconnect();
  }
  if (values.scale) {
    log(`scale: ${scaleRows.toLocaleString("en-US")} lab and chart events each…`);
    rows.push(...(await benchScale({ serverUrl: server.url, workDir, rows: scaleRows, log })));
  }

  printTable(rows);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  const run = { date: new Date().toISOString(), durationSeconds: (Date.now() - started) / 1000, machine, rows };
  // A partial run (--only) would replace the whole table with a few rows: it is kept apart, by
  // name, when asked (--record), else only printed.
  let written = "partial: bench/results.json and docs/benchmarks.md left as they were";
  if (!only) {
    const kept = existsSync(path.resolve(RESULTS)) ? readResults().onRequest : undefined;
    await writeResults({ ...run, ...(kept ? { onRequest: kept } : {}) });
    written = "table written to bench/results.json and docs/benchmarks.md";
  } else if (record) {
    const results = readResults();
    const command = `bench/run.ts ${process.argv.slice(2).join(" ")}`;
    await writeResults({ ...results, onRequest: { ...results.onRequest, [record]: { ...run, command } } });
    written = `recorded as "${record}" in bench/results.json and docs/benchmarks.md`;
  }
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; ${written}`);
} finally {
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(0);
