// Area under the ROC curve from scores and binary outcomes: the probability that a random
// positive scores above a random negative, ties counting half (the Mann-Whitney U form).
// Undefined (null) without at least one positive and one negative.
export function auroc(samples: readonly { score: number; positive: boolean }[]): number | null {
  const positives = samples.filter((sample) => sample.positive).length;
  const negatives = samples.length - positives;
  if (positives === 0 || negatives === 0) return null;
  // Average ranks over ties, then U = (sum of positive ranks) - P(P+1)/2.
  const sorted = [...samples].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  for (let start = 0; start < sorted.length;) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1].score === sorted[start].score) end += 1;
    const averageRank = (start + end) / 2 + 1;
    for (let i = start; i <= end; i += 1) if (sorted[i].positive) rankSum += averageRank;
    start = end + 1;
  }
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
