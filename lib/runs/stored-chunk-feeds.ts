// One reader of a run's stored chunks per process, however many SSE connections follow it.
// Every reader of a run not executing here used to read RunChunk at each of its wake-ups, and a
// run on a worker wakes its readers at every chunk: at a hundred streams, a query per reader per
// chunk (about a thousand a second), each a pool checkout and Prisma's parsing on the web
// process's main thread, and a first token waited ~700 ms behind them. Now a run's readers in a
// process share a feed. It learns chunks from the changes themselves (the writer's NOTIFY
// payload carries the stored chunk when it fits, this process's executor announces its own, and
// the last seconds' are kept for a reader that comes just after), and reads the table, once for
// all its readers and in the background, only when memory may lack something: a change that
// carried no chunk (a start, a retry marker, an end, an oversized chunk), a gap in the seqs, a
// reconnect of the listening connection, a poll. The stored rows stay the truth: memory only
// ever holds rows as stored, a reader takes from it only what follows its own position without
// a gap or what a read has vouched for, and positions stay exact.
import "server-only";
import { db } from "../db";
import { onRunChange, recentChunks, type ChangedChunk } from "./run-signals";
import type { StreamPosition } from "./stream-position";

/** A stored chunk as readers serve it (`data` exactly as stored). */
export type StoredChunk = { seq: number; kind: string; data: string };

/** At most this many chunks per read (a reader far behind goes on at once). */
export const PAGE = 500;

type Waiter = () => void;

/** Reads a run's stored chunks from `fromSeq` on (at most PAGE), or null when the run is gone. */
async function readStored(runId: string, fromSeq: number): Promise<StoredChunk[] | null> {
  const chunks = await db.runChunk.findMany({
    where: { runId, seq: { gte: fromSeq } },
    orderBy: { seq: "asc" },
    take: PAGE,
    select: { seq: true, kind: true, data: true },
  });
  if (chunks.length) return chunks;
  // Every end writes its terminal chunk with the status; a run deleted meanwhile ends its streams.
  const run = await db.predictionRun.findUnique({ where: { id: runId }, select: { id: true } });
  return run ? chunks : null;
}

export class StoredChunkFeed {
  /** Chunks of the run as stored, learned from changes and reads, by seq (seqs may skip). */
  private readonly log: StoredChunk[] = [];
  /** The seq the shared reads start from (set by the first); undefined until then. */
  private base: number | undefined;
  /** Bumped whenever something may be stored that memory lacks; a read clears what it saw. */
  private staleGen = 1;
  private syncedGen = 0;
  private syncing: Promise<void> | null = null;
  private lastSyncAt = -Infinity;
  /** The last shared read failed (the database is down): its readers' streams fail with it. */
  private failure: unknown = null;
  /** The run no longer exists. */
  gone = false;
  readers = 0;
  /** Reads of the table this feed made (for tests: readers share them). */
  queries = 0;
  private readonly waiters = new Set<Waiter>();
  private readonly unsubscribe: () => void;

  constructor(readonly runId: string) {
    this.unsubscribe = onRunChange(runId, (chunk) => this.changed(chunk));
    // A chunk announced just before its first reader got here (its first token, often).
    for (const chunk of recentChunks(runId)) this.insert(chunk);
  }

  /** Memory may lack a stored chunk of seq `base` or later. */
  private get stale(): boolean {
    return this.base === undefined || this.staleGen !== this.syncedGen;
  }

  private changed(chunk: ChangedChunk | undefined): void {
    if (!chunk) this.staleGen++;
    else {
      this.insert(chunk);
      // A chunk whose predecessor memory lacks: it may be stored without a NOTIFY that said so.
      if (this.base !== undefined && chunk.seq > this.base && !this.has(chunk.seq - 1)) this.staleGen++;
    }
    this.wake();
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Where `seq` is, or would go, in the log. */
  private indexOf(seq: number): number {
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.log[middle].seq < seq) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private has(seq: number): boolean {
    return this.log[this.indexOf(seq)]?.seq === seq;
  }

  private insert(chunk: StoredChunk): void {
    const copy = { seq: chunk.seq, kind: chunk.kind, data: chunk.data };
    // Almost always the next one.
    if (!this.log.length || this.log[this.log.length - 1].seq < chunk.seq) this.log.push(copy);
    else if (!this.has(chunk.seq)) this.log.splice(this.indexOf(chunk.seq), 0, copy);
  }

  /** Resolves at the run's next change, after `timeoutMs` (then a read looks at the table), or on abort. */
  nextChange(timeoutMs: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(() => {
        // The poll: a notification may have been lost. One read serves every reader's poll.
        if (performance.now() - this.lastSyncAt >= timeoutMs) this.staleGen++;
        done();
      }, timeoutMs);
      this.waiters.add(done);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  /**
   * The stored chunks from `position.seq` on (the reader may hold part of that one), at most
   * PAGE, as far as memory vouches for them: the chunks that follow the reader's position
   * without a gap always (each is a stored row, and the reader has everything before it), the
   * rest once a read has shown memory misses nothing. When memory may miss something, the
   * run's one shared read starts, and its end wakes the readers (`nextChange`): a reader is
   * never held by a read while the next chunk is already here. Null: the run is gone.
   */
  async after(position: StreamPosition): Promise<StoredChunk[] | null> {
    if (this.failure) throw this.failure;
    if (this.gone) return null;
    // The reader holds part of chunk `position.seq`; else all of it.
    const need = position.offset === null ? position.seq + 1 : position.seq;
    const vouched = !this.stale && need >= this.base!;
    const out = vouched ? this.log.slice(this.indexOf(need), this.indexOf(need) + PAGE) : this.inOrderFrom(need);
    if (this.stale) this.sync(need);
    if (out.length) return out;
    // A reader behind what the shared reads cover (a resume from early on) reads its own page.
    if (this.base !== undefined && need < this.base) return readStored(this.runId, position.seq);
    return out;
  }

  /** The chunks in memory from seq `need` on without a gap (each is stored; nothing lies between). */
  private inOrderFrom(need: number): StoredChunk[] {
    const out: StoredChunk[] = [];
    for (let index = this.indexOf(need); this.log[index]?.seq === need + out.length && out.length < PAGE; index++)
      out.push(this.log[index]);
    return out;
  }

  private sync(need: number): void {
    this.syncing ??= this.read(need)
      .then(
        () => {
          this.failure = null;
        },
        (error: unknown) => {
          this.failure = error;
        },
      )
      .finally(() => {
        this.syncing = null;
        this.wake();
      });
  }

  private async read(need: number): Promise<void> {
    const gen = this.staleGen;
    this.lastSyncAt = performance.now();
    this.queries++;
    // Everything memory cannot vouch for: from where the shared reads start, past what it has
    // in order from there.
    const start = this.base ?? need;
    let from = start;
    for (let index = this.indexOf(from); this.log[index]?.seq === from; index++) from++;
    const chunks = await readStored(this.runId, from);
    if (!chunks) {
      this.gone = true;
      return;
    }
    this.base ??= start;
    for (const chunk of chunks) this.insert(chunk);
    // A full page: there may be more; else memory holds all that was stored when the read began.
    if (chunks.length < PAGE) this.syncedGen = gen;
  }

  close(): void {
    this.unsubscribe();
    this.wake();
  }
}

const KEY = Symbol.for("ehr-r1-review.stored-chunk-feeds");
const store = globalThis as unknown as Record<symbol, Map<string, StoredChunkFeed> | undefined>;

function feeds(): Map<string, StoredChunkFeed> {
  store[KEY] ??= new Map();
  return store[KEY];
}

/** The run's feed in this process, shared with its other readers; `leave` when done. */
export function joinStoredChunkFeed(runId: string): { feed: StoredChunkFeed; leave: () => void } {
  let feed = feeds().get(runId);
  if (!feed) {
    feed = new StoredChunkFeed(runId);
    feeds().set(runId, feed);
  }
  feed.readers++;
  const joined = feed;
  let left = false;
  return {
    feed: joined,
    leave: () => {
      if (left) return;
      left = true;
      if (--joined.readers > 0) return;
      joined.close();
      if (feeds().get(runId) === joined) feeds().delete(runId);
    },
  };
}

/** The feed of a run in this process, if any reader follows it (for tests). */
export function storedChunkFeed(runId: string): StoredChunkFeed | undefined {
  return feeds().get(runId);
}
