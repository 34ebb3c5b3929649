// Settings of the run executor, from the environment (read on every use, so a test or an
// operator's restart with new values needs no code change).

export const DEFAULT_CONCURRENCY = 2;
/**
 * vLLM's default batch (`--max-num-seqs`) is 256 sequences: requests beyond what the server
 * batches only wait in its queue, where their timeouts run. The relay itself is no limit: a
 * run costs the app a socket, its text in memory and one database write per 100 ms.
 */
export const MAX_CONCURRENCY = 256;

/**
 * EHR_R1_CONCURRENCY: how many runs may stream from each backend at a time. Model servers
 * batch requests themselves, so an operator whose server batches many may allow as many; the
 * default is low because more parallel requests than a small server batches only queue on
 * the GPU and make every run time out together.
 */
export function runConcurrency(env: Record<string, string | undefined> = process.env): number {
  const raw = env.EHR_R1_CONCURRENCY?.trim();
  if (!raw) return DEFAULT_CONCURRENCY;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`EHR_R1_CONCURRENCY must be a whole number of at least 1, got "${raw}"`);
  }
  return Math.min(value, MAX_CONCURRENCY);
}
