import { describe, expect, it } from "vitest";
import { matchItems, normalizeLabel } from "./match-items";
import { parseAnswer, parseItems, parseYesNo } from "./parse-answer";
import { splitReasoning } from "./split-reasoning";
import { splitSteps } from "./split-steps";

describe("splitReasoning", () => {
  it("splits inline <think> blocks", () => {
    expect(splitReasoning("<think>\nLooking at labs.\n</think>\n\nSodium\nPotassium")).toEqual({
      reasoning: "Looking at labs.",
      answer: "Sodium\nPotassium",
      unterminated: false,
    });
  });

  it("handles a closing tag without an opening one (template put <think> in the prompt)", () => {
    expect(splitReasoning("Thinking...\n</think>\nyes")).toEqual({
      reasoning: "Thinking...",
      answer: "yes",
      unterminated: false,
    });
  });

  it("reports reasoning cut off by the token limit", () => {
    expect(splitReasoning("<think>\nstill going")).toEqual({
      reasoning: "still going",
      answer: "",
      unterminated: true,
    });
  });

  it("takes separate reasoning_content and plain content", () => {
    expect(splitReasoning("\n\nSodium\n", "## Extraction\nNa 130")).toEqual({
      reasoning: "## Extraction\nNa 130",
      answer: "Sodium",
      unterminated: false,
    });
    expect(splitReasoning("no")).toEqual({ reasoning: "", answer: "no", unterminated: false });
  });
});

describe("splitSteps", () => {
  const reasoning = [
    "Let me look.",
    "",
    "## Extraction",
    "- Sodium 130 mEq/L (low)",
    "- INR 1.2 (high)",
    "",
    "Creatinine normal.",
    "",
    "## Reasoning",
    "Hyponatremia needs follow-up.",
    "",
    "## Final Results",
    "Sodium",
  ].join("\n");

  it("splits by sections, then paragraphs, with positional ids and offsets", () => {
    const steps = splitSteps(reasoning);
    expect(steps.map((s) => [s.id, s.section, s.text])).toEqual([
      ["preamble-1", "", "Let me look."],
      ["extraction-1", "Extraction", "- Sodium 130 mEq/L (low)\n- INR 1.2 (high)"],
      ["extraction-2", "Extraction", "Creatinine normal."],
      ["reasoning-1", "Reasoning", "Hyponatremia needs follow-up."],
      ["final-results-1", "Final Results", "Sodium"],
    ]);
    for (const step of steps) expect(reasoning.slice(step.start, step.end)).toBe(step.text);
  });

  it("keeps earlier ids stable while the text grows", () => {
    const partial = splitSteps(reasoning.slice(0, reasoning.indexOf("## Reasoning")));
    const full = splitSteps(reasoning);
    expect(full.slice(0, partial.length).map((s) => s.id)).toEqual(partial.map((s) => s.id));
  });

  it("numbers repeated sections", () => {
    expect(splitSteps("## Reasoning\na\n\n## Reasoning\nb").map((s) => s.id)).toEqual(["reasoning-1", "reasoning-2-1"]);
  });
});

describe("parseItems", () => {
  it("strips bullets, numbering and whitespace and de-duplicates case-insensitively", () => {
    expect(
      parseItems("- Sodium\n* Potassium\n1. Glucose\n2) INR(PT)\n  sodium  \n\n• Lactate\n**Creatinine**"),
    ).toEqual(["Sodium", "Potassium", "Glucose", "INR(PT)", "Lactate", "Creatinine"]);
  });

  it("keeps names that look like bullets but are not", () => {
    expect(parseItems("C. difficile PCR\n1,25-Dihydroxy Vitamin D\n25-OH Vitamin D")).toEqual([
      "C. difficile PCR",
      "1,25-Dihydroxy Vitamin D",
      "25-OH Vitamin D",
    ]);
  });

  it("splits on a literal \\n as the authors' scorer does", () => {
    expect(parseItems("Sodium\\nPotassium")).toEqual(["Sodium", "Potassium"]);
  });

  it("skips headings the model may echo", () => {
    expect(parseItems("## Final Results\nHeparin")).toEqual(["Heparin"]);
  });
});

describe("parseYesNo", () => {
  it.each([
    ["yes", "yes"],
    ["No", "no"],
    ["Yes.", "yes"],
    ["**no**", "no"],
    ["Answer: yes", "yes"],
    ["The patient will likely die: yes", "yes"],
    ["maybe", null],
    ["yes or no", null],
    ["", null],
    ["nothing", null],
  ])("%j → %j", (input, expected) => {
    expect(parseYesNo(input)).toBe(expected);
  });

  it("shapes the answer by task type", () => {
    expect(parseAnswer("Yes", "yes_no")).toEqual({ items: ["yes"], yesNo: "yes" });
    expect(parseAnswer("unclear", "yes_no")).toEqual({ items: [], yesNo: null });
    expect(parseAnswer("a\nb", "item_list")).toEqual({ items: ["a", "b"], yesNo: null });
  });
});

describe("matchItems", () => {
  const concepts = [
    { system: "d_labitems", code: "50983", label: "Sodium" },
    { system: "d_labitems", code: "51237", label: "INR(PT)" },
    { system: "ICD-9-CM", code: "4280", label: "Congestive heart failure, unspecified" },
    { system: "ICD-10-CM", code: "I509", label: "Congestive heart failure, unspecified" },
    { system: "d_labitems", code: "50885", label: "Bilirubin, Total" },
  ];

  it("matches exact labels ignoring case, then normalized forms", () => {
    expect(matchItems(["sodium", "INR (PT)", "bilirubin total", "Unobtainium"], concepts)).toEqual([
      { item: "sodium", rank: 1, match: "exact", label: "Sodium", code: "50983", codeSystem: "d_labitems" },
      { item: "INR (PT)", rank: 2, match: "normalized", label: "INR(PT)", code: "51237", codeSystem: "d_labitems" },
      {
        item: "bilirubin total",
        rank: 3,
        match: "normalized",
        label: "Bilirubin, Total",
        code: "50885",
        codeSystem: "d_labitems",
      },
      { item: "Unobtainium", rank: 4, match: null },
    ]);
  });

  it("prefers the listed system when labels collide", () => {
    expect(matchItems(["Congestive heart failure, unspecified"], concepts)[0].code).toBe("4280");
    expect(matchItems(["Congestive heart failure, unspecified"], concepts, ["ICD-10-CM"])[0].code).toBe("I509");
  });

  it("normalizes accents, ampersands and punctuation", () => {
    expect(normalizeLabel("  Na+ & K+  (Serum) ")).toBe("na and k serum");
    expect(normalizeLabel("Café")).toBe("cafe");
  });
});
