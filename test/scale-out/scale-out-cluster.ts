// The tested scale-out layout on a throwaway PostgreSQL: web processes (`npm run serve` with
// WORKER=0, the production build) and run workers (`npm run worker`), each a real process, all
// on one database, and a fake vLLM server in the test process. Short lease and poll settings
// keep the failure tests quick. Workers run in their own process group (test/worker-process.ts),
// so a test can send a signal to the whole group, as systemd does.
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "../../lib/db/embedded-postgres";
import { createPrismaClient, type PrismaClient } from "../../lib/db/prisma-client";
import { applyMigrations } from "../../lib/db/schema-engine";
import {
  FAKE_MODEL,
  defaultReply,
  startFakeOpenAiServer,
  vllmStreamBody,
  type FakeOpenAiServer,
  type FakeStreamReply,
} from "../../lib/model/testing/fake-openai-server";
import { seedConcepts, seedPatient } from "../../lib/runs/test-support";
import { ensureProductionBuild } from "../faults/built-app";
import { serveBuiltApp, type ServedApp } from "../served-app";
import { startWorkerProcess, type WorkerProcess } from "../worker-process";

export type { WorkerProcess };

export type Cluster = {
  dir: string;
  postgres: RunningPostgres;
  prisma: PrismaClient;
  model: FakeOpenAiServer;
  env: NodeJS.ProcessEnv;
  authorization: string;
  patientIds: string[];
  /** The pause between the model's events from now on (the batch test streams faster). */
  setReplyDelay: (ms: number) => void;
  startWeb: () => Promise<ServedApp>;
  startWorker: (name: string) => Promise<WorkerProcess>;
  stop: () => Promise<void>;
};

/** The pause between the model's events while a test kills and restarts processes mid-run. */
const SLOW_REPLY_DELAY_MS = 25;

/**
 * A reasoning reply sent two characters an event, `delayMs` apart: at 25 ms a run streams for
 * about 3 s, long enough to kill a process in the middle of it.
 */
export function slowReply(request: Parameters<typeof defaultReply>[0], delayMs = SLOW_REPLY_DELAY_MS) {
  const reply = defaultReply(request) as FakeStreamReply;
  return {
    kind: "raw" as const,
    delayMs,
    chunks: vllmStreamBody({ ...reply, deltaSize: 2 }).split(/(?<=\n\n)/),
  };
}

/** The reply the fake model sent (every run of the cluster asks the same task). */
export function sentReply(model: FakeOpenAiServer): FakeStreamReply {
  return defaultReply(model.requests.at(-1)!) as FakeStreamReply;
}

function withApplicationName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("application_name", name);
  return parsed.toString();
}

export async function startCluster(options: { patients: number }): Promise<Cluster> {
  ensureProductionBuild();
  const dir = mkdtempSync(path.join(tmpdir(), "ehr-scale-out-"));
  chmodSync(dir, 0o755);
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), database: "scale_out" });
  await applyMigrations(postgres.url);
  const prisma = createPrismaClient(postgres.url, { max: 4 });
  await seedConcepts(prisma);
  // Seeded side by side, as many at once as the pool has connections: 200 one by one took most
  // of a minute.
  const seeded = await Promise.all(
    Array.from({ length: options.patients }, (_, i) => seedPatient(prisma, String(93_000_000 + i))),
  );
  const patientIds = seeded.map((patient) => patient.patientId);
  const { upsertLocalUser } = await import("../../lib/auth/create-user");
  const { id: userId } = await upsertLocalUser(prisma, {
    email: "admin@scale-out.local",
    roles: ["admin"],
    password: "scale-out-pw-1",
  });
  process.env.DATABASE_URL = postgres.url;
  const { createApiToken } = await import("../../lib/auth/api-tokens");
  const authorization = `Bearer ${(await createApiToken({ userId, name: "scale-out" })).token}`;

  let replyDelayMs = SLOW_REPLY_DELAY_MS;
  const model = await startFakeOpenAiServer({ script: (request) => slowReply(request, replyDelayMs) });
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO: "0", NEXT_TELEMETRY_DISABLED: "1" };
  for (const key of Object.keys(env)) if (key.startsWith("EHR_R1_")) delete env[key];
  Object.assign(env, {
    DATABASE_URL: postgres.url,
    EHR_R1_BASE_URL: model.url,
    EHR_R1_MODEL: FAKE_MODEL,
    EHR_R1_CONCURRENCY: "8",
    // Two workers share a burst of 8 runs, 4 each: without a limit the warm worker took all 8
    // from one started a moment before, and the tests need runs on both.
    EHR_R1_WORKER_RUNS: "4",
    EHR_R1_LEASE_CHECK_MS: "300",
    EHR_R1_WORKER_POLL_MS: "300",
    EHR_R1_RUN_ATTEMPTS: "3",
  });

  const webs: ServedApp[] = [];
  const workers: WorkerProcess[] = [];
  let webCount = 0;

  const startWeb = async () => {
    webCount += 1;
    const app = await serveBuiltApp({
      ...env,
      WORKER: "0",
      DATA_DIR: path.join(dir, `web-${webCount}`),
      DATABASE_URL: withApplicationName(postgres.url, `web-${webCount}`),
    });
    webs.push(app);
    return app;
  };

  const startWorker = async (name: string): Promise<WorkerProcess> => {
    const worker = await startWorkerProcess(name, {
      ...env,
      DATA_DIR: path.join(dir, name),
      DATABASE_URL: withApplicationName(postgres.url, name),
    });
    workers.push(worker);
    return worker;
  };

  return {
    dir,
    postgres,
    prisma,
    model,
    env,
    authorization,
    patientIds,
    setReplyDelay: (ms) => {
      replyDelayMs = ms;
    },
    startWeb,
    startWorker,
    stop: async () => {
      for (const worker of workers) {
        if (worker.process.exitCode === null && worker.process.signalCode === null) {
          process.kill(-worker.process.pid!, "SIGKILL");
          await worker.exited;
        }
      }
      for (const web of webs) await web.stop();
      await prisma.$disconnect();
      const { db } = await import("../../lib/db");
      await db.$disconnect().catch(() => undefined);
      await model.close();
      await postgres.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type SseEvent = { id: string; event: string; data: string };

/** Reads a run's SSE stream to its end. */
export async function readStream(baseUrl: string, runId: string, authorization: string): Promise<SseEvent[]> {
  const response = await fetch(`${baseUrl}/api/runs/${runId}/stream`, {
    headers: { authorization, accept: "text/event-stream" },
  });
  if (!response.ok) throw new Error(`stream of ${runId}: HTTP ${response.status}`);
  const text = await response.text();
  return text
    .split("\n\n")
    .filter((block) => block.includes("event: "))
    .map((block) => {
      const fields = Object.fromEntries(
        block.split("\n").map((line) => {
          const at = line.indexOf(": ");
          return [line.slice(0, at), line.slice(at + 2)];
        }),
      );
      return { id: fields.id, event: fields.event, data: fields.data };
    });
}

/** Starts a run through a web process's API. */
export async function startRun(baseUrl: string, cluster: Cluster, patientId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/runs`, {
    method: "POST",
    headers: { authorization: cluster.authorization, "content-type": "application/json" },
    body: JSON.stringify({ patientId, taskKey: "labevents", cutoff: "2150-01-02T06:00:00Z", backendId: "ehr-r1" }),
  });
  const body = (await response.json()) as { id?: string };
  if (response.status !== 201 || !body.id)
    throw new Error(`POST /api/runs: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Waits until `probe` gives a value (polling every 100 ms, at most `seconds`). */
export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, seconds = 60) {
  for (let i = 0; i < seconds * 10; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Which worker (its application_name) holds the lease of each streaming run. */
export async function leaseHolders(prisma: PrismaClient): Promise<Map<string, string>> {
  const rows = await prisma.$queryRaw<{ id: string; holder: string }[]>`
    SELECT r.id, a.application_name AS holder
    FROM prediction_run r
    JOIN pg_locks l ON l.locktype = 'advisory' AND l.classid = ${0x52_55_4e_53}::oid AND l.objsubid = 2
      AND l.objid::bigint = (hashtext(r.id)::bigint & 4294967295) AND l.granted
    JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE r.status = 'streaming'`;
  return new Map(rows.map((row) => [row.id, row.holder]));
}
