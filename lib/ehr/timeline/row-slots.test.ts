import { describe, expect, it } from "vitest";
import { assignSlots } from "./row-slots";

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe("assignSlots", () => {
  it("numbers the first rows from 0", () => {
    expect([...assignSlots(new Map(), [4, 5, 6])]).toEqual([
      [4, 0],
      [5, 1],
      [6, 2],
    ]);
  });

  it("keeps a row's slot while it stays on screen, and gives the slots of rows that left to rows that came", () => {
    const first = assignSlots(new Map(), range(0, 50));
    const next = assignSlots(first, range(17, 67));
    for (const index of range(17, 50)) expect(next.get(index)).toBe(first.get(index));
    // The 17 rows that came took the 17 slots that left: no slot beyond the first 50.
    expect(new Set(range(50, 67).map((index) => next.get(index)))).toEqual(new Set(range(0, 17)));
  });

  it("never gives two rows the same slot, scrolling either way at any speed and size", () => {
    let slots = assignSlots(new Map(), range(0, 40));
    let start = 0;
    for (const [step, size] of [
      [17, 40],
      [-30, 44],
      [500, 38],
      [3, 52],
      [-2, 40],
      [0, 0],
      [9, 41],
    ]) {
      start = Math.max(0, start + step);
      const indices = range(start, start + size);
      slots = assignSlots(slots, indices);
      expect([...slots.keys()].sort((a, b) => a - b)).toEqual(indices);
      expect(new Set(slots.values()).size).toBe(indices.length);
    }
  });

  it("makes new slots only when more rows show than before", () => {
    const first = assignSlots(new Map(), range(0, 10));
    const grown = assignSlots(first, range(5, 20));
    expect(Math.max(...grown.values())).toBe(14);
  });
});
