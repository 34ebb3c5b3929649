/** A chat message as OpenAI-compatible servers take it. */
export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

// What a prediction run streams, whatever produced it (an OpenAI-compatible server or the
// built-in baseline), so runs are stored and relayed one way.

export type ModelStreamEvent =
  | { type: "reasoning"; text: string }
  | { type: "answer"; text: string }
  /** Yes/no tasks with logprobs: P(yes) from the first token's top log-probabilities. */
  | { type: "probability"; pYes: number | null; yesLogprob: number | null; noLogprob: number | null }
  | { type: "usage"; promptTokens: number; completionTokens: number; totalTokens: number }
  | { type: "finish"; reason: string | null; model: string | null };
