// How many runs prepare at once in this process: loading the record, building the prompt and
// storing it. That work is the preparation thread's (prepare-run.ts) and the database's; started
// all together (a batch, or a hundred runs at once), every run finishes preparing only at the
// end, and meanwhile every other request (a reader opening its stream, a reviewer's page) waits
// behind their queries. In turn, each run gets the machine while it prepares:
// the first ask the model sooner, the last no later, and requests keep moving. The limit on
// streaming (EHR_R1_CONCURRENCY) is separate: a prepared run streams beside the others. State
// lives on globalThis, like the executor's: Next bundles route handlers separately.

/** A few: preparing is mostly CPU, on a server with a few cores shared with PostgreSQL. */
const AT_ONCE = 4;

type Slots = { busy: number; waiting: Array<() => void> };

const KEY = Symbol.for("ehr-r1-review.preparation-slots");
const store = globalThis as unknown as Record<symbol, Slots | undefined>;

function slots(): Slots {
  store[KEY] ??= { busy: 0, waiting: [] };
  return store[KEY];
}

/** Resolves with a slot, or rejects with the signal's reason if it aborts first (a cancel). */
function acquire(signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  const current = slots();
  if (current.busy < AT_ONCE) {
    current.busy++;
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const take = () => {
      signal.removeEventListener("abort", leave);
      resolve();
    };
    const leave = () => {
      current.waiting.splice(current.waiting.indexOf(take), 1);
      reject(signal.reason);
    };
    current.waiting.push(take);
    signal.addEventListener("abort", leave, { once: true });
  });
}

function release(): void {
  const current = slots();
  const next = current.waiting.shift();
  // The slot passes straight to the next run in line.
  if (next) next();
  else current.busy--;
}

/**
 * Runs `prepare` once fewer than AT_ONCE runs are preparing, in the order they asked. An abort
 * (a cancel, or a worker's shutdown handing its runs back) rejects at once with the signal's
 * reason, even mid-preparation: a shutdown must not wait seconds for a prompt it will not send.
 * The abandoned preparation still holds its slot until it ends, and its result is dropped.
 */
export async function whilePreparing<T>(signal: AbortSignal, prepare: () => Promise<T>): Promise<T> {
  await acquire(signal);
  const preparing = prepare().finally(release);
  return new Promise<T>((resolve, reject) => {
    const abandon = () => {
      preparing.catch(() => undefined);
      reject(signal.reason);
    };
    if (signal.aborted) return abandon();
    signal.addEventListener("abort", abandon, { once: true });
    preparing.then(resolve, reject).finally(() => signal.removeEventListener("abort", abandon));
  });
}
