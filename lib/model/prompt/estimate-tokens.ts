// Token estimate without a tokenizer (none is available offline, and the Qwen3 vocabulary is
// not ours to ship). It errs high on purpose: an estimate that is too low makes the server
// reject the request for exceeding max_model_len, one that is too high only drops a little
// more of the oldest context.
//
// Method: a chars/4-style count made conservative for what EHR prompts are full of. The text
// is cut the way Qwen's pre-tokenizer cuts it (words, single digits, punctuation runs, spaces;
// the pattern is the public Qwen2/Qwen3 tokenizer.json's), and every piece is at least one
// token: each digit is one token (Qwen splits numbers digit by digit, so `130.0` is 5 tokens),
// a word is one token per 5 ASCII letters (rounded up) plus one per non-ASCII letter, a
// punctuation run one per 3 characters, a whitespace run one. Then +5 % margin.

const PIECES =
  /'(?:s|t|re|ve|m|ll|d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/giu;

const NON_ASCII = /[^\x00-\x7f]/g;

export type TokenCounter = (text: string) => number;

export function estimateTokens(text: string): number {
  let tokens = 0;
  for (const match of text.matchAll(PIECES)) {
    const piece = match[0];
    const first = piece.codePointAt(0)!;
    if (/\p{N}/u.test(piece)) {
      tokens += 1;
    } else if (/\p{L}/u.test(piece)) {
      const nonAscii = piece.match(NON_ASCII)?.length ?? 0;
      tokens += Math.max(1, Math.ceil((piece.length - nonAscii) / 5) + nonAscii);
    } else if (/\s/u.test(String.fromCodePoint(first)) && !/[^\s]/u.test(piece)) {
      tokens += 1;
    } else {
      tokens += Math.max(1, Math.ceil(piece.trim().length / 3));
    }
  }
  return Math.ceil(tokens * 1.05);
}

/**
 * Tokens the chat template adds around the messages (Qwen3 ChatML: `<|im_start|>system\n`,
 * `<|im_end|>\n`, the assistant header and the empty think block when thinking is off).
 */
export const CHAT_TEMPLATE_OVERHEAD_TOKENS = 24;
