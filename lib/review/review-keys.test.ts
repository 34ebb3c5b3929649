import { describe, expect, it } from "vitest";
import type { ReviewRun } from "./get-review-item.types";
import { DEFAULT_QUEUE_CONFIG } from "./queue-config";
import { formRows } from "./rating-form";
import { resolveKey, type KeyContext, type KeyPress } from "./review-keys";

const run: ReviewRun = {
  slot: "A",
  runId: "run-A",
  status: "done",
  error: null,
  steps: [{ id: "reasoning-1", section: "Reasoning", text: "AKI" }],
  answer: "",
  items: [],
  modelLabel: null,
};
const rows = formRows("rubric", DEFAULT_QUEUE_CONFIG, [run]);
const criterion = rows[0];
const step = rows.find((row) => row.mode === "flags")!;

const base: KeyContext = {
  place: "row",
  row: criterion,
  mode: "edit",
  isPaused: false,
  hasMissingItems: false,
  canSkip: true,
  canEdit: false,
  canGoPrevious: true,
  canGoNext: true,
};
const press = (key: string, extra: Partial<KeyPress> = {}): KeyPress => ({ key, ...extra });
const typeOf = (key: string, context: Partial<KeyContext> = {}, extra: Partial<KeyPress> = {}) =>
  resolveKey(press(key, extra), { ...base, ...context }).type;

/** Feeds a string key by key, pausing as the workspace does; returns the actions that would change the rating. */
function typeText(text: string, context: Partial<KeyContext>) {
  let isPaused = false;
  const effects: string[] = [];
  for (const key of text) {
    const action = resolveKey(press(key), { ...base, ...context, isPaused });
    if (action.type === "pause") isPaused = true;
    if (["pick", "submit", "skip-open", "skip-reason", "go", "edit"].includes(action.type)) effects.push(action.type);
  }
  return effects;
}

describe("resolveKey", () => {
  it("picks on the focused row, moves, and submits with s", () => {
    expect(resolveKey(press("4"), base)).toMatchObject({ type: "pick", row: criterion, option: { value: 4 } });
    expect(typeOf("j")).toBe("move");
    expect(typeOf("ArrowUp")).toBe("move");
    expect(typeOf("s")).toBe("submit");
  });

  it("leaves every key to text fields and the timeline; Escape hands back, Ctrl+Enter submits", () => {
    for (const place of ["text", "own-keys"] as const) {
      for (const key of ["3", "s", "w", "x", "n", "[", " "]) expect(typeOf(key, { place })).toBe("pass");
      expect(typeOf("Escape", { place })).toBe("leave-field");
    }
    expect(typeOf("Enter", { place: "text" }, { ctrlKey: true })).toBe("submit");
    expect(typeOf("Enter", { place: "text", mode: "read-only" }, { ctrlKey: true })).toBe("pass");
  });

  it("text typed into nothing never rates or submits: the first key that means nothing pauses the rest", () => {
    expect(typeText("Potassium was 6.3 see comment", { place: "none" })).toEqual([]);
    expect(typeText("was 6.3", { place: "row", row: criterion })).toEqual([]);
    // A capital letter is text too, even where its lower case is a flag.
    expect(typeOf("W", { row: step })).toBe("pause");
    // A pick by the key just before (spaces aside) was the text's first character: taken back.
    expect(resolveKey(press("i"), { ...base, lastWasPick: true })).toEqual({ type: "pause", undoLastPick: true });
    expect(resolveKey(press("i"), base)).toEqual({ type: "pause", undoLastPick: false });
    // After "2 ", even a shortcut letter is the sentence going on ("2 more"), not m.
    expect(
      resolveKey(press("m"), { ...base, hasMissingItems: true, lastWasPick: true, isPickThenSpace: true }),
    ).toEqual({ type: "pause", undoLastPick: true });
    expect(typeOf("m", { hasMissingItems: true, lastWasPick: true })).toBe("open-field");
    // While paused, only Escape (or an arrow) resumes.
    expect(typeOf("3", { isPaused: true })).toBe("swallow");
    expect(typeOf("s", { isPaused: true })).toBe("swallow");
    expect(typeOf("Escape", { isPaused: true })).toBe("resume");
    expect(resolveKey(press("ArrowDown"), { ...base, isPaused: true })).toEqual({
      type: "resume",
      then: { type: "move", delta: 1 },
    });
  });

  it("n, c and m always open a text field: n the focused step's note, else the comment", () => {
    expect(resolveKey(press("n"), { ...base, row: step })).toEqual({ type: "open-field", field: "note" });
    expect(resolveKey(press("n"), base)).toEqual({ type: "open-field", field: "comment" });
    expect(resolveKey(press("n"), { ...base, place: "none", row: null })).toEqual({
      type: "open-field",
      field: "comment",
    });
    expect(resolveKey(press("c"), base)).toEqual({ type: "open-field", field: "comment" });
    expect(resolveKey(press("m"), { ...base, hasMissingItems: true })).toEqual({
      type: "open-field",
      field: "missing",
    });
    expect(typeOf("m")).toBe("pause");
  });

  it("digits go to the focused row only: none on another control, none on a step (no digit keys there)", () => {
    expect(typeOf("3", { place: "control", row: null })).toBe("pause");
    expect(typeOf("3", { row: step })).toBe("pause");
    expect(resolveKey(press("w"), { ...base, row: step })).toMatchObject({
      type: "pick",
      option: { value: "wrong_fact" },
    });
  });

  it("a held key rates once; modifier chords belong to the browser", () => {
    expect(typeOf("4", {}, { repeat: true })).toBe("swallow");
    expect(typeOf("s", {}, { repeat: true })).toBe("swallow");
    expect(typeOf("j", {}, { repeat: true })).toBe("move");
    expect(typeOf("s", {}, { metaKey: true })).toBe("pass");
    expect(typeOf("r", {}, { ctrlKey: true })).toBe("pass");
    expect(typeOf("4", {}, { isComposing: true })).toBe("pass");
  });

  it("read-only: nothing changes the rating; e edits when allowed; navigation still works", () => {
    const readOnly = { mode: "read-only" as const };
    for (const key of ["4", "s", "c", "n", "x"]) expect(typeOf(key, readOnly)).toBe("swallow");
    expect(typeOf("e", readOnly)).toBe("pause");
    expect(typeOf("e", { ...readOnly, canEdit: true })).toBe("edit");
    expect(resolveKey(press("]"), { ...base, ...readOnly })).toEqual({ type: "go", to: "next" });
    expect(typeOf("[", { ...readOnly, canGoPrevious: false })).toBe("swallow");
  });

  it("skip takes two keys: x, then the reason's digit; Escape cancels; the dialog keeps its keys", () => {
    expect(typeOf("x")).toBe("skip-open");
    expect(typeOf("x", { canSkip: false })).toBe("pause");
    expect(resolveKey(press("1"), { ...base, mode: "skip" })).toEqual({ type: "skip-reason", reason: "cannot_assess" });
    expect(resolveKey(press("2"), { ...base, mode: "skip" })).toEqual({
      type: "skip-reason",
      reason: "not_my_specialty",
    });
    expect(resolveKey(press("3"), { ...base, mode: "skip" })).toEqual({ type: "skip-reason", reason: "other" });
    expect(typeOf("s", { mode: "skip" })).toBe("swallow");
    expect(typeOf("Escape", { mode: "skip" })).toBe("skip-cancel");
    expect(typeOf("3", { mode: "dialog" })).toBe("pass");
  });
});
