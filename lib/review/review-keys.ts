// The review workspace's keyboard model: which action one key press means, given where the
// keyboard focus is and what the form is doing. Pure, so the rules a rating depends on are
// decided and tested in one place; components/review/use-review-keys.ts feeds it real key
// events and carries the actions out.
//
// The rules, in the order they apply:
// - A text field (input, textarea, select, contenteditable) and the embedded timeline keep
//   every key; Escape hands the keyboard back to the form, Ctrl/Cmd+Enter submits.
// - The row that receives digits and flags is the focused row: a row holds the keyboard focus
//   itself, or one of its buttons does (Tab). With focus on nothing (the page), it is the
//   highlighted row, which is the last row focused. With focus on another control (a link, a
//   button outside the rows) there is no row: digits have nothing to rate.
// - A printable key that means nothing where it was typed is text typed into nothing: the
//   shortcuts pause (every printable key is swallowed) until Escape, an arrow key or a focused
//   row resumes them, so the rest of a sentence never rates, flags or submits. A pick made by
//   the key just before it (spaces aside: "3 items") was the sentence's first character, and
//   is taken back; so is a pick followed by a space, whatever letter comes next ("2 more":
//   the m would otherwise open a field), since a space has no use between shortcuts.
// - n, c and m always land in a text field (n: the focused step's note, else the comment), so
//   the text typed after them is text. A held-down key rates or submits once, not per repeat.
import { optionForKey, type FormRow, type RowOption } from "./rating-form";

/** Where the keyboard focus is, as far as the form is concerned. */
export type FocusPlace = "text" | "own-keys" | "row" | "control" | "none";

export type SkipReasonKey = "cannot_assess" | "not_my_specialty" | "other";

/** The skip reasons in key order: 1, 2, 3. */
export const SKIP_REASON_KEYS: readonly SkipReasonKey[] = ["cannot_assess", "not_my_specialty", "other"];

export type KeyPress = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
};

export type KeyContext = {
  place: FocusPlace;
  /** The row keys act on: the focused row, or the highlighted one when focus is on nothing. */
  row: FormRow | null;
  /** edit: the rating can change; read-only: submitted (or final) and not being edited; skip: choosing a skip reason. */
  mode: "edit" | "read-only" | "skip" | "dialog";
  /** Text was typed into nothing: shortcuts wait for Escape. */
  isPaused: boolean;
  /** The last key that did anything (spaces and modifiers aside) picked an option. */
  lastWasPick?: boolean;
  /** ...and a space was typed after it: the pick was the first word of a sentence. */
  isPickThenSpace?: boolean;
  hasMissingItems: boolean;
  canSkip: boolean;
  /** A submitted rating that may still be changed (not final). */
  canEdit: boolean;
  canGoPrevious: boolean;
  canGoNext: boolean;
};

export type KeyAction =
  /** Not ours: the browser (or the focused control) handles the key. */
  | { type: "pass" }
  /** Ours, and deliberately nothing happens (the key is kept from the page). */
  | { type: "swallow" }
  | { type: "pick"; row: FormRow; option: RowOption }
  | { type: "move"; delta: 1 | -1 }
  | { type: "submit" }
  | { type: "open-field"; field: "comment" | "missing" | "note" }
  | { type: "leave-field" }
  | { type: "pause"; undoLastPick: boolean }
  | { type: "resume"; then?: { type: "move"; delta: 1 | -1 } }
  | { type: "edit" }
  | { type: "skip-open" }
  | { type: "skip-reason"; reason: SkipReasonKey }
  | { type: "skip-cancel" }
  | { type: "go"; to: "previous" | "next" };

const PASS: KeyAction = { type: "pass" };
const SWALLOW: KeyAction = { type: "swallow" };

const isPrintable = (key: string) => key.length === 1;
const moveFor = (key: string): 1 | -1 | null =>
  key === "ArrowDown" || key === "j" ? 1 : key === "ArrowUp" || key === "k" ? -1 : null;

export function resolveKey(press: KeyPress, context: KeyContext): KeyAction {
  const { key } = press;
  if (press.isComposing || context.mode === "dialog") return PASS;
  const isCommand = press.ctrlKey || press.metaKey;
  if (key === "Enter" && isCommand) return context.mode === "edit" ? { type: "submit" } : PASS;
  if (context.place === "text" || context.place === "own-keys") {
    return key === "Escape" ? { type: "leave-field" } : PASS;
  }
  if (isCommand || press.altKey) return PASS;

  if (context.mode === "skip") {
    if (key === "Escape") return { type: "skip-cancel" };
    const index = ["1", "2", "3"].indexOf(key);
    if (index >= 0 && !press.repeat) return { type: "skip-reason", reason: SKIP_REASON_KEYS[index] };
    return isPrintable(key) ? SWALLOW : PASS;
  }

  if (context.isPaused) {
    if (key === "Escape") return { type: "resume" };
    if (key === "ArrowDown" || key === "ArrowUp")
      return { type: "resume", then: { type: "move", delta: moveFor(key)! } };
    return isPrintable(key) ? SWALLOW : PASS;
  }

  if (context.isPickThenSpace && context.lastWasPick && isPrintable(key) && key !== " ") {
    return { type: "pause", undoLastPick: true };
  }
  const delta = moveFor(key);
  if (delta) return { type: "move", delta };
  // Space and Enter activate the focused button; on the page, Space scrolls.
  if (key === " " || key === "Enter" || !isPrintable(key)) return PASS;
  if (press.repeat) return SWALLOW;

  const isEditing = context.mode === "edit";
  switch (key) {
    case "s":
      return isEditing ? { type: "submit" } : SWALLOW;
    case "c":
      return isEditing ? { type: "open-field", field: "comment" } : SWALLOW;
    case "m":
      if (!context.hasMissingItems) break;
      return isEditing ? { type: "open-field", field: "missing" } : SWALLOW;
    case "n":
      if (!isEditing) return SWALLOW;
      return { type: "open-field", field: context.row?.mode === "flags" ? "note" : "comment" };
    case "x":
      if (!context.canSkip) break;
      return isEditing ? { type: "skip-open" } : SWALLOW;
    case "e":
      if (context.mode === "read-only" && context.canEdit) return { type: "edit" };
      break;
    case "[":
      return context.canGoPrevious ? { type: "go", to: "previous" } : SWALLOW;
    case "]":
      return context.canGoNext ? { type: "go", to: "next" } : SWALLOW;
  }
  const option = context.row ? optionForKey(context.row, key) : undefined;
  if (context.row && option) return isEditing ? { type: "pick", row: context.row, option } : SWALLOW;
  // A key with nothing to act on is text typed into nothing: pause before the rest of it lands.
  return { type: "pause", undoLastPick: Boolean(context.lastWasPick) };
}
