import { describe, expect, it } from "vitest";
import { normalQuantile, wilsonInterval } from "./wilson";

// Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (Wilson score
// interval without continuity correction), 95 %: 81/263 → 0.2553–0.3662; 15/148 →
// 0.0624–0.1605; 0/20 → 0.0000–0.1611; 1/29 → 0.0061–0.1718.
describe("wilsonInterval — Newcombe (1998) worked examples", () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i → [%f, %f]", (k, n, low, high) => {
    const interval = wilsonInterval(k, n);
    expect(interval.estimate).toBeCloseTo(k / n, 12);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it("is symmetric in successes and failures, and undefined without data", () => {
    const a = wilsonInterval(7, 20);
    const b = wilsonInterval(13, 20);
    expect(a.low).toBeCloseTo(1 - b.high, 12);
    expect(Number.isNaN(wilsonInterval(0, 0).estimate)).toBe(true);
    expect(() => wilsonInterval(3, 2)).toThrow();
  });

  it("uses z = 1.959964 for 95 %", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.575829, 6);
  });
});
