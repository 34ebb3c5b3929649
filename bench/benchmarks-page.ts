// docs/benchmarks.md's table, from bench/results.json: written by `npm run bench` after a full
// run (bench/run.ts), or from the committed results by `npm run docs:bench`; a test fails when
// the committed page and results.json differ (scripts/docs/docs-pages.test.ts).
import { readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { writeGenerated } from "../scripts/docs/generated-section";
import type { BenchRow } from "./bench-types";

export const BENCHMARKS_PAGE = "docs/benchmarks.md";
export const RESULTS = "bench/results.json";

export type BenchResults = {
  date: string;
  durationSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string };
  rows: BenchRow[];
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

export function benchmarksSection(results: BenchResults): string {
  const { machine } = results;
  const header = TABLE_HEADER;
  const rows = results.rows.map(tableCells);
  return [
    `Latest run (${results.date.slice(0, 10)}, ${Math.round(results.durationSeconds)} s after the build): ` +
      `${machine.cpus} cores (${machine.cpuModel}), ${machine.memoryGb} GiB, Node ${machine.node}, ${machine.platform}.`,
    "",
    ...[header, header.map(() => "---"), ...rows].map((line) => `| ${line.map(cell).join(" | ")} |`),
  ].join("\n");
}

export function readResults(): BenchResults {
  return JSON.parse(readFileSync(path.resolve(RESULTS), "utf8")) as BenchResults;
}

export async function writeBenchmarksPage(results: BenchResults = readResults()): Promise<void> {
  await writeGenerated(BENCHMARKS_PAGE, benchmarksSection(results));
}

// `npm run docs:bench`: the page from the committed results, without running anything.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  await writeBenchmarksPage();
  console.log(`${BENCHMARKS_PAGE}: written from ${RESULTS}`);
}
