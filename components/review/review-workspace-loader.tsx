"use client";

// The review workspace renders in the browser only: it starts from the browser's unsaved copy
// of the rating (localStorage), which a server render could not know, and a form that changed
// under the rater's hands after hydration would be worse than a brief "Loading".
//
// It also starts from the rating as the server holds it now, fetched on every mount: Back
// (and Forward) restore the page from the router's cache, with the rating as it was when the
// page was first shown, so after "Submit and next" Back would show an empty form whose first
// save is refused as stale. When the page's copy is older, the page is refreshed as well (the
// ground truth and the navigation follow the submission).
import { useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import type { PatientSummary } from "@/lib/ehr/timeline/patient-summary";
import { fetchJson } from "@/lib/http/fetch-json";
import type { ReviewItem } from "@/lib/review/get-review-item.types";
import type { RatingView } from "@/lib/review/save-rating.types";

const ReviewWorkspace = dynamic(() => import("./review-workspace").then((m) => m.ReviewWorkspace), {
  ssr: false,
  loading: () => <Loading />,
});

const Loading = () => <p className="text-sm text-slate-500">Loading the review…</p>;

export function ReviewWorkspaceLoader({
  item,
  record,
  userId,
}: {
  item: ReviewItem;
  record: PatientSummary;
  userId: string;
}) {
  const router = useRouter();
  const runId = item.runs.find((run) => run.slot === "A")!.runId;
  // One fetch per mount (a fresh key), never an answer cached from an earlier visit.
  const [mountKey] = useState(() => Math.random().toString(36));
  const fresh = useQuery({
    queryKey: ["my-rating", runId, item.kind, mountKey],
    queryFn: () => fetchJson<{ rating: RatingView | null }>(`/api/runs/${runId}/ratings/me?kind=${item.kind}`),
    staleTime: Infinity,
    gcTime: 0,
    retry: 2,
  });
  const rating = fresh.data?.rating ?? null;
  const isPageStale = fresh.isSuccess && (rating?.version ?? 0) !== (item.rating?.version ?? 0);
  useEffect(() => {
    if (isPageStale) router.refresh();
  }, [isPageStale, router]);

  const isFinal = item.isFinal || Boolean(item.queue?.groundTruthAfterRating && rating?.status === "submitted");
  const current = useMemo(() => ({ ...item, rating, isFinal }), [item, rating, isFinal]);

  if (fresh.isError) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        Could not load your rating: {fresh.error.message}. Reload the page to try again.
      </p>
    );
  }
  if (!fresh.isSuccess) return <Loading />;
  return <ReviewWorkspace item={current} record={record} userId={userId} />;
}
