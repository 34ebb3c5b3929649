// npm run worker: a process that executes prediction runs and serves nothing. Takes run jobs
// off the queue in PostgreSQL (DATABASE_URL, or the embedded cluster of a running `npm start`
// in DATA_DIR), as many as its backends' slots allow across all workers (EHR_R1_CONCURRENCY),
// and on SIGTERM or SIGINT hands the runs it executes back to the queue and exits.
import { connectDatabase } from "../lib/db/connect-database";
import { handleShutdownSignals } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/schema-engine";
import { syncCatalog } from "../lib/runs/sync-catalog";

/** The worker's stop() waits up to 7 s for its runs to be handed back; this is the last word. */
const EXIT_DEADLINE_MS = 9_000;

const log = (message: string) => process.stderr.write(`[worker] ${message}\n`);

const database = await connectDatabase();
process.env.DATABASE_URL = database.url;
let stopping = false;
let worker: { stop: () => Promise<void> } | undefined;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  const started = Date.now();
  // Gone within 10 s whatever happens (systemd's patience is usually longer, a deploy's not):
  // a run not handed back by then goes back on the queue at another worker's lease check.
  setTimeout(() => {
    log(`stopping took over ${EXIT_DEADLINE_MS} ms: leaving`);
    process.exit(code);
  }, EXIT_DEADLINE_MS).unref();
  await worker?.stop();
  const { db } = await import("../lib/db");
  await db.$disconnect().catch(() => undefined);
  await database.release();
  log(`stopped in ${Date.now() - started} ms`);
  process.exit(code);
}
// Runs are handed back before the process (and an embedded cluster it started) goes.
handleShutdownSignals(() => void stop(0));

try {
  const applied = await applyMigrations(database.url);
  if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
  log(await syncCatalog(database.url));
  // Imported once DATABASE_URL is set: lib/db reads it on first use.
  const { startRunWorker } = await import("../lib/runs/run-worker");
  worker = await startRunWorker(database.url);
  if (stopping) await worker.stop();
  else log(`executing runs (pid ${process.pid})`);
} catch (error) {
  log(`failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
