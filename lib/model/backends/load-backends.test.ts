import { describe, expect, it } from "vitest";
import {
  backendRecord,
  BackendConfigError,
  isConfiguredBaseUrl,
  loadBackends,
  promptBudget,
  publicBackend,
  type OpenAiBackend,
} from "./load-backends";

describe("loadBackends", () => {
  it("always has the baseline", () => {
    expect(loadBackends({})).toEqual([{ id: "baseline", name: "Baseline (not EHR-R1)", kind: "baseline" }]);
  });

  it("reads EHR_R1_* into the ehr-r1 backend with defaults", () => {
    const [, ehr] = loadBackends({ EHR_R1_BASE_URL: "http://gpu:8000", EHR_R1_API_KEY: "sk-secret" });
    expect(ehr).toEqual({
      id: "ehr-r1",
      name: "EHR-R1 (BlueZeros/EHR-R1-8B)",
      kind: "openai_compatible",
      baseUrl: "http://gpu:8000/v1",
      model: "BlueZeros/EHR-R1-8B",
      apiKey: "sk-secret",
      timeoutMs: 120_000,
      maxContextTokens: 32_000,
      maxTokens: 4_096,
      directAnswerPrompt: false,
      thinking: "evaluation",
    });
    // vllm_models.py: max_seq_len 32000 minus the request's max_tokens.
    expect(promptBudget(ehr as OpenAiBackend, (ehr as OpenAiBackend).maxTokens)).toBe(27_904);
    expect(promptBudget(ehr as OpenAiBackend, 1)).toBe(31_999);
  });

  it("takes the thinking mode per backend, the older thinkingSwitch too", () => {
    const backends = loadBackends({
      EHR_R1_BASE_URL: "http://gpu:8000",
      EHR_R1_THINKING: "direct_answer",
      EHR_R1_BACKENDS: JSON.stringify([
        { id: "a", baseUrl: "http://gpu:8001", model: "m", thinking: "none" },
        { id: "b", baseUrl: "http://gpu:8002", model: "m", thinkingSwitch: false },
        { id: "c", baseUrl: "http://gpu:8003", model: "m" },
      ]),
    });
    expect(backends.slice(1).map((b) => b.kind === "openai_compatible" && b.thinking)).toEqual([
      "direct_answer",
      "none",
      "none",
      "evaluation",
    ]);
    expect(publicBackend(backends[2])).toMatchObject({ thinking: "none" });
    expect(backendRecord(backends[1]).options).toMatchObject({ thinking: "direct_answer" });
    expect(() => loadBackends({ EHR_R1_BASE_URL: "http://gpu:8000", EHR_R1_THINKING: "sometimes" })).toThrow(
      /EHR_R1_THINKING: must be one of evaluation, direct_answer, none/,
    );
    expect(() =>
      loadBackends({
        EHR_R1_BACKENDS: JSON.stringify([
          { id: "a", baseUrl: "http://h", model: "m", thinking: "none", thinkingSwitch: false },
        ]),
      }),
    ).toThrow(/EHR_R1_BACKENDS\[0\]\.thinkingSwitch: give "thinking" or the older "thinkingSwitch", not both/);
  });

  it("reads explicit settings", () => {
    const [, ehr] = loadBackends({
      EHR_R1_BASE_URL: "https://llm.hospital.local/v1/",
      EHR_R1_MODEL: "BlueZeros/EHR-R1-1.7B",
      EHR_R1_TIMEOUT_MS: "30000",
      EHR_R1_MAX_CONTEXT_TOKENS: "16000",
      EHR_R1_MAX_TOKENS: "2048",
    });
    expect(ehr).toMatchObject({
      baseUrl: "https://llm.hospital.local/v1",
      model: "BlueZeros/EHR-R1-1.7B",
      timeoutMs: 30_000,
      maxContextTokens: 16_000,
      maxTokens: 2_048,
    });
  });

  it("adds EHR_R1_BACKENDS entries, with keys from other variables", () => {
    const backends = loadBackends({
      EHR_R1_BASE_URL: "http://gpu:8000",
      EHR_R1_BACKENDS: JSON.stringify([
        {
          id: "qwen3-8b",
          name: "Qwen3-8B (base model)",
          baseUrl: "http://gpu:8001/v1",
          model: "Qwen/Qwen3-8B",
          directAnswerPrompt: true,
          apiKeyEnv: "QWEN_KEY",
        },
        {
          id: "ehr-r1-small",
          baseUrl: "http://gpu:8002",
          model: "BlueZeros/EHR-R1-1.7B",
          maxContextTokens: 16000,
          maxTokens: 2048,
        },
      ]),
      QWEN_KEY: "k2",
    });
    expect(backends.map((b) => b.id)).toEqual(["baseline", "ehr-r1", "qwen3-8b", "ehr-r1-small"]);
    expect(backends[2]).toMatchObject({ apiKey: "k2", directAnswerPrompt: true, name: "Qwen3-8B (base model)" });
    expect(backends[3]).toMatchObject({ name: "ehr-r1-small (BlueZeros/EHR-R1-1.7B)", baseUrl: "http://gpu:8002/v1" });
    expect(isConfiguredBaseUrl(backends, "http://gpu:8001/v1/chat/completions")).toBe(true);
    expect(isConfiguredBaseUrl(backends, "http://evil:8001/v1/chat/completions")).toBe(false);
  });

  it.each([
    [{ EHR_R1_BASE_URL: "gpu:8000" }, "EHR_R1_BASE_URL: must be an http(s) URL"],
    [{ EHR_R1_BASE_URL: "http://u:p@gpu" }, "EHR_R1_BASE_URL: must not contain credentials (use the API key setting)"],
    [{ EHR_R1_BASE_URL: "http://gpu", EHR_R1_TIMEOUT_MS: "soon" }, "EHR_R1_TIMEOUT_MS: must be a number"],
    [
      { EHR_R1_BASE_URL: "http://gpu", EHR_R1_MAX_TOKENS: "40000" },
      "EHR_R1_*: maxTokens (40000) must be below maxContextTokens (32000)",
    ],
    [{ EHR_R1_MODEL: "x" }, "EHR_R1_MODEL set but EHR_R1_BASE_URL is not"],
    [{ EHR_R1_BACKENDS: "[{" }, "EHR_R1_BACKENDS: not valid JSON"],
    [{ EHR_R1_BACKENDS: "{}" }, "EHR_R1_BACKENDS: must be a JSON array of backends"],
    [
      { EHR_R1_BACKENDS: '[{"id":"A b","baseUrl":"http://x","model":"m"}]' },
      "EHR_R1_BACKENDS[0].id: must be lowercase letters",
    ],
    [
      { EHR_R1_BACKENDS: '[{"id":"a","baseUrl":"ftp://x","model":"m"}]' },
      "EHR_R1_BACKENDS[0].baseUrl: must be an http(s) URL",
    ],
    [{ EHR_R1_BACKENDS: '[{"id":"a","baseUrl":"http://x"}]' }, "EHR_R1_BACKENDS[0].model:"],
    [
      { EHR_R1_BACKENDS: '[{"id":"a","baseUrl":"http://x","model":"m","timeout":5}]' },
      'EHR_R1_BACKENDS[0]: Unrecognized key: "timeout"',
    ],
    [
      { EHR_R1_BACKENDS: '[{"id":"a","baseUrl":"http://x","model":"m","apiKeyEnv":"NOPE"}]' },
      "EHR_R1_BACKENDS[0].apiKeyEnv: NOPE is not set",
    ],
    [
      { EHR_R1_BACKENDS: '[{"id":"baseline","baseUrl":"http://x","model":"m"}]' },
      'EHR_R1_BACKENDS[0].id: "baseline" is already used',
    ],
    [
      { EHR_R1_BASE_URL: "http://gpu", EHR_R1_BACKENDS: '[{"id":"ehr-r1","baseUrl":"http://x","model":"m"}]' },
      'EHR_R1_BACKENDS[0].id: "ehr-r1" is already used by EHR_R1_BASE_URL',
    ],
  ])("fails clearly on %j", (env, message) => {
    expect(() => loadBackends(env)).toThrow(BackendConfigError);
    expect(() => loadBackends(env)).toThrow(message);
  });
});

describe("public view and database row", () => {
  const [baseline, ehr] = loadBackends({ EHR_R1_BASE_URL: "http://gpu:8000", EHR_R1_API_KEY: "sk-secret" });

  it("never includes the key", () => {
    const view = publicBackend(ehr);
    expect(JSON.stringify(view)).not.toContain("sk-secret");
    expect(view).toMatchObject({ id: "ehr-r1", isEhrR1: true, hasApiKey: true, baseUrl: "http://gpu:8000/v1" });
    expect(publicBackend(baseline)).toMatchObject({
      id: "baseline",
      kind: "baseline",
      isEhrR1: false,
      hasApiKey: false,
    });
    expect(JSON.stringify(backendRecord(ehr))).not.toContain("sk-secret");
    expect(backendRecord(ehr)).toMatchObject({
      kind: "openai_compatible",
      maxContextTokens: 32_000,
      options: { maxTokens: 4_096 },
    });
  });
});
