// The pairwise criteria editor's model: the criteria a pairwise queue asks about (key, label,
// description; each answered A, B or tie), checked with the very schema POST /api/queues
// applies (QueueConfig.pairwiseCriteria), errors keyed by field path ("1.key", "" for the
// list) so the form shows each beside its field. No React here.
import { QueueConfig, type PairwiseCriterion } from "./queue-config";

export type PairwiseCriterionDraft = { id: string; key: string; label: string; description: string };
export type PairwiseDraft = PairwiseCriterionDraft[];
export type PairwiseErrors = Record<string, string>;

const PairwiseSchema = QueueConfig.shape.pairwiseCriteria.unwrap();

let nextId = 0;
/** React keys that survive reordering; never stored. */
const newId = () => `pairwise-${(nextId += 1)}`;

export function pairwiseDraftFrom(criteria: readonly PairwiseCriterion[]): PairwiseDraft {
  return criteria.map((criterion) => ({ id: newId(), ...criterion }));
}

export type PairwiseCheck =
  { criteria: PairwiseCriterion[]; errors: null } | { criteria: null; errors: PairwiseErrors };

/** The draft through the API's own schema: the criteria to send, or every error by field. */
export function checkPairwise(draft: PairwiseDraft): PairwiseCheck {
  const parsed = PairwiseSchema.safeParse(draft.map(({ key, label, description }) => ({ key, label, description })));
  if (parsed.success) return { criteria: parsed.data, errors: null };
  const errors: PairwiseErrors = {};
  for (const issue of parsed.error.issues) errors[issue.path.join(".")] ??= issue.message;
  return { criteria: null, errors };
}

/** A new criterion that already validates: criterion_2, criterion_3, … (a key not used yet). */
export function addPairwiseCriterion(draft: PairwiseDraft): PairwiseDraft {
  const used = new Set(draft.map((criterion) => criterion.key));
  let n = draft.length + 1;
  while (used.has(`criterion_${n}`)) n += 1;
  return [...draft, { id: newId(), key: `criterion_${n}`, label: `Criterion ${n}`, description: "" }];
}

export function removePairwiseCriterion(draft: PairwiseDraft, index: number): PairwiseDraft {
  return draft.filter((_, at) => at !== index);
}

/** Moves a criterion by `delta` places (clamped): raters see them in this order. */
export function movePairwiseCriterion(draft: PairwiseDraft, index: number, delta: number): PairwiseDraft {
  const target = Math.max(0, Math.min(draft.length - 1, index + delta));
  const next = [...draft];
  const [moved] = next.splice(index, 1);
  next.splice(target, 0, moved);
  return next;
}

export function updatePairwiseCriterion(
  draft: PairwiseDraft,
  index: number,
  patch: Partial<Pick<PairwiseCriterionDraft, "key" | "label" | "description">>,
): PairwiseDraft {
  return draft.map((criterion, at) => (at === index ? { ...criterion, ...patch } : criterion));
}
