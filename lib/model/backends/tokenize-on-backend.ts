// The backend's own tokenizer: vLLM's `POST /tokenize` (at the server's root, beside /v1),
// {model, prompt, add_special_tokens} → {count, max_model_len, tokens}. Its ids are exactly the
// model's, whatever the model. A server without it (404/405/501: SGLang, a proxy) returns null
// and the caller uses the bundled Qwen3 tokenizer; any other failure is the backend's error.
import { BackendHttpError, connectionError, serverErrorMessage } from "./backend-errors";
import { originOf } from "./base-url";

export type TokenizeTarget = { baseUrl: string; model: string; apiKey?: string; timeoutMs: number };

const NOT_THERE = new Set([404, 405, 501]);

export async function tokenizeOnBackend(target: TokenizeTarget, text: string): Promise<number[] | null> {
  const url = `${originOf(target.baseUrl)}/tokenize`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
      },
      // The text is already chat-templated: nothing may be added to it (Qwen adds no BOS anyway).
      body: JSON.stringify({ model: target.model, prompt: text, add_special_tokens: false }),
      signal: AbortSignal.timeout(target.timeoutMs),
      redirect: "error",
    });
  } catch (error) {
    throw connectionError(originOf(target.baseUrl), error);
  }
  if (NOT_THERE.has(response.status)) {
    await response.body?.cancel();
    return null;
  }
  const body = await response.text();
  if (!response.ok) throw new BackendHttpError(response.status, serverErrorMessage(body, [text]));
  const parsed = JSON.parse(body) as { tokens?: unknown };
  if (!Array.isArray(parsed.tokens) || !parsed.tokens.every((t) => Number.isInteger(t)))
    throw new BackendHttpError(response.status, "the /tokenize answer has no token ids");
  return parsed.tokens as number[];
}
