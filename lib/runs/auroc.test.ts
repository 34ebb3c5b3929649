import { describe, expect, it } from "vitest";
import { auroc } from "./auroc";

const samples = (pairs: [number, 0 | 1][]) => pairs.map(([score, label]) => ({ score, positive: label === 1 }));

describe("auroc", () => {
  it("is 1 for a perfect ranking, 0 for a reversed one, 0.5 when every score ties", () => {
    expect(
      auroc(
        samples([
          [0.9, 1],
          [0.8, 1],
          [0.3, 0],
          [0.1, 0],
        ]),
      ),
    ).toBe(1);
    expect(
      auroc(
        samples([
          [0.1, 1],
          [0.2, 1],
          [0.8, 0],
          [0.9, 0],
        ]),
      ),
    ).toBe(0);
    expect(
      auroc(
        samples([
          [0.5, 1],
          [0.5, 0],
          [0.5, 1],
          [0.5, 0],
        ]),
      ),
    ).toBe(0.5);
  });

  it("matches a hand count of concordant pairs, ties counting half", () => {
    // Positives 0.8, 0.4, 0.6; negatives 0.5, 0.4, 0.1. Pairs (pos > neg): 0.8 beats 3;
    // 0.6 beats 0.5, 0.4, 0.1 = 3; 0.4 beats 0.1, ties 0.4 (half) = 1.5. U = 7.5 of 9.
    expect(
      auroc(
        samples([
          [0.8, 1],
          [0.4, 1],
          [0.6, 1],
          [0.5, 0],
          [0.4, 0],
          [0.1, 0],
        ]),
      ),
    ).toBeCloseTo(7.5 / 9, 12);
  });

  it("is undefined with one class only", () => {
    expect(
      auroc(
        samples([
          [0.2, 1],
          [0.9, 1],
        ]),
      ),
    ).toBeNull();
    expect(auroc([])).toBeNull();
  });
});
