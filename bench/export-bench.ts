// Issue: export of 100,000 rating rows as tidy CSV, JSON Lines and wide CSV (GET
// /api/export/ratings.csv|.jsonl) beside PostgreSQL's COPY (SELECT …) TO STDOUT CSV of the
// same tidy rows from the same joins; and rating
// saves (PUT /api/runs/:id/ratings/me) from 200 concurrent users: p99, p50 and errors.
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { AGREE_PARTLY_DISAGREE, CONFIDENCE_SCALE, type ScaleLevel } from "../lib/review/queue-config";
import { startAppServer, type AppServer, type BenchContext } from "./bench-context";
import { throughputRow, type BenchRow } from "./bench-types";

/** 250 runs × 100 raters = 25,000 agreement ratings; 2 items + overall + confidence = 4 rows each. */
const RUNS = 250;
const RATERS = 100;
const SAVE_USERS = 200;
const SAVE_SECONDS = 15;
const BASELINE_LABEL = "Baseline (not EHR-R1)";

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN;

async function withClient<T>(databaseUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A patient, RUNS finished runs of two items, one agreement queue over them, RATERS raters rating every item. */
async function generateRatings(context: BenchContext): Promise<{ queueId: string; ratings: number }> {
  const tag = crypto.randomUUID().slice(0, 8);
  const queueId = crypto.randomUUID();
  return withClient(context.databaseUrl, async (client) => {
    await client.query("BEGIN");
    const {
      rows: [patient],
    } = await client.query<{ id: string }>(
      `INSERT INTO patient (id, source, "externalId", gender, "anchorAge") VALUES (gen_random_uuid()::text, 'mimic-iv', $1, 'F', 70) RETURNING id`,
      [`bench-export-${tag}`],
    );
    await client.query(
      `INSERT INTO "user" (id, name, email, role, "emailVerified", "updatedAt")
       SELECT 'bx-${tag}-' || g, 'rater ' || g, 'rater' || g || '-${tag}@bench.local', 'clinician', true, now()
       FROM generate_series(1, $1::int) g`,
      [RATERS],
    );
    await client.query(
      `INSERT INTO prediction_run (id, "patientId", "taskKey", "backendId", "modelName", cutoff, status, reasoning, answer)
       SELECT 'bx-${tag}-run-' || lpad(g::text, 5, '0'), $1, 'labevents', 'baseline', 'baseline (not EHR-R1)',
              timestamp '2150-01-01' + g * interval '1 hour', 'done', '', 'Creatinine' || chr(10) || 'Potassium'
       FROM generate_series(1, $2::int) g`,
      [patient.id, RUNS],
    );
    await client.query(
      `INSERT INTO prediction_item (id, "runId", rank, label)
       SELECT gen_random_uuid()::text, r.id, k, CASE k WHEN 1 THEN 'Creatinine' ELSE 'Potassium' END
       FROM prediction_run r CROSS JOIN generate_series(1, 2) k WHERE r.id LIKE 'bx-${tag}-run-%'`,
    );
    await client.query(
      `INSERT INTO queue (id, name, kind, rubric, "reviewersPerItem") VALUES ($1, $2, 'agreement', '{}', $3)`,
      [queueId, `bench export ${tag}`, RATERS],
    );
    await client.query(
      `INSERT INTO queue_item (id, "queueId", "patientId", "taskKey", cutoff, "backendId", "runId", status, position)
       SELECT gen_random_uuid()::text, $1, r."patientId", r."taskKey", r.cutoff, r."backendId", r.id, 'complete',
              row_number() OVER (ORDER BY r.id) - 1
       FROM prediction_run r WHERE r.id LIKE 'bx-${tag}-run-%'`,
      [queueId],
    );
    const inserted = await client.query(
      `INSERT INTO rating (id, "runId", "userId", kind, "queueItemId", status, overall, confidence, items, comment,
                           "timeSpentMs", version, "updatedAt", "submittedAt")
       SELECT gen_random_uuid()::text, qi."runId", u.id, 'agreement', qi.id, 'submitted',
              (qi.position + n) % 3, 1 + (qi.position + n) % 5,
              jsonb_build_array(jsonb_build_object('rank', 1, 'value', n % 3),
                                jsonb_build_object('rank', 2, 'value', (qi.position + 2 * n) % 3)),
              CASE WHEN n % 10 = 0 THEN 'fine, see "ward" notes' ELSE '' END,
              30000 + n * 10, 1, now(), now()
       FROM queue_item qi
       CROSS JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "user" WHERE id LIKE 'bx-${tag}-%') u
       WHERE qi."queueId" = $1`,
      [queueId],
    );
    await client.query("COMMIT");
    await client.query("ANALYZE rating; ANALYZE queue_item; ANALYZE prediction_run; ANALYZE prediction_item");
    return { queueId, ratings: inserted.rowCount ?? 0 };
  });
}

const scaleValues = (levels: readonly ScaleLevel[]) =>
  levels.map((level) => `(${level.value}, '${level.label.replaceAll("'", "''")}')`).join(", ");
const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The tidy export's columns and rows (agreement ratings of one queue) in one SELECT, in the export's order. */
function tidySelect(queueId: string): string {
  return `
    SELECT q.id AS queue_id, q.name AS queue_name, qi.id AS item_id, qi.position AS item_position, r.kind,
           r."runId" AS run_id, qi."runBId" AS run_b_id, left(r."presentedOrder", 1) AS presented_left,
           pr."patientId" AS patient_id, p.source AS patient_source, p."externalId" AS patient_external_id,
           pr."taskKey" AS task, ${iso("pr.cutoff")} AS cutoff,
           CASE WHEN b.kind = 'baseline' THEN '${BASELINE_LABEL}' ELSE b.name END AS backend, pr."modelName" AS model,
           NULL AS backend_b, NULL AS model_b, r."userId" AS rater_id, u.role AS rater_role,
           c.criterion, c.criterion_label, c.value, c.value_label, NULL AS note, NULLIF(r.comment, '') AS comment,
           r.status, r.version, ${iso('r."createdAt"')} AS created_at, ${iso('r."updatedAt"')} AS updated_at,
           ${iso('r."submittedAt"')} AS submitted_at, r."timeSpentMs" AS time_spent_ms
    FROM rating r
    JOIN queue_item qi ON qi.id = r."queueItemId"
    JOIN queue q ON q.id = qi."queueId"
    JOIN prediction_run pr ON pr.id = r."runId"
    JOIN patient p ON p.id = pr."patientId"
    JOIN backend b ON b.id = pr."backendId"
    JOIN "user" u ON u.id = r."userId"
    CROSS JOIN LATERAL (
      SELECT 1 AS part, e.ord AS ord, 'item:' || (e.item->>'rank') AS criterion, coalesce(pi.label, '') AS criterion_label,
             e.item->>'value' AS value, agree.label AS value_label
      FROM jsonb_array_elements(r.items) WITH ORDINALITY AS e(item, ord)
      LEFT JOIN prediction_item pi ON pi."runId" = r."runId" AND pi.rank = (e.item->>'rank')::int
      LEFT JOIN (VALUES ${scaleValues(AGREE_PARTLY_DISAGREE)}) AS agree(value, label)
             ON agree.value = (e.item->>'value')::int
      UNION ALL
      SELECT 2, m.ord, 'missing_item:' || m.ord, 'Missing item', m.text, m.text
      FROM jsonb_array_elements_text(r."missingItems") WITH ORDINALITY AS m(text, ord)
      UNION ALL
      SELECT 3, 0, 'overall', 'Overall agreement', r.overall::text,
             (SELECT label FROM (VALUES ${scaleValues(AGREE_PARTLY_DISAGREE)}) AS s(value, label) WHERE s.value = r.overall)
      WHERE r.overall IS NOT NULL
      UNION ALL
      SELECT 4, 0, 'confidence', 'Confidence', r.confidence::text,
             (SELECT label FROM (VALUES ${scaleValues(CONFIDENCE_SCALE)}) AS s(value, label) WHERE s.value = r.confidence)
      WHERE r.confidence IS NOT NULL
    ) c
    WHERE qi."queueId" = '${queueId.replaceAll("'", "''")}' AND r.status = 'submitted'
    ORDER BY r."runId", r.id, c.part, c.ord`;
}

type Download = { seconds: number; bytes: number; rows: number };

function countNewlines(chunk: Uint8Array): number {
  let count = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) count += 1;
  return count;
}

async function downloadExport(server: AppServer, path: string): Promise<Download> {
  const started = performance.now();
  const response = await fetch(`${server.baseUrl}${path}`, {
    headers: { authorization: server.authorization },
  });
  if (!response.ok || !response.body) throw new Error(`export: HTTP ${response.status} ${await response.text()}`);
  let bytes = 0;
  let newlines = 0;
  const reader = response.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    newlines += countNewlines(chunk.value);
  }
  // CSV has a header line; JSON Lines has none.
  return {
    seconds: (performance.now() - started) / 1000,
    bytes,
    rows: path.includes(".csv") ? newlines - 1 : newlines,
  };
}

async function copyExport(databaseUrl: string, queueId: string): Promise<Download> {
  return withClient(databaseUrl, async (client) => {
    const started = performance.now();
    const stream = client.query(copyTo(`COPY (${tidySelect(queueId)}) TO STDOUT WITH (FORMAT csv, HEADER true)`));
    let bytes = 0;
    let newlines = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.byteLength;
      newlines += countNewlines(chunk);
    }
    return { seconds: (performance.now() - started) / 1000, bytes, rows: newlines - 1 };
  });
}

/** The same export as tidy CSV, tidy JSON Lines and wide CSV, each beside COPY of the tidy rows. */
const VARIANTS = [
  { name: "CSV", path: "ratings.csv?" },
  { name: "JSON Lines", path: "ratings.jsonl?" },
  { name: "wide CSV", path: "ratings.csv?layout=wide&" },
] as const;

async function benchExportVariants(context: BenchContext, server: AppServer): Promise<BenchRow[]> {
  log(`export: generating ${(RUNS * RATERS).toLocaleString("en-US")} ratings…`);
  const { queueId, ratings } = await generateRatings(context);
  const ours: Download[][] = VARIANTS.map(() => []);
  const copies: Download[] = [];
  for (let round = 0; round < 3; round++) {
    for (const [i, variant] of VARIANTS.entries()) {
      ours[i].push(await downloadExport(server, `/api/export/${variant.path}queue=${queueId}`));
    }
    copies.push(await copyExport(context.databaseUrl, queueId));
  }
  const copySeconds = median(copies.map((run) => run.seconds));
  const tidyRows = copies[0].rows;
  if (copies.some((run) => run.rows !== tidyRows)) throw new Error("export: the COPY row count changed between rounds");
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  return VARIANTS.map((variant, i) => {
    const runs = ours[i];
    const seconds = median(runs.map((run) => run.seconds));
    if (runs.some((run) => run.rows !== runs[0].rows)) throw new Error(`export ${variant.name}: row count changed`);
    if (variant.name !== "wide CSV" && runs[0].rows !== tidyRows) {
      throw new Error(`export ${variant.name}: ${runs[0].rows} rows, COPY ${tidyRows}`);
    }
    // The wide layout pivots the same tidy rows into fewer, longer lines: counted as the tidy rows it covers.
    return throughputRow({
      hotPath: `export ${tidyRows.toLocaleString("en-US")} rating rows as ${variant.name}`,
      ours: Math.round(tidyRows / seconds),
      limit: Math.round(tidyRows / copySeconds),
      unit: "rows/s (limit: COPY (SELECT …) TO STDOUT CSV)",
      goal: "≥ 0.5x COPY",
      minRatio: 0.5,
      notes:
        `${ratings.toLocaleString("en-US")} ratings → ${runs[0].rows.toLocaleString("en-US")} lines, ${mb(runs[0].bytes)} MB ` +
        `over HTTP in ${seconds.toFixed(2)} s (median of 3); COPY ${tidyRows.toLocaleString("en-US")} rows, ` +
        `${mb(copies[0].bytes)} MB in ${copySeconds.toFixed(2)} s`,
    });
  });
}

type SaveUser = { authorization: string; version: number };

async function createSaveUsers(context: BenchContext): Promise<SaveUser[]> {
  const { upsertLocalUser } = await import("../lib/auth/create-user");
  process.env.DATABASE_URL = context.databaseUrl;
  const { createApiToken } = await import("../lib/auth/api-tokens");
  const tag = crypto.randomUUID().slice(0, 8);
  const users: SaveUser[] = [];
  // upsertLocalUser hashes a password (scrypt): a few at a time.
  for (let start = 0; start < SAVE_USERS; start += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, SAVE_USERS - start) }, async (_, i) => {
        const { id } = await upsertLocalUser(context.prisma, {
          email: `saver${start + i}-${tag}@bench.local`,
          roles: ["clinician"],
          password: `bench-password-${tag}`,
        });
        const { token } = await createApiToken({ userId: id, name: `bench-save-${tag}` });
        return { authorization: `Bearer ${token}`, version: 0 };
      }),
    );
    users.push(...batch);
  }
  return users;
}

async function createSaveRun(context: BenchContext): Promise<string> {
  return withClient(context.databaseUrl, async (client) => {
    const runId = crypto.randomUUID();
    await client.query(
      `INSERT INTO prediction_run (id, "patientId", "taskKey", "backendId", "modelName", cutoff, status, reasoning, answer)
       VALUES ($1, $2, 'labevents', 'baseline', 'baseline (not EHR-R1)', timestamp '2150-01-02 08:00', 'done', '', '')`,
      [runId, context.bigPatientId],
    );
    await client.query(
      `INSERT INTO prediction_item (id, "runId", rank, label) VALUES
       (gen_random_uuid()::text, $1, 1, 'Creatinine'), (gen_random_uuid()::text, $1, 2, 'Potassium')`,
      [runId],
    );
    return runId;
  });
}

type SaveOutcome = { ok: boolean; status: number; version?: number };

async function saveOnce(server: AppServer, runId: string, user: SaveUser, n: number): Promise<SaveOutcome> {
  try {
    const response = await fetch(`${server.baseUrl}/api/runs/${runId}/ratings/me`, {
      method: "PUT",
      headers: { authorization: user.authorization, "content-type": "application/json" },
      body: JSON.stringify({
        kind: "agreement",
        version: user.version,
        items: [
          { rank: 1, value: n % 3 },
          { rank: 2, value: (n + 1) % 3 },
        ],
        overall: n % 3,
        confidence: 1 + (n % 5),
        comment: `autosave ${n}`,
        timeSpentMs: n * 1000,
      }),
    });
    const body = (await response.json().catch(() => null)) as { rating?: { version: number } } | null;
    return { ok: response.ok, status: response.status, version: body?.rating?.version };
  } catch {
    return { ok: false, status: 0 };
  }
}

async function benchSaves(context: BenchContext, server: AppServer): Promise<BenchRow> {
  log(`saves: creating ${SAVE_USERS} users with API tokens…`);
  const users = await createSaveUsers(context);
  const runId = await createSaveRun(context);
  // Warm-up: every user's first save creates their rating (not measured).
  const warm = await Promise.all(users.map((user, i) => saveOnce(server, runId, user, i)));
  warm.forEach((outcome, i) => {
    if (outcome.version !== undefined) users[i].version = outcome.version;
  });
  log(`saves: ${SAVE_USERS} users saving for ${SAVE_SECONDS} s…`);
  const latencies: number[] = [];
  const errors = new Map<number, number>();
  const deadline = performance.now() + SAVE_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    users.map(async (user, userIndex) => {
      for (let n = userIndex + 1; performance.now() < deadline; n++) {
        const begin = performance.now();
        const outcome = await saveOnce(server, runId, user, n);
        latencies.push(performance.now() - begin);
        if (outcome.ok && outcome.version !== undefined) user.version = outcome.version;
        else errors.set(outcome.status, (errors.get(outcome.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const p99 = percentile(sorted, 99);
  const errorCount = [...errors.values()].reduce((sum, count) => sum + count, 0);
  const byStatus = [...errors.entries()].map(([status, count]) => `${count}× ${status || "network"}`).join(", ");
  return {
    hotPath: `rating saves, ${SAVE_USERS} concurrent users: p99`,
    ours: Math.round(p99),
    limit: Math.round(p50),
    unit: "ms (peer: median save)",
    ratio: p50 / p99,
    goal: "0 errors; p99 reported",
    met: errorCount === 0,
    notes:
      `${sorted.length.toLocaleString("en-US")} saves in ${seconds.toFixed(1)} s (${Math.round(sorted.length / seconds)}/s); ` +
      `p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${sorted[sorted.length - 1]?.toFixed(0)} ms; ` +
      `errors ${errorCount}${byStatus ? ` (${byStatus})` : ""}`,
  };
}

export async function benchExport(context: BenchContext): Promise<BenchRow[]> {
  const { syncCatalog } = await import("../lib/runs/sync-catalog");
  await syncCatalog(context.databaseUrl);
  const server = await startAppServer(context);
  try {
    const exported = await benchExportVariants(context, server);
    const saves = await benchSaves(context, server);
    return [...exported, saves];
  } finally {
    await server.stop();
  }
}
