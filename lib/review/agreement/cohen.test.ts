import { describe, expect, it } from "vitest";
import { cohenKappa, cohenKappaFromTable, cohenKappaMatrix, kappaWeightMatrix } from "./cohen";
import type { Rating } from "./types";

/** Expand a 2-rater contingency table into the two rating vectors it summarises. */
function tableToVectors(table: number[][], labels: Rating[]): [Rating[], Rating[]] {
  const a: Rating[] = [];
  const b: Rating[] = [];
  table.forEach((row, i) =>
    row.forEach((count, j) => {
      for (let c = 0; c < count; c++) {
        a.push(labels[i]);
        b.push(labels[j]);
      }
    }),
  );
  return [a, b];
}

describe("cohenKappa — Wikipedia 'Cohen's kappa' worked examples", () => {
  it("grant proposals: 50 ratings, pₒ = 0.7, pₑ = 0.5, κ = 0.4", () => {
    // Wikipedia, "Cohen's kappa", section "Simple example": Yes/Yes 20, A yes B no 5,
    // A no B yes 10, No/No 15. A says yes 50%, B 60%: pₑ = 0.5·0.6 + 0.5·0.4 = 0.5.
    const [a, b] = tableToVectors(
      [
        [20, 5],
        [10, 15],
      ],
      ["yes", "no"],
    );
    const r = cohenKappa(a, b);
    expect(r.n).toBe(50);
    expect(r.observed).toBeCloseTo(0.7, 12);
    expect(r.expected).toBeCloseTo(0.5, 12);
    expect(r.kappa).toBeCloseTo(0.4, 12);
    // The order of the categories (and so the table layout) is deterministic: "no" < "yes".
    expect(r.categories).toEqual(["no", "yes"]);
    expect(r.table).toEqual([
      [15, 10],
      [5, 20],
    ]);
  });

  it("same agreement, different marginals: κ = 0.1304 and κ = 0.2593", () => {
    // Wikipedia, "Cohen's kappa", section "Same percentages but different numbers": both
    // tables have pₒ = 0.60; by hand pₑ = 0.54 → κ = 0.06/0.46, and pₑ = 0.46 → κ = 0.14/0.54.
    const first = cohenKappaFromTable([
      [45, 15],
      [25, 15],
    ]);
    const second = cohenKappaFromTable([
      [25, 35],
      [5, 35],
    ]);
    expect(first.observed).toBeCloseTo(0.6, 12);
    expect(first.kappa).toBeCloseTo(0.1304, 4);
    expect(second.kappa).toBeCloseTo(0.2593, 4);
    expect(first.kappa).toBeCloseTo(0.06 / 0.46, 12);
    expect(second.kappa).toBeCloseTo(0.14 / 0.54, 12);
  });
});

describe("weighted kappa — SexualFun table (Agresti, Categorical Data Analysis; R vcd)", () => {
  // 91 couples, husband (rows) × wife (columns): "sex is fun for me and my partner", Never or
  // occasionally / Fairly often / Very often / Almost always (Hout, Duncan & Sobel 1987, as
  // tabulated in Agresti's Categorical Data Analysis). Shipped as `SexualFun` in R's vcd
  // package, whose Kappa() help example prints Unweighted 0.1293 and Weighted (equal-spacing,
  // i.e. linear) 0.2374; the same output is discussed in Friendly & Meyer (2016), "Discrete
  // Data Analysis with R". We also check the exact fractions, derived by hand below.
  const SEXUAL_FUN = [
    [7, 7, 2, 3],
    [2, 8, 3, 7],
    [1, 5, 4, 9],
    [2, 8, 9, 14],
  ];

  it("unweighted κ = 0.1293 (exactly 56/433)", () => {
    // By hand: rows 19, 20, 19, 33; columns 12, 28, 18, 33; n = 91. Disagreeing count
    // Σ_{i≠j} = 58, chance-expected Σ_{i≠j} r_i c_j / n = 866/13, κ = 1 − 58/(866/13) = 56/433.
    const r = cohenKappaFromTable(SEXUAL_FUN);
    expect(r.kappa).toBeCloseTo(0.1293, 4);
    expect(r.kappa).toBeCloseTo(56 / 433, 12);
  });

  it("linear (Cicchetti–Allison, vcd 'Equal-Spacing') κw = 0.2374 (exactly 174/733)", () => {
    // By hand with disagreement weights |i − j|: observed Σ|i−j| n_ij = 86, expected
    // Σ|i−j| r_i c_j / n = 1466/13, κw = 1 − 86·13/1466 = 174/733.
    const r = cohenKappaFromTable(SEXUAL_FUN, { weights: "linear" });
    expect(r.kappa).toBeCloseTo(0.2374, 4);
    expect(r.kappa).toBeCloseTo(174 / 733, 12);
  });

  it("quadratic (Fleiss–Cohen) κw = 1719/5177 ≈ 0.3320", () => {
    // Not checked against a printed source (computed by hand, as vcd's "Fleiss-Cohen" option
    // would): disagreement weights (i − j)², observed 152, expected 20708/91,
    // κw = 1 − 152·91/20708 = 1719/5177 = 0.33205.
    const r = cohenKappaFromTable(SEXUAL_FUN, { weights: "quadratic" });
    expect(r.kappa).toBeCloseTo(1719 / 5177, 12);
  });

  it("gives the same values from rating vectors with a declared ordinal scale", () => {
    const scale = ["never", "fairly", "very", "always"];
    const [a, b] = tableToVectors(SEXUAL_FUN, scale);
    expect(cohenKappa(a, b, { categories: scale }).kappa).toBeCloseTo(56 / 433, 12);
    expect(cohenKappa(a, b, { categories: scale, weights: "linear" }).kappa).toBeCloseTo(174 / 733, 12);
    expect(cohenKappa(a, b, { categories: scale, weights: "quadratic" }).kappa).toBeCloseTo(1719 / 5177, 12);
    // Numeric codes 1..4 need no declared scale: their own values are the positions.
    const [x, y] = tableToVectors(SEXUAL_FUN, [1, 2, 3, 4]);
    expect(cohenKappa(x, y, { weights: "linear" }).kappa).toBeCloseTo(174 / 733, 12);
  });
});

describe("cohenKappa — weights, missing data and edge cases", () => {
  it("uses the usual 1 − |i−j|/(k−1) and 1 − (i−j)²/(k−1)² weights", () => {
    expect(kappaWeightMatrix([0, 1, 2], "linear")).toEqual([
      [1, 0.5, 0],
      [0.5, 1, 0.5],
      [0, 0.5, 1],
    ]);
    expect(kappaWeightMatrix([0, 1, 2], "quadratic")).toEqual([
      [1, 0.75, 0],
      [0.75, 1, 0.75],
      [0, 0.75, 1],
    ]);
  });

  it("with two categories every weighting gives the same kappa", () => {
    const table = [
      [20, 5],
      [10, 15],
    ];
    expect(cohenKappaFromTable(table, { weights: "linear" }).kappa).toBeCloseTo(0.4, 12);
    expect(cohenKappaFromTable(table, { weights: "quadratic" }).kappa).toBeCloseTo(0.4, 12);
  });

  it("an unused middle category still counts as a step when the scale is declared", () => {
    const a = ["low", "low", "high", "high", "low"];
    const b = ["low", "high", "high", "low", "low"];
    const declared = cohenKappa(a, b, { weights: "quadratic", categories: ["low", "mid", "high"] });
    const numeric = cohenKappa([1, 1, 3, 3, 1], [1, 3, 3, 1, 1], { weights: "quadratic" });
    expect(declared.kappa).toBeCloseTo(numeric.kappa, 12);
    expect(declared.categories).toEqual(["low", "mid", "high"]);
    expect(() => cohenKappa(a, b, { weights: "linear" })).toThrow(/ordered categories/);
    expect(() => cohenKappa(["x"], ["y"], { categories: ["x"] })).toThrow(/not one of the given categories/);
  });

  it("drops units where either rater is missing", () => {
    const r = cohenKappa(["yes", "no", null, "yes", undefined], ["yes", "no", "yes", null, "no"]);
    expect(r.n).toBe(2);
    expect(r.kappa).toBe(1);
    expect(() => cohenKappa([1, 2], [1])).toThrow(/differ in length/);
  });

  it("is NaN (0/0) when both raters use one same category for every unit", () => {
    // pₒ = pₑ = 1: kappa is undefined, not 1 (see kappaFromAgreement).
    const r = cohenKappa(["ok", "ok", "ok"], ["ok", "ok", "ok"]);
    expect(r.observed).toBe(1);
    expect(r.expected).toBe(1);
    expect(r.kappa).toBeNaN();
    expect(cohenKappa([1, 1], [1, 1], { weights: "linear" }).kappa).toBeNaN();
    // One constant rater against a varying one is defined: pₑ < 1, κ = 0 here.
    expect(cohenKappa(["ok", "ok", "ok", "ok"], ["ok", "bad", "ok", "bad"]).kappa).toBe(0);
  });

  it("is NaN with n = 0 for empty input or no overlapping ratings", () => {
    expect(cohenKappa([], []).kappa).toBeNaN();
    const r = cohenKappa([1, null], [null, 2]);
    expect(r.n).toBe(0);
    expect(r.kappa).toBeNaN();
  });
});

describe("cohenKappaMatrix", () => {
  it("is symmetric, pairs raters on the units both rated, and has 1 on the diagonal", () => {
    const matrix: Rating[][] = [
      ["y", "y", "n"],
      ["n", "n", "n"],
      ["y", "y", null],
      ["n", "y", "y"],
      ["y", null, "y"],
    ];
    const { kappa, n } = cohenKappaMatrix(matrix);
    expect(n).toEqual([
      [5, 4, 4],
      [4, 4, 3],
      [4, 3, 4],
    ]);
    for (let i = 0; i < 3; i++) {
      expect(kappa[i][i]).toBe(1);
      for (let j = 0; j < 3; j++) expect(kappa[i][j]).toBe(kappa[j][i]);
    }
    const col = (c: number) => matrix.map((row) => row[c]);
    expect(kappa[0][1]).toBe(cohenKappa(col(0), col(1)).kappa);
    // Raters 0 and 1 on units 1–4: (y,y) (n,n) (y,y) (n,y) → pₒ = 3/4, pₑ = 2/4·1/4 + 2/4·3/4
    // = 1/2, κ = 0.5.
    expect(kappa[0][1]).toBeCloseTo(0.5, 12);
  });

  it("is empty for an empty matrix", () => {
    expect(cohenKappaMatrix([])).toEqual({ kappa: [], n: [] });
  });
});
