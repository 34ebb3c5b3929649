// The queue form's summary of a preview (POST /api/queues/preview): how many items the queue
// will have out of how many (patient, task) pairs, and the skipped pairs named as the study
// lead chose them (record id, task title) with the server's reason.
import type { SkippedItem } from "./create-queue.types";

export type NamedSkip = { key: string; patient: string; task: string; reason: string };

export function describePreview(
  preview: { items: number; skipped: readonly SkippedItem[] },
  names: { patients: ReadonlyMap<string, string>; tasks: ReadonlyMap<string, string> },
): { summary: string; skipped: NamedSkip[] } {
  const pairs = preview.items + preview.skipped.length;
  const plural = (n: number, word: string) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
  const summary =
    `The queue will have ${plural(preview.items, "item")}` +
    (preview.skipped.length
      ? ` of ${plural(pairs, "patient × task pair")}; ${preview.skipped.length.toLocaleString("en")} cannot make an item:`
      : ` (every patient × task pair can make one).`);
  return {
    summary,
    skipped: preview.skipped.map((skip) => ({
      key: `${skip.patientId}:${skip.taskKey}`,
      patient: names.patients.get(skip.patientId) ?? skip.patientId,
      task: names.tasks.get(skip.taskKey) ?? skip.taskKey,
      reason: skip.reason,
    })),
  };
}
