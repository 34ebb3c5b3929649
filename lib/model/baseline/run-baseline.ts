// The baseline as a run: the same event stream an OpenAI-compatible backend produces
// (reasoning, answer, probability, finish), so the run handler stores both the same way.
import { BackendAbortedError } from "../backends/backend-errors";
import type { ModelStreamEvent } from "../stream-events";
import { BASELINE_MODEL, type BaselineInput, type BaselinePrediction } from "./baseline-input";
import { predictItems } from "./predict-items";
import { predictRisk } from "./predict-risk";

export function predictBaseline(input: BaselineInput): BaselinePrediction {
  return input.task.answerType === "yes_no" ? predictRisk(input) : predictItems(input);
}

/** Streams the baseline's prediction; throws ContextWindowError like the serializer would. */
export async function* runBaseline(
  input: BaselineInput,
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<ModelStreamEvent> {
  if (options.signal?.aborted) throw new BackendAbortedError();
  yield* streamBaselinePrediction(predictBaseline(input), options);
}

/**
 * Streams a prediction already made: a run predicts where it reads the record (off the main
 * thread, lib/runs/prepare-run.ts) and streams here.
 */
export async function* streamBaselinePrediction(
  prediction: BaselinePrediction,
  options: { signal?: AbortSignal } = {},
): AsyncGenerator<ModelStreamEvent> {
  const check = () => {
    if (options.signal?.aborted) throw new BackendAbortedError();
  };
  check();
  // One event per section, so consumers exercise the same incremental path as with a model.
  // The text does not name its predictor: a blind review shows it without the backend
  // (lib/auth/blind-rules.ts); where the backend is shown, the page names the baseline.
  const sections = prediction.reasoning.split(/(?=\n\n## )/);
  for (const section of sections) {
    check();
    yield { type: "reasoning", text: section };
    await new Promise((resolve) => setImmediate(resolve));
  }
  check();
  if (prediction.answer) yield { type: "answer", text: prediction.answer };
  if (prediction.probability !== null) {
    yield {
      type: "probability",
      pYes: prediction.probability,
      yesLogprob: Math.log(prediction.probability),
      noLogprob: Math.log(1 - prediction.probability),
    };
  }
  yield { type: "finish", reason: "stop", model: BASELINE_MODEL };
}
