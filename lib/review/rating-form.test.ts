import { describe, expect, it } from "vitest";
import type { ReviewRun } from "./get-review-item.types";
import { DEFAULT_QUEUE_CONFIG } from "./queue-config";
import {
  firstUnanswered,
  formRows,
  optionForKey,
  pickOption,
  rowAfterPick,
  rowValue,
  setStepNote,
} from "./rating-form";
import { RatingContent } from "./save-rating.types";

const run = (slot: "A" | "B"): ReviewRun => ({
  slot,
  runId: `run-${slot}`,
  status: "done",
  error: null,
  steps: [
    { id: "extraction-1", section: "Extraction", text: "Creatinine 2.4" },
    { id: "reasoning-1", section: "Reasoning", text: "AKI" },
  ],
  answer: "Creatinine\nPotassium",
  items: [
    { rank: 1, label: "Creatinine", probability: null },
    { rank: 2, label: "Potassium", probability: null },
  ],
  modelLabel: null,
});
const empty = RatingContent.parse({});

describe("formRows", () => {
  it("agreement: one row per predicted item, overall, confidence; the key shown is the value stored", () => {
    const rows = formRows("agreement", DEFAULT_QUEUE_CONFIG, [run("A")]);
    expect(rows.map((row) => row.id)).toEqual(["item-1", "item-2", "overall", "confidence"]);
    expect(rows[0].options.map((option) => `${option.key}:${option.label}:${option.value}`)).toEqual([
      "0:Disagree:0",
      "1:Partly:1",
      "2:Agree:2",
    ]);
    expect(rows[3].options.map((option) => option.key)).toEqual(["1", "2", "3", "4", "5"]);
  });

  it("numbers the levels 1, 2, 3… when the values are not single digits", () => {
    const config = {
      ...DEFAULT_QUEUE_CONFIG,
      agreementScale: [-1, 0, 1].map((value) => ({ value, label: `v${value}`, definition: "" })),
    };
    const rows = formRows("agreement", config, [run("A")]);
    expect(rows[0].options.map((option) => [option.key, option.value])).toEqual([
      ["1", -1],
      ["2", 0],
      ["3", 1],
    ]);
  });

  it("rubric: criteria, then confidence, then a flag row per step (w/u/i/h)", () => {
    const rows = formRows("rubric", DEFAULT_QUEUE_CONFIG, [run("A")]);
    expect(rows.map((row) => row.id)).toEqual([
      "criterion-factual_accuracy",
      "criterion-evidence_grounding",
      "criterion-clinical_relevance",
      "criterion-completeness",
      "criterion-harm",
      "confidence",
      "step-extraction-1",
      "step-reasoning-1",
    ]);
    expect(rows[6]).toMatchObject({ mode: "flags", label: "Step 1 · Extraction" });
    expect(rows[6].options.map((option) => option.key)).toEqual(["w", "u", "i", "h"]);
  });

  it("pairwise: Left and Right map to the runs' own slots in display order", () => {
    const rows = formRows("pairwise", DEFAULT_QUEUE_CONFIG, [run("B"), run("A")]);
    expect(rows[0].options.map((option) => [option.key, option.label, option.value])).toEqual([
      ["1", "Left better", "B"],
      ["2", "Tie", "tie"],
      ["3", "Right better", "A"],
    ]);
  });
});

describe("picking options", () => {
  it("sets scale values, toggles flags, keeps notes, and finds the next unanswered row", () => {
    const rows = formRows("rubric", DEFAULT_QUEUE_CONFIG, [run("A")]);
    const [accuracy] = rows;
    const step = rows.find((row) => row.id === "step-reasoning-1")!;
    let content = pickOption(empty, accuracy, optionForKey(accuracy, "4")!);
    expect(rowValue(content, accuracy)).toBe(4);
    expect(optionForKey(step, "H")).toBeUndefined();
    content = pickOption(content, step, optionForKey(step, "h")!);
    content = pickOption(content, step, optionForKey(step, "w")!);
    expect(rowValue(content, step)).toEqual(["wrong_fact", "harmful"]);
    content = setStepNote(content, "reasoning-1", "not in the record");
    content = pickOption(content, step, optionForKey(step, "h")!);
    expect(content.steps).toEqual([{ step: "reasoning-1", flags: ["wrong_fact"], note: "not in the record" }]);
    content = pickOption(content, step, optionForKey(step, "w")!);
    content = setStepNote(content, "reasoning-1", "");
    expect(content.steps).toEqual([]);
    expect(firstUnanswered(content, rows)).toBe(1);
    expect(optionForKey(accuracy, "9")).toBeUndefined();
  });

  it("replaces an item's value rather than adding a second one", () => {
    const rows = formRows("agreement", DEFAULT_QUEUE_CONFIG, [run("A")]);
    let content = pickOption(empty, rows[1], rows[1].options[0]);
    content = pickOption(content, rows[0], rows[0].options[2]);
    content = pickOption(content, rows[1], rows[1].options[1]);
    expect(content.items).toEqual([
      { rank: 1, value: 2 },
      { rank: 2, value: 1 },
    ]);
  });
});

describe("rowAfterPick", () => {
  const rows = formRows("rubric", DEFAULT_QUEUE_CONFIG, [run("A")]);
  const at = (id: string) => rows.findIndex((row) => row.id === id);
  const pickAll = (ids: string[]) =>
    ids.reduce((content, id) => pickOption(content, rows[at(id)], rows[at(id)].options[3]), empty);

  it("after the last criterion goes to confidence, not to a reasoning step", () => {
    const content = pickAll(rows.filter((row) => row.target.type === "criterion").map((row) => row.id));
    expect(rows[rowAfterPick(content, rows, at("criterion-harm"))].id).toBe("confidence");
  });

  it("goes to the next unanswered scale row, wrapping to an earlier one, and stays on flag rows", () => {
    const content = pickAll(["criterion-evidence_grounding", "criterion-clinical_relevance", "criterion-completeness"]);
    expect(rows[rowAfterPick(content, rows, at("criterion-evidence_grounding"))].id).toBe("criterion-harm");
    const allButFirst = pickAll([
      "criterion-evidence_grounding",
      "criterion-clinical_relevance",
      "criterion-completeness",
      "criterion-harm",
    ]);
    const withConfidence = pickOption(allButFirst, rows[at("confidence")], rows[at("confidence")].options[0]);
    expect(rows[rowAfterPick(withConfidence, rows, at("confidence"))].id).toBe("criterion-factual_accuracy");
    expect(rowAfterPick(withConfidence, rows, at("step-extraction-1"))).toBe(at("step-extraction-1"));
  });

  it("with everything answered moves to the next scale row, and stays on the last", () => {
    const complete = pickOption(
      pickAll(rows.filter((row) => row.target.type === "criterion").map((row) => row.id)),
      rows[at("confidence")],
      rows[at("confidence")].options[0],
    );
    expect(rows[rowAfterPick(complete, rows, at("criterion-harm"))].id).toBe("confidence");
    expect(rows[rowAfterPick(complete, rows, at("confidence"))].id).toBe("confidence");
  });
});
