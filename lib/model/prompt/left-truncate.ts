// The authors' truncation: tokenize the whole chat-templated prompt and keep its last N tokens
// (vllm_models.py model_forward: `input_id[-max_seq_len + max_tokens:]`), whatever that cuts:
// the system turn, the demographics, half an event. N = max_seq_len (32000) − max_tokens: 27,904
// for decision tasks (max_new_tokens 4096), 31,999 for risk tasks (one answer token).
//
// With the bundled tokenizer the text is tokenized from its end, line by line, only as far as
// the budget needs: a line start that follows "\n" and is not whitespace is a boundary no token
// of Qwen's pre-tokenizer crosses (its pieces never carry a newline into the next line's first
// character), so the ids of the parts, joined, are the ids of the whole. The part that is cut is
// counted too, up to COUNT_CUT_UP_TO characters (beyond, its token count is left unknown rather
// than spending seconds of a thread on it).
import type { TokenCodec } from "./qwen3-tokenizer";

/** Python's `ids[-n:]` for n ≥ 1: the last n ids, or all of them. */
export function keepLastTokens<T>(ids: readonly T[], n: number): T[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`keepLastTokens: n must be a positive integer, got ${n}`);
  return ids.slice(Math.max(0, ids.length - n));
}

export const COUNT_CUT_UP_TO = 400_000;

export type LeftCut = {
  /** Tokens of the whole templated prompt; null when the cut part was too long to count. */
  promptTokens: number | null;
  /** Tokens sent: min(promptTokens, budget). */
  keptTokens: number;
  /** Tokens cut from the left (0: it fit); null when not counted. */
  cutTokens: number | null;
  /** The ids sent when something was cut (the completions endpoint takes them as the prompt). */
  keptIds: number[] | null;
  /** The text cut from the left, as the tokenizer decodes it ("" when it fit). */
  cutText: string;
  /** Characters of the templated prompt cut, when the cut falls between characters; else null. */
  cutChars: number | null;
};

/** Offsets where the text may be split without changing its tokenization (see above). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1 && i + 1 < text.length; i = text.indexOf("\n", i + 1)) {
    if (!/\s/.test(text[i + 1])) starts.push(i + 1);
  }
  return starts;
}

/** Keeps the last `budget` tokens of `text` (a whole chat-templated prompt). */
export function cutFromLeft(text: string, budget: number, codec: TokenCodec): LeftCut {
  const starts = lineStarts(text);
  const parts: number[][] = [];
  let gathered = 0;
  let first = starts.length; // index into starts of the earliest part tokenized
  let end = text.length;
  while (first > 0 && gathered <= budget) {
    first -= 1;
    const ids = codec.encode(text.slice(starts[first], end));
    parts.unshift(ids);
    gathered += ids.length;
    end = starts[first];
  }
  const ids = parts.flat();
  if (gathered <= budget) {
    return { promptTokens: gathered, keptTokens: gathered, cutTokens: 0, keptIds: null, cutText: "", cutChars: 0 };
  }
  const keptIds = keepLastTokens(ids, budget);
  const overflow = ids.slice(0, ids.length - budget); // cut tokens within the tokenized parts
  const before = text.slice(0, starts[first]); // never tokenized: cut whole
  const beforeTokens = before.length <= COUNT_CUT_UP_TO ? codec.encode(before).length : null;
  const tail = text.slice(starts[first]);
  const keptText = codec.decode(keptIds);
  // A cut inside a multi-byte character decodes to U+FFFD on both sides: no character offset.
  const exact = tail.endsWith(keptText);
  const cutText = before + (exact ? tail.slice(0, tail.length - keptText.length) : codec.decode(overflow));
  return {
    promptTokens: beforeTokens === null ? null : beforeTokens + ids.length,
    keptTokens: budget,
    cutTokens: beforeTokens === null ? null : beforeTokens + overflow.length,
    keptIds,
    cutText,
    cutChars: exact ? text.length - keptText.length : null,
  };
}
