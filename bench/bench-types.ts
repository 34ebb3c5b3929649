// One row of the benchmark table: our figure beside the physical limit (or a peer) measured
// in the same run, their ratio, and the goal the issue sets.
export type BenchRow = {
  hotPath: string;
  ours: number;
  limit: number;
  unit: string;
  /** ours/limit for throughputs; limit/ours for times (higher is better either way). */
  ratio: number;
  goal: string;
  met: boolean;
  notes?: string;
};

export function throughputRow(input: Omit<BenchRow, "ratio" | "met"> & { minRatio: number }): BenchRow {
  const { minRatio, ...row } = input;
  const ratio = row.ours / row.limit;
  return { ...row, ratio, met: ratio >= minRatio };
}

/** Peak RSS of this process while `work` runs, sampled every 20 ms. */
export async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const result = await work();
    return { result, peakRssMb: Math.round(peak / 1024 / 1024) };
  } finally {
    clearInterval(timer);
  }
}
