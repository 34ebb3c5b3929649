"use client";

// The review workspace renders in the browser only: it starts from the browser's unsaved copy
// of the rating (localStorage), which a server render could not know, and a form that changed
// under the rater's hands after hydration would be worse than a brief "Loading".
import dynamic from "next/dynamic";

export const ReviewWorkspaceLoader = dynamic(() => import("./review-workspace").then((m) => m.ReviewWorkspace), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-600 dark:text-slate-400">Loading the review…</p>,
});
