import { describe, expect, it } from "vitest";
import { BackendProtocolError, serverErrorMessage, withholdPrompt } from "./backend-errors";
import { normalizeBaseUrl } from "./base-url";
import { SseDataParser } from "./sse-parser";
import { ThinkTagSplitter, type SplitPiece } from "./think-tag-splitter";
import { forcedAnswerProbability, yesNoLogitBias } from "./yes-no-probability";

function feedAll(text: string, sizes: number[]): string[] {
  const parser = new SseDataParser();
  const out: string[] = [];
  for (let at = 0, i = 0; at < text.length; i++) {
    const size = sizes[i % sizes.length];
    out.push(...parser.push(text.slice(at, at + size)));
    at += size;
  }
  return [...out, ...parser.end()];
}

describe("SseDataParser", () => {
  const stream = 'data: {"a":1}\n\n: keep-alive\n\ndata: {"b":\ndata: 2}\r\n\r\nevent: x\nid: 3\ndata: [DONE]\n\n';

  it.each([[[1]], [[2, 3]], [[7]], [[1000]]])("gives the same events however the text is cut (%j)", (sizes) => {
    expect(feedAll(stream, sizes)).toEqual(['{"a":1}', '{"b":\n2}', "[DONE]"]);
  });

  it("handles \\r\\n split between chunks and a last event without a blank line", () => {
    const parser = new SseDataParser();
    expect(parser.push("data: x\r")).toEqual([]);
    expect(parser.push("\n\r\ndata:y")).toEqual(["x"]);
    expect(parser.end()).toEqual(["y"]);
  });

  it("rejects a body that is not server-sent events", () => {
    expect(() => new SseDataParser().push('{"object":"chat.completion"}\n')).toThrow(BackendProtocolError);
  });
});

function run(splitter: ThinkTagSplitter, parts: string[]): SplitPiece[] {
  const out: SplitPiece[] = [];
  for (const part of parts) out.push(...splitter.push(part));
  out.push(...splitter.end());
  // Merge neighbours of one type, as a consumer appending text would see them.
  return out.reduce<SplitPiece[]>((acc, p) => {
    const last = acc[acc.length - 1];
    if (last?.type === p.type) last.text += p.text;
    else acc.push({ ...p });
    return acc;
  }, []);
}

const chars = (text: string) => [...text];

describe("ThinkTagSplitter", () => {
  const text = "<think>\nNa 130 is low.\n</think>\n\nSodium\nPotassium";

  it.each([
    ["whole", [text]],
    ["char by char", chars(text)],
    ["tag halves", ["<th", "ink>\nNa 130 is low.\n</th", "ink>\n\nSodium\nPotassium"]],
  ])("splits inline reasoning (%s)", (_name, parts) => {
    expect(run(new ThinkTagSplitter(true), parts as string[])).toEqual([
      { type: "reasoning", text: "Na 130 is low.\n" },
      { type: "answer", text: "Sodium\nPotassium" },
    ]);
  });

  it("treats text before </think> as reasoning when <think> was in the prompt", () => {
    expect(run(new ThinkTagSplitter(true), chars("Looking...\n</think>\nyes"))).toEqual([
      { type: "reasoning", text: "Looking...\n" },
      { type: "answer", text: "yes" },
    ]);
  });

  it("passes answers straight through with thinking off, even after an empty think block", () => {
    expect(run(new ThinkTagSplitter(false), ["Sodium"])).toEqual([{ type: "answer", text: "Sodium" }]);
    expect(run(new ThinkTagSplitter(false), chars("<think>\n\n</think>\n\nno"))).toEqual([
      { type: "answer", text: "no" },
    ]);
  });

  it("keeps a reasoning-only stream (token limit hit while thinking) as reasoning", () => {
    expect(run(new ThinkTagSplitter(true), ["<think>\nstill thin", "king </thi"])).toEqual([
      { type: "reasoning", text: "still thinking </thi" },
    ]);
  });

  it("yields content as the answer once the server splits reasoning itself", () => {
    const splitter = new ThinkTagSplitter(true);
    splitter.serverSplitsReasoning();
    expect(run(splitter, ["\n\nSodium"])).toEqual([{ type: "answer", text: "Sodium" }]);
  });
});

describe("forced yes/no probability (the authors' exp(cumulative logprob))", () => {
  it("is exp(sum of the answer tokens' logprobs) for yes, its complement for no", () => {
    expect(forcedAnswerProbability("yes", [Math.log(0.9)]).pYes).toBeCloseTo(0.9, 12);
    expect(forcedAnswerProbability(" No", [Math.log(0.9)]).pYes).toBeCloseTo(0.1, 12);
    // A word of two tokens: the probabilities multiply.
    const two = forcedAnswerProbability("yes", [Math.log(0.5), Math.log(0.8)]);
    expect(two.pYes).toBeCloseTo(0.4, 12);
    expect(two.yesLogprob).toBeCloseTo(Math.log(0.4), 12);
  });

  it("is unknown for anything but yes or no, or without logprobs", () => {
    expect(forcedAnswerProbability("maybe", [-0.1]).pYes).toBeNull();
    expect(forcedAnswerProbability("yes", []).pYes).toBeNull();
  });

  it("biases every token of each word by +100 (base_model.py get_logit_bias)", () => {
    const ids: Record<string, number[]> = { yes: [9693], no: [2152] };
    expect(yesNoLogitBias((word) => ids[word])).toEqual({ "9693": 100, "2152": 100 });
  });
});

describe("error messages", () => {
  it("reads OpenAI, vLLM and FastAPI error bodies", () => {
    expect(serverErrorMessage('{"error":{"message":"model not found","type":"NotFoundError","code":404}}')).toBe(
      "model not found",
    );
    expect(
      serverErrorMessage('{"object":"error","message":"max context 32000","type":"BadRequestError","code":400}'),
    ).toBe("max context 32000");
    expect(serverErrorMessage('{"detail":[{"loc":["body","messages"],"msg":"field required","input":"SECRET"}]}')).toBe(
      "field required",
    );
    expect(serverErrorMessage("<html><body><h1>502 Bad Gateway</h1></body></html>")).toBe("502 Bad Gateway");
    expect(serverErrorMessage("")).toBe("(no message)");
  });

  it("withholds prompt text a server quotes back", () => {
    const prompt =
      "## Patient Demographics [None]\n- Anchor_Age: 91\n- Text: Mr. Smith was admitted with chest pain on";
    expect(
      withholdPrompt("Invalid input: '- Text: Mr. Smith was admitted with chest pain on' too long", [prompt]),
    ).toBe("Invalid input: ' [prompt text withheld]");
    expect(withholdPrompt("context too long", [prompt])).toBe("context too long");
  });
});

describe("normalizeBaseUrl", () => {
  it.each([
    ["http://gpu:8000", "http://gpu:8000/v1"],
    ["http://gpu:8000/", "http://gpu:8000/v1"],
    ["http://gpu:8000/v1/", "http://gpu:8000/v1"],
    ["https://gw.example.org/openai/v1", "https://gw.example.org/openai/v1"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
  });

  it.each([["ftp://x"], ["http://user:pw@x"], ["http://x/v1?key=1"], ["not a url"]])("rejects %s", (input) => {
    expect(() => normalizeBaseUrl(input)).toThrow();
  });
});
