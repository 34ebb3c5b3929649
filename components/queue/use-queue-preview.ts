// The queue form asks the server what its selection would make (POST /api/queues/preview)
// once the choice settles: the same rule as creating the queue, never restated here.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDebounced } from "@/components/timeline/use-debounced";
import { fetchJson } from "@/lib/http/fetch-json";
import type { PreviewQueueRequest, PreviewQueueResponse } from "@/lib/review/preview-queue.types";

export function useQueuePreview(request: PreviewQueueRequest | null) {
  // A string settles; a fresh object each render would restart the timer forever.
  const settled = useDebounced(request ? JSON.stringify(request) : null, 400);
  const query = useQuery({
    queryKey: ["queue-preview", settled],
    queryFn: () =>
      fetchJson<PreviewQueueResponse>("/api/queues/preview", { method: "POST", body: JSON.parse(settled!) }),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
  });
  const current = request ? JSON.stringify(request) : null;
  return { ...query, isStale: current !== settled || query.isPlaceholderData || query.isFetching };
}
