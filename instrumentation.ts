// Next's start-up hook, in the server process: the in-process run worker of the one-process
// default (`npm start`), unless WORKER=0 makes this a web process that only serves (runs then
// execute in `npm run worker` processes). With a worker here, scripts/start.ts sets
// NEXT_MANUAL_SIG_HANDLE so that SIGTERM reaches this handler instead of Next's immediate exit:
// the runs executing here are handed back to the queue before the process leaves.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { runsWorkerHere } = await import("./lib/runs/run-settings");
  const worker = runsWorkerHere() ? await (await import("./lib/runs/run-worker")).startRunWorker() : undefined;
  // A mimic-code database (MIMIC_DATABASE_URL, or mimiciv_* schemas in the app's own): its
  // patients are registered once, in the background (a full MIMIC-IV scan takes minutes).
  void import("./lib/ehr/mimic-code/register-mimic-code")
    .then(({ registerConfiguredMimicCode }) => registerConfiguredMimicCode())
    .catch((error) => console.error("mimic-code registration failed:", error));
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) return;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await worker?.stop();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}
