// At most a few runs prepare at once, in the order they asked; a run cancelled while it waits
// leaves the line without taking a slot; one aborted while it prepares answers at once, its slot
// kept until the preparation ends.
import { describe, expect, it } from "vitest";
import { whilePreparing } from "./preparation-slots";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("whilePreparing", () => {
  it("lets four prepare at once and the rest follow in order; an abort while waiting leaves the line", async () => {
    const started: number[] = [];
    const gates = Array.from({ length: 7 }, gate);
    const cancel = new AbortController();
    const runs = gates.map((g, i) =>
      whilePreparing(i === 5 ? cancel.signal : new AbortController().signal, async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    cancel.abort(new Error("cancelled by a reviewer"));
    await expect(runs[5]).rejects.toThrow("cancelled by a reviewer");
    gates[2].open();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    gates[0].open();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4, 6]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs.filter((_, i) => i !== 5))).toEqual([0, 1, 2, 3, 4, 6]);
  });

  it("answers an abort mid-preparation at once; the slot stays taken until the preparation ends", async () => {
    const gates = Array.from({ length: 5 }, gate);
    const started: number[] = [];
    const stop = new AbortController();
    const runs = gates.map((g, i) =>
      whilePreparing(i === 0 ? stop.signal : new AbortController().signal, async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    stop.abort(new Error("the worker shuts down"));
    await expect(runs[0]).rejects.toThrow("the worker shuts down");
    await tick();
    // Run 0's preparation still runs: the fifth waits.
    expect(started).toEqual([0, 1, 2, 3]);
    gates[0].open();
    await tick();
    await tick();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs.slice(1))).toEqual([1, 2, 3, 4]);
  });

  it("refuses at once when already aborted", async () => {
    const cancel = new AbortController();
    cancel.abort(new Error("gone"));
    await expect(whilePreparing(cancel.signal, async () => 1)).rejects.toThrow("gone");
  });
});
