import { describe, expect, it } from "vitest";
import { DEFAULT_QUEUE_CONFIG, parseQueueConfig } from "./queue-config";
import { ratingProblems, unansweredParts, type RatingTarget } from "./rating-rules";
import { RatingContent } from "./save-rating.types";

const content = (input: object) => RatingContent.parse(input);
const target = (kind: RatingTarget["kind"]): RatingTarget => ({
  kind,
  config: DEFAULT_QUEUE_CONFIG,
  itemRanks: [1, 2],
  stepIds: ["extraction-1", "reasoning-1"],
});

describe("ratingProblems", () => {
  it("accepts a complete agreement rating and a partial draft", () => {
    expect(
      ratingProblems(content({ items: [{ rank: 1, value: 2 }], overall: 0, confidence: 3 }), target("agreement")),
    ).toEqual([]);
    expect(ratingProblems(content({}), target("agreement"))).toEqual([]);
  });

  it("names values off the scale, unknown items and steps, and fields of another kind", () => {
    expect(
      ratingProblems(
        content({
          items: [
            { rank: 3, value: 1 },
            { rank: 1, value: 9 },
            { rank: 1, value: 1 },
          ],
          overall: 5,
          confidence: 0,
          steps: [{ step: "reasoning-1", flags: ["harmful"] }],
        }),
        target("agreement"),
      ),
    ).toEqual([
      "confidence 0 is not on the 1–5 scale",
      "the run has no predicted item 3",
      "item 1: 9 is not on the scale",
      "item 1 is rated twice",
      "overall 5 is not on the scale",
      "agreement ratings do not flag reasoning steps",
    ]);
    expect(
      ratingProblems(
        content({ rubric: { factual_accuracy: 6, tone: 1 }, steps: [{ step: "final-9", flags: [] }], overall: 2 }),
        target("rubric"),
      ),
    ).toEqual([
      "rubric ratings have no overall agreement",
      "factual_accuracy: 6 is not one of its levels",
      "unknown criterion tone",
      "the reasoning has no step final-9",
    ]);
    expect(ratingProblems(content({ rubric: { overall: 2 } }), target("pairwise"))).toEqual([
      "overall: choose A, B or tie",
    ]);
  });

  it("follows the queue's own scale (Likert 1–5) and step-flag setting", () => {
    const likert = parseQueueConfig({
      agreementScale: [1, 2, 3, 4, 5].map((value) => ({ value, label: `L${value}` })),
      stepFlags: false,
    });
    expect(ratingProblems(content({ overall: 5 }), { ...target("agreement"), config: likert })).toEqual([]);
    expect(ratingProblems(content({ overall: 0 }), { ...target("agreement"), config: likert })).toEqual([
      "overall 0 is not on the scale",
    ]);
    expect(
      ratingProblems(content({ steps: [{ step: "reasoning-1", flags: ["wrong_fact"] }] }), {
        ...target("rubric"),
        config: likert,
      }),
    ).toEqual(["this queue does not flag reasoning steps"]);
  });
});

describe("unansweredParts", () => {
  it("lists what a submission still needs, per kind", () => {
    expect(unansweredParts(content({ items: [{ rank: 2, value: 1 }] }), target("agreement"))).toEqual([
      "1 predicted item",
      "overall agreement",
      "confidence",
    ]);
    expect(unansweredParts(content({ rubric: { factual_accuracy: 3 }, confidence: 2 }), target("rubric"))).toEqual([
      "Evidence grounding",
      "Clinical relevance",
      "Completeness",
      "Potential for harm",
    ]);
    expect(
      unansweredParts(
        content({ rubric: { overall: "A", correctness: "tie", reasoning: "B" }, confidence: 1 }),
        target("pairwise"),
      ),
    ).toEqual([]);
  });
});

describe("queue config", () => {
  it("fills defaults and refuses duplicate criteria or too many levels", () => {
    expect(parseQueueConfig(undefined).criteria.map((criterion) => criterion.key)).toEqual([
      "factual_accuracy",
      "evidence_grounding",
      "clinical_relevance",
      "completeness",
      "harm",
    ]);
    const level = (value: number) => ({ value, label: String(value) });
    expect(() =>
      parseQueueConfig({
        criteria: [
          { key: "a", label: "A", levels: [level(1), level(2)] },
          { key: "a", label: "B", levels: [level(1), level(2)] },
        ],
      }),
    ).toThrow(/criterion keys must differ/);
    expect(() => parseQueueConfig({ agreementScale: Array.from({ length: 10 }, (_, i) => level(i)) })).toThrow();
  });
});
