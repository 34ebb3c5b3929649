// From submitted ratings to the statistics: the matrices are exactly what the raters said
// (missing where a rater did not rate), and the figures are the library's on those matrices.
import { describe, expect, it } from "vitest";
import { cohenKappa, fleissKappa, krippendorffAlpha, percentAgreement } from "./agreement";
import { agreementMatrices, stepFlagValue, type RatedItem } from "./agreement-matrices";
import { criterionAgreement } from "./criterion-agreement";
import { agreeingValues, modelAgreementByTask } from "./model-agreement";
import { DEFAULT_QUEUE_CONFIG, LIKERT_5, type StepFlag } from "./queue-config";

const bootstrap = { iterations: 200, confidence: 0.95, seed: 7 };
const rating = (raterId: string, overall: number, items: number[]) => ({
  raterId,
  overall,
  items: items.map((value, index) => ({ rank: index + 1, value })),
  rubric: {},
  steps: [],
});

const agreementItems: RatedItem[] = [
  {
    queueItemId: "q1",
    taskKey: "labevents",
    itemRanks: [1, 2],
    stepIds: [],
    ratings: [rating("ann", 2, [2, 1]), rating("bob", 2, [2, 0])],
  },
  {
    queueItemId: "q2",
    taskKey: "labevents",
    itemRanks: [1, 2],
    stepIds: [],
    ratings: [rating("ann", 0, [0, 0]), rating("bob", 1, [0, 1])],
  },
  { queueItemId: "q3", taskKey: "radiology", itemRanks: [1], stepIds: [], ratings: [rating("ann", 1, [2])] },
];

describe("agreementMatrices", () => {
  it("agreement: a unit per predicted item and per overall rating, raters as columns", () => {
    const [items, overall] = agreementMatrices("agreement", DEFAULT_QUEUE_CONFIG, agreementItems, ["ann", "bob"]);
    expect(items).toMatchObject({ key: "item", level: "ordinal", categories: [0, 1, 2] });
    expect(items.matrix).toEqual([
      [2, 2],
      [1, 0],
      [0, 0],
      [0, 1],
      [2, null],
    ]);
    expect(items.taskKeys).toEqual(["labevents", "labevents", "labevents", "labevents", "radiology"]);
    expect(overall.matrix).toEqual([
      [2, 2],
      [0, 1],
      [1, null],
    ]);
  });

  it("rubric: each criterion, all criteria pooled, and step flags as nominal values", () => {
    const config = { ...DEFAULT_QUEUE_CONFIG, criteria: DEFAULT_QUEUE_CONFIG.criteria.slice(0, 2) };
    const rubric = (raterId: string, a: number, b: number, flags: StepFlag[]) => ({
      raterId,
      overall: null,
      items: [],
      rubric: { factual_accuracy: a, evidence_grounding: b },
      steps: flags.length ? [{ step: "reasoning-1", flags, note: "" }] : [],
    });
    const matrices = agreementMatrices(
      "rubric",
      config,
      [
        {
          queueItemId: "q1",
          taskKey: "labevents",
          itemRanks: [],
          stepIds: ["extraction-1", "reasoning-1"],
          ratings: [rubric("ann", 4, 3, ["wrong_fact", "harmful"]), rubric("bob", 4, 2, [])],
        },
      ],
      ["ann", "bob"],
    );
    expect(matrices.map((matrix) => [matrix.key, matrix.matrix])).toEqual([
      ["factual_accuracy", [[4, 4]]],
      ["evidence_grounding", [[3, 2]]],
      [
        "all",
        [
          [4, 4],
          [3, 2],
        ],
      ],
      [
        "steps",
        [
          ["none", "none"],
          ["harmful+wrong_fact", "none"],
        ],
      ],
    ]);
    expect(matrices[3].categories).toEqual(["harmful+wrong_fact", "none"]);
    expect(stepFlagValue(["wrong_fact", "harmful"])).toBe("harmful+wrong_fact");
  });

  it("pairwise: A, tie, B per criterion (the runs' identities, whatever side each rater saw)", () => {
    const choice = (raterId: string, overall: "A" | "B" | "tie") => ({
      raterId,
      overall: null,
      items: [],
      rubric: { overall },
      steps: [],
    });
    const config = { ...DEFAULT_QUEUE_CONFIG, pairwiseCriteria: DEFAULT_QUEUE_CONFIG.pairwiseCriteria.slice(0, 1) };
    const [overall, pooled] = agreementMatrices(
      "pairwise",
      config,
      [
        {
          queueItemId: "q1",
          taskKey: "t",
          itemRanks: [],
          stepIds: [],
          ratings: [choice("ann", "B"), choice("bob", "tie")],
        },
      ],
      ["ann", "bob"],
    );
    expect(overall).toMatchObject({ level: "nominal", categories: ["A", "B", "tie"], matrix: [["B", "tie"]] });
    expect(pooled.matrix).toEqual([["B", "tie"]]);
  });
});

describe("criterionAgreement", () => {
  it("reports the library's statistics on the pairable units, with intervals around them", () => {
    const [items] = agreementMatrices("agreement", DEFAULT_QUEUE_CONFIG, agreementItems, ["ann", "bob"]);
    const result = criterionAgreement(items, { reviewersPerItem: 2, bootstrap });
    const pairable = items.matrix.slice(0, 4);
    const categories = [0, 1, 2];
    expect(result.units).toBe(4);
    expect(result.ratings).toBe(9);
    expect(result.percentAgreement.estimate).toBeCloseTo(percentAgreement(pairable).agreement, 12);
    expect(result.cohenKappa!.estimate).toBeCloseTo(
      cohenKappa(
        pairable.map((row) => row[0]),
        pairable.map((row) => row[1]),
        { categories, weights: "quadratic" },
      ).kappa,
      12,
    );
    expect(result.fleissKappa).toMatchObject({ units: 4, droppedUnits: 0 });
    expect(result.fleissKappa.estimate).toBeCloseTo(fleissKappa(pairable, { categories }).kappa, 12);
    expect(result.alpha.ordinal!.estimate).toBeCloseTo(
      krippendorffAlpha(pairable, "ordinal", { categories }).alpha,
      12,
    );
    expect(result.alpha.interval).not.toBeNull();
    const { low, high, estimate } = result.alpha.nominal;
    expect(low! <= estimate! && estimate! <= high!).toBe(true);
    expect(result.kappaMatrix.n).toEqual([
      [5, 4],
      [4, 4],
    ]);
  });

  it("gives null, not a number, where a statistic is undefined (no variation)", () => {
    const [, overall] = agreementMatrices("agreement", DEFAULT_QUEUE_CONFIG, [agreementItems[0]], ["ann", "bob"]);
    const result = criterionAgreement(overall, { reviewersPerItem: 2, bootstrap });
    expect(result.percentAgreement.estimate).toBe(1);
    expect(result.cohenKappa!.estimate).toBeNull();
    expect(result.alpha.nominal.estimate).toBeNull();
  });
});

describe("modelAgreementByTask", () => {
  it("counts the upper side of the scale as agreeing with the model, per task and clinician", () => {
    expect([...agreeingValues(DEFAULT_QUEUE_CONFIG.agreementScale)]).toEqual([2]);
    expect([...agreeingValues(LIKERT_5)]).toEqual([4, 5]);
    const [items] = agreementMatrices("agreement", DEFAULT_QUEUE_CONFIG, agreementItems, ["ann", "bob"]);
    const [labevents, radiology] = modelAgreementByTask(
      items,
      DEFAULT_QUEUE_CONFIG.agreementScale,
      ["ann", "bob"],
      bootstrap,
    );
    expect(labevents).toMatchObject({
      taskKey: "labevents",
      ratings: 8,
      perRater: [
        { raterId: "ann", n: 4, agreement: 0.25 },
        { raterId: "bob", n: 4, agreement: 0.25 },
      ],
      levels: [
        { label: "Disagree", count: 4 },
        { label: "Partly", count: 2 },
        { label: "Agree", count: 2 },
      ],
    });
    expect(labevents.agreement.estimate).toBe(0.25);
    expect(radiology).toMatchObject({ ratings: 1, perRater: [{ raterId: "ann", n: 1, agreement: 1 }] });
  });
});
