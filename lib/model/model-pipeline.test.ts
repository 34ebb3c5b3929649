// The pieces together, as a run uses them: serialize the record, stream from an EHR-R1-like
// server (or the baseline), parse reasoning and answer, match items to concepts, compare with
// the ground truth.
import { afterEach, describe, expect, it } from "vitest";
import { loadBackends, promptBudget, type OpenAiBackend } from "./backends/load-backends";
import { streamChatCompletion } from "./backends/stream-chat-completion";
import { runBaseline } from "./baseline/run-baseline";
import { matchItems } from "./parse/match-items";
import { parseAnswer } from "./parse/parse-answer";
import { splitSteps } from "./parse/split-steps";
import { serializePrompt } from "./prompt/serialize-prompt";
import type { ModelStreamEvent } from "./stream-events";
import { requireTask } from "./tasks/task-catalog";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "./testing/fake-openai-server";
import { at, encounter, lab, patient } from "./testing/record-builder";

let server: FakeOpenAiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const admission = encounter({
  id: "a1",
  kind: "admission",
  start: "2150-01-01 08:00:00",
  end: "2150-01-05 08:00:00",
  attributes: { admission_type: "EW EMER." },
});
const events = [
  lab("2150-01-01 10:00:00", "Sodium", { valuenum: "130", flag: "abnormal" }, { encounterId: "a1" }),
  lab("2150-01-01 10:00:00", "INR(PT)", { valuenum: "1.2", flag: "abnormal" }, { encounterId: "a1" }),
  lab("2150-01-02 06:00:00", "Sodium", { valuenum: "132" }, { encounterId: "a1" }),
  lab("2150-01-02 06:00:00", "Potassium", { valuenum: "4.1" }, { encounterId: "a1" }),
];
const record = { patient: patient(), encounters: [admission], events };

async function drain(stream: AsyncIterable<ModelStreamEvent>) {
  let reasoning = "";
  let answer = "";
  for await (const e of stream) {
    if (e.type === "reasoning") reasoning += e.text;
    if (e.type === "answer") answer += e.text;
  }
  return { reasoning, answer };
}

describe("a labevents run", () => {
  const task = requireTask("labevents");
  const cutoff = at("2150-01-02 06:00:00");

  it("goes from record to matched items through an EHR-R1-like server", async () => {
    server = await startFakeOpenAiServer();
    const backend = loadBackends({ EHR_R1_BASE_URL: server.url })[1] as OpenAiBackend;
    const prompt = serializePrompt({ ...record, task, cutoff, maxTokens: promptBudget(backend, backend.maxTokens) });
    const { reasoning, answer } = await drain(
      streamChatCompletion({ ...backend, messages: prompt.messages, thinking: task.thinkingDefault }),
    );
    expect(server.requests[0].body?.messages?.[1]?.content).toBe(prompt.text);
    const steps = splitSteps(reasoning);
    expect(steps.map((s) => s.id)).toEqual(["extraction-1", "reasoning-1", "final-results-1"]);
    const { items } = parseAnswer(answer, task.answerType);
    const matched = matchItems(items, [
      { system: "d_labitems", code: "50983", label: "Sodium" },
      { system: "d_labitems", code: "51237", label: "INR(PT)" },
    ]);
    expect(matched.map((m) => m.code ?? null)).toEqual(["50983", "51237", null]);
    const truth = task.readGroundTruth({ ...record, cutoff });
    expect(truth).toMatchObject({ kind: "items", items: ["Sodium", "Potassium"] });
  });

  it("and through the baseline, the same way", async () => {
    const { reasoning, answer } = await drain(runBaseline({ ...record, task, cutoff }));
    expect(splitSteps(reasoning).some((s) => s.section === "Final Results")).toBe(true);
    // One earlier event with two items: both, ties broken alphabetically.
    expect(parseAnswer(answer, task.answerType).items).toEqual(["INR(PT)", "Sodium"]);
  });
});
