import { describe, expect, it } from "vitest";
import { krippendorffAlpha } from "./krippendorff";
import type { Rating } from "./types";

/** Transpose observers × units (the paper's layout) into our units × raters matrix. */
function unitsByRaters(observersByUnits: Rating[][]): Rating[][] {
  return observersByUnits[0].map((_, u) => observersByUnits.map((row) => row[u]));
}

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for
// Communication, Departmental Papers (ASC) 43. Example C, "Nominal [and other] data, any
// number of observers, missing data": 4 observers × 12 units, values 1–5, "." = missing.
// Unit 12 has a single value, so it is not pairable. The same matrix is R's `irr`/DescTools
// "C" data from Krippendorff. Published: α_nominal = 0.743, α_ordinal = 0.815,
// α_interval = 0.849, α_ratio = 0.797.
const KRIPPENDORFF_C = unitsByRaters([
  [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
]);

describe("krippendorffAlpha — Krippendorff (2011) example C, 4 observers, missing values", () => {
  it("builds the published coincidence matrix (n = 40 pairable values)", () => {
    const r = krippendorffAlpha(KRIPPENDORFF_C, "nominal");
    expect(r.values).toEqual([1, 2, 3, 4, 5]);
    expect(r.units).toBe(11);
    expect(r.pairableValues).toBeCloseTo(40, 12);
    expect(r.marginals.map((x) => Number(x.toFixed(9)))).toEqual([9, 13, 10, 5, 3]);
    const o = r.coincidences.map((row) => row.map((x) => Number((x * 3).toFixed(9)) / 3));
    expect(o).toEqual([
      [7, 4 / 3, 1 / 3, 1 / 3, 0],
      [4 / 3, 10, 4 / 3, 1 / 3, 0],
      [1 / 3, 4 / 3, 8, 1 / 3, 0],
      [1 / 3, 1 / 3, 1 / 3, 4, 0],
      [0, 0, 0, 0, 3],
    ]);
  });

  it("nominal α = 0.743", () => {
    // By hand: off-diagonal coincidences Σ_{c≠k} o_ck = 40 − (7+10+8+4+3) = 8;
    // n² − Σ n_c² = 1600 − 384 = 1216; α = 1 − (n−1)·8/1216 = 1 − 312/1216 = 0.74342.
    const r = krippendorffAlpha(KRIPPENDORFF_C, "nominal");
    expect(r.alpha).toBeCloseTo(0.743, 3);
    expect(r.alpha).toBeCloseTo(1 - 312 / 1216, 12);
  });

  it("ordinal α = 0.815", () => {
    // By hand: δ²_ck = (Σ_{g=c..k} n_g − (n_c+n_k)/2)² with n = (9, 13, 10, 5, 3), e.g.
    // δ²_12 = (22 − 11)² = 121, δ²_13 = (32 − 9.5)² = 506.25, δ²_45 = (8 − 4)² = 16.
    // Σ o_ck δ²_ck = 1891, Σ n_c n_k δ²_ck = 399480, α = 1 − 39·1891/399480 = 0.81539.
    const r = krippendorffAlpha(KRIPPENDORFF_C, "ordinal");
    expect(r.alpha).toBeCloseTo(0.815, 3);
    expect(r.alpha).toBeCloseTo(1 - (39 * 1891) / 399480, 12);
  });

  it("interval α = 0.849", () => {
    // By hand: Σ o_ck (c−k)² = 52/3 (so Dₒ = 13/30), Σ n_c n_k (c−k)² = 4480
    // (Dₑ = 4480/1560), α = 1 − 39·(52/3)/4480 = 1 − 676/4480 = 0.84911.
    const r = krippendorffAlpha(KRIPPENDORFF_C, "interval");
    expect(r.alpha).toBeCloseTo(0.849, 3);
    expect(r.alpha).toBeCloseTo(1 - 676 / 4480, 12);
  });

  it("ratio α = 0.797", () => {
    // By hand: δ²_ck = ((c−k)/(c+k))², e.g. δ²_12 = 1/9, δ²_15 = 4/9, δ²_45 = 1/81.
    // Σ o_ck δ²_ck = 59357/66150, Σ n_c n_k δ²_ck = 4570493/26460,
    // α = 1 − 39·(59357/66150)/(4570493/26460) = 18222619/22852465 = 0.79740.
    const r = krippendorffAlpha(KRIPPENDORFF_C, "ratio");
    expect(r.alpha).toBeCloseTo(0.797, 3);
    expect(r.alpha).toBeCloseTo(18222619 / 22852465, 12);
  });

  it("ratio α is unchanged by multiplying the values, but not by shifting them", () => {
    const scaled = KRIPPENDORFF_C.map((row) => row.map((v) => (v === null ? null : 7 * (v as number))));
    expect(krippendorffAlpha(scaled, "ratio").alpha).toBeCloseTo(18222619 / 22852465, 12);
    const shifted = KRIPPENDORFF_C.map((row) => row.map((v) => (v === null ? null : (v as number) + 10)));
    expect(krippendorffAlpha(shifted, "ratio").alpha).not.toBeCloseTo(18222619 / 22852465, 3);
  });

  it("refuses ratio data that are not non-negative numbers, and a level it does not know", () => {
    const negative = KRIPPENDORFF_C.map((row) => row.map((v) => (v === null ? null : (v as number) - 3)));
    expect(() => krippendorffAlpha(negative, "ratio")).toThrow(/non-negative numbers/);
    expect(() => krippendorffAlpha(KRIPPENDORFF_C, "absolute" as never)).toThrow(/unknown level/);
  });

  it("ordinal with string categories in a declared order matches the numeric codes", () => {
    const labels = ["none", "mild", "moderate", "severe", "critical"];
    const asText = KRIPPENDORFF_C.map((row) => row.map((v) => (v === null ? null : labels[(v as number) - 1])));
    expect(krippendorffAlpha(asText, "ordinal", { categories: labels }).alpha).toBeCloseTo(
      krippendorffAlpha(KRIPPENDORFF_C, "ordinal").alpha,
      12,
    );
    // Interval on labels places them at equal steps, which is the 1..5 coding.
    expect(krippendorffAlpha(asText, "interval", { categories: labels }).alpha).toBeCloseTo(1 - 676 / 4480, 12);
    expect(() => krippendorffAlpha(asText, "ordinal")).toThrow(/need `categories`/);
    expect(() => krippendorffAlpha(asText, "interval")).toThrow(/must be numeric/);
  });
});

describe("krippendorffAlpha — Krippendorff (2011) two-observer examples", () => {
  it("example A, binary data, 2 observers, 10 units: α = 0.095", () => {
    // Coincidences by hand: o_00 = 10, o_11 = 2, o_01 = o_10 = 4; n_0 = 14, n_1 = 6, n = 20;
    // α = 1 − (n−1)·o_01/(n_0·n_1) = 1 − 19·4/84 = 0.0952.
    const matrix = unitsByRaters([
      [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
      [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
    ]);
    const r = krippendorffAlpha(matrix, "nominal");
    expect(r.alpha).toBeCloseTo(0.095, 3);
    expect(r.alpha).toBeCloseTo(1 - 76 / 84, 12);
  });

  it("example B, nominal data, 2 observers, 12 units: α = 0.692", () => {
    // By hand: n_a = 4, n_b = 6, n_c = 6, n_d = 6, n_e = 2 (n = 24); three disagreeing units
    // give Σ_{c≠k} o_ck = 6; n² − Σ n_c² = 576 − 128 = 448; α = 1 − 23·6/448 = 0.69196.
    const matrix = unitsByRaters([
      ["a", "a", "b", "b", "d", "c", "c", "c", "e", "d", "d", "a"],
      ["b", "a", "b", "b", "b", "c", "c", "c", "e", "d", "d", "d"],
    ]);
    const r = krippendorffAlpha(matrix, "nominal");
    expect(r.alpha).toBeCloseTo(0.692, 3);
    expect(r.alpha).toBeCloseTo(1 - 138 / 448, 12);
  });
});

describe("krippendorffAlpha — properties and edge cases", () => {
  it("interval α is unchanged by a linear rescaling of the scores", () => {
    const rescaled = KRIPPENDORFF_C.map((row) => row.map((v) => (v === null ? null : 10 * (v as number) - 7)));
    expect(krippendorffAlpha(rescaled, "interval").alpha).toBeCloseTo(1 - 676 / 4480, 12);
  });

  it("ordinal α depends only on the order of the values", () => {
    const squared = KRIPPENDORFF_C.map((row) => row.map((v) => (v === null ? null : (v as number) ** 2)));
    expect(krippendorffAlpha(squared, "ordinal").alpha).toBeCloseTo(
      krippendorffAlpha(KRIPPENDORFF_C, "ordinal").alpha,
      12,
    );
  });

  it("is 1 for perfect agreement with variation, NaN without variation", () => {
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [2, 2],
          [3, null],
        ],
        "interval",
      ).alpha,
    ).toBe(1);
    // Every pairable rating the same value: Dₑ = 0, α = 0/0.
    for (const level of ["nominal", "ordinal", "interval"] as const) {
      expect(
        krippendorffAlpha(
          [
            [4, 4, 4],
            [4, 4, null],
          ],
          level,
        ).alpha,
      ).toBeNaN();
    }
    // A different lone value in an unpairable unit does not create variation.
    expect(
      krippendorffAlpha(
        [
          [4, 4],
          [7, null],
        ],
        "nominal",
      ).alpha,
    ).toBeNaN();
  });

  it("is NaN with nothing pairable: empty input, or at most one rating per unit", () => {
    const empty = krippendorffAlpha([], "nominal");
    expect(empty.alpha).toBeNaN();
    expect(empty.pairableValues).toBe(0);
    expect(
      krippendorffAlpha(
        [
          [1, null],
          [null, 2],
        ],
        "nominal",
      ).alpha,
    ).toBeNaN();
  });

  it("validates ratings against declared categories", () => {
    expect(() => krippendorffAlpha([[1, 6]], "nominal", { categories: [1, 2, 3, 4, 5] })).toThrow(
      /not one of the given categories/,
    );
  });
});
