// The backend registry, from the environment only (secrets never touch the database): the
// built-in baseline, EHR_R1_BASE_URL & co. as the "ehr-r1" backend, and EHR_R1_BACKENDS (a JSON
// array) for more. Invalid settings fail loudly with the variable and field named.
import { z } from "zod";
import { normalizeBaseUrl } from "./base-url";
import { DEFAULT_THINKING_MODE, THINKING_MODES, type ThinkingMode } from "./thinking-mode";

export const BASELINE_ID = "baseline";
export const EHR_R1_ID = "ehr-r1";
export const DEFAULT_MODEL = "BlueZeros/EHR-R1-8B";
export const DEFAULTS = {
  timeoutMs: 120_000,
  // The authors serve with max_model_len 32000 and allow 2048-4096 answer tokens.
  maxContextTokens: 32_000,
  maxTokens: 4_096,
} as const;

export type BaselineBackend = {
  id: typeof BASELINE_ID;
  name: string;
  kind: "baseline";
};

export type OpenAiBackend = {
  id: string;
  name: string;
  kind: "openai_compatible";
  /** Normalized: origin + path, e.g. "http://gpu:8000/v1". */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** No byte from the server for this long fails the run. */
  timeoutMs: number;
  /** The server's max_model_len: prompt + answer must fit. */
  maxContextTokens: number;
  /** Tokens kept for the answer (reasoning included). */
  maxTokens: number;
  /** Add the authors' "directly output the answer..." instruction (for models other than EHR-R1). */
  directAnswerPrompt: boolean;
  /** How reasoning is switched per task (thinking-mode.ts); default the authors' evaluation. */
  thinking: ThinkingMode;
};

export type BackendConfig = BaselineBackend | OpenAiBackend;

export class BackendConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackendConfigError";
  }
}

export const BASELINE_BACKEND: BaselineBackend = { id: BASELINE_ID, name: "Baseline (not EHR-R1)", kind: "baseline" };

const positiveInt = z.coerce
  .number({ error: "must be a number" })
  .int("must be a whole number")
  .positive("must be positive");
const baseUrl = z.string({ error: "must be a string" }).transform((raw, ctx) => {
  try {
    return normalizeBaseUrl(raw);
  } catch (error) {
    ctx.addIssue({
      code: "custom",
      message:
        error instanceof TypeError && !/Invalid URL/.test(error.message) ? error.message : "must be an http(s) URL",
    });
    return z.NEVER;
  }
});

const thinkingMode = z.enum(THINKING_MODES, { error: `must be one of ${THINKING_MODES.join(", ")}` });

const backendEntry = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, "must be lowercase letters, digits, - or _ (up to 63)"),
    name: z.string().min(1).max(100).optional(),
    baseUrl,
    model: z.string().min(1, "must not be empty"),
    apiKey: z.string().min(1).optional(),
    /** Name of another environment variable holding the key, to keep it out of the JSON. */
    apiKeyEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name")
      .optional(),
    timeoutMs: positiveInt.optional(),
    maxContextTokens: positiveInt.optional(),
    maxTokens: positiveInt.optional(),
    directAnswerPrompt: z.boolean().optional(),
    thinking: thinkingMode.optional(),
    /** Before `thinking`: false meant no soft switch, which is `thinking: "none"`. */
    thinkingSwitch: z.boolean().optional(),
  })
  .strict()
  .refine((entry) => entry.thinking === undefined || entry.thinkingSwitch === undefined, {
    message: 'give "thinking" or the older "thinkingSwitch", not both',
    path: ["thinkingSwitch"],
  });

function issuesText(prefix: string, error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
      return `${prefix}${path}: ${issue.message}`;
    })
    .join("; ");
}

function parseOr<T>(schema: z.ZodType<T>, value: unknown, prefix: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new BackendConfigError(issuesText(prefix, result.error));
  return result.data;
}

function checkBudget(backend: OpenAiBackend, where: string): OpenAiBackend {
  if (backend.maxTokens >= backend.maxContextTokens) {
    throw new BackendConfigError(
      `${where}: maxTokens (${backend.maxTokens}) must be below maxContextTokens (${backend.maxContextTokens})`,
    );
  }
  return backend;
}

type Env = Record<string, string | undefined>;

function envBackend(env: Env): OpenAiBackend | undefined {
  const value = (key: string) => (env[key]?.trim() ? env[key]!.trim() : undefined);
  const url = value("EHR_R1_BASE_URL");
  if (!url) {
    const orphan = [
      "EHR_R1_MODEL",
      "EHR_R1_API_KEY",
      "EHR_R1_TIMEOUT_MS",
      "EHR_R1_MAX_CONTEXT_TOKENS",
      "EHR_R1_MAX_TOKENS",
      "EHR_R1_THINKING",
    ].filter(value);
    if (orphan.length) throw new BackendConfigError(`${orphan.join(", ")} set but EHR_R1_BASE_URL is not`);
    return undefined;
  }
  const model = value("EHR_R1_MODEL") ?? DEFAULT_MODEL;
  return checkBudget(
    {
      id: EHR_R1_ID,
      name: `EHR-R1 (${model})`,
      kind: "openai_compatible",
      baseUrl: parseOr(baseUrl, url, "EHR_R1_BASE_URL"),
      model,
      apiKey: value("EHR_R1_API_KEY"),
      timeoutMs: parseOr(positiveInt, value("EHR_R1_TIMEOUT_MS") ?? DEFAULTS.timeoutMs, "EHR_R1_TIMEOUT_MS"),
      maxContextTokens: parseOr(
        positiveInt,
        value("EHR_R1_MAX_CONTEXT_TOKENS") ?? DEFAULTS.maxContextTokens,
        "EHR_R1_MAX_CONTEXT_TOKENS",
      ),
      maxTokens: parseOr(positiveInt, value("EHR_R1_MAX_TOKENS") ?? DEFAULTS.maxTokens, "EHR_R1_MAX_TOKENS"),
      directAnswerPrompt: false,
      thinking: parseOr(thinkingMode, value("EHR_R1_THINKING") ?? DEFAULT_THINKING_MODE, "EHR_R1_THINKING"),
    },
    "EHR_R1_*",
  );
}

function jsonBackends(env: Env): OpenAiBackend[] {
  const raw = env.EHR_R1_BACKENDS?.trim();
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new BackendConfigError(`EHR_R1_BACKENDS: not valid JSON (${(error as Error).message})`);
  }
  const entries = parseOr(
    z.array(backendEntry, { error: "must be a JSON array of backends" }),
    json,
    "EHR_R1_BACKENDS",
  );
  return entries.map((entry, i) => {
    const apiKey = entry.apiKey ?? (entry.apiKeyEnv ? env[entry.apiKeyEnv]?.trim() || undefined : undefined);
    if (entry.apiKeyEnv && !apiKey)
      throw new BackendConfigError(`EHR_R1_BACKENDS[${i}].apiKeyEnv: ${entry.apiKeyEnv} is not set`);
    return checkBudget(
      {
        id: entry.id,
        name: entry.name ?? `${entry.id} (${entry.model})`,
        kind: "openai_compatible",
        baseUrl: entry.baseUrl,
        model: entry.model,
        apiKey,
        timeoutMs: entry.timeoutMs ?? DEFAULTS.timeoutMs,
        maxContextTokens: entry.maxContextTokens ?? DEFAULTS.maxContextTokens,
        maxTokens: entry.maxTokens ?? DEFAULTS.maxTokens,
        directAnswerPrompt: entry.directAnswerPrompt ?? false,
        thinking: entry.thinking ?? (entry.thinkingSwitch === false ? "none" : DEFAULT_THINKING_MODE),
      },
      `EHR_R1_BACKENDS[${i}]`,
    );
  });
}

/** All configured backends, the baseline first. Throws BackendConfigError on bad settings. */
export function loadBackends(env: Env = process.env): BackendConfig[] {
  const backends: BackendConfig[] = [BASELINE_BACKEND];
  const single = envBackend(env);
  if (single) backends.push(single);
  for (const [i, backend] of jsonBackends(env).entries()) {
    if (backends.some((b) => b.id === backend.id)) {
      throw new BackendConfigError(
        `EHR_R1_BACKENDS[${i}].id: "${backend.id}" is already used${backend.id === EHR_R1_ID ? " by EHR_R1_BASE_URL" : ""}`,
      );
    }
    backends.push(backend);
  }
  return backends;
}

export function findBackend(backends: readonly BackendConfig[], id: string): BackendConfig | undefined {
  return backends.find((b) => b.id === id);
}

/** Whether a URL is one of the configured endpoints (defence in depth for callers building URLs). */
export function isConfiguredBaseUrl(backends: readonly BackendConfig[], url: string): boolean {
  return backends.some((b) => b.kind === "openai_compatible" && (url === b.baseUrl || url.startsWith(`${b.baseUrl}/`)));
}

/** What the API and UI may show: everything but the key. */
export type PublicBackend = {
  id: string;
  name: string;
  kind: "baseline" | "openai_compatible";
  isEhrR1: boolean;
  baseUrl: string | null;
  model: string | null;
  timeoutMs: number | null;
  maxContextTokens: number | null;
  maxTokens: number | null;
  directAnswerPrompt: boolean;
  thinking: ThinkingMode | null;
  hasApiKey: boolean;
};

export function publicBackend(backend: BackendConfig): PublicBackend {
  if (backend.kind === "baseline") {
    return {
      id: backend.id,
      name: backend.name,
      kind: backend.kind,
      isEhrR1: false,
      baseUrl: null,
      model: null,
      timeoutMs: null,
      maxContextTokens: null,
      maxTokens: null,
      directAnswerPrompt: false,
      thinking: null,
      hasApiKey: false,
    };
  }
  return {
    id: backend.id,
    name: backend.name,
    kind: backend.kind,
    isEhrR1: backend.id === EHR_R1_ID || /ehr-r1/i.test(backend.model),
    baseUrl: backend.baseUrl,
    model: backend.model,
    timeoutMs: backend.timeoutMs,
    maxContextTokens: backend.maxContextTokens,
    maxTokens: backend.maxTokens,
    directAnswerPrompt: backend.directAnswerPrompt,
    thinking: backend.thinking,
    hasApiKey: Boolean(backend.apiKey),
  };
}

/** The Backend table's row (prisma/schema.prisma model Backend); the key stays in the environment. */
export function backendRecord(backend: BackendConfig) {
  if (backend.kind === "baseline") {
    return {
      id: backend.id,
      name: backend.name,
      kind: "baseline" as const,
      baseUrl: null,
      model: null,
      maxContextTokens: null,
      timeoutMs: null,
      options: {},
    };
  }
  return {
    id: backend.id,
    name: backend.name,
    kind: "openai_compatible" as const,
    baseUrl: backend.baseUrl,
    model: backend.model,
    maxContextTokens: backend.maxContextTokens,
    timeoutMs: backend.timeoutMs,
    options: {
      maxTokens: backend.maxTokens,
      directAnswerPrompt: backend.directAnswerPrompt,
      thinking: backend.thinking,
    },
  };
}

/**
 * Tokens the chat-templated prompt may use: the context minus the request's max_tokens
 * (vllm_models.py: `-max_seq_len + max_tokens`), so 27,904 for a decision task and 31,999 for
 * a risk task (one answer token) at the authors' 32,000 and 4,096.
 */
export function promptBudget(backend: Pick<OpenAiBackend, "maxContextTokens">, answerTokens: number): number {
  return backend.maxContextTokens - answerTokens;
}
