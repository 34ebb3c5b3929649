// The relay on its own: a reader gets every piece once, in order, however the writer's deltas
// and the reader's pace interleave, resumes from any position, and hears how the relay ended.
import { describe, expect, it, vi } from "vitest";
import { FRAME_MS, LiveRun, followLiveRun, type RunStreamEvent } from "./live-runs";
import { START } from "./stream-position";

const signal = () => new AbortController().signal;

async function next(reader: AsyncGenerator<RunStreamEvent, boolean>) {
  const step = await reader.next();
  return step.done ? step.value : { id: step.value.id, kind: step.value.kind, text: JSON.parse(step.value.data) };
}

describe("followLiveRun", () => {
  it("keeps text a chunk gains while the reader is busy, even once a later chunk has started", async () => {
    const live = new LiveRun();
    const reader = followLiveRun(live, START, signal());
    live.delta(1, "reasoning", "ab");
    expect(await next(reader)).toEqual({ id: "1:2", kind: "reasoning", text: "ab" });
    // While the reader handles "ab": chunk 1 grows, is stored, and chunk 2 begins.
    live.delta(1, "reasoning", "cd");
    live.delta(2, "reasoning", "ef");
    live.delta(3, "answer", "Sodium");
    expect(await next(reader)).toEqual({ id: "1:4", kind: "reasoning", text: "cd" });
    expect(await next(reader)).toEqual({ id: "2:2", kind: "reasoning", text: "ef" });
    expect(await next(reader)).toEqual({ id: "3:6", kind: "answer", text: "Sodium" });
    // Nothing new: the reader waits for the next delta.
    const waiting = next(reader);
    live.delta(3, "answer", "\nINR");
    expect(await waiting).toEqual({ id: "3:10", kind: "answer", text: "\nINR" });
    live.end({ seq: 4, kind: "done", data: '{"status":"done"}' });
    expect(await next(reader)).toEqual({ id: "4", kind: "done", text: { status: "done" } });
    expect(await next(reader)).toBe(true);
  });

  it("resumes inside a chunk, after a whole one, or at the end without repeating anything", async () => {
    const live = new LiveRun();
    live.delta(1, "reasoning", "abcd");
    live.delta(2, "reasoning", "efgh");
    live.end({ seq: 3, kind: "done", data: '{"status":"done"}' });
    const all = async (reader: AsyncGenerator<RunStreamEvent, boolean>) => {
      const out: string[] = [];
      for (let step = await reader.next(); !step.done; step = await reader.next())
        out.push(`${step.value.id} ${step.value.data}`);
      return out;
    };
    expect(await all(followLiveRun(live, { seq: 1, offset: 3 }, signal()))).toEqual([
      '1:4 "d"',
      '2:4 "efgh"',
      '3 {"status":"done"}',
    ]);
    expect(await all(followLiveRun(live, { seq: 1, offset: null }, signal()))).toEqual([
      '2:4 "efgh"',
      '3 {"status":"done"}',
    ]);
    expect(await all(followLiveRun(live, { seq: 2, offset: 4 }, signal()))).toEqual(['3 {"status":"done"}']);
    expect(await all(followLiveRun(live, { seq: 3, offset: null }, signal()))).toEqual([]);
  });

  it("tells the caller when the relay closed without an end, or the reader left", async () => {
    const live = new LiveRun();
    live.delta(1, "reasoning", "ab");
    const reader = followLiveRun(live, START, signal());
    expect(await next(reader)).toMatchObject({ text: "ab" });
    const waiting = next(reader);
    live.end(null);
    expect(await waiting).toBe(false);

    const controller = new AbortController();
    const leaving = followLiveRun(new LiveRun(), START, controller.signal);
    const pending = next(leaving);
    controller.abort();
    expect(await pending).toBe(false);
  });

  it("sends the first delta at once, then what arrives within a frame as one event, and the end at once", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "performance"] });
    try {
      const live = new LiveRun();
      const reader = followLiveRun(live, START, signal());
      const received: string[] = [];
      const reading = (async () => {
        for (let step = await reader.next(); !step.done; step = await reader.next())
          received.push(`${step.value.id} ${step.value.data}`);
      })();
      await vi.advanceTimersByTimeAsync(0);
      live.delta(1, "reasoning", "a");
      await vi.advanceTimersByTimeAsync(0);
      expect(received).toEqual(['1:1 "a"']);
      // Three more deltas 4 ms apart: they wait for the frame that began with "a" to pass.
      for (const text of ["b", "c", "d"]) {
        await vi.advanceTimersByTimeAsync(4);
        live.delta(1, "reasoning", text);
      }
      await vi.advanceTimersByTimeAsync(0);
      expect(received).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(FRAME_MS - 12);
      expect(received).toEqual(['1:1 "a"', '1:4 "bcd"']);
      // A delta after a quiet frame goes at once; so does the end, even within a frame.
      await vi.advanceTimersByTimeAsync(FRAME_MS);
      live.delta(1, "reasoning", "e");
      await vi.advanceTimersByTimeAsync(0);
      expect(received.at(-1)).toBe('1:5 "e"');
      live.end({ seq: 2, kind: "done", data: '{"status":"done"}' });
      await vi.advanceTimersByTimeAsync(0);
      await reading;
      expect(received.at(-1)).toBe('2 {"status":"done"}');
    } finally {
      vi.useRealTimers();
    }
  });
});
