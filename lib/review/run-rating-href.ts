// Where a run is rated outside any queue (app/(app)/review/runs/[id]): pure, for the run page.
export type RunRatingKind = "agreement" | "rubric";

export function runRatingHref(runId: string, kind: RunRatingKind): string {
  return kind === "agreement" ? `/review/runs/${runId}` : `/review/runs/${runId}?kind=rubric`;
}
