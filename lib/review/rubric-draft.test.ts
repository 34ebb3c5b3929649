// The rubric editor's model: the default rubric survives draft → criteria and draft → JSON →
// draft unchanged; errors come from the API's schema, keyed by the field they belong to; the
// JSON view refuses what the editor would drop.
import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC, QueueConfig } from "./queue-config";
import {
  addCriterion,
  addLevel,
  checkRubric,
  describeErrorPath,
  draftFromCriteria,
  draftFromJson,
  moveCriterion,
  moveLevel,
  removeCriterion,
  removeLevel,
  rubricJson,
  updateCriterion,
  updateLevel,
} from "./rubric-draft";

const keys = (draft: ReturnType<typeof draftFromCriteria>) => draft.map((criterion) => criterion.key);

describe("rubric drafts", () => {
  it("round-trips the default rubric through the draft and through its JSON", () => {
    const draft = draftFromCriteria(DEFAULT_RUBRIC);
    expect(checkRubric(draft)).toEqual({ criteria: DEFAULT_RUBRIC, errors: null });
    const back = draftFromJson(rubricJson(draft));
    expect(back.errors).toBeNull();
    expect(checkRubric(back.draft!).criteria).toEqual(DEFAULT_RUBRIC);
    // What the editor sends is what the API stores.
    expect(QueueConfig.parse({ criteria: checkRubric(draft).criteria }).criteria).toEqual(DEFAULT_RUBRIC);
  });

  it("adds criteria that validate at once, with keys not taken, and moves and removes them", () => {
    let draft = draftFromCriteria(DEFAULT_RUBRIC.slice(0, 2));
    draft = addCriterion(updateCriterion(draft, 1, { key: "criterion_3" }));
    expect(keys(draft)).toEqual(["factual_accuracy", "criterion_3", "criterion_4"]);
    expect(checkRubric(draft).errors).toBeNull();
    expect(keys(moveCriterion(draft, 2, -1))).toEqual(["factual_accuracy", "criterion_4", "criterion_3"]);
    expect(keys(moveCriterion(draft, 0, -1))).toEqual(keys(draft));
    expect(keys(removeCriterion(draft, 0))).toEqual(["criterion_3", "criterion_4"]);
  });

  it("reports each error at its field, in the schema's words", () => {
    let draft = draftFromCriteria(DEFAULT_RUBRIC.slice(0, 2));
    draft = updateCriterion(draft, 0, { key: "Factual accuracy", label: " " });
    draft = updateLevel(draft, 1, 2, { value: "" });
    draft = updateLevel(draft, 1, 3, { value: "1.5" });
    const { errors } = checkRubric(draft);
    expect(errors).toMatchObject({
      "0.key": expect.stringMatching(/lower-case letters/),
      "0.label": expect.any(String),
      "1.levels.2.value": "enter a whole number",
      "1.levels.3.value": expect.stringMatching(/int/i),
    });
    expect(describeErrorPath("1.levels.2.value")).toBe("Criterion 2, level 3, value");
  });

  it("refuses duplicate keys and level values, and too few levels or criteria", () => {
    const draft = draftFromCriteria(DEFAULT_RUBRIC.slice(0, 2));
    expect(checkRubric(updateCriterion(draft, 1, { key: "factual_accuracy" })).errors).toEqual({
      "": "criterion keys must differ",
    });
    expect(checkRubric(updateLevel(draft, 0, 1, { value: "1" })).errors).toEqual({
      "0.levels": "level values must differ",
    });
    let twoLevels = draft;
    for (let i = 0; i < 4; i += 1) twoLevels = removeLevel(twoLevels, 0, 0);
    expect(Object.keys(checkRubric(twoLevels).errors!)).toEqual(["0.levels"]);
    expect(Object.keys(checkRubric([]).errors!)).toEqual([""]);
  });

  it("adds a level above the highest value and reorders levels", () => {
    const draft = addLevel(draftFromCriteria(DEFAULT_RUBRIC.slice(0, 1)), 0);
    expect(draft[0].levels.map((level) => level.value)).toEqual(["1", "2", "3", "4", "5", "6"]);
    // The new level has no label yet: the form says so beside it.
    expect(checkRubric(draft).errors).toEqual({ "0.levels.5.label": expect.any(String) });
    const moved = moveLevel(draft, 0, 5, -5);
    expect(moved[0].levels.map((level) => level.value)).toEqual(["6", "1", "2", "3", "4", "5"]);
  });

  it("takes JSON back only when it round-trips", () => {
    expect(draftFromJson("[{").errors).toEqual({ "": expect.stringMatching(/^not valid JSON/) });
    const extra = JSON.stringify([{ ...DEFAULT_RUBRIC[0], weight: 2 }]);
    expect(draftFromJson(extra).errors).toEqual({ "0.weight": expect.stringMatching(/would drop it/) });
    const levelExtra = [
      { ...DEFAULT_RUBRIC[0], levels: DEFAULT_RUBRIC[0].levels.map((l) => ({ ...l, color: "red" })) },
    ];
    expect(Object.keys(draftFromJson(JSON.stringify(levelExtra)).errors!)).toContain("0.levels.0.color");
    expect(draftFromJson(JSON.stringify([{ key: "x", label: "X", levels: [] }])).errors).toMatchObject({
      "0.levels": expect.any(String),
    });
    // Defaults are filled in, not lost: a criterion without description or definitions is fine.
    const bare = [
      {
        key: "overall",
        label: "Overall",
        levels: [
          { value: 0, label: "Bad" },
          { value: 1, label: "Good" },
        ],
      },
    ];
    expect(checkRubric(draftFromJson(JSON.stringify(bare)).draft!).criteria).toEqual([
      {
        key: "overall",
        label: "Overall",
        description: "",
        levels: [
          { value: 0, label: "Bad", definition: "" },
          { value: 1, label: "Good", definition: "" },
        ],
      },
    ]);
  });
});
