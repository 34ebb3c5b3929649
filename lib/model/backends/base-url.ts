// Every request goes to a URL derived from a configured base URL and nothing else: the path
// is appended to it, so a backend can never be steered to another host.

/**
 * "http://gpu:8000" → "http://gpu:8000/v1"; a base that already has a path ("/v1",
 * "/openai/v1") is kept as given. Trailing slashes go.
 */
export function normalizeBaseUrl(raw: string): string {
  const url = new URL(raw.trim());
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new TypeError("must be an http(s) URL");
  if (url.username || url.password) throw new TypeError("must not contain credentials (use the API key setting)");
  if (url.search || url.hash) throw new TypeError("must not have a query or fragment");
  let path = url.pathname.replace(/\/+$/, "");
  if (!path) path = "/v1";
  return `${url.origin}${path}`;
}

export function endpointUrl(baseUrl: string, endpoint: "chat/completions" | "completions" | "models"): string {
  return `${baseUrl.replace(/\/+$/, "")}/${endpoint}`;
}

export function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl;
  }
}
