// The app pointed at a mimic-code database (MIMIC_DATABASE_URL): MIMIC-IV's demo in
// mimic-code's own typed tables, built as mimic-code builds them (no source_row), on a
// PostgreSQL of its own that the app may only read. The app (the production build, in demo
// mode for its accounts) registers the subjects at start-up; a subject's timeline shows their
// events, read in from the typed tables on first view. This spec starts its own app and
// PostgreSQL (the suite's shared servers have no mimic-code database).
import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, createReadStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { startEmbeddedPostgres, type RunningPostgres } from "../lib/db/embedded-postgres";
import {
  constraintSql,
  copySql,
  createTableSql,
  indexSql,
  MIMIC_CODE_TABLES,
  schemaName,
} from "../lib/ehr/mimic-code/schema";
import { SAMPLES_DIR } from "../playwright.config";
import { demoUser, expect, test } from "./fixtures";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 7;
const BASE = `http://localhost:${PORT}`;
const SUBJECT = "10014354"; // the demo's largest patient

let dir: string;
let postgres: RunningPostgres;
let app: ChildProcess | undefined;

async function loadMimicCode(url: string, reader: { name: string; password: string }) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const loaded = MIMIC_CODE_TABLES.filter((table) =>
      existsSync(path.join(SAMPLES_DIR, "mimic-iv-demo", table.module, `${table.name}.csv.gz`)),
    );
    for (const table of loaded) {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schemaName(table.module)}`);
      await client.query(createTableSql(table, { sourceRow: false }));
      const file = path.join(SAMPLES_DIR, "mimic-iv-demo", table.module, `${table.name}.csv.gz`);
      await pipeline(createReadStream(file), createGunzip(), client.query(copyFrom(copySql(table))));
    }
    for (const table of loaded) {
      for (const sql of constraintSql(table)) await client.query(sql);
      for (const sql of indexSql(table, table.name, { subjectIndex: true, sourceRow: false })) await client.query(sql);
    }
    await client.query(`CREATE ROLE ${reader.name} LOGIN PASSWORD '${reader.password}'`);
    for (const schema of new Set(loaded.map((table) => schemaName(table.module)))) {
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${reader.name}`);
      await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${reader.name}`);
    }
  } finally {
    await client.end();
  }
}

test.describe("a mimic-code database", () => {
  test.describe.configure({ timeout: 240_000 });

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    dir = mkdtempSync(path.join(tmpdir(), "ehr-e2e-mimic-code-"));
    chmodSync(dir, 0o755);
    postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "app", quiet: true });
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE mimic`);
    await admin.end();
    const reader = { name: "mimic_reader", password: "mimic-reader-password" };
    const mimicUrl = new URL(postgres.url.replace(/\/app$/, "/mimic"));
    await loadMimicCode(mimicUrl.toString(), reader);
    mimicUrl.username = reader.name;
    mimicUrl.password = reader.password;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(PORT),
      DATA_DIR: path.join(dir, "app"),
      DATABASE_URL: postgres.url,
      MIMIC_DATABASE_URL: mimicUrl.toString(),
      DEMO: "1",
      AUTH_SIGN_IN_RATE_LIMIT: "10000",
    };
    for (const key of Object.keys(env)) if (key.startsWith("EHR_R1_")) delete env[key];
    app = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], {
      stdio: "ignore",
      env,
    });
    await expect
      .poll(async () => (await fetch(`${BASE}/api/health`).catch(() => undefined))?.status, { timeout: 120_000 })
      .toBe(200);
  });

  test.afterAll(async () => {
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((resolve) => app!.once("exit", resolve));
    }
    await postgres?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("its patients are listed and a patient's timeline shows their events", async ({ page }) => {
    const user = demoUser("clinician");
    const signIn = await page.request.post(`${BASE}/api/auth/sign-in/email`, {
      data: { email: user.email, password: user.password },
      headers: { origin: BASE },
    });
    expect(signIn.ok()).toBeTruthy();
    // Registration runs in the background of the start: the subject appears once it is done.
    let patient: { id: string; externalId: string } | undefined;
    await expect
      .poll(
        async () => {
          const response = await page.request.get(`${BASE}/api/patients?q=${SUBJECT}`);
          const { patients } = (await response.json()) as { patients: { id: string; externalId: string }[] };
          patient = patients.find((candidate) => candidate.externalId === SUBJECT);
          return patient !== undefined;
        },
        { timeout: 150_000, intervals: [2_000] },
      )
      .toBe(true);
    await page.goto(`${BASE}/patients/${patient!.id}`);
    const viewer = page.getByTestId("record-viewer");
    await expect(viewer.getByRole("heading", { level: 1 })).toContainText(SUBJECT, { timeout: 60_000 });
    await expect(page.getByTestId("table-count")).toHaveText(/^[\d,]+ events?$/, { timeout: 60_000 });
    const count = Number((await page.getByTestId("table-count").textContent())!.replace(/\D/g, ""));
    expect(count).toBeGreaterThan(0);
    await expect(page.getByTestId("event-row").first()).toBeVisible();
    // The events API agrees: the subject's rows are in the app now.
    const events = await page.request.get(`${BASE}/api/patients/${patient!.id}/events?limit=1`);
    expect(((await events.json()) as { total: number }).total).toBeGreaterThan(20_000);
  });
});
