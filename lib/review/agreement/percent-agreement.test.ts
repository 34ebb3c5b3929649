import { describe, expect, it } from "vitest";
import { percentAgreement } from "./percent-agreement";

describe("percentAgreement", () => {
  it("averages per-unit pairwise agreement over units with at least two ratings", () => {
    const r = percentAgreement([
      ["a", "a", "a"], // 3/3 pairs agree
      ["a", "a", "b"], // 1/3
      ["a", null, "b"], // 0/1
      ["a", null, null], // one rating: no pair, skipped
      [null, null, null], // skipped
    ]);
    expect(r.units).toBe(3);
    expect(r.agreement).toBeCloseTo((1 + 1 / 3 + 0) / 3, 12);
    expect(r.pairs).toBe(7);
    expect(r.agreeingPairs).toBe(4);
  });

  it('distinguishes 1 from "1" and treats NaN as missing', () => {
    expect(percentAgreement([[1, "1"]]).agreement).toBe(0);
    expect(percentAgreement([[1, NaN, 1]]).agreement).toBe(1);
  });

  it("is NaN with no pairable unit (empty input, or one rating per unit)", () => {
    expect(percentAgreement([]).agreement).toBeNaN();
    expect(percentAgreement([[1], [2, null]]).agreement).toBeNaN();
    expect(percentAgreement([[1], [2, null]]).units).toBe(0);
  });
});
