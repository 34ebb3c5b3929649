// P(yes) for risk tasks, the way the authors score AUROC: one token with thinking off, and the
// probabilities of "yes" and "no" among its top log-probabilities, renormalized over the two.

export type TopLogprob = { token: string; logprob: number };

const normalize = (token: string) => token.replace(/^[\sĠ▁]+|[\s.,!]+$/g, "").toLowerCase();

export function yesNoProbability(candidates: readonly TopLogprob[]): {
  pYes: number | null;
  yesLogprob: number | null;
  noLogprob: number | null;
} {
  // "yes", " Yes", "YES" are different tokens with one meaning: add their probabilities.
  const seen = new Set<string>();
  let yes = 0;
  let no = 0;
  for (const { token, logprob } of candidates) {
    if (seen.has(token) || !Number.isFinite(logprob)) continue;
    seen.add(token);
    const word = normalize(token);
    if (word === "yes") yes += Math.exp(logprob);
    else if (word === "no") no += Math.exp(logprob);
  }
  const log = (p: number) => (p > 0 ? Math.log(p) : null);
  if (yes + no === 0) return { pYes: null, yesLogprob: null, noLogprob: null };
  return { pYes: yes / (yes + no), yesLogprob: log(yes), noLogprob: log(no) };
}
