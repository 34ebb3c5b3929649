import { notFound } from "next/navigation";
import { RunView } from "@/components/prediction/run-view";
import { logPageView, requirePageUser } from "@/lib/api/guard";
import { NotFoundError } from "@/lib/http/errors";
import { runRatingKinds } from "@/lib/review/run-rating-kinds";
import { getRun } from "@/lib/runs/get-run";
import { requireReadableRun } from "@/lib/runs/run-access";

export const dynamic = "force-dynamic";
export const metadata = { title: "Prediction run" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("/runs/[id]");
  const { id } = await params;
  const run = await requireReadableRun(id, user).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const [detail, ratingKinds] = await Promise.all([
    getRun(run.id, user),
    runRatingKinds(user, run.id),
    logPageView("/runs/[id]", user, run.id),
  ]);
  const starter = user.roles.includes("admin") || user.roles.includes("clinician");
  return (
    <RunView
      // A new run (after Retry) starts its own stream state.
      key={detail.id}
      initialRun={detail}
      canStart={starter}
      ratingKinds={ratingKinds}
      canCancel={user.roles.includes("admin") || (starter && detail.createdBy?.id === user.id)}
    />
  );
}
