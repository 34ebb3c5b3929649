// Issue: load — with the production build, 200 concurrent users for a bounded time browsing
// patients (list, patient, event pages, trends), streaming runs from the fake backend (POST
// /api/runs, then its SSE stream read to the end) and saving ratings. No errors (any non-2xx
// counts), p50/p99 per kind and overall, throughput, and the app server's memory over time.
//
// A small client on Node's fetch (undici), not autocannon: autocannon replays fixed requests
// and times each response alone, while a run here is a chain (POST, then a stream whose URL
// comes from the POST's answer, read until its `done` event) and a rating save must carry
// the version the previous save of that user returned (a stale one is a 409).
import { readFileSync, readdirSync, readlinkSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { defaultReply, vllmStreamBody, type FakeReply } from "../lib/model/testing/fake-openai-server";
import { seedPatient } from "../lib/runs/test-support";
import { startWorkerProcess } from "../test/worker-process";
import { startAppServer, type AppServer, type BenchContext } from "./bench-context";
import type { BenchRow } from "./bench-types";
import { readSse } from "./relay-bench";

const USERS = 200;
const SECONDS = 30;
/** Tried in this proportion by every user, one after another, without think time. */
const MIX = { list: 15, patient: 15, events: 25, trends: 15, run: 10, rating: 20 } as const;
type Kind = keyof typeof MIX;
const KINDS = Object.keys(MIX) as Kind[];
/** A request (a run: until its stream's end) not answered by then counts as an error. */
const REQUEST_TIMEOUT_MS = 60_000;
/** RSS may grow while caches and JIT warm up, not after: end ≤ this × middle. */
const MAX_LATE_GROWTH = 1.25;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;
}

/** The pid listening on `port` (the `next start` process), found through /proc. */
function listeningPid(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; field 9 is the socket's inode.
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A") inodes.add(fields[9]);
    }
  }
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`));
        if (match && inodes.has(match[1])) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Math.round(Number(match[1]) / 1024) : NaN;
}

type User = {
  authorization: string;
  /** This user's finished runs and the version of their rating of each (0: none yet). */
  runs: Array<{ id: string; version: number }>;
  /** Where this user's paging through each patient's events has got to. */
  cursors: Map<string, string>;
};

async function createUsers(context: BenchContext): Promise<User[]> {
  const tag = crypto.randomUUID().slice(0, 8);
  const client = new pg.Client(context.databaseUrl);
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "user" (id, name, email, role, "emailVerified", "updatedAt")
       SELECT 'load-${tag}-' || g, 'load user ' || g, 'load' || g || '-${tag}@bench.local', 'clinician', true, now()
       FROM generate_series(1, $1::int) g`,
      [USERS],
    );
  } finally {
    await client.end();
  }
  process.env.DATABASE_URL = context.databaseUrl;
  const { createApiToken } = await import("../lib/auth/api-tokens");
  const users: User[] = [];
  for (let i = 1; i <= USERS; i++) {
    const { token } = await createApiToken({ userId: `load-${tag}-${i}`, name: `bench-load-${tag}` });
    users.push({ authorization: `Bearer ${token}`, runs: [], cursors: new Map() });
  }
  return users;
}

type Scene = { app: AppServer; patientIds: string[]; runPatientId: string; cutoff: string };

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(scene: Scene, user: User, route: string): Promise<T> {
  const response = await fetch(`${scene.app.baseUrl}${route}`, {
    headers: { authorization: user.authorization },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const body = await response.text();
  if (!response.ok) throw new HttpFailure(response.status, `GET ${route}: ${response.status} ${body.slice(0, 200)}`);
  return JSON.parse(body) as T;
}

async function streamRun(scene: Scene, user: User): Promise<void> {
  const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const created = await fetch(`${scene.app.baseUrl}/api/runs`, {
    signal,
    method: "POST",
    headers: { authorization: user.authorization, "content-type": "application/json" },
    body: JSON.stringify({
      patientId: scene.runPatientId,
      taskKey: "labevents",
      cutoff: scene.cutoff,
      backendId: "ehr-r1",
    }),
  });
  if (created.status !== 201) throw new HttpFailure(created.status, `POST /api/runs: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const stream = await fetch(`${scene.app.baseUrl}/api/runs/${id}/stream`, {
    headers: { authorization: user.authorization },
    signal,
  });
  if (!stream.ok) throw new HttpFailure(stream.status, `GET /api/runs/${id}/stream: ${await stream.text()}`);
  let end = "";
  await readSse(stream, (event) => {
    if (event === "done" || event === "error") end = event;
    return end !== "";
  });
  // A run that failed, or a stream cut before its end, is an error like a 5xx.
  if (end !== "done") throw new HttpFailure(0, `run ${id}: the stream ended with "${end || "nothing"}"`);
  user.runs.push({ id, version: 0 });
}

async function saveRating(scene: Scene, user: User, n: number): Promise<void> {
  const run = user.runs[n % user.runs.length];
  const response = await fetch(`${scene.app.baseUrl}/api/runs/${run.id}/ratings/me`, {
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    method: "PUT",
    headers: { authorization: user.authorization, "content-type": "application/json" },
    body: JSON.stringify({
      kind: "agreement",
      version: run.version,
      items: [{ rank: 1, value: n % 3 }],
      overall: n % 3,
      confidence: 1 + (n % 5),
      comment: `load ${n}`,
      timeSpentMs: n * 1000,
    }),
  });
  const body = await response.text();
  if (!response.ok) throw new HttpFailure(response.status, `PUT ratings/me: ${response.status} ${body.slice(0, 200)}`);
  run.version = (JSON.parse(body) as { rating: { version: number } }).rating.version;
}

async function act(scene: Scene, user: User, kind: Kind, n: number): Promise<void> {
  const patientId = scene.patientIds[n % scene.patientIds.length];
  switch (kind) {
    case "list":
      await getJson(scene, user, `/api/patients?limit=50`);
      return;
    case "patient":
      await getJson(scene, user, `/api/patients/${patientId}`);
      return;
    case "events": {
      // Paging on through the patient's record, as a reviewer scrolling the timeline does.
      const cursor = user.cursors.get(patientId);
      const page = await getJson<{ nextCursor: string | null }>(
        scene,
        user,
        `/api/patients/${patientId}/events?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      if (page.nextCursor) user.cursors.set(patientId, page.nextCursor);
      else user.cursors.delete(patientId);
      return;
    }
    case "trends":
      await getJson(scene, user, `/api/patients/${patientId}/trends?points=200`);
      return;
    case "run":
      await streamRun(scene, user);
      return;
    case "rating":
      await saveRating(scene, user, n);
      return;
  }
}

/** The kinds in MIX's proportions, shuffled per user so users do not move in lockstep. */
function schedule(userIndex: number): Kind[] {
  const kinds = KINDS.flatMap((kind) => Array<Kind>(MIX[kind]).fill(kind));
  let seed = userIndex + 1;
  for (let i = kinds.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  return kinds;
}

type Sample = { kind: Kind; ms: number; ok: boolean; status: number; message?: string };

async function labCutoff(app: AppServer, patientId: string): Promise<string> {
  const response = await fetch(`${app.baseUrl}/api/tasks?patientId=${patientId}`, {
    headers: { authorization: app.authorization },
  });
  const { admissions } = (await response.json()) as { admissions: Array<{ cutoffs: Record<string, string | null> }> };
  const cutoff = admissions.map((a) => a.cutoffs.labevents).find((c): c is string => !!c);
  if (!cutoff) throw new Error(`patient ${patientId} has no "labevents" cut-off`);
  return cutoff;
}

function kindRow(label: string, samples: Sample[], seconds: number, layout: Layout): BenchRow {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const failed = samples.filter((s) => !s.ok);
  const byStatus = new Map<number, number>();
  for (const s of failed) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
  const statuses = [...byStatus].map(([status, count]) => `${count}× ${status || "network/stream"}`).join(", ");
  return {
    hotPath: `load, ${USERS} users${layout === "1 process" ? "" : ` (${layout})`}: ${label} p99`,
    ours: Math.round(p99),
    limit: Math.round(p50),
    unit: "ms (peer: its p50)",
    ratio: p50 / p99,
    goal: "0 errors; p50/p99 reported",
    met: failed.length === 0,
    notes:
      `${samples.length.toLocaleString("en-US")} in ${seconds.toFixed(1)} s (${(samples.length / seconds).toFixed(1)}/s); ` +
      `p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${sorted.at(-1)?.toFixed(0)} ms; errors ${failed.length}` +
      (statuses ? ` (${statuses}; first: ${failed[0].message})` : ""),
  };
}

/**
 * Where the load goes: "1 process", the one-process default (`npm start`: web and an in-process
 * worker), or "2 web + 1 worker", the scaled-out layout (issue 15): two web processes (WORKER=0)
 * sharing the users half and half, and runs executed by one `npm run worker` process, all on the
 * same database. Same users, mix and duration; no goal on 2 cores (the processes share them).
 */
export type Layout = "1 process" | "2 web + 1 worker";

/** One SSE event per write, 10 ms apart: a run streams for about a second, as a short answer does. */
const loadModel = {
  script: (request: Parameters<typeof defaultReply>[0]) => {
    const reply = defaultReply(request) as Extract<FakeReply, { kind: "stream" }>;
    return { kind: "raw" as const, delayMs: 10, chunks: vllmStreamBody(reply).split(/(?<=\n\n)/) };
  },
};

async function startLayout(context: BenchContext, layout: Layout) {
  if (layout === "1 process") {
    const app = await startAppServer(context, { model: loadModel });
    return { apps: [app], stop: () => app.stop() };
  }
  const apps = [
    await startAppServer(context, { model: loadModel, env: { WORKER: "0" } }),
    await startAppServer(context, { model: loadModel, env: { WORKER: "0" } }),
  ];
  const worker = await startWorkerProcess("bench-load-worker", {
    ...process.env,
    DATABASE_URL: context.databaseUrl,
    DATA_DIR: path.join(context.workDir, "load-worker-data"),
    EHR_R1_BASE_URL: apps[0].model.url,
    EHR_R1_MODEL: "BlueZeros/EHR-R1-8B",
    EHR_R1_CONCURRENCY: "200",
  });
  return {
    apps,
    stop: async () => {
      await worker.stop();
      for (const app of apps) await app.stop();
    },
  };
}

export async function benchLoad(context: BenchContext, layout: Layout = "1 process"): Promise<BenchRow[]> {
  const { syncCatalog } = await import("../lib/runs/sync-catalog");
  await syncCatalog(context.databaseUrl);
  const { apps, stop } = await startLayout(context, layout);
  try {
    const { patientId: runPatientId } = await seedPatient(context.prisma, `1998${Date.now() % 1_000_000}`);
    const patients = await context.prisma.patient.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const cutoff = await labCutoff(apps[0], runPatientId);
    // Each user stays on one web process, as a load balancer's sticky sessions would keep them.
    const scenes: Scene[] = apps.map((app) => ({ app, patientIds: patients.map((p) => p.id), runPatientId, cutoff }));
    const sceneOf = (userIndex: number) => scenes[userIndex % scenes.length];
    log(`load (${layout}): creating ${USERS} users with API tokens…`);
    const users = await createUsers(context);
    const pids = apps.map((app) => listeningPid(Number(new URL(app.baseUrl).port)));
    const pid = pids[0];
    // Warm-up (not measured): every route once on each web process, and a finished run per user to rate.
    for (const scene of scenes)
      for (const kind of KINDS.filter((k) => k !== "rating" && k !== "run")) await act(scene, users[0], kind, 0);
    // Every user needs a finished run to rate: 25 users at a time (200 runs started at once
    // exhausted the web processes' pools in the scaled-out layout, before anything was
    // measured), and one that fails on a busy machine is tried again, at most 3 times.
    for (let from = 0; from < users.length; from += 25) {
      await Promise.all(
        users.slice(from, from + 25).map(async (user, i) => {
          for (let attempt = 1; ; attempt++) {
            try {
              return await streamRun(sceneOf(from + i), user);
            } catch (error) {
              if (attempt >= 3) throw error;
            }
          }
        }),
      );
    }

    const rss: Array<{ at: number; mb: number }> = [];
    const started = performance.now();
    const sampler = setInterval(() => rss.push({ at: performance.now() - started, mb: rssMb(pid) }), 1000);
    rss.push({ at: 0, mb: rssMb(pid) });
    log(`load (${layout}): ${USERS} users for ${SECONDS} s (server pids ${pids.join(", ")}, RSS ${rss[0].mb} MB)…`);
    const samples: Sample[] = [];
    const deadline = started + SECONDS * 1000;
    await Promise.all(
      users.map(async (user, userIndex) => {
        const kinds = schedule(userIndex);
        for (let n = 0; performance.now() < deadline; n++) {
          const kind = kinds[n % kinds.length];
          const begin = performance.now();
          try {
            await act(sceneOf(userIndex), user, kind, userIndex + n);
            samples.push({ kind, ms: performance.now() - begin, ok: true, status: 200 });
          } catch (error) {
            const status = error instanceof HttpFailure ? error.status : 0;
            samples.push({ kind, ms: performance.now() - begin, ok: false, status, message: String(error) });
          }
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    rss.push({ at: seconds * 1000, mb: rssMb(pid) });

    const middle = rss[Math.floor(rss.length / 2)];
    const end = rss[rss.length - 1];
    const peak = Math.max(...rss.map((r) => r.mb));
    const rows = [
      kindRow("every request", samples, seconds, layout),
      ...KINDS.map((kind) =>
        kindRow(
          {
            list: "patient list",
            patient: "patient",
            events: "events page",
            trends: "trends",
            run: "run (POST + stream to done)",
            rating: "rating save",
          }[kind],
          samples.filter((s) => s.kind === kind),
          seconds,
          layout,
        ),
      ),
    ];
    if (layout === "1 process") {
      rows.push({
        hotPath: `load, ${USERS} users: app server RSS at the end`,
        ours: end.mb,
        limit: middle.mb,
        unit: "MB (peer: RSS half way)",
        ratio: middle.mb / end.mb,
        goal: `memory stable: end ≤ ${MAX_LATE_GROWTH}x half way`,
        met: end.mb <= middle.mb * MAX_LATE_GROWTH,
        notes:
          `next start RSS: ${rss[0].mb} MB at the start (after warm-up), ${middle.mb} MB half way, ${end.mb} MB at ` +
          `the end, peak ${peak} MB (sampled every second)`,
      });
    }
    rows[0].notes +=
      `; mix ${KINDS.map((k) => `${k} ${MIX[k]}%`).join(", ")}` +
      (layout === "1 process"
        ? ""
        : `; users split between the 2 web processes (WORKER=0), runs executed by 1 worker process; ` +
          `web RSS at the end: ${pids.map((p) => `${rssMb(p)} MB`).join(", ")}`);
    return rows;
  } finally {
    await stop();
  }
}
