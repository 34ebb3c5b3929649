import { describe, expect, it } from "vitest";
import { canSeeGroundTruth, compareWithTruth } from "./ground-truth";

const time = new Date("2150-01-02T06:00:00Z");

describe("compareWithTruth", () => {
  it("scores items as lower-cased exact names (EHR-Bench's set precision/recall/F1)", () => {
    const result = compareWithTruth(
      { kind: "items", items: ["Sodium", "Potassium"], evidence: "2 rows", eventIds: ["1", "2"], time },
      [
        { rank: 1, label: "sodium" },
        { rank: 2, label: "INR(PT)" },
        { rank: 3, label: "Glucose" },
      ],
    );
    expect(result).toMatchObject({
      kind: "items",
      truth: [
        { label: "Sodium", predicted: true },
        { label: "Potassium", predicted: false },
      ],
      predicted: [
        { rank: 1, hit: true },
        { rank: 2, hit: false },
        { rank: 3, hit: false },
      ],
      time: time.toISOString(),
    });
    const scored = result as Extract<typeof result, { kind: "items" }>;
    expect(scored.precision).toBeCloseTo(1 / 3);
    expect(scored.recall).toBeCloseTo(1 / 2);
    expect(scored.f1).toBeCloseTo(0.4);
  });

  it("has no precision without predictions, and F1 0 when nothing hits", () => {
    const truth = { kind: "items" as const, items: ["A"], evidence: "", eventIds: [], time };
    expect(compareWithTruth(truth, [])).toMatchObject({ precision: null, recall: 0, f1: null });
    expect(compareWithTruth(truth, [{ rank: 1, label: "B" }])).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it("compares yes/no answers, and passes an unknown truth through", () => {
    const truth = { kind: "yes_no" as const, answer: "yes" as const, evidence: "died" };
    expect(compareWithTruth(truth, [{ rank: 1, label: "yes" }])).toMatchObject({ predicted: "yes", correct: true });
    expect(compareWithTruth(truth, [])).toMatchObject({ predicted: null, correct: null });
    expect(compareWithTruth({ kind: "unknown", reason: "no later admission" }, [])).toEqual({
      kind: "unknown",
      reason: "no later admission",
    });
  });
});

describe("canSeeGroundTruth", () => {
  it("admins and the run's creator; nobody else, and never by a null creator", () => {
    expect(canSeeGroundTruth({ id: "a", roles: ["admin"] }, { createdById: "b" })).toBe(true);
    expect(canSeeGroundTruth({ id: "b", roles: ["clinician"] }, { createdById: "b" })).toBe(true);
    expect(canSeeGroundTruth({ id: "c", roles: ["clinician", "annotator"] }, { createdById: "b" })).toBe(false);
    expect(canSeeGroundTruth({ id: "c", roles: ["clinician"] }, { createdById: null })).toBe(false);
  });
});
