// The cut-off: a time splitting what a model may see (events at or before it) from what
// came after. Queries take windows [from, to), so "visible" ends 1 ms after the cut-off.
export function parseCutoff(value: string | string[] | undefined | null): string | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

export function isAfterCutoff(time: number, cutoff: number | null): boolean {
  return cutoff !== null && time > cutoff;
}

/** The exclusive end of what may be fetched, or null when nothing is hidden. */
export function visibleLimit(cutoff: number | null, hideAfterCutoff: boolean): number | null {
  return hideAfterCutoff && cutoff !== null ? cutoff + 1 : null;
}
