// Bins or events: a window holding more events than the caller can draw as marks comes back
// as counts per bin. Cheap to decide: the count runs on the (patient, time) index.
export type Resolution = "events" | "bins";

export function chooseResolution(input: { count: number; limit: number; binCount?: number }): Resolution {
  if (input.binCount === undefined) return "events";
  return input.count > input.limit ? "bins" : "events";
}
