// Fault: the disk under the database fills up, or turns read-only, during an import. The
// database's files live in a tablespace on a tmpfs mounted for the test (so the WAL, on the
// main disk, still works and PostgreSQL stays up, as it does when a data volume fills).
// Each time: a clear error naming the cause, nothing landed, no damage (amcheck finds none),
// and once the space is back the same import succeeds in full.
// Needs root and mount(8), as CI has; without them the test fails and says so.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateLabEvents, type LabEventsSummary } from "../../lib/demo/generate-lab-events";
import { importFiles } from "../../lib/ehr/import/import-files";
import { EMPTY, emptyRecordTables, tableCounts, withClient } from "../../lib/ehr/import/test-support";
import { startEmbeddedPostgres, type RunningPostgres } from "../../lib/db/embedded-postgres";
import { applyMigrations } from "../../lib/db/schema-engine";

let dir: string;
let mountPoint: string;
let mounted = false;
let postgres: RunningPostgres;
let url: string;
let cohort: string;
let generated: LabEventsSummary;

function mountCommand(args: string[]): void {
  try {
    execFileSync("mount", args, { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(
      `this fault test needs root and mount(8), as CI has: \`mount ${args.join(" ")}\` failed: ${stderr || error}`,
    );
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client(postgres.url.replace(/\/[^/]+$/, "/postgres"));
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function importCohort() {
  return importFiles({ databaseUrl: url, paths: [cohort] });
}

async function failure(work: Promise<unknown>): Promise<Error> {
  const outcome = await work.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, "the import should have failed").toBeInstanceOf(Error);
  return outcome as Error;
}

/** No landed rows, and amcheck finds every index and heap of the record tables intact. */
async function expectIntact(counts: typeof EMPTY) {
  expect(await tableCounts(url)).toEqual(counts);
  await withClient(url, async (client) => {
    const { rows } = await client.query(`
      SELECT bt_index_check(i.indexrelid, true) FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
      WHERE am.amname = 'btree' AND i.indrelid = ANY ('{event,patient,encounter,concept}'::regclass[])`);
    expect(rows.length).toBeGreaterThan(3);
    for (const table of ["event", "patient", "encounter", "concept"])
      expect((await client.query(`SELECT * FROM verify_heapam($1::regclass)`, [table])).rows).toEqual([]);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ehr-fault-disk-"));
  chmodSync(dir, 0o755);
  mountPoint = path.join(dir, "small-disk");
  mkdirSync(mountPoint);
  // 48 MB: room for the migrated, empty database, not for the import below.
  mountCommand(["-t", "tmpfs", "-o", "size=48m,mode=0700", "tmpfs", mountPoint]);
  mounted = true;
  postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "postgres" });
  // The cluster runs as the "postgres" user when we are root: the tablespace folder is theirs.
  const owner = execFileSync("stat", ["-c", "%u:%g", path.join(dir, "pg", "pg")], { encoding: "utf8" }).trim();
  const [uid, gid] = owner.split(":").map(Number);
  chownSync(mountPoint, uid, gid);
  await adminQuery(`CREATE TABLESPACE small_disk LOCATION '${mountPoint}'`);
  await adminQuery(`CREATE DATABASE faults TABLESPACE small_disk`);
  url = postgres.url.replace(/\/[^/]+$/, "/faults");
  await applyMigrations(url);
  await withClient(url, (client) => client.query("CREATE EXTENSION amcheck"));
  cohort = path.join(dir, "cohort");
  generated = await generateLabEvents(cohort, { rows: 200_000 });
}, 300_000);

afterAll(async () => {
  await postgres?.stop();
  if (mounted) execFileSync("umount", ["-l", mountPoint]);
  rmSync(dir, { recursive: true, force: true });
});

describe("the database's disk", () => {
  it("full: the import fails naming it, lands nothing; with space freed, the rerun lands everything", async () => {
    const error = await failure(importCohort());
    expect(error.message).toMatch(/no space left on device/i);
    await expectIntact(EMPTY);

    mountCommand(["-o", "remount,size=1g", mountPoint]);
    const summary = await importCohort();
    expect(summary.events.added).toBe(generated.rows + generated.patients);
    await expectIntact({ ...(await tableCounts(url)), event: generated.rows + generated.patients });
    // Two imports and two amcheck passes: a hang guard, not a timing (60 s ran out on a busy machine).
  }, 180_000);

  it("read-only: the import fails naming it, lands nothing; read-write again, the rerun lands everything", async () => {
    await emptyRecordTables(url);
    // A mount with files open for writing cannot be made read-only, so PostgreSQL is stopped
    // for the remount and started again on it (as after a volume came back read-only).
    await postgres.stop();
    mountCommand(["-o", "remount,ro", mountPoint]);
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(dir, "pg"),
      database: "postgres",
      port: postgres.port,
    });
    const error = await failure(importCohort());
    expect(error.message).toMatch(/read-only file system/i);
    mountCommand(["-o", "remount,rw", mountPoint]);
    await expectIntact(EMPTY);

    const summary = await importCohort();
    expect(summary.events.added).toBe(generated.rows + generated.patients);
  }, 180_000);
});
