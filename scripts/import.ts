// npm run import -- <file|dir>... [--format mimic-iv|fhir] [--dry-run] [--json] [--patients 1,2,3]
//                                  [--max-record-bytes N]
// Imports MIMIC-IV tables or FHIR bundles all or nothing (see lib/ehr/import/import-files.ts).
// Progress goes to stderr: a bar on a terminal, a line a second otherwise (logs, CI).
import { parseArgs } from "node:util";
import { connectDatabase } from "../lib/db/connect-database";
import { applyMigrations } from "../lib/db/schema-engine";
import { type ImportProgress, type ImportSummary, importFiles } from "../lib/ehr/import/import-files";
import { CliError, runCli } from "./cli";

const USAGE =
  "usage: npm run import -- <file|dir>... [--format mimic-iv|fhir] [--dry-run] [--json] [--patients 1,2,3] [--max-record-bytes N]";

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        patients: { type: "string" },
        "max-record-bytes": { type: "string" },
      },
    });
  } catch (error) {
    throw new CliError(`${(error as Error).message}; ${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new CliError(`no files given; ${USAGE}`);
  if (values.format !== undefined && values.format !== "mimic-iv" && values.format !== "fhir") {
    throw new CliError(`--format must be mimic-iv or fhir, not ${values.format}`);
  }
  const maxRecordBytes = values["max-record-bytes"] === undefined ? undefined : Number(values["max-record-bytes"]);
  if (maxRecordBytes !== undefined && !(Number.isInteger(maxRecordBytes) && maxRecordBytes > 0)) {
    throw new CliError("--max-record-bytes must be a positive whole number");
  }
  const patients = values.patients
    ?.split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    paths: positionals,
    format: values.format as "mimic-iv" | "fhir" | undefined,
    dryRun: values["dry-run"],
    patients: patients && patients.length > 0 ? patients : undefined,
    maxRecordBytes,
  };
}

const number = (n: number) => n.toLocaleString("en-US");

function duration(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

function progressText(p: ImportProgress): string {
  if (p.phase === "writing") return `writing to the database… ${number(p.rows)} rows read`;
  if (p.phase === "done") return `done: ${number(p.rows)} rows`;
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
  const eta = p.etaSeconds === null ? "" : `, ETA ${duration(p.etaSeconds)}`;
  return `${(fraction * 100).toFixed(0).padStart(3)}% ${number(p.rows)} rows, ${number(p.rowsPerSecond)} rows/s${eta}`;
}

/** A redrawn bar on a terminal; otherwise a plain line at most once a second. */
function progressPrinter() {
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  let drawn = false;
  return {
    update(p: ImportProgress) {
      if (tty) {
        const reading = p.phase === "reading";
        const fraction = !reading ? 1 : p.bytesTotal > 0 ? Math.min(1, p.bytesRead / p.bytesTotal) : 0;
        const width = 24;
        const filled = Math.round(fraction * width);
        const bar = `[${"#".repeat(filled)}${".".repeat(width - filled)}]`;
        process.stderr.write(`\r\x1b[2K${bar} ${progressText(p)}`);
        drawn = true;
      } else if (p.phase !== "reading" || (p.rows > 0 && Date.now() - lastLine >= 1000)) {
        lastLine = Date.now();
        process.stderr.write(`import: ${progressText(p)}\n`);
      }
    },
    end() {
      if (drawn) process.stderr.write("\n");
      drawn = false;
    },
  };
}

function report(summary: ImportSummary): string {
  const seconds = summary.durationMs / 1000;
  const lines = [
    summary.dryRun
      ? `Dry run (${summary.format}): nothing was written. It would have added:`
      : `Imported ${summary.format} in ${seconds.toFixed(1)} s (job ${summary.jobId}, ${number(Math.round(summary.rows / Math.max(seconds, 0.001)))} rows/s):`,
  ];
  for (const kind of ["patients", "encounters", "events", "concepts"] as const) {
    const { added, skipped } = summary[kind];
    lines.push(
      `  ${kind.padEnd(11)} ${number(added).padStart(10)} added, ${number(skipped)} skipped (already present or duplicate)`,
    );
  }
  const skipped = Object.entries(summary.skipped);
  if (skipped.length > 0) {
    lines.push("  left out:");
    for (const [what, count] of skipped) lines.push(`    ${what}: ${number(count)}`);
  }
  if (summary.rejectedCount === 0) {
    lines.push("  rejected: none");
  } else {
    lines.push(`  rejected: ${number(summary.rejectedCount)} rows`);
    for (const r of summary.rejected) lines.push(`    ${r.file}:${r.line}: ${r.reason}`);
    if (summary.rejectedCount > summary.rejected.length) {
      lines.push(`    … and ${number(summary.rejectedCount - summary.rejected.length)} more (not listed)`);
    }
  }
  return lines.join("\n");
}

await runCli(async ({ json }) => {
  const options = parse(process.argv.slice(2));
  const database = await connectDatabase();
  const progress = progressPrinter();
  try {
    await applyMigrations(database.url);
    const summary = await importFiles({
      databaseUrl: database.url,
      ...options,
      onProgress: (p) => progress.update(p),
    });
    return json ? summary : report(summary);
  } finally {
    progress.end();
    await database.release();
  }
});
