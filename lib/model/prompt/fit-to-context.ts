// Fits a chat-templated prompt to the context as the authors did: count its real Qwen3 tokens
// and, over budget, keep the last `budget` of them (left-truncate.ts). Tokens are counted by the
// backend's own tokenizer when it has one (vLLM's /tokenize, passed in as `remoteEncode`), else
// by the bundled Qwen3 tokenizer. The cut part is decoded by the bundled tokenizer (the model's
// vocabulary for EHR-R1 and every Qwen3 model) for the prompt viewer.
import { createHash } from "node:crypto";
import { cutFromLeft, keepLastTokens, type LeftCut } from "./left-truncate";
import { qwen3Tokenizer } from "./qwen3-tokenizer";

export type TokenCounterName = "backend" | "bundled";

export type FittedPrompt = LeftCut & { counter: TokenCounterName; budget: number };

// The same input makes the same prompt (a retry, a batch's duplicates, a hundred runs of one
// patient): the bundled tokenizer's cut of the last few prompts is kept rather than redone
// (a 700,000-character prompt costs the thread about a second).
const RECENT = 8;
const recent = new Map<string, LeftCut>();

function bundledCut(templated: string, budget: number): LeftCut {
  const key = `${budget}:${createHash("sha256").update(templated).digest("hex")}`;
  const known = recent.get(key);
  if (known) return known;
  const cut = cutFromLeft(templated, budget, qwen3Tokenizer());
  recent.set(key, cut);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return cut;
}

/**
 * `remoteEncode` returns the backend's ids, or null when it has no tokenizer endpoint (then the
 * bundled tokenizer counts).
 */
export async function fitToContext(
  templated: string,
  budget: number,
  remoteEncode?: (text: string) => Promise<number[] | null>,
): Promise<FittedPrompt> {
  const remote = remoteEncode ? await remoteEncode(templated) : null;
  if (!remote) return { ...bundledCut(templated, budget), counter: "bundled", budget };
  if (remote.length <= budget) {
    return {
      promptTokens: remote.length,
      keptTokens: remote.length,
      cutTokens: 0,
      keptIds: null,
      cutText: "",
      cutChars: 0,
      counter: "backend",
      budget,
    };
  }
  const keptIds = keepLastTokens(remote, budget);
  const codec = qwen3Tokenizer();
  const keptText = codec.decode(keptIds);
  const exact = templated.endsWith(keptText);
  return {
    promptTokens: remote.length,
    keptTokens: budget,
    cutTokens: remote.length - budget,
    keptIds,
    cutText: exact
      ? templated.slice(0, templated.length - keptText.length)
      : codec.decode(remote.slice(0, remote.length - budget)),
    cutChars: exact ? templated.length - keptText.length : null,
    counter: "backend",
    budget,
  };
}
