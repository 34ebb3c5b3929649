// How a backend switches EHR-R1's reasoning on and off, per task: the soft switch at the end of
// the user message, the chat template's enable_thinking, the answer's token budget and whether
// the yes/no answer is forced. The default, "evaluation", is what the authors ran to score
// EHR-Bench (test.py `format_mimic_data` with --think_prompt, `reasoning_infer`): every task ends
// with "\n/think"; decision tasks reason (enable_thinking true, max_new_tokens); risk tasks get
// enable_thinking false (Qwen3's template pre-fills an empty think block), one answer token,
// and a logit bias of +100 on "yes" and "no". See lib/model/prompt/README.md, "Thinking switch".
import type { TaskDefinition } from "../tasks/task-types";

export const THINKING_MODES = ["evaluation", "direct_answer", "none"] as const;
/**
 * - `evaluation`: test.py --think_prompt (the default for EHR-R1, and what the benchmark scored);
 * - `direct_answer`: test.py --think_prompt --direct_answer: "\n/no_think", no reasoning on any task;
 * - `none`: no soft switch and no enable_thinking (test.py without --think_prompt: models that are
 *   not Qwen3-based).
 */
export type ThinkingMode = (typeof THINKING_MODES)[number];
export const DEFAULT_THINKING_MODE: ThinkingMode = "evaluation";

/** The authors' answer budget for decision tasks answered directly (test.py direct_answer_infer). */
export const DIRECT_ANSWER_MAX_TOKENS = 128;
/** Risk tasks: one token, forced to "yes" or "no" (test.py reasoning_infer / direct_answer_infer). */
export const YES_NO_MAX_TOKENS = 1;
export const YES_NO_WORDS = ["yes", "no"] as const;
/** base_model.py get_logit_bias: +100 on every token of each word. */
export const YES_NO_LOGIT_BIAS = 100;

export type ThinkingPlan = {
  mode: ThinkingMode;
  /** Appended to the user message as "\n/think" or "\n/no_think"; null: nothing. */
  softSwitch: "think" | "no_think" | null;
  /**
   * The chat template's enable_thinking (chat_template_kwargs); null leaves the template's
   * default. With Qwen3's template, false pre-fills "<think>\n\n</think>\n\n".
   */
  enableThinking: boolean | null;
  /** Does the model reason (its output starts with a think block it writes itself)? */
  reasons: boolean;
  /** max_tokens of the request; the prompt's budget is the context minus this. */
  maxTokens: number;
  /** Risk tasks: force "yes"/"no" with a logit bias and score exp(logprob of the answer). */
  forcedYesNo: boolean;
};

/** What a run of `task` sends under `mode`; `backendMaxTokens` is the backend's answer reserve. */
export function thinkingPlan(
  mode: ThinkingMode,
  task: Pick<TaskDefinition, "answerType">,
  backendMaxTokens: number,
): ThinkingPlan {
  const yesNo = task.answerType === "yes_no";
  const answer = yesNo
    ? { maxTokens: YES_NO_MAX_TOKENS, forcedYesNo: true }
    : { maxTokens: mode === "direct_answer" ? DIRECT_ANSWER_MAX_TOKENS : backendMaxTokens, forcedYesNo: false };
  switch (mode) {
    case "evaluation":
      // reasoning_infer: enable_thinking = task is not a risk task; the prompt says /think either way.
      return { mode, softSwitch: "think", enableThinking: !yesNo, reasons: !yesNo, ...answer };
    case "direct_answer":
      return { mode, softSwitch: "no_think", enableThinking: false, reasons: false, ...answer };
    case "none":
      // A non-Qwen3 template ignores enable_thinking; whether such a model reasons is its own affair.
      return { mode, softSwitch: null, enableThinking: null, reasons: !yesNo, ...answer };
  }
}

/** In words, for the run page. */
export function describeThinking(plan: Pick<ThinkingPlan, "mode" | "softSwitch" | "enableThinking">): string {
  const name = { evaluation: "authors' evaluation", direct_answer: "direct answer", none: "no switch" }[plan.mode];
  const parts = [plan.softSwitch ? `/${plan.softSwitch}` : "no soft switch"];
  if (plan.enableThinking === false) parts.push("empty think block pre-filled");
  else if (plan.enableThinking === true) parts.push("reasoning");
  return `${name} (${parts.join(", ")})`;
}
