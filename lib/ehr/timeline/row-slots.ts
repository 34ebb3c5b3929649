// Which DOM row shows which table row. A virtualized table scrolled fast brings a dozen rows
// into view every frame and drops as many; keyed by event, each frame would build a dozen rows
// of elements and throw a dozen away. Keyed by slot instead, a row leaving the view hands its
// elements to one arriving, which then only changes their text and attributes: no elements
// made, fewer styles worked out again.

/** Table row index → slot (the React key of the DOM row showing it). */
export type RowSlots = ReadonlyMap<number, number>;

/**
 * Slots for the rows now on screen, given the last frame's: a row still on screen keeps its
 * slot, a row coming into view takes a slot freed by one that left, else a new one. Slots are
 * unique within the result, so they can key siblings.
 */
export function assignSlots(previous: RowSlots, indices: readonly number[]): Map<number, number> {
  const next = new Map<number, number>();
  const kept = new Set<number>();
  for (const index of indices) {
    const slot = previous.get(index);
    if (slot !== undefined) {
      next.set(index, slot);
      kept.add(slot);
    }
  }
  const freed: number[] = [];
  let fresh = 0;
  for (const slot of previous.values()) {
    if (!kept.has(slot)) freed.push(slot);
    fresh = Math.max(fresh, slot + 1);
  }
  for (const index of indices) {
    if (!next.has(index)) next.set(index, freed.length ? freed.pop()! : fresh++);
  }
  return next;
}
