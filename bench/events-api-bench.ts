// Issue 7: for a 50,000-event patient, the events API beside the same SQL run directly plus
// JSON.stringify (goal ≤ 1.5x), and in headless Chromium the time to the timeline's first
// paint and the frame times while scrolling the event table and zooming the timeline.
import { chromium, type Page } from "@playwright/test";
import pg from "pg";
import { startAppServer, type BenchContext } from "./bench-context";
import type { BenchRow } from "./bench-types";

const PAGE_SIZE = 5000;
const PASSES = 5;
const FRAME_GOAL_MS = 16.7;
/** Chromium coarsens page timestamps to 100 µs without cross-origin isolation. */
const TIMESTAMP_RESOLUTION_MS = 0.1;
const FIRST_PAINT_GOAL_MS = 1000;
const SOFTWARE_NOTE = "headless Chromium without a GPU (--disable-gpu) draws in software";

// The columns and order listEvents selects (lib/ehr/queries/list-events.ts), without detail.
const PAGE_SQL = `
  SELECT "id", "time", "endTime", "category", "sourceTable", "codeSystem", "code", "label", "valueNum",
         "unit", left("valueText", 300) AS "valueText",
         coalesce(length("valueText") > 300, false) AS "textTruncated",
         "refLow", "refHigh", "flag", "encounterId"
  FROM "event"
  WHERE "patientId" = $1 AND ($2::timestamp IS NULL OR ("time", "id") > ($2::timestamp, $3::bigint))
  ORDER BY "time", "id"
  LIMIT $4`;
const COUNT_SQL = `SELECT count(*)::int AS "count" FROM "event" WHERE "patientId" = $1`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * One full pass over the patient's events through the API. Timed until the client holds each
 * page's JSON text (inflated): the peer stops at JSON text too. Reading the text back into
 * objects (to follow nextCursor) is the client's work, timed apart and not charged to the API.
 */
async function fetchAllThroughApi(
  baseUrl: string,
  authorization: string,
  patientId: string,
  encoding?: "identity",
): Promise<{ seen: number; apiMs: number; parseMs: number }> {
  let cursor: string | null = null;
  let seen = 0;
  let apiMs = 0;
  let parseMs = 0;
  do {
    const url = new URL(`/api/patients/${encodeURIComponent(patientId)}/events`, baseUrl);
    url.searchParams.set("limit", String(PAGE_SIZE));
    if (cursor) url.searchParams.set("cursor", cursor);
    const headers: Record<string, string> = { authorization };
    if (encoding) headers["accept-encoding"] = encoding;
    const requested = performance.now();
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`events API: ${response.status} ${await response.text()}`);
    const text = await response.text();
    const received = performance.now();
    const body = JSON.parse(text) as { events: unknown[]; nextCursor: string | null };
    parseMs += performance.now() - received;
    apiMs += received - requested;
    seen += body.events.length;
    cursor = body.nextCursor;
  } while (cursor);
  return { seen, apiMs, parseMs };
}

/** The same pages straight from PostgreSQL, each turned into JSON text. */
async function fetchAllDirect(pool: pg.Pool, patientId: string): Promise<number> {
  let after: { time: unknown; id: unknown } | null = null;
  let seen = 0;
  for (;;) {
    const pageQuery: Promise<pg.QueryResult> = pool.query(PAGE_SQL, [
      patientId,
      after?.time ?? null,
      after?.id ?? null,
      PAGE_SIZE + 1,
    ]);
    // The API counts the window on its first page (the table's scrollbar): so does the peer.
    const [{ rows }]: [pg.QueryResult, unknown] = await Promise.all([
      pageQuery,
      after ? null : pool.query(COUNT_SQL, [patientId]),
    ]);
    const page = rows.slice(0, PAGE_SIZE);
    JSON.stringify({ events: page });
    seen += page.length;
    if (rows.length <= PAGE_SIZE) return seen;
    const last: { time: unknown; id: unknown } = page[page.length - 1];
    after = { time: last.time, id: last.id };
  }
}

async function benchApiBesideSql(
  context: BenchContext,
  app: { baseUrl: string; authorization: string },
): Promise<BenchRow> {
  const pool = new pg.Pool({ connectionString: context.databaseUrl, max: 2 });
  try {
    // One warm-up of each (JIT, plan cache, page cache), then the measured passes.
    const { seen: total } = await fetchAllThroughApi(app.baseUrl, app.authorization, context.bigPatientId);
    const directTotal = await fetchAllDirect(pool, context.bigPatientId);
    if (directTotal !== total) throw new Error(`peer saw ${directTotal} events, the API ${total}`);
    const apiMs: number[] = [];
    const sqlMs: number[] = [];
    // Not judged, for the notes: the API without gzip (fetch, like browsers, asks for it and
    // Next compresses at level 6), to show what compression costs on a loopback connection.
    const identityMs: number[] = [];
    const parseMs: number[] = [];
    for (let i = 0; i < PASSES; i++) {
      const api = await fetchAllThroughApi(app.baseUrl, app.authorization, context.bigPatientId);
      apiMs.push(api.apiMs);
      parseMs.push(api.parseMs);
      const started = performance.now();
      await fetchAllDirect(pool, context.bigPatientId);
      sqlMs.push(performance.now() - started);
      const identity = await fetchAllThroughApi(app.baseUrl, app.authorization, context.bigPatientId, "identity");
      identityMs.push(identity.apiMs);
    }
    const ours = median(apiMs);
    const limit = median(sqlMs);
    return {
      hotPath: `events API: all ${total.toLocaleString("en-US")} events of one patient`,
      ours: round1(ours),
      limit: round1(limit),
      unit: `ms until the client holds the JSON text, median of ${PASSES} (peer: same SQL via pg + JSON.stringify, pages of ${PAGE_SIZE})`,
      ratio: limit / ours,
      goal: "≤ 1.5x direct SQL + JSON",
      met: ours <= 1.5 * limit,
      notes:
        `${Math.ceil(total / PAGE_SIZE)} pages; API passes ${apiMs.map(round1).join(", ")} ms, direct ${sqlMs.map(round1).join(", ")} ms; ` +
        `uncompressed (Accept-Encoding: identity) ${identityMs.map(round1).join(", ")} ms, ${(median(identityMs) / limit).toFixed(2)}x direct; ` +
        `the client's JSON.parse of the pages (not counted: the peer stops at JSON text) ${parseMs.map(round1).join(", ")} ms`,
    };
  } finally {
    await pool.end();
  }
}

/** Records requestAnimationFrame deltas in the page until `stop` is called. */
async function startFrameRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const state = { deltas: [] as number[], running: true };
    (window as unknown as { __benchFrames: typeof state }).__benchFrames = state;
    let last = performance.now();
    const tick = (now: number) => {
      if (!state.running) return;
      state.deltas.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
}

async function stopFrameRecorder(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const state = (window as unknown as { __benchFrames: { deltas: number[]; running: boolean } }).__benchFrames;
    state.running = false;
    return state.deltas;
  });
}

function frameRow(hotPath: string, deltas: number[], detail: string): BenchRow {
  const p95 = percentile(deltas, 95);
  return {
    hotPath,
    ours: round1(p95),
    limit: FRAME_GOAL_MS,
    unit: "ms, p95 frame (limit: the goal, 60 Hz)",
    ratio: FRAME_GOAL_MS / p95,
    goal: "≤ 16.7 ms (± 0.1 ms timestamp resolution)",
    // rAF deltas at 60 Hz are 16.67 ms read through timestamps of 0.1 ms resolution, so one
    // display frame reads 16.6 to 16.8 ms; a frame that misses its vsync reads 33 ms. The goal
    // is judged within that resolution, and the late frames are counted in the notes.
    met: round1(p95) <= FRAME_GOAL_MS + TIMESTAMP_RESOLUTION_MS,
    notes: `${deltas.length} frames ${detail}; median ${round1(median(deltas))} ms, max ${round1(Math.max(...deltas))} ms; ${deltas.filter((delta) => delta > 1.5 * FRAME_GOAL_MS).length} frame(s) late by a vsync or more; ${SOFTWARE_NOTE}`,
  };
}

async function benchBrowser(context: BenchContext, baseUrl: string): Promise<BenchRow[]> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
    ],
  });
  try {
    const browserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // tsx (esbuild's keepNames) wraps named functions in __name(): the functions handed to
    // page.evaluate run in the page, which has no such helper unless given one.
    await browserContext.addInitScript({ content: "globalThis.__name ??= (fn) => fn;" });
    const page = await browserContext.newPage();
    const signIn = await page.request.post(`${baseUrl}/api/auth/sign-in/email`, {
      data: { email: "bench@bench.local", password: "bench-password-1" },
      headers: { origin: baseUrl },
    });
    if (!signIn.ok()) throw new Error(`sign-in failed: ${signIn.status()}`);
    const patientUrl = `${baseUrl}/patients/${encodeURIComponent(context.bigPatientId)}`;

    // First paint: navigation start (the page's time origin) to the first non-empty lane mark
    // (ticks or densities) in the timeline's SVG. One warm-up load (compiles nothing in a
    // production build, but warms the server's caches and the browser's), then the median of 3.
    const firstPaintMs: number[] = [];
    for (let i = 0; i < 4; i++) {
      await page.goto(patientUrl, { waitUntil: "commit" });
      const handle = await page.waitForFunction(
        () => {
          const paths = document.querySelectorAll('[data-testid="timeline-plot"] svg path[d]');
          for (const path of paths) if ((path.getAttribute("d") ?? "").length > 0) return performance.now();
          return null;
        },
        undefined,
        { polling: "raf", timeout: 60_000 },
      );
      const at = (await handle.jsonValue()) as number;
      if (i > 0) firstPaintMs.push(at);
    }
    const firstPaint = median(firstPaintMs);
    const rows: BenchRow[] = [
      {
        hotPath: "timeline first paint (50,000-event patient)",
        ours: Math.round(firstPaint),
        limit: FIRST_PAINT_GOAL_MS,
        unit: "ms from navigation start, median of 3 (limit: the goal)",
        ratio: FIRST_PAINT_GOAL_MS / firstPaint,
        goal: "≤ 1 s",
        met: firstPaint <= FIRST_PAINT_GOAL_MS,
        notes: `loads ${firstPaintMs.map(Math.round).join(", ")} ms (after one warm-up); ${SOFTWARE_NOTE}`,
      },
    ];

    // Table scroll: the table holds its rows once loaded; scroll 400 px a frame for 2 s.
    await page.waitForSelector('[data-testid="event-row"]', { timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    const scrollDeltas = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const table = document.querySelector<HTMLElement>('[data-testid="event-table"]')!;
          const deltas: number[] = [];
          let started = 0;
          let last = 0;
          let direction = 1;
          const tick = (now: number) => {
            if (started === 0) started = now;
            else deltas.push(now - last);
            last = now;
            const max = table.scrollHeight - table.clientHeight;
            if (table.scrollTop >= max - 1) direction = -1;
            else if (table.scrollTop <= 0) direction = 1;
            table.scrollTop += 400 * direction;
            if (now - started < 2000) requestAnimationFrame(tick);
            else resolve(deltas);
          };
          requestAnimationFrame(tick);
        }),
    );
    const scrollHeight = await page.$eval('[data-testid="event-table"]', (table) => table.scrollHeight);
    rows.push(
      frameRow(
        "table scroll p95 frame",
        scrollDeltas,
        `over 2 s, scrollTop ±400 px a frame (table ${scrollHeight.toLocaleString("en-US")} px tall)`,
      ),
    );

    // Zoom: wheel over the middle of the timeline, 15 steps in then 15 out, ~one every 60 ms,
    // which also makes the page fetch the new windows as a user's wheel would.
    const plot = await page.waitForSelector('[data-testid="timeline-plot"]');
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await startFrameRecorder(page);
    const started = Date.now();
    for (let i = 0; i < 30; i++) {
      await page.mouse.wheel(0, i < 15 ? -240 : 240);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(500);
    const zoomSeconds = (Date.now() - started) / 1000;
    const zoomDeltas = await stopFrameRecorder(page);
    rows.push(
      frameRow(
        "zoom p95 frame",
        zoomDeltas,
        `over ${zoomSeconds.toFixed(1)} s of 30 wheel steps (15 in, 15 out) over the timeline`,
      ),
    );
    return rows;
  } finally {
    await browser.close();
  }
}

export async function benchEventsApi(context: BenchContext): Promise<BenchRow[]> {
  const app = await startAppServer(context);
  try {
    const rows = [await benchApiBesideSql(context, app)];
    rows.push(...(await benchBrowser(context, app.baseUrl)));
    return rows;
  } finally {
    await app.stop();
  }
}
