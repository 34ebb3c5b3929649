// Separates a finished (or partial) model output into reasoning and answer. Servers with a
// reasoning parser send the reasoning separately; others inline it in <think>...</think>.

export type ReasoningSplit = {
  reasoning: string;
  answer: string;
  /** A <think> block was opened and never closed (the model ran out of tokens while thinking). */
  unterminated: boolean;
};

const OPEN = "<think>";
const CLOSE = "</think>";

/**
 * `content` is what the server sent as content; `reasoningContent` what it sent as
 * reasoning_content (if anything). Inline tags in content are honoured either way.
 */
export function splitReasoning(content: string, reasoningContent = ""): ReasoningSplit {
  const close = content.indexOf(CLOSE);
  if (close >= 0) {
    const before = content.slice(0, close);
    const open = before.indexOf(OPEN);
    const inline = open >= 0 ? before.slice(open + OPEN.length) : before;
    return {
      reasoning: joinReasoning(reasoningContent, inline),
      answer: content.slice(close + CLOSE.length).trim(),
      unterminated: false,
    };
  }
  const trimmed = content.trimStart();
  if (trimmed.startsWith(OPEN)) {
    return { reasoning: joinReasoning(reasoningContent, trimmed.slice(OPEN.length)), answer: "", unterminated: true };
  }
  return { reasoning: reasoningContent.trim(), answer: content.trim(), unterminated: false };
}

function joinReasoning(a: string, b: string): string {
  return [a.trim(), b.trim()].filter(Boolean).join("\n\n");
}
