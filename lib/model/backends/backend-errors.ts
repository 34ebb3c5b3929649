// Typed failures of a model backend, each with a message a user can act on. Messages carry the
// server's own words and the HTTP status, never the prompt (it holds patient data).

export type BackendErrorCode = "connection" | "http" | "timeout" | "protocol" | "aborted" | "incomplete";

export class BackendError extends Error {
  constructor(
    readonly code: BackendErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "BackendError";
  }
}

export class BackendConnectionError extends BackendError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("connection", message, options);
    this.name = "BackendConnectionError";
  }
}

export class BackendHttpError extends BackendError {
  constructor(
    readonly status: number,
    readonly serverMessage: string,
  ) {
    super("http", `the model server answered HTTP ${status}: ${serverMessage}`);
    this.name = "BackendHttpError";
  }
}

export class BackendTimeoutError extends BackendError {
  constructor(readonly timeoutMs: number) {
    super("timeout", `the model server sent nothing for ${formatSeconds(timeoutMs)} (timeout ${timeoutMs} ms)`);
    this.name = "BackendTimeoutError";
  }
}

export class BackendProtocolError extends BackendError {
  constructor(message: string) {
    super("protocol", message);
    this.name = "BackendProtocolError";
  }
}

export class BackendAbortedError extends BackendError {
  constructor() {
    super("aborted", "the run was cancelled");
    this.name = "BackendAbortedError";
  }
}

export class BackendIncompleteError extends BackendError {
  constructor(message = "the model server closed the stream before it finished", options?: { cause?: unknown }) {
    super("incomplete", message, options);
    this.name = "BackendIncompleteError";
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ECONNRESET: "connection reset",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
  UND_ERR_SOCKET: "connection closed by the server",
  CERT_HAS_EXPIRED: "TLS certificate expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "self-signed TLS certificate",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "TLS certificate not trusted",
};

/** The network error code somewhere in a fetch failure's cause chain (undici nests them). */
export function networkErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length) {
    const current = queue.shift();
    if (!current || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && code in NETWORK_CODES) return code;
    queue.push((current as { cause?: unknown }).cause);
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors)) queue.push(...errors);
  }
  return undefined;
}

export function connectionError(origin: string, error: unknown): BackendConnectionError {
  const code = networkErrorCode(error);
  const reason = code ? NETWORK_CODES[code] : error instanceof Error ? error.message : String(error);
  return new BackendConnectionError(`cannot reach the model server at ${origin}: ${reason}`, { cause: error });
}

/**
 * The server's error message from an error body (OpenAI {error:{message}}, older vLLM
 * {message}, FastAPI {detail}), shortened, with any quoted prompt text withheld.
 */
export function serverErrorMessage(body: string, prompt: readonly string[] = []): string {
  let message: string | undefined;
  try {
    const json = JSON.parse(body) as Record<string, unknown>;
    const error = json.error as Record<string, unknown> | string | undefined;
    const detail = json.detail;
    message =
      (typeof error === "object" && error && typeof error.message === "string" ? error.message : undefined) ??
      (typeof json.message === "string" ? json.message : undefined) ??
      (typeof detail === "string" ? detail : undefined) ??
      // FastAPI validation errors: keep each `msg`, never the `input` (it would be the prompt).
      (Array.isArray(detail)
        ? detail
            .map((d) => (d && typeof d === "object" ? String((d as { msg?: unknown }).msg ?? "") : ""))
            .filter(Boolean)
            .join("; ")
        : undefined) ??
      (typeof error === "string" ? error : undefined);
  } catch {
    message = body.replace(/<[^>]*>/g, " ");
  }
  return withholdPrompt((message ?? "").replace(/\s+/g, " ").trim(), prompt).slice(0, 300) || "(no message)";
}

/** Cuts a message where it starts quoting the prompt (a line of 30+ characters from it). */
export function withholdPrompt(message: string, prompt: readonly string[]): string {
  let cut = -1;
  for (const text of prompt) {
    for (const line of text.split("\n")) {
      const probe = line.trim().replace(/\s+/g, " ");
      if (probe.length < 30) continue;
      const at = message.indexOf(probe.slice(0, 30));
      if (at >= 0 && (cut < 0 || at < cut)) cut = at;
    }
  }
  return cut < 0 ? message : `${message.slice(0, cut).trimEnd()} [prompt text withheld]`;
}
