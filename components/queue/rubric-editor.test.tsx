// @vitest-environment happy-dom
// The queue form's rubric editor as the form wires it: real inputs and buttons, real typing
// (user-event). Criteria are added, edited, reordered and removed; each schema error shows
// beside its field (aria-invalid, aria-describedby) and goes once fixed; the JSON view feeds
// the editor only with text that round-trips.
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "@/lib/review/queue-config";
import { checkRubric, draftFromCriteria, type RubricDraft } from "@/lib/review/rubric-draft";
import { RubricEditor } from "./rubric-editor";

let latest: RubricDraft = [];
let jsonError: string | null = null;

function Harness({ initial }: { initial: RubricDraft }) {
  const [draft, setDraft] = useState(initial);
  return (
    <RubricEditor
      draft={draft}
      onChange={(next) => {
        latest = next;
        setDraft(next);
      }}
      onJsonError={(error) => {
        jsonError = error;
      }}
    />
  );
}

const criterion = (n: number) => screen.getByRole("group", { name: `Criterion ${n}` });
/** The error text an input points at, or null when it is valid. */
function errorOf(input: HTMLElement): string | null {
  const id = input.getAttribute("aria-describedby");
  return input.getAttribute("aria-invalid") === "true" && id ? document.getElementById(id)!.textContent : null;
}

afterEach(() => {
  cleanup();
  jsonError = null;
});

describe("RubricEditor", () => {
  it("adds a criterion, shows a bad key's error beside it until fixed, and builds valid criteria", async () => {
    const user = userEvent.setup();
    render(<Harness initial={draftFromCriteria(DEFAULT_RUBRIC.slice(0, 1))} />);
    await user.click(screen.getByRole("button", { name: "+ Add criterion" }));
    const added = criterion(2);
    const key = within(added).getByLabelText("Key");
    expect(key).toHaveProperty("value", "criterion_2");
    expect(errorOf(key)).toBeNull();

    await user.clear(key);
    await user.type(key, "Diagnosis Fit");
    expect(errorOf(key)).toMatch(/lower-case letters, digits and _/);
    // The error sits in the criterion's own box, next to the key.
    expect(within(added).getByText(/lower-case letters/)).toBeTruthy();
    await user.clear(key);
    await user.type(key, "diagnosis_fit");
    expect(errorOf(key)).toBeNull();

    await user.clear(within(added).getByLabelText("Label"));
    await user.type(within(added).getByLabelText("Label"), "Diagnosis fit");
    await user.type(within(added).getByLabelText("Description"), "Does the diagnosis fit the record?");
    await user.type(within(added).getByLabelText("Criterion 2 level 1 definition"), "Does not fit.");
    expect(checkRubric(latest).criteria?.[1]).toEqual({
      key: "diagnosis_fit",
      label: "Diagnosis fit",
      description: "Does the diagnosis fit the record?",
      levels: [
        { value: 1, label: "Poor", definition: "Does not fit." },
        { value: 2, label: "Adequate", definition: "" },
        { value: 3, label: "Good", definition: "" },
      ],
    });
  });

  it("reorders and removes criteria with the keyboard", async () => {
    const user = userEvent.setup();
    render(<Harness initial={draftFromCriteria(DEFAULT_RUBRIC.slice(0, 3))} />);
    within(criterion(3)).getByRole("button", { name: "Move criterion 3 up" }).focus();
    await user.keyboard("{Enter}");
    expect(latest.map((c) => c.key)).toEqual(["factual_accuracy", "clinical_relevance", "evidence_grounding"]);
    expect(within(criterion(2)).getByLabelText("Key")).toHaveProperty("value", "clinical_relevance");
    expect(within(criterion(1)).getByRole("button", { name: "Move criterion 1 up" })).toHaveProperty("disabled", true);

    await user.click(within(criterion(1)).getByRole("button", { name: "Remove criterion 1" }));
    expect(latest.map((c) => c.key)).toEqual(["clinical_relevance", "evidence_grounding"]);
    await user.click(within(criterion(1)).getByRole("button", { name: "Remove criterion 1" }));
    await user.click(within(criterion(1)).getByRole("button", { name: "Remove criterion 1" }));
    // No criterion left: the rubric itself is invalid, said at the top.
    expect(screen.queryByRole("group", { name: "Criterion 1" })).toBeNull();
    expect(screen.getByText(/expected array to have >=1 items/)).toBeTruthy();
  });

  it("marks level errors at the level: a blank value, duplicate values, too few levels", async () => {
    const user = userEvent.setup();
    render(<Harness initial={draftFromCriteria(DEFAULT_RUBRIC.slice(0, 1))} />);
    const value = screen.getByLabelText("Criterion 1 level 2 value");
    await user.clear(value);
    expect(errorOf(value)).toBe("enter a whole number");
    await user.type(value, "1");
    expect(errorOf(value)).toBeNull();
    expect(screen.getByText("level values must differ")).toBeTruthy();
    await user.clear(value);
    await user.type(value, "2");
    expect(screen.queryByText("level values must differ")).toBeNull();

    for (let i = 0; i < 4; i += 1) {
      await user.click(screen.getByRole("button", { name: "Remove criterion 1 level 1" }));
    }
    expect(screen.getByText(/expected array to have >=2 items/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Add a level to criterion 1" }));
    await user.type(screen.getByLabelText("Criterion 1 level 2 label"), "Better");
    expect(screen.queryByText(/expected array/)).toBeNull();
    expect(checkRubric(latest).criteria?.[0].levels.map((level) => [level.value, level.label])).toEqual([
      [5, "Excellent"],
      [6, "Better"],
    ]);
  });

  it("feeds the editor from the JSON view only with text that round-trips", async () => {
    const user = userEvent.setup();
    render(<Harness initial={draftFromCriteria(DEFAULT_RUBRIC.slice(0, 1))} />);
    await user.click(screen.getByRole("button", { name: "Advanced: JSON" }));
    const text = screen.getByLabelText("Rubric JSON") as HTMLTextAreaElement;
    expect(JSON.parse(text.value)).toEqual(DEFAULT_RUBRIC.slice(0, 1));

    const renamed = [{ ...DEFAULT_RUBRIC[0], key: "accuracy", label: "Accuracy" }];
    await user.clear(text);
    await user.click(text);
    await user.paste(JSON.stringify(renamed));
    expect(latest[0].key).toBe("accuracy");
    expect(jsonError).toBeNull();

    // A field the editor cannot show is refused rather than silently dropped.
    await user.clear(text);
    await user.paste(JSON.stringify([{ ...renamed[0], weight: 2 }]));
    expect(screen.getByText(/not a rubric field/)).toBeTruthy();
    expect(jsonError).toMatch(/does not round-trip/);
    expect(latest[0].key).toBe("accuracy");

    await user.click(screen.getByRole("button", { name: "Editor" }));
    expect(jsonError).toBeNull();
    expect(within(criterion(1)).getByLabelText("Key")).toHaveProperty("value", "accuracy");
    expect(within(criterion(1)).getByLabelText("Label")).toHaveProperty("value", "Accuracy");
  });
});
