// @vitest-environment happy-dom
// The review workspace's keyboard model as the workspace wires it: the real hook, the real
// form rows and reasoning steps, real key events (user-event) in a DOM. Typed text never
// rates; the highlighted row is the focused row; digits after the last criterion reach
// confidence; n always lands in a text field.
import { act, cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { ReviewRun } from "@/lib/review/get-review-item.types";
import { DEFAULT_QUEUE_CONFIG } from "@/lib/review/queue-config";
import {
  formRows,
  pickOption,
  rowAfterPick,
  rowValue,
  setStepNote,
  type FormRow as Row,
} from "@/lib/review/rating-form";
import type { KeyAction } from "@/lib/review/review-keys";
import { RatingContent } from "@/lib/review/save-rating.types";
import { FormRow } from "./form-row";
import { ReasoningSteps } from "./reasoning-steps";
import { useReviewKeys } from "./use-review-keys";

const run: ReviewRun = {
  slot: "A",
  runId: "run-A",
  status: "done",
  error: null,
  steps: [
    { id: "extraction-1", section: "Extraction", text: "Creatinine 2.4 mg/dL" },
    { id: "reasoning-1", section: "Reasoning", text: "Acute kidney injury" },
  ],
  answer: "",
  items: [],
  modelLabel: null,
};
const rows = formRows("rubric", DEFAULT_QUEUE_CONFIG, [run]);

function Workspace({ actions }: { actions: KeyAction[] }) {
  const [content, setContent] = useState(() => RatingContent.parse({}));
  const keys = useReviewKeys({
    rows,
    initialIndex: 0,
    context: {
      mode: "edit",
      hasMissingItems: false,
      canSkip: true,
      canEdit: false,
      canGoPrevious: false,
      canGoNext: false,
    },
    onAction,
  });
  function pick(row: Row, option: Row["options"][number]) {
    const next = pickOption(content, row, option);
    setContent(next);
    keys.focusRow(rowAfterPick(next, rows, rows.indexOf(row)));
    return () => {
      setContent((current) => (current === next ? content : current));
      keys.focusRow(rows.indexOf(row));
    };
  }
  function onAction(action: KeyAction) {
    actions.push(action);
    if (action.type === "pick") return pick(action.row, action.option);
    if (action.type === "open-field") {
      document.getElementById({ comment: "comment", note: "step-note", missing: "missing" }[action.field])?.focus();
    }
  }
  const focusedId = keys.isHighlightShown ? keys.activeRow.id : undefined;
  return (
    <div>
      <ReasoningSteps
        steps={run.steps}
        flagRows={new Map(rows.flatMap((row) => (row.target.type === "step" ? [[row.target.id, row] as const] : [])))}
        annotations={content.steps}
        focusedRowId={focusedId}
        activeRowId={keys.activeRow.id}
        onPick={pick}
        onNote={(id, note) => setContent((current) => setStepNote(current, id, note))}
        noteInputId="step-note"
      />
      {rows
        .filter((row) => row.mode === "scale")
        .map((row) => (
          <FormRow
            key={row.id}
            row={row}
            value={rowValue(content, row)}
            isFocused={row.id === focusedId}
            isDisabled={false}
            onPick={(option) => pick(row, option)}
          />
        ))}
      <textarea id="comment" aria-label="Comment" />
      <div contentEditable suppressContentEditableWarning aria-label="Editable note" role="textbox" />
      <a href="#elsewhere">Elsewhere</a>
      {keys.isPaused ? <p role="status">Shortcuts paused</p> : null}
    </div>
  );
}

const setup = () => {
  const actions: KeyAction[] = [];
  const user = userEvent.setup();
  render(<Workspace actions={actions} />);
  return {
    user,
    actions,
    changes: () => actions.filter((action) => ["pick", "submit", "skip-open"].includes(action.type)),
  };
};
const rowElement = (id: string) => document.querySelector<HTMLElement>(`[data-row="${id}"]`)!;
const chosen = () => [...document.querySelectorAll('[aria-checked="true"]')].map((element) => element.textContent);

afterEach(cleanup);

describe("the review keyboard model", () => {
  it("starts with the keyboard focus on the first row, which is the highlighted row", () => {
    setup();
    expect(document.activeElement).toBe(rowElement("criterion-factual_accuracy"));
    expect(rowElement("criterion-factual_accuracy").dataset.focused).toBe("true");
  });

  it("text typed into a textarea or a contenteditable never rates or submits", async () => {
    const { user, changes } = setup();
    await user.click(screen.getByLabelText("Comment"));
    await user.keyboard("Potassium was 6.3, so 4 s");
    expect((screen.getByLabelText("Comment") as HTMLTextAreaElement).value).toBe("Potassium was 6.3, so 4 s");
    await user.click(screen.getByRole("textbox", { name: "Editable note" }));
    await user.keyboard("was 3 s");
    expect(changes()).toEqual([]);
    expect(chosen()).toEqual([]);
  });

  it("text typed into nothing pauses the shortcuts at its first meaningless key, until Escape", async () => {
    const { user, changes } = setup();
    act(() => (document.activeElement as HTMLElement).blur());
    await user.keyboard("was 6.3 s");
    expect(changes()).toEqual([]);
    expect(screen.getByRole("status")).toHaveProperty("textContent", "Shortcuts paused");
    await user.keyboard("{Escape}4");
    expect(chosen()).toEqual(["4Good"]);
  });

  it("a digit that turns out to start typed text (“3 items”) is taken back when the text pauses", async () => {
    const { user } = setup();
    await user.keyboard("3 items missing");
    expect(chosen()).toEqual([]);
    expect(screen.getByRole("status")).toHaveProperty("textContent", "Shortcuts paused");
    expect(document.activeElement).toBe(rowElement("criterion-factual_accuracy"));
    // "2 more": after the digit and a space, even a shortcut letter (m, c, s…) is the sentence.
    await user.keyboard("{Escape}2 more tests, see comment");
    expect(chosen()).toEqual([]);
    expect(document.activeElement).toBe(rowElement("criterion-factual_accuracy"));
    // A deliberate rating followed by other shortcuts is kept.
    await user.keyboard("{Escape}4j");
    expect(chosen()).toEqual(["4Good"]);
  });

  it("digits rate the row Tab focus is on, and the highlight follows the focus", async () => {
    const { user } = setup();
    const grounding = rowElement("criterion-evidence_grounding");
    act(() => grounding.querySelector("button")!.focus());
    expect(grounding.dataset.focused).toBe("true");
    expect(rowElement("criterion-factual_accuracy").dataset.focused).toBeUndefined();
    await user.keyboard("5");
    expect(grounding.querySelector('[aria-checked="true"]')?.textContent).toBe("5Excellent");
    expect(rowElement("criterion-factual_accuracy").querySelector('[aria-checked="true"]')).toBeNull();
    // Focus on a control outside the rows: no row is highlighted and digits rate nothing.
    act(() => screen.getByRole("link", { name: "Elsewhere" }).focus());
    expect(document.querySelector('[data-focused="true"]')).toBeNull();
    await user.keyboard("3");
    expect(chosen()).toEqual(["5Excellent"]);
  });

  it("after the last criterion the next digit goes to confidence, not to a reasoning step", async () => {
    const { user } = setup();
    await user.keyboard("44444");
    expect(document.activeElement).toBe(rowElement("confidence"));
    await user.keyboard("2");
    expect(rowElement("confidence").querySelector('[aria-checked="true"]')?.textContent).toBe("2Low");
    // The steps come after confidence: j reaches the first one, w flags it.
    await user.keyboard("jw");
    expect(rowElement("step-extraction-1").querySelector('[aria-checked="true"]')?.textContent).toBe("wWrong fact");
  });

  it("n opens the focused step's note, and the comment anywhere else; the text lands there", async () => {
    const { user, changes } = setup();
    await user.keyboard("n");
    expect(document.activeElement).toBe(screen.getByLabelText("Comment"));
    await user.keyboard("was 3{Escape}");
    expect((screen.getByLabelText("Comment") as HTMLTextAreaElement).value).toBe("was 3");
    expect(document.activeElement).toBe(rowElement("criterion-factual_accuracy"));
    act(() => rowElement("step-reasoning-1").focus());
    await user.keyboard("n");
    expect(document.activeElement?.id).toBe("step-note");
    await user.keyboard("was 6.3");
    expect((document.getElementById("step-note") as HTMLInputElement).value).toBe("was 6.3");
    expect(changes()).toEqual([]);
  });
});
