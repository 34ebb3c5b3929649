// @vitest-environment happy-dom
// The queue form's pairwise criteria editor as the form wires it: real inputs and buttons, real
// typing (user-event). Criteria are added, edited, reordered and removed; a key the API's schema
// refuses (a duplicate, spaces) shows its error beside the field and the checked criteria are
// what POST /api/queues would store.
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_PAIRWISE } from "@/lib/review/queue-config";
import { checkPairwise, pairwiseDraftFrom, type PairwiseDraft } from "@/lib/review/pairwise-draft";
import { PairwiseCriteriaEditor } from "./pairwise-criteria-editor";

let latest: PairwiseDraft = [];

function Harness({ initial }: { initial: PairwiseDraft }) {
  const [draft, setDraft] = useState(initial);
  return (
    <PairwiseCriteriaEditor
      draft={draft}
      onChange={(next) => {
        latest = next;
        setDraft(next);
      }}
    />
  );
}

const criterion = (n: number) => screen.getByRole("group", { name: `Pairwise criterion ${n}` });
function errorOf(input: HTMLElement): string | null {
  const id = input.getAttribute("aria-describedby");
  return input.getAttribute("aria-invalid") === "true" && id ? document.getElementById(id)!.textContent : null;
}

afterEach(() => {
  cleanup();
  latest = [];
});

describe("PairwiseCriteriaEditor", () => {
  it("adds, edits, reorders and removes criteria into what the API stores", async () => {
    const user = userEvent.setup();
    render(<Harness initial={pairwiseDraftFrom(DEFAULT_PAIRWISE)} />);
    expect(screen.getAllByRole("group", { name: /^Pairwise criterion \d$/ })).toHaveLength(3);

    await user.click(screen.getByRole("button", { name: "+ Add a criterion" }));
    const added = criterion(4);
    expect(within(added).getByLabelText("Key")).toHaveProperty("value", "criterion_4");
    await user.clear(within(added).getByLabelText("Label"));
    await user.type(within(added).getByLabelText("Label"), "Safety");
    await user.type(within(added).getByLabelText("Question to the rater"), "Which is safer to act on?");
    await user.click(within(added).getByRole("button", { name: "Move pairwise criterion 4 up" }));
    await user.click(within(criterion(1)).getByRole("button", { name: "Remove pairwise criterion 1" }));

    const checked = checkPairwise(latest);
    expect(checked.errors).toBeNull();
    expect(checked.criteria!.map((c) => c.key)).toEqual(["correctness", "criterion_4", "reasoning"]);
    expect(checked.criteria![1]).toEqual({
      key: "criterion_4",
      label: "Safety",
      description: "Which is safer to act on?",
    });
  });

  it("shows a refused key beside its field, and the error goes once it is fixed", async () => {
    const user = userEvent.setup();
    render(<Harness initial={pairwiseDraftFrom(DEFAULT_PAIRWISE)} />);
    const key = within(criterion(2)).getByLabelText("Key");
    await user.clear(key);
    await user.type(key, "has spaces");
    expect(errorOf(key)).toBeTruthy();
    expect(checkPairwise(latest).errors).not.toBeNull();

    await user.clear(key);
    await user.type(key, "overall");
    // Two criteria with one key: the list as a whole is refused.
    expect(checkPairwise(latest).errors).not.toBeNull();

    await user.clear(key);
    await user.type(key, "correctness_2");
    expect(errorOf(key)).toBeNull();
    expect(checkPairwise(latest).errors).toBeNull();
  });
});
