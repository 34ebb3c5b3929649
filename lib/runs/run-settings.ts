// Settings of the run executor, from the environment (read on every use, so a test or an
// operator's restart with new values needs no code change).

export const DEFAULT_CONCURRENCY = 2;
const MAX_CONCURRENCY = 64;

/**
 * EHR_R1_CONCURRENCY: how many runs may stream from one backend at a time. Model servers
 * batch requests themselves; more parallel requests than this only queue on the GPU and
 * make every run time out together.
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
