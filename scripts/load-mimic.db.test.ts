// The load-mimic command as an operator runs it: a separate process on DATABASE_URL, printing
// the disk estimate and each table, and saying so when a re-run finds everything in place.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/database";
import { samplePath } from "../test/ehr-samples";

let db: TestDatabase;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "load-mimic-cli-"));
  for (const table of ["patients", "admissions", "d_labitems"]) {
    cpSync(samplePath("mimic-iv-demo", `hosp/${table}.csv.gz`), path.join(dir, `hosp/${table}.csv.gz`));
  }
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/load-mimic.ts", ...args], {
    env: { ...process.env, DATABASE_URL: db.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stdout, stderr })));
}

it("loads the tables, printing the disk estimate and each table; a re-run skips them", async () => {
  const first = await run([dir]);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stderr).toMatch(
    /^3 tables: 3 to load, 0 already in place\ndisk: about [\d.]+ KB needed \(estimate from file sizes\), [\d.]+ [KMGT]?B free in \//,
  );
  expect(first.stderr).toMatch(/ {2}hosp\.patients +100 rows +[\d.]+ s \([\d,]+ rows\/s\) +[\d.]+ KB \(\d+ B\/row\)/);
  expect(first.stdout).toMatch(/^Loaded 3 tables \(1,997 rows\) in [\d.]+ s; 0 already in place;/);

  const again = await run([dir, "--json"]);
  expect(again.code, again.stderr).toBe(0);
  const summary = JSON.parse(again.stdout);
  expect(summary.tables.map((table: { status: string }) => table.status)).toEqual(["skipped", "skipped", "skipped"]);
}, 120_000);

it("exits 1 with the file and line of a bad row", async () => {
  const bad = mkdtempSync(path.join(tmpdir(), "load-mimic-bad-"));
  try {
    writeFileSync(
      path.join(bad, "d_items.csv"),
      "itemid,label,abbreviation,linksto,category,unitname,param_type,lownormalvalue,highnormalvalue\nx,a,b,c,d,e,f,,\n",
    );
    const result = await run([bad]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `error: ${path.join(bad, "d_items.csv")}:2: invalid input syntax for type integer: "x"; column itemid`,
    );
  } finally {
    rmSync(bad, { recursive: true, force: true });
  }
}, 120_000);
