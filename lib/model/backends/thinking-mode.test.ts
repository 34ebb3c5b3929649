// The thinking modes are the authors' test.py settings (format_mimic_data, reasoning_infer,
// direct_answer_infer), task by task.
import { describe, expect, it } from "vitest";
import { describeThinking, thinkingPlan } from "./thinking-mode";

const decision = { answerType: "item_list" as const };
const risk = { answerType: "yes_no" as const };

describe("thinkingPlan", () => {
  it("evaluation (--think_prompt): /think on every task; decision tasks reason, risk tasks get one forced token", () => {
    expect(thinkingPlan("evaluation", decision, 4096)).toEqual({
      mode: "evaluation",
      softSwitch: "think",
      enableThinking: true,
      reasons: true,
      maxTokens: 4096,
      forcedYesNo: false,
    });
    expect(thinkingPlan("evaluation", risk, 4096)).toEqual({
      mode: "evaluation",
      softSwitch: "think",
      enableThinking: false,
      reasons: false,
      maxTokens: 1,
      forcedYesNo: true,
    });
  });

  it("direct_answer (--direct_answer): /no_think, no reasoning, 128 tokens for decision tasks", () => {
    expect(thinkingPlan("direct_answer", decision, 4096)).toMatchObject({
      softSwitch: "no_think",
      enableThinking: false,
      maxTokens: 128,
      forcedYesNo: false,
    });
    expect(thinkingPlan("direct_answer", risk, 4096)).toMatchObject({ maxTokens: 1, forcedYesNo: true });
  });

  it("none: no soft switch and the template's own default", () => {
    expect(thinkingPlan("none", decision, 2048)).toMatchObject({
      softSwitch: null,
      enableThinking: null,
      maxTokens: 2048,
    });
    expect(thinkingPlan("none", risk, 2048)).toMatchObject({ softSwitch: null, maxTokens: 1, forcedYesNo: true });
  });

  it("says in words what a run used", () => {
    expect(describeThinking(thinkingPlan("evaluation", risk, 4096))).toBe(
      "authors' evaluation (/think, empty think block pre-filled)",
    );
    expect(describeThinking(thinkingPlan("evaluation", decision, 4096))).toBe(
      "authors' evaluation (/think, reasoning)",
    );
    expect(describeThinking(thinkingPlan("none", decision, 4096))).toBe("no switch (no soft switch)");
  });
});
