// npm run load-mimic -- <release dir|table files>... [--json]
// Loads MIMIC-IV into mimic-code's schemas (mimiciv_hosp.*, mimiciv_icu.*, mimiciv_ed.*,
// mimiciv_note.*), one table at a time, each whole or not at all (lib/ehr/mimic-code/). Prints
// the disk estimate before the first table and each table's rows, seconds and bytes as it
// lands; a re-run skips the tables already in place, so an interrupted load resumes.
import { parseArgs } from "node:util";
import { connectDatabase } from "../lib/db/connect-database";
import { applyMigrations } from "../lib/db/schema-engine";
import { formatBytes } from "../lib/ehr/mimic-code/estimate-disk";
import { type DiskPlan, type LoadedTable, loadMimicCode } from "../lib/ehr/mimic-code/load-mimic-code";
import { CliError, runCli } from "./cli";

const USAGE = "usage: npm run load-mimic -- <release dir|table files>... [--json]";

const number = (n: number) => n.toLocaleString("en-US");

function planText(plan: DiskPlan, files: { table: string; status: "load" | "skip" }[]): string {
  const skipped = files.filter((file) => file.status === "skip").length;
  const free = plan.free.known
    ? `${formatBytes(plan.free.bytes)} free in ${plan.free.where}`
    : `free space unknown: ${plan.free.why}`;
  return (
    `${files.length} tables: ${files.length - skipped} to load, ${skipped} already in place\n` +
    `disk: about ${formatBytes(plan.neededBytes)} needed (estimate from file sizes), ${free}`
  );
}

function tableText(table: LoadedTable): string {
  const name = `${table.module}.${table.table}`.padEnd(24);
  if (table.status === "skipped") return `  ${name} already in place (${number(table.rows)} rows), skipped`;
  const rate = number(Math.round(table.rows / Math.max(table.seconds, 0.001)));
  return (
    `  ${name} ${number(table.rows).padStart(12)} rows ${table.seconds.toFixed(1).padStart(7)} s ` +
    `(${rate} rows/s) ${formatBytes(table.tableBytes).padStart(9)} (${Math.round(table.tableBytes / Math.max(table.rows, 1))} B/row)`
  );
}

await runCli(async ({ json }) => {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ allowPositionals: true, options: { json: { type: "boolean", default: false } } }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}; ${USAGE}`);
  }
  if (positionals.length === 0) throw new CliError(`no files given; ${USAGE}`);
  const database = await connectDatabase();
  // Human output goes to stderr as it happens (a load takes long); --json prints the summary.
  const say = (line: string) => (json ? undefined : process.stderr.write(line + "\n"));
  try {
    await applyMigrations(database.url);
    const summary = await loadMimicCode({
      databaseUrl: database.url,
      paths: positionals,
      onPlan: (plan, files) => say(planText(plan, files)),
      onTable: (table) => say(tableText(table)),
    });
    if (json) return summary;
    const loaded = summary.tables.filter((table) => table.status === "loaded");
    const rows = loaded.reduce((sum, table) => sum + table.rows, 0);
    const bytes = summary.tables.reduce((sum, table) => sum + table.tableBytes, 0);
    const ignored =
      summary.ignored.length > 0 ? `\nnot loaded (the app does not read them): ${summary.ignored.join(", ")}` : "";
    return (
      `Loaded ${loaded.length} tables (${number(rows)} rows) in ${summary.seconds.toFixed(1)} s; ` +
      `${summary.tables.length - loaded.length} already in place; ${formatBytes(bytes)} in mimic-code's schemas${ignored}`
    );
  } finally {
    await database.release();
  }
});
