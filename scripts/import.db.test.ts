// The import command as an operator runs it: a separate process on DATABASE_URL.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/database";
import { generateDemoCohort } from "../lib/demo/generate-cohort";
import { generateLabEvents } from "../lib/demo/generate-lab-events";
import { importFiles } from "../lib/ehr/import/import-files";
import { JOB_LOCK_SPACE, ORPHANED_JOB_ERROR } from "../lib/ehr/import/import-job";
import { EMPTY, emptyRecordTables, tableCounts, withClient } from "../lib/ehr/import/test-support";

let db: TestDatabase;
let dir: string;

function startImport(args: string[]) {
  // Its own process group, so the kill reaches npx, tsx and node alike.
  const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/import.ts", ...args], {
    detached: true,
    env: { ...process.env, DATABASE_URL: db.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/** Import jobs' session locks held now in this test's database: one per import under way (import-job.ts). */
async function jobLocksHeld(url: string): Promise<number> {
  const result = await withClient(url, (c) =>
    c.query(
      `SELECT count(*)::int AS held FROM pg_locks
       WHERE locktype = 'advisory' AND classid = $1::bigint::oid AND objsubid = 2
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [JOB_LOCK_SPACE],
    ),
  );
  return result.rows[0].held;
}

async function until(condition: () => boolean, child: ChildProcess, timeoutMs: number, stderr: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (child.exitCode !== null) throw new Error(`the import ended before the condition was met:\n${stderr()}`);
    if (Date.now() > deadline) throw new Error(`timed out:\n${stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), "ehr-import-cli-"));
});
afterAll(async () => {
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await emptyRecordTables(db.url);
});

describe("npm run import", () => {
  it("prints machine output with --json and lands the demo cohort", async () => {
    const root = path.join(dir, "cohort");
    await generateDemoCohort(root, { patients: 4 });
    const run = startImport([root, "--json", "--patients", "90000001,90000002"]);
    expect(await run.exited, run.output().stderr).toBe(0);
    const summary = JSON.parse(run.output().stdout);
    expect(summary).toMatchObject({
      format: "mimic-iv",
      dryRun: false,
      patients: { added: 2, skipped: 0 },
      rejectedCount: 0,
    });
    expect((await tableCounts(db.url)).patient).toBe(2);
  });

  it("exits non-zero with a one-line reason on a fatal error", async () => {
    const root = path.join(dir, "unknown");
    mkdirSync(path.join(root, "hosp"), { recursive: true });
    writeFileSync(path.join(root, "hosp/labevnts.csv"), "labevent_id\n1\n");
    const run = startImport([root]);
    expect(await run.exited, run.output().stderr).toBe(1);
    expect(run.output().stderr).toMatch(/^error: .*labevnts\.csv: unknown table "labevnts".*\n$/m);
  });

  it("killed with SIGKILL mid-import, lands nothing; run again, lands everything", async () => {
    const root = path.join(dir, "large");
    const generated = await generateLabEvents(root, { rows: 200_000 });
    const run = startImport([root]);
    // Non-TTY progress: a line a second once rows are flowing, i.e. mid-transaction.
    const stderr = () => run.output().stderr;
    await until(() => /import: .*% [\d,]*[1-9][\d,]* rows/.test(stderr()), run.child, 60_000, stderr);
    expect(await jobLocksHeld(db.url)).toBe(1);
    process.kill(-run.child.pid!, "SIGKILL");
    await run.exited;

    expect(await tableCounts(db.url)).toEqual(EMPTY);
    const job = await withClient(db.url, (c) => c.query(`SELECT status FROM import_job`));
    expect(job.rows).toEqual([{ status: "running" }]);
    // PostgreSQL ends the killed process's session (and frees its job's lock) when that backend
    // next meets the closed socket: a statement under way when the process died runs on till
    // then. The next import sweeps what has been let go, so it starts once the lock is gone.
    await expect.poll(() => jobLocksHeld(db.url), { timeout: 60_000 }).toBe(0);

    const summary = await importFiles({ databaseUrl: db.url, paths: [root] });
    expect(summary.events.added).toBe(generated.rows + generated.patients);
    expect((await tableCounts(db.url)).event).toBe(generated.rows + generated.patients);
    // The next import found the killed one's job orphaned and marked it failed.
    const jobs = await withClient(db.url, (c) =>
      c.query(`SELECT status, error, "finishedAt" IS NOT NULL AS finished FROM import_job ORDER BY "startedAt"`),
    );
    expect(jobs.rows).toEqual([
      { status: "failed", error: ORPHANED_JOB_ERROR, finished: true },
      { status: "done", error: null, finished: true },
    ]);
  });
});
