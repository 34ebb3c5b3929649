// npm run bench: every benchmark named in the issues, on generated data, in one throwaway
// PostgreSQL; prints one table (our figure, its physical limit or peer measured in the same
// run, the ratio, the goal) and writes it to bench/results.json to compare over time.
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { createPrismaClient } from "../lib/db/prisma-client";
import { applyMigrations } from "../lib/db/schema-engine";
import type { BenchContext } from "./bench-context";
import type { BenchRow } from "./bench-types";
import { benchEventsApi } from "./events-api-bench";
import { benchExport } from "./export-bench";
import { benchImport } from "./import-bench";
import { benchRelay } from "./relay-bench";
import { benchSerializer } from "./serializer-bench";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "1000000" }, only: { type: "string" } },
});
const rowsToImport = Number(values.rows);
// `--only events` (comma-separated: serializer, events, relay, export): the import and those
// benchmarks only, to iterate on one hot path.
const only = values.only?.split(",").map((name) => name.trim());
const runs = (name: string) => !only || only.includes(name);

function printTable(rows: BenchRow[]) {
  const header = ["hot path", "ours", "limit / peer", "unit", "ratio", "goal", "met"];
  const lines = rows.map((row) => [
    row.hotPath,
    row.ours.toLocaleString("en-US"),
    row.limit.toLocaleString("en-US"),
    row.unit,
    row.ratio.toFixed(2),
    row.goal,
    row.met ? "yes" : "NO",
  ]);
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
  rows.push(...imported.rows);

  const prisma = createPrismaClient(server.url, { max: 4 });
  try {
    const patient = await prisma.patient.findFirstOrThrow({ where: { source: "mimic-iv" }, select: { id: true } });
    const context: BenchContext = { databaseUrl: server.url, prisma, workDir, bigPatientId: patient.id };
    if (runs("serializer")) {
      log("serializer…");
      rows.push(...(await benchSerializer(prisma, patient.id)));
    }
    // The HTTP benchmarks serve the production build: `npm run bench` builds it first.
    if (runs("events")) {
      log("events API and Chromium…");
      rows.push(...(await benchEventsApi(context)));
    }
    if (runs("relay")) {
      log("relay overhead…");
      rows.push(...(await benchRelay(context)));
    }
    if (runs("export")) {
      log("ratings export and saves…");
      rows.push(...(await benchExport(context)));
    }
  } finally {
    await prisma.$disconnect();
  }

  printTable(rows);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  writeFileSync(
    path.resolve("bench/results.json"),
    JSON.stringify(
      { date: new Date().toISOString(), durationSeconds: (Date.now() - started) / 1000, machine, rows },
      null,
      2,
    ) + "\n",
  );
  log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s; table written to bench/results.json`);
} finally {
  await server.stop();
  rmSync(workDir, { recursive: true, force: true });
}
process.exit(0);
