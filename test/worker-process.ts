// A run worker as an operator runs it (`npm run worker`, scripts/worker.ts), for the scale-out
// tests and the benchmarks: its own process, in its own process group (as systemd runs a
// service), so a caller can signal the whole group; ready once it says it executes runs.
import { spawn, type ChildProcess } from "node:child_process";

export type WorkerProcess = {
  name: string;
  process: ChildProcess;
  exited: Promise<void>;
  /** The last of what the worker wrote to stderr (for failure messages). */
  stderr: () => string;
  /** SIGTERM to its process group, as systemd stops a service; resolves when it has exited. */
  stop: () => Promise<void>;
};

const STDERR_KEPT = 64 * 1024;

export async function startWorkerProcess(name: string, env: NodeJS.ProcessEnv): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], {
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
    env,
  });
  let stderr = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT);
      if (stderr.includes("executing runs")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker ${name} exited (${code}) before it was ready:\n${stderr}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await ready;
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    process: child,
    exited,
    stderr: () => stderr,
    stop: async () => {
      if (!running()) return;
      process.kill(-child.pid!, "SIGTERM");
      await exited;
    },
  };
}
