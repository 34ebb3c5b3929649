import { describe, expect, it } from "vitest";
import { bootstrapCI, quantile } from "./bootstrap";
import { cohenKappa } from "./cohen";
import { krippendorffAlpha } from "./krippendorff";
import { percentAgreement } from "./percent-agreement";
import { mulberry32 } from "./prng";
import type { Rating, RatingMatrix } from "./types";

/** mulberry32 exactly as published by its author (Tommy Ettinger), used as the oracle. */
function referenceMulberry32(a: number): () => number {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 3 raters on a 1–4 scale who mostly agree: each rating is the unit's true score, sometimes ±1. */
function simulatedRatings(units: number, seed: number): Rating[][] {
  const random = mulberry32(seed);
  return Array.from({ length: units }, () => {
    const truth = 1 + Math.floor(random() * 4);
    return [0, 1, 2].map(() => {
      if (random() < 0.1) return null;
      const shift = random() < 0.25 ? (random() < 0.5 ? -1 : 1) : 0;
      return Math.min(4, Math.max(1, truth + shift));
    });
  });
}

const alphaOrdinal = (m: RatingMatrix) => krippendorffAlpha(m, "ordinal").alpha;

describe("mulberry32", () => {
  it("matches the reference implementation, including seeds above 2³¹ and negative seeds", () => {
    for (const seed of [0, 1, 42, 0x9e3779b9, -7]) {
      const ours = mulberry32(seed);
      const theirs = referenceMulberry32(seed);
      for (let i = 0; i < 1000; i++) expect(ours()).toBe(theirs());
    }
  });

  it("returns floats in [0, 1)", () => {
    const random = mulberry32(123);
    for (let i = 0; i < 10_000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe("quantile", () => {
  it("interpolates like R's default (Hyndman & Fan 1996 type 7)", () => {
    // R: quantile(1:4, c(0, .25, .5, 1)) gives 1, 1.75, 2.5, 4.
    expect([0, 0.25, 0.5, 1].map((p) => quantile([1, 2, 3, 4], p))).toEqual([1, 1.75, 2.5, 4]);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("bootstrapCI", () => {
  const data = simulatedRatings(60, 2024);

  it("is deterministic for a seed, and the seed matters", () => {
    const a = bootstrapCI(data, alphaOrdinal, { seed: 7, iterations: 300 });
    const b = bootstrapCI(data, alphaOrdinal, { seed: 7, iterations: 300 });
    const c = bootstrapCI(data, alphaOrdinal, { seed: 8, iterations: 300 });
    expect(b).toEqual(a);
    expect(c.low === a.low && c.high === a.high).toBe(false);
    expect(c.estimate).toBe(a.estimate);
  });

  it("reports the statistic on the original data and an interval around it", () => {
    const r = bootstrapCI(data, alphaOrdinal, { seed: 1 });
    expect(r.iterations).toBe(1000);
    expect(r.valid).toBe(1000);
    expect(r.estimate).toBe(alphaOrdinal(data));
    expect(r.low).toBeLessThan(r.estimate);
    expect(r.high).toBeGreaterThan(r.estimate);
    expect(r.high).toBeLessThanOrEqual(1);
  });

  it("a higher confidence level gives a wider interval", () => {
    const narrow = bootstrapCI(data, alphaOrdinal, { seed: 3, confidence: 0.8 });
    const wide = bootstrapCI(data, alphaOrdinal, { seed: 3, confidence: 0.99 });
    expect(wide.low).toBeLessThan(narrow.low);
    expect(wide.high).toBeGreaterThan(narrow.high);
  });

  it("narrows with more units", () => {
    // Ten copies of the same units: same estimate, about √10 narrower sampling spread.
    const tenfold = Array.from({ length: 10 }, () => data).flat();
    const small = bootstrapCI(data, (m) => percentAgreement(m).agreement, { seed: 5 });
    const large = bootstrapCI(tenfold, (m) => percentAgreement(m).agreement, { seed: 5 });
    expect(large.estimate).toBeCloseTo(small.estimate, 12);
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 2);
    expect(large.low).toBeLessThanOrEqual(large.estimate);
    expect(large.high).toBeGreaterThanOrEqual(large.estimate);
  });

  it("works for a two-rater statistic such as Cohen's kappa", () => {
    const kappa01 = (m: RatingMatrix) =>
      cohenKappa(
        m.map((r) => r[0]),
        m.map((r) => r[1]),
      ).kappa;
    const r = bootstrapCI(data, kappa01, { seed: 11, iterations: 500 });
    expect(r.low).toBeLessThanOrEqual(r.estimate);
    expect(r.high).toBeGreaterThanOrEqual(r.estimate);
  });

  it("builds the interval from defined replicates only and counts them", () => {
    // Two units, one all "a" and one all "b": a resample of the same unit twice has no
    // variation (α undefined); those replicates are excluded from `valid`.
    const tiny: Rating[][] = [
      ["a", "a"],
      ["b", "b"],
    ];
    const r = bootstrapCI(tiny, (m) => krippendorffAlpha(m, "nominal").alpha, { seed: 2, iterations: 200 });
    expect(r.estimate).toBe(1);
    expect(r.valid).toBeGreaterThan(0);
    expect(r.valid).toBeLessThan(200);
    expect(r.low).toBe(1);
    expect(r.high).toBe(1);
  });

  it("returns NaN for empty input and rejects bad options", () => {
    const r = bootstrapCI([], alphaOrdinal, { seed: 1 });
    expect(r.estimate).toBeNaN();
    expect(r.low).toBeNaN();
    expect(r.high).toBeNaN();
    expect(r.valid).toBe(0);
    expect(() => bootstrapCI(data, alphaOrdinal, { seed: 1, iterations: 0 })).toThrow(/iterations/);
    expect(() => bootstrapCI(data, alphaOrdinal, { seed: 1, confidence: 1 })).toThrow(/confidence/);
    expect(() => bootstrapCI(data, alphaOrdinal, { seed: NaN })).toThrow(/seed/);
  });
});
