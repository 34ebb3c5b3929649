import { describe, expect, it } from "vitest";
import { cohenKappa } from "./cohen";
import { agreementWithReference } from "./reference";
import type { Rating } from "./types";

describe("agreementWithReference", () => {
  // Three clinicians judge the model's predicted diagnosis for six patients.
  const model: Rating[] = ["sepsis", "sepsis", "aki", "aki", "sepsis", "chf"];
  const clinicians: Rating[][] = [
    ["sepsis", "sepsis", "sepsis"],
    ["sepsis", "aki", null],
    ["aki", "aki", "aki"],
    ["aki", "aki", "chf"],
    ["chf", "sepsis", "sepsis"],
    ["chf", null, "chf"],
  ];

  it("gives each clinician's proportion and kappa against the model", () => {
    const r = agreementWithReference(clinicians, model);
    expect(r.perRater).toHaveLength(3);
    // Clinician 0 agrees on 5 of 6.
    expect(r.perRater[0].n).toBe(6);
    expect(r.perRater[0].agreement).toBeCloseTo(5 / 6, 12);
    expect(r.perRater[0].kappa).toBe(
      cohenKappa(
        clinicians.map((row) => row[0]),
        model,
      ).kappa,
    );
    // Clinician 1 skipped patient 6: 4 of 5 (patient 2 differs).
    expect(r.perRater[1].n).toBe(5);
    expect(r.perRater[1].agreement).toBeCloseTo(4 / 5, 12);
  });

  it("pools all (clinician, patient) pairs into one table", () => {
    const r = agreementWithReference(clinicians, model);
    // 6 + 5 + 5 rated pairs; agreeing 5 + 4 + 4 (clinician 2 differs on patient 4).
    expect(r.pooled.n).toBe(16);
    expect(r.pooled.agreement).toBeCloseTo(13 / 16, 12);
    const stackedRatings = [0, 1, 2].flatMap((c) => clinicians.map((row) => row[c]));
    const stackedModel = [0, 1, 2].flatMap(() => model);
    expect(r.pooled.kappa).toBeCloseTo(cohenKappa(stackedRatings, stackedModel).kappa, 12);
  });

  it("accepts a single rater as a plain vector and skips a missing reference", () => {
    const r = agreementWithReference(["yes", "no", "yes", "no"], ["yes", "no", null, "yes"]);
    expect(r.perRater).toHaveLength(1);
    expect(r.perRater[0].n).toBe(3);
    expect(r.perRater[0].agreement).toBeCloseTo(2 / 3, 12);
    // 2×2 table over the 3 used units: pₒ = 2/3, rater yes 1/3, model yes 2/3,
    // pₑ = 1/3·2/3 + 2/3·1/3 = 4/9, κ = (2/3 − 4/9)/(5/9) = 0.4.
    expect(r.perRater[0].kappa).toBeCloseTo(0.4, 12);
  });

  it("passes weights to the kappa but keeps exact-match agreement", () => {
    const r = agreementWithReference([1, 2, 3, 3], [1, 3, 3, 2], { weights: "linear" });
    expect(r.perRater[0].agreement).toBe(0.5);
    expect(r.perRater[0].kappa).toBe(cohenKappa([1, 2, 3, 3], [1, 3, 3, 2], { weights: "linear" }).kappa);
  });

  it("handles empty input and constant ratings, and rejects length mismatches", () => {
    const empty = agreementWithReference([], []);
    expect(empty.perRater).toEqual([]);
    expect(empty.pooled.n).toBe(0);
    expect(empty.pooled.agreement).toBeNaN();
    // Clinician and model always say "correct": 100% agreement, kappa undefined.
    const constant = agreementWithReference([["correct"], ["correct"]], ["correct", "correct"]);
    expect(constant.perRater[0].agreement).toBe(1);
    expect(constant.perRater[0].kappa).toBeNaN();
    expect(() => agreementWithReference([[1], [2]], [1])).toThrow(/reference values/);
  });
});
