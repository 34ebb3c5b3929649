// A dry run of a queue's selection: the items it would have and why the other pairs cannot
// make one. The same selectQueueItems as createQueue, so preview and result cannot disagree.
import type { PreviewQueueRequest, PreviewQueueResponse } from "./preview-queue.types";
import { selectQueueItems } from "./select-queue-items";

export async function previewQueue(input: PreviewQueueRequest): Promise<PreviewQueueResponse> {
  const { items, skipped } = await selectQueueItems(input.selection, input.kind === "pairwise");
  return { items: items.length, skipped };
}
