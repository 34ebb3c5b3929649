// How a backend is named wherever a run appears (pages, API answers, exports): the baseline
// always as "Baseline (not EHR-R1)", so its output is never mistaken for the model's.
import { BASELINE_BACKEND } from "../model/backends/load-backends";

export type BackendSummary = {
  id: string;
  kind: "baseline" | "openai_compatible";
  label: string;
  isBaseline: boolean;
  model: string | null;
};

export function summarizeBackend(backend: {
  id: string;
  kind: "baseline" | "openai_compatible";
  name: string;
  model: string | null;
}): BackendSummary {
  const isBaseline = backend.kind === "baseline";
  return {
    id: backend.id,
    kind: backend.kind,
    label: isBaseline ? BASELINE_BACKEND.name : backend.name,
    isBaseline,
    model: backend.model,
  };
}

/** What a rater sees of a run's backend while a blind protocol hides which model it was. */
export const BLINDED_BACKEND: BackendSummary = {
  id: "blinded",
  kind: "openai_compatible",
  label: "Hidden until you have rated",
  isBaseline: false,
  model: null,
};

/** A blinded run's error: the backend's own message could name it (its URL, its model). */
export const BLINDED_ERROR = "The run did not finish (details hidden until you have rated).";
