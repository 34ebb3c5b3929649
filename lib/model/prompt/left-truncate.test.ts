// Real Qwen3 tokens (the bundled tokenizer) and the authors' left cut: keep exactly the last N.
import { describe, expect, it } from "vitest";
import { renderQwen3Chat } from "./chat-template";
import { COUNT_CUT_UP_TO, cutFromLeft, keepLastTokens } from "./left-truncate";
import { qwen3Tokenizer } from "./qwen3-tokenizer";

const codec = qwen3Tokenizer();

const LAB_BLOCK =
  "## Labotary Test Events [2158-09-05 16:00:00]\n" +
  "| Item_Name | Valuenum | Valueuom | Ref_Range_Lower | Ref_Range_Upper | Flag | Comments |\n" +
  "| ------ | ------ | ------ | ------ | ------ | ------ | ------ |\n" +
  "| INR(PT) | 1.2 | nan | 0.9 | 1.1 | abnormal | nan |\n" +
  "| Sodium | 130.0 | mEq/L | 135.0 | 147.0 | abnormal | New reference range as of ___. |\n";

function templated(blocks: number): string {
  const user = `## Patient Demographics [None]\n- Anchor_Age: 91\n- Gender: M\n\n\n\n${Array.from({ length: blocks }, () => LAB_BLOCK).join("\n")}\nGiven the sequence of events that have occurred in a hospital, please give the next Labotary Test Events suggestion for the patients.\n/think`;
  return renderQwen3Chat(
    [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: user },
    ],
    { enableThinking: false },
  );
}

describe("the bundled Qwen3 tokenizer", () => {
  it("gives Qwen3's ids for known strings", () => {
    expect(codec.encode("yes")).toEqual([9693]);
    expect(codec.encode("no")).toEqual([2152]);
    expect(codec.encode("Hello world")).toEqual([9707, 1879]);
    // Special tokens of the chat template, digits one by one.
    expect(codec.encode("<|im_start|>assistant\n<think>\n\n</think>\n\n")).toEqual([
      151644, 77091, 198, 151667, 271, 151668, 271,
    ]);
    expect(codec.encode("130.0")).toEqual([16, 18, 15, 13, 15]);
    expect(codec.decode(codec.encode(LAB_BLOCK))).toBe(LAB_BLOCK);
  });
});

describe("keepLastTokens", () => {
  it("is Python's ids[-n:]", () => {
    expect(keepLastTokens([1, 2, 3, 4, 5], 2)).toEqual([4, 5]);
    expect(keepLastTokens([1, 2, 3], 3)).toEqual([1, 2, 3]);
    expect(keepLastTokens([1, 2, 3], 10)).toEqual([1, 2, 3]);
    expect(() => keepLastTokens([1], 0)).toThrow(RangeError);
  });
});

describe("cutFromLeft", () => {
  const text = templated(40);
  const whole = codec.encode(text);

  it("counts a prompt that fits and cuts nothing", () => {
    expect(cutFromLeft(text, whole.length, codec)).toEqual({
      promptTokens: whole.length,
      keptTokens: whole.length,
      cutTokens: 0,
      keptIds: null,
      cutText: "",
      cutChars: 0,
    });
  });

  it("keeps exactly the last N tokens of the whole text's tokenization, however it is cut", () => {
    for (const budget of [1, 7, 100, 1234, whole.length - 1]) {
      const cut = cutFromLeft(text, budget, codec);
      expect(cut.keptIds).toEqual(whole.slice(-budget));
      expect(cut).toMatchObject({ promptTokens: whole.length, keptTokens: budget, cutTokens: whole.length - budget });
      // The cut text and what was kept make up the prompt again.
      expect(cut.cutChars).not.toBeNull();
      expect(cut.cutText + codec.decode(cut.keptIds!)).toBe(text);
      expect(cut.cutText.length).toBe(cut.cutChars);
    }
  });

  it("cuts the system turn first, as the authors' left truncation does", () => {
    const cut = cutFromLeft(text, whole.length - 5, codec);
    // <|im_start|>, "system", "\n", "You", " are"
    expect(cut.cutText).toBe("<|im_start|>system\nYou are");
  });

  it("says when a cut falls inside a character", () => {
    const accented = renderQwen3Chat([{ role: "user", content: "🫀 x" }], { enableThinking: true });
    const ids = codec.encode(accented);
    // "🫀" is three byte-level tokens: keep a tail that starts inside it.
    const partial = ids.findIndex((_, i) => !accented.endsWith(codec.decode(ids.slice(i))));
    expect(partial).toBeGreaterThan(0);
    const cut = cutFromLeft(accented, ids.length - partial, codec);
    expect(cut.keptIds).toEqual(ids.slice(partial));
    expect(cut.cutChars).toBeNull();
  });

  it("leaves a cut part too long to count uncounted, still keeping the exact last tokens", () => {
    const long = templated(Math.ceil(COUNT_CUT_UP_TO / LAB_BLOCK.length) + 10);
    const cut = cutFromLeft(long, 500, codec);
    expect(cut.keptIds).toEqual(codec.encode(long.slice(-20_000)).slice(-500));
    expect(cut).toMatchObject({ promptTokens: null, cutTokens: null, keptTokens: 500 });
    expect(cut.cutText + codec.decode(cut.keptIds!)).toBe(long);
  });
});
