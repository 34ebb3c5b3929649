// The rating form as data: the rows a rater moves through with the keyboard, the options of
// each row with the key that picks them, and how picking one changes the rating. Pure, so the
// React form only renders rows and forwards keys, and the rules are unit-tested here.
import type { ReviewRun } from "./get-review-item.types";
import {
  CONFIDENCE_SCALE,
  STEP_FLAG_LABELS,
  STEP_FLAGS,
  type PairwiseChoice,
  type QueueConfig,
  type ReviewKind,
  type StepFlag,
} from "./queue-config";
import type { RatingContent, StepAnnotation } from "./save-rating.types";

export type RowTarget =
  | { type: "item"; rank: number }
  | { type: "overall" }
  | { type: "confidence" }
  | { type: "criterion"; key: string }
  | { type: "pair"; key: string }
  | { type: "step"; id: string };

export type RowOption = { key: string; value: number | string; label: string; definition: string };

export type FormRow = {
  id: string;
  /** scale: one value, picking moves on; flags: toggles, several at once, focus stays. */
  mode: "scale" | "flags";
  label: string;
  description: string;
  target: RowTarget;
  options: RowOption[];
};

/** Keys of the step flags, by initial: w(rong fact), u(nsupported), i(rrelevant), h(armful). */
export const FLAG_KEYS: Record<StepFlag, string> = { wrong_fact: "w", unsupported: "u", irrelevant: "i", harmful: "h" };

/**
 * A scale's options with their digit keys. When every level value is a different single digit
 * (0–9), the key is the value itself, so the number a rater sees and presses is the number
 * stored and exported (Disagree 0, Partly 1, Agree 2; Likert 1–5). Other scales (negative or
 * larger values) number their levels 1, 2, 3… in order.
 */
function digitOptions(levels: readonly { value: number; label: string; definition: string }[]): RowOption[] {
  const values = levels.map((level) => level.value);
  const isDigitScale =
    values.every((value) => Number.isInteger(value) && value >= 0 && value <= 9) &&
    new Set(values).size === values.length;
  return levels.map((level, index) => ({ key: String(isDigitScale ? level.value : index + 1), ...level }));
}

const confidenceRow: FormRow = {
  id: "confidence",
  mode: "scale",
  label: "Your confidence",
  description: "How sure are you of this rating?",
  target: { type: "confidence" },
  options: digitOptions(CONFIDENCE_SCALE),
};

/**
 * The rows, in keyboard order. `runs` are in display order; for pairwise the first is shown
 * on the left, so "Left" maps to its slot (A or B) and the stored choice stays the run's.
 */
export function formRows(kind: ReviewKind, config: QueueConfig, runs: readonly ReviewRun[]): FormRow[] {
  if (kind === "agreement") {
    const options = digitOptions(config.agreementScale);
    return [
      ...runs[0].items.map((item) => ({
        id: `item-${item.rank}`,
        mode: "scale" as const,
        label: item.label,
        description: `Predicted item ${item.rank}`,
        target: { type: "item" as const, rank: item.rank },
        options,
      })),
      {
        id: "overall",
        mode: "scale",
        label: "Overall agreement",
        description: "With the prediction as a whole",
        target: { type: "overall" },
        options,
      },
      confidenceRow,
    ];
  }
  if (kind === "rubric") {
    const stepRows: FormRow[] = config.stepFlags
      ? runs[0].steps.map((step, index) => ({
          id: `step-${step.id}`,
          mode: "flags",
          label: `Step ${index + 1}${step.section ? ` · ${step.section}` : ""}`,
          description: step.text,
          target: { type: "step", id: step.id },
          options: STEP_FLAGS.map((flag) => ({
            key: FLAG_KEYS[flag],
            value: flag,
            label: STEP_FLAG_LABELS[flag],
            definition: "",
          })),
        }))
      : [];
    // The form's rows first, as the form column shows them (criteria, then confidence); the
    // reasoning steps, flagged on the side, after them: digits after the last criterion go to
    // confidence, never to a step that has no digit keys.
    return [
      ...config.criteria.map((criterion) => ({
        id: `criterion-${criterion.key}`,
        mode: "scale" as const,
        label: criterion.label,
        description: criterion.description,
        target: { type: "criterion" as const, key: criterion.key },
        options: digitOptions(criterion.levels),
      })),
      confidenceRow,
      ...stepRows,
    ];
  }
  const [left, right] = runs;
  const pairOptions: RowOption[] = [
    { key: "1", value: left.slot, label: "Left better", definition: "" },
    { key: "2", value: "tie", label: "Tie", definition: "" },
    { key: "3", value: right.slot, label: "Right better", definition: "" },
  ];
  return [
    ...config.pairwiseCriteria.map((criterion) => ({
      id: `pair-${criterion.key}`,
      mode: "scale" as const,
      label: criterion.label,
      description: criterion.description,
      target: { type: "pair" as const, key: criterion.key },
      options: pairOptions,
    })),
    confidenceRow,
  ];
}

/** The value a row holds in `content`: one option value, the set flags, or null. */
export function rowValue(content: RatingContent, row: FormRow): number | string | string[] | null {
  const target = row.target;
  switch (target.type) {
    case "item":
      return content.items.find((item) => item.rank === target.rank)?.value ?? null;
    case "overall":
      return content.overall;
    case "confidence":
      return content.confidence;
    case "criterion":
    case "pair":
      return content.rubric[target.key] ?? null;
    case "step":
      return content.steps.find((step) => step.step === target.id)?.flags ?? [];
  }
}

function withStep(content: RatingContent, id: string, change: (step: StepAnnotation) => StepAnnotation): RatingContent {
  const current = content.steps.find((step) => step.step === id) ?? { step: id, flags: [], note: "" };
  const next = change(current);
  const others = content.steps.filter((step) => step.step !== id);
  // An annotation with neither flag nor note is no annotation: drop it rather than store noise.
  return { ...content, steps: next.flags.length || next.note ? [...others, next] : others };
}

/** `content` with `option` picked on `row` (a flag row toggles the flag). */
export function pickOption(content: RatingContent, row: FormRow, option: RowOption): RatingContent {
  const target = row.target;
  switch (target.type) {
    case "item": {
      const items = content.items.filter((item) => item.rank !== target.rank);
      items.push({ rank: target.rank, value: option.value as number });
      return { ...content, items: items.sort((a, b) => a.rank - b.rank) };
    }
    case "overall":
      return { ...content, overall: option.value as number };
    case "confidence":
      return { ...content, confidence: option.value as number };
    case "criterion":
      return { ...content, rubric: { ...content.rubric, [target.key]: option.value as number } };
    case "pair":
      return { ...content, rubric: { ...content.rubric, [target.key]: option.value as PairwiseChoice } };
    case "step": {
      const flag = option.value as StepFlag;
      return withStep(content, target.id, (step) => ({
        ...step,
        flags: step.flags.includes(flag)
          ? step.flags.filter((held) => held !== flag)
          : STEP_FLAGS.filter((candidate) => candidate === flag || step.flags.includes(candidate)),
      }));
    }
  }
}

export function setStepNote(content: RatingContent, id: string, note: string): RatingContent {
  return withStep(content, id, (step) => ({ ...step, note }));
}

/**
 * The option a key picks on a row, or undefined: digits for scales, w/u/i/h for flags. Exact:
 * a capital letter is text being typed (the start of a sentence), not a flag.
 */
export function optionForKey(row: FormRow, key: string): RowOption | undefined {
  return row.options.find((option) => option.key === key);
}

/** The first row still without an answer (flag rows never need one), or -1. */
export function firstUnanswered(content: RatingContent, rows: readonly FormRow[]): number {
  return rows.findIndex((row) => row.mode === "scale" && rowValue(content, row) === null);
}

/**
 * Where the keyboard goes after a pick on rows[index]: a flag row keeps it (several flags at
 * once); a scale row hands it to the next scale row still unanswered (after it, else before
 * it), else to the next scale row, else keeps it. Never to a flag row: digits do nothing there.
 */
export function rowAfterPick(content: RatingContent, rows: readonly FormRow[], index: number): number {
  if (rows[index]?.mode !== "scale") return index;
  const isOpen = (row: FormRow) => row.mode === "scale" && rowValue(content, row) === null;
  const later = rows.findIndex((row, at) => at > index && isOpen(row));
  if (later >= 0) return later;
  const earlier = rows.findIndex((row, at) => at < index && isOpen(row));
  if (earlier >= 0) return earlier;
  const next = rows.findIndex((row, at) => at > index && row.mode === "scale");
  return next >= 0 ? next : index;
}
