import { describe, expect, it } from "vitest";
import { fleissKappa, fleissKappaFromCounts } from "./fleiss";
import { percentAgreement } from "./percent-agreement";
import type { Rating } from "./types";

// Worked example of the Wikipedia article "Fleiss' kappa" (section "Worked example"), in the
// layout of Fleiss (1971), Psychological Bulletin 76(5):378–382: 10 subjects, 14 raters each,
// 5 categories; cell = how many raters put subject i in category j. Published:
// p_j = 0.143, 0.200, 0.279, 0.150, 0.229; P_1 = 1.000, P_2 = 0.253, …; P̄ = 0.378,
// P̄e = 0.213, κ = 0.210.
const WIKIPEDIA_COUNTS = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

/** The same data as a units × raters matrix: rater slots filled category by category. */
function countsToMatrix(counts: number[][], labels: Rating[]): Rating[][] {
  return counts.map((row) => row.flatMap((c, j) => Array.from({ length: c }, () => labels[j])));
}

describe("fleissKappa — Wikipedia / Fleiss (1971) worked example", () => {
  it("reproduces P̄ = 0.378, P̄e = 0.213, κ = 0.210 from the count table", () => {
    const r = fleissKappaFromCounts(WIKIPEDIA_COUNTS);
    expect(r.observed).toBeCloseTo(0.378, 3);
    expect(r.expected).toBeCloseTo(0.213, 3);
    expect(r.kappa).toBeCloseTo(0.21, 3);
    // Exact values by hand: P̄ = 172/455, P̄e = Σ p_j² = 417/1960 with p = (1/7, 1/5, 39/140,
    // 3/20, 8/35), κ = (P̄ − P̄e)/(1 − P̄e) = 4211/20059 = 0.209930…
    expect(r.observed).toBeCloseTo(172 / 455, 12);
    expect(r.expected).toBeCloseTo(417 / 1960, 12);
    expect(r.kappa).toBeCloseTo(4211 / 20059, 12);
    expect(r.proportions.map((p) => Number(p.toFixed(3)))).toEqual([0.143, 0.2, 0.279, 0.15, 0.229]);
    expect(r.units).toBe(10);
    expect(r.ratersPerUnit).toBe(14);
  });

  it("gives the same result from the units × raters matrix, with string categories", () => {
    const labels = ["a", "b", "c", "d", "e"];
    const matrix = countsToMatrix(WIKIPEDIA_COUNTS, labels);
    const r = fleissKappa(matrix);
    expect(r.kappa).toBeCloseTo(4211 / 20059, 12);
    expect(r.categories).toEqual(labels);
    expect(r.droppedUnits).toBe(0);
    // Per-subject P_i published in the example: P_1 = 1.000, P_2 = 0.253; their mean is P̄.
    expect(percentAgreement(matrix.slice(0, 1)).agreement).toBe(1);
    expect(percentAgreement(matrix.slice(1, 2)).agreement).toBeCloseTo(0.253, 3);
    expect(percentAgreement(matrix).agreement).toBeCloseTo(0.378, 3);
  });

  it("per-category kappas follow Fleiss (1971) and average back to κ", () => {
    // Not published for this example; by hand with κ_j = 1 − Σ_i n_ij(n − n_ij)/(N n (n−1) p_j q_j),
    // N = 10, n = 14: Σ_i n_ij(n − n_ij) = 178, 268, 303, 225, 158, giving
    // κ_j = 157/780, 29/364, 29/169, 47/1547, 2851/5616.
    const r = fleissKappaFromCounts(WIKIPEDIA_COUNTS);
    const expected = [157 / 780, 29 / 364, 29 / 169, 47 / 1547, 2851 / 5616];
    r.perCategory.forEach((k, j) => expect(k).toBeCloseTo(expected[j], 12));
    // Fleiss (1971) identity: κ = Σ p_j q_j κ_j / Σ p_j q_j.
    const pq = r.proportions.map((p) => p * (1 - p));
    const weighted = pq.reduce((s, w, j) => s + w * r.perCategory[j], 0) / pq.reduce((s, w) => s + w, 0);
    expect(weighted).toBeCloseTo(r.kappa, 12);
  });
});

describe("fleissKappa — missing ratings and edge cases", () => {
  it("drops units that do not have the fixed number of ratings", () => {
    const complete = countsToMatrix(WIKIPEDIA_COUNTS, [1, 2, 3, 4, 5]);
    const withGaps: Rating[][] = [...complete, [1, null, 2, 3, 4, 5, 1, 2, 3, 4, 5, 1, 2, 3], [null]];
    const r = fleissKappa(withGaps);
    expect(r.droppedUnits).toBe(2);
    expect(r.units).toBe(10);
    expect(r.kappa).toBeCloseTo(4211 / 20059, 12);
  });

  it("ratersPerUnit supports a different subset of raters per unit (Fleiss' own design)", () => {
    // Four clinicians, each unit rated by exactly two of them.
    const matrix: Rating[][] = [
      ["y", "y", null, null],
      [null, "n", "n", null],
      [null, null, "y", "n"],
      ["n", null, null, "n"],
      ["y", null, "y", null],
    ];
    expect(fleissKappa(matrix).units).toBe(0); // default n = 4 columns: nothing complete
    const r = fleissKappa(matrix, { ratersPerUnit: 2 });
    expect(r.units).toBe(5);
    // By hand: P̄ = 4/5 (one disagreeing unit), p_y = 5/10, P̄e = 1/2, κ = (0.8 − 0.5)/0.5 = 0.6.
    expect(r.observed).toBeCloseTo(0.8, 12);
    expect(r.kappa).toBeCloseTo(0.6, 12);
    // With two categories "j vs the rest" is the whole question, so κ_j = κ for both.
    expect(r.perCategory[0]).toBeCloseTo(0.6, 12);
    expect(r.perCategory[1]).toBeCloseTo(0.6, 12);
  });

  it("is NaN (undefined, P̄e = 1) when every rating is the same category", () => {
    const r = fleissKappa([
      ["ok", "ok", "ok"],
      ["ok", "ok", "ok"],
    ]);
    expect(r.observed).toBe(1);
    expect(r.expected).toBe(1);
    expect(r.kappa).toBeNaN();
    expect(r.perCategory).toEqual([NaN]);
  });

  it("declared categories order the output; unused ones get NaN and leave κ unchanged", () => {
    const matrix = countsToMatrix(WIKIPEDIA_COUNTS, [1, 2, 3, 4, 5]);
    const r = fleissKappa(matrix, { categories: [5, 4, 3, 2, 1, 0] });
    expect(r.kappa).toBeCloseTo(4211 / 20059, 12);
    expect(r.perCategory[0]).toBeCloseTo(2851 / 5616, 12);
    expect(r.perCategory[5]).toBeNaN();
    expect(() => fleissKappa([[1, 9]], { categories: [1, 2] })).toThrow(/not one of the given categories/);
  });

  it("is NaN for empty input, single-rater matrices, and rejects unequal count rows", () => {
    expect(fleissKappa([]).kappa).toBeNaN();
    expect(fleissKappa([[1], [2]]).kappa).toBeNaN();
    expect(fleissKappaFromCounts([]).kappa).toBeNaN();
    expect(() =>
      fleissKappaFromCounts([
        [1, 1],
        [2, 1],
      ]),
    ).toThrow(/same number of ratings/);
  });
});
