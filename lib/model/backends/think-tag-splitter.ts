// Splits streamed content into reasoning and answer when the server inlines reasoning as
// <think>...</think> (no reasoning parser). Tags may arrive split across chunks ("</thi" +
// "nk>"), so text that could be the start of a tag is held back until it is decided.
//
// When thinking was requested and the content does not open with <think>, everything up to
// </think> is still reasoning: Qwen3 templates that put <think> into the prompt make the model
// start straight with its reasoning. If the server splits reasoning itself (reasoning_content),
// content is the answer.

export type SplitPiece = { type: "reasoning" | "answer"; text: string };

const OPEN = "<think>";
const CLOSE = "</think>";

/** Length of the longest suffix of `text` that is a proper prefix of `tag`. */
function partialTagSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}

export class ThinkTagSplitter {
  private state: "start" | "reasoning" | "answer" = "start";
  private pending = "";
  private reasoningStarted = false;
  private answerStarted = false;

  constructor(private readonly thinkingExpected: boolean) {}

  /** The server sent reasoning_content: its content is the answer from now on. */
  serverSplitsReasoning(): void {
    if (this.state !== "answer" && !this.reasoningStarted) this.state = "answer";
  }

  push(text: string): SplitPiece[] {
    this.pending += text;
    const out: SplitPiece[] = [];
    for (;;) {
      if (this.state === "start") {
        const trimmed = this.pending.trimStart();
        if (!trimmed) return out;
        if (trimmed.startsWith(OPEN)) {
          this.pending = trimmed.slice(OPEN.length);
          this.state = "reasoning";
          continue;
        }
        if (OPEN.startsWith(trimmed)) return out; // "<thi": wait
        this.pending = trimmed;
        this.state = this.thinkingExpected ? "reasoning" : "answer";
        continue;
      }
      if (this.state === "reasoning") {
        const close = this.pending.indexOf(CLOSE);
        if (close >= 0) {
          this.emit(out, "reasoning", this.pending.slice(0, close));
          this.pending = this.pending.slice(close + CLOSE.length);
          this.state = "answer";
          continue;
        }
        const hold = partialTagSuffix(this.pending, CLOSE);
        this.emit(out, "reasoning", this.pending.slice(0, this.pending.length - hold));
        this.pending = this.pending.slice(this.pending.length - hold);
        return out;
      }
      this.emit(out, "answer", this.pending);
      this.pending = "";
      return out;
    }
  }

  /** The stream ended: release anything held back. */
  end(): SplitPiece[] {
    const out: SplitPiece[] = [];
    const rest = this.pending;
    this.pending = "";
    if (this.state === "reasoning") this.emit(out, "reasoning", rest);
    else this.emit(out, "answer", rest);
    return out;
  }

  private emit(out: SplitPiece[], type: SplitPiece["type"], raw: string) {
    let text = raw;
    // Drop the newlines that follow <think> and </think>, not the text's own whitespace later on.
    if (type === "reasoning" && !this.reasoningStarted) text = text.replace(/^\s+/, "");
    if (type === "answer" && !this.answerStarted) text = text.replace(/^\s+/, "");
    if (!text) return;
    if (type === "reasoning") this.reasoningStarted = true;
    else this.answerStarted = true;
    const last = out[out.length - 1];
    if (last && last.type === type) last.text += text;
    else out.push({ type, text });
  }
}
