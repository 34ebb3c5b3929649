// The Wilson score interval for a binomial proportion (Wilson 1927), the interval Newcombe
// (1998, "Two-sided confidence intervals for the single proportion", Statistics in Medicine
// 17:857–872, method 3) recommends over the Wald interval: it stays inside [0, 1] and keeps
// its coverage for small n and proportions near 0 or 1, as win rates of a few dozen
// comparisons often are.

export type WilsonInterval = { estimate: number; low: number; high: number; n: number };

/** z of the two-sided normal interval for `confidence` (0.95 → 1.959964), by inverting the error function. */
export function normalQuantile(p: number): number {
  // Acklam's rational approximation (relative error < 1.2e-9), enough for an interval's bounds.
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** k successes of n; NaN bounds (and estimate) when n = 0. */
export function wilsonInterval(k: number, n: number, confidence = 0.95): WilsonInterval {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) {
    throw new Error("wilsonInterval: need integers 0 ≤ k ≤ n");
  }
  if (n === 0) return { estimate: NaN, low: NaN, high: NaN, n };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half), n };
}
