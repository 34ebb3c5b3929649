// docs/benchmarks.md's tables, from bench/results.json: written by `npm run bench` after a full
// run (bench/run.ts) or a partial run it records by name (`--record`), or from the committed
// results by `npm run docs:bench`; a test fails when the committed page and results.json differ
// (scripts/docs/docs-pages.test.ts).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { writeGenerated } from "../scripts/docs/generated-section";
import type { BenchRow } from "./bench-types";

export const BENCHMARKS_PAGE = "docs/benchmarks.md";
export const RESULTS = "bench/results.json";

/** One run's table and where it ran. */
export type BenchRun = {
  date: string;
  durationSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  rows: BenchRow[];
};

export type BenchResults = BenchRun & {
  /**
   * Partial runs kept by name (`bench/run.ts --only … --record NAME`): the runs on request that
   * no full run makes (issue 17's scale row, a 4M-row import), each with its command.
   */
  onRequest?: Record<string, BenchRun & { command: string }>;
};

const cell = (text: string) => text.replace(/\|/g, "\\|");

/** The table's columns, printed by the bench and written to the page. */
export const TABLE_HEADER = ["hot path", "ours", "limit / peer", "unit", "ratio", "goal", "met"];

export function tableCells(row: BenchRow): string[] {
  return [
    row.hotPath,
    row.ours.toLocaleString("en-US"),
    row.limit.toLocaleString("en-US"),
    row.unit,
    row.ratio.toFixed(2),
    row.goal,
    row.met ? "yes" : "NO",
  ];
}

function runLine(run: BenchRun, after: string): string {
  const { machine } = run;
  return (
    `(${run.date.slice(0, 10)}, ${Math.round(run.durationSeconds)} s${after}): ` +
    `${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GiB, Node ${machine.node}, ${machine.platform}.`
  );
}

function table(rows: BenchRow[]): string[] {
  return [TABLE_HEADER, TABLE_HEADER.map(() => "---"), ...rows.map(tableCells)].map(
    (line) => `| ${line.map(cell).join(" | ")} |`,
  );
}

export function benchmarksSection(results: BenchResults): string {
  const onRequest = Object.entries(results.onRequest ?? {}).flatMap(([name, run]) => [
    "",
    `### On request: ${name}`,
    "",
    `\`${run.command}\` ${runLine(run, "")}`,
    "",
    ...table(run.rows),
    "",
    ...run.rows.filter((row) => row.notes).map((row) => `- ${row.hotPath}: ${row.notes}`),
  ]);
  return [`Latest run ${runLine(results, " after the build")}`, "", ...table(results.rows), ...onRequest].join("\n");
}

export function readResults(): BenchResults {
  return JSON.parse(readFileSync(path.resolve(RESULTS), "utf8")) as BenchResults;
}

export async function writeBenchmarksPage(results: BenchResults = readResults()): Promise<void> {
  await writeGenerated(BENCHMARKS_PAGE, benchmarksSection(results));
}

/** bench/results.json and the page's table from it. */
export async function writeResults(results: BenchResults): Promise<void> {
  writeFileSync(path.resolve(RESULTS), JSON.stringify(results, null, 2) + "\n");
  await writeBenchmarksPage(results);
}

// `npm run docs:bench`: the page from the committed results, without running anything.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await writeBenchmarksPage();
  console.log(`${BENCHMARKS_PAGE}: written from ${RESULTS}`);
}
