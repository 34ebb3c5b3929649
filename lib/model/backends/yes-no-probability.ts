// P(yes) for risk tasks, the way the authors scored AUROC (models/base_model.py get_logit_bias,
// models/vllm_models.py __call__): the answer is forced to "yes" or "no" by a logit bias of +100
// on every token of each word (tokenized without special tokens), and its probability is
// exp(cumulative log-probability of the generated tokens). That is the probability of the word
// the model chose; P(yes) is it for "yes" and its complement for "no".
import { YES_NO_LOGIT_BIAS, YES_NO_WORDS } from "./thinking-mode";

/** `logit_bias` as the OpenAI API takes it (token id → bias), from each word's token ids. */
export function yesNoLogitBias(idsOf: (word: string) => readonly number[]): Record<string, number> {
  const bias: Record<string, number> = {};
  for (const word of YES_NO_WORDS) for (const id of idsOf(word)) bias[String(id)] = YES_NO_LOGIT_BIAS;
  return bias;
}

export type ForcedAnswerProbability = {
  pYes: number | null;
  /** The summed log-probability of the generated answer, under its word; the other is unknown. */
  yesLogprob: number | null;
  noLogprob: number | null;
};

/** From the generated text and the log-probabilities of its tokens (every token, in order). */
export function forcedAnswerProbability(answer: string, tokenLogprobs: readonly number[]): ForcedAnswerProbability {
  const word = answer.trim().toLowerCase();
  const sum = tokenLogprobs.reduce((total, lp) => total + lp, 0);
  if (!tokenLogprobs.length || !Number.isFinite(sum) || (word !== "yes" && word !== "no"))
    return { pYes: null, yesLogprob: null, noLogprob: null };
  const p = Math.exp(sum);
  return word === "yes"
    ? { pYes: p, yesLogprob: sum, noLogprob: null }
    : { pYes: 1 - p, yesLogprob: null, noLogprob: sum };
}
