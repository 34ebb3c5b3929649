// Jobs whose importing process died: swept to "failed" by the next import or listing, while
// the job of an import still running (its connection alive) is left alone however old it is.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/database";
import { FAIL_ORPHANED_JOBS_SQL, failOrphanedJobs, ORPHANED_JOB_ERROR, startJob } from "./import-job";
import { withClient } from "./test-support";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function statusOf(id: string) {
  const result = await withClient(db.url, (c) => c.query(`SELECT status, error FROM import_job WHERE id = $1`, [id]));
  return result.rows[0];
}

describe("orphaned import jobs", () => {
  it("marks failed the job whose connection is gone, never the one still running", async () => {
    const owner = new pg.Client({ connectionString: db.url });
    await owner.connect();
    const job = { format: "mimic-iv", sources: [], dryRun: false };
    const alive = await startJob(owner, job);
    // An old-looking job of a live import: age alone must not fail it.
    await owner.query(`UPDATE import_job SET "startedAt" = now() - interval '3 days' WHERE id = $1`, [alive]);

    const dying = new pg.Client({ connectionString: db.url });
    await dying.connect();
    const orphan = await startJob(dying, job);
    await dying.end();

    // The server ends the closed session asynchronously: wait until its lock is free.
    let swept = 0;
    for (let attempt = 0; attempt < 50 && swept === 0; attempt++) {
      swept = await withClient(db.url, failOrphanedJobs);
      if (swept === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(swept).toBe(1);
    expect(await statusOf(orphan)).toEqual({ status: "failed", error: ORPHANED_JOB_ERROR });
    expect(await statusOf(alive)).toEqual({ status: "running", error: null });

    // The sweep took the live job's lock for nothing: the owner still holds it.
    expect(await withClient(db.url, failOrphanedJobs)).toBe(0);
    await owner.end();
  });

  it("sweeps only the job it is asked about when given one (a poll of one job)", async () => {
    const job = { format: "mimic-iv", sources: [], dryRun: false };
    const orphans: string[] = [];
    for (let i = 0; i < 2; i++) {
      const dying = new pg.Client({ connectionString: db.url });
      await dying.connect();
      orphans.push(await startJob(dying, job));
      await dying.end();
    }
    const [polled, other] = orphans;
    let swept = 0;
    for (let attempt = 0; attempt < 50 && swept === 0; attempt++) {
      swept = (await withClient(db.url, (c) => c.query(FAIL_ORPHANED_JOBS_SQL, [polled]))).rowCount ?? 0;
      if (swept === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(swept).toBe(1);
    expect(await statusOf(polled)).toEqual({ status: "failed", error: ORPHANED_JOB_ERROR });
    expect(await statusOf(other)).toEqual({ status: "running", error: null });
    // The unscoped sweep (an import's start, the job list) takes the other one too.
    await withClient(db.url, failOrphanedJobs);
    expect(await statusOf(other)).toEqual({ status: "failed", error: ORPHANED_JOB_ERROR });
  });
});
