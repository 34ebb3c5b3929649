import { notFound } from "next/navigation";
import { ReviewWorkspaceLoader } from "@/components/review/review-workspace-loader";
import { logPageView, requirePageUser } from "@/lib/api/guard";
import { NotFoundError, ValidationError } from "@/lib/http/errors";
import { getRunReviewItem } from "@/lib/review/get-review-item";
import { getReviewRecord } from "@/lib/review/get-review-record";

export const dynamic = "force-dynamic";
export const metadata = { title: "Review a run" };

const ROUTE = "/review/runs/[id]";

/** A run rated outside any queue (?kind=rubric to grade its reasoning), with the default scales. */
export default async function RunReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ kind?: string }>;
}) {
  const user = await requirePageUser(ROUTE);
  const { id } = await params;
  const kind = (await searchParams).kind === "rubric" ? "rubric" : "agreement";
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  let item;
  try {
    item = await getRunReviewItem({ user, runId: id, kind });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ValidationError) {
      return <p className="p-6 text-slate-700 dark:text-slate-300">{error.message.replace(/^queueItemId: /, "")}.</p>;
    }
    throw error;
  }
  await logPageView(ROUTE, user, id);
  const record = await getReviewRecord(item.patient.id, item.cutoff);
  return <ReviewWorkspaceLoader key={`${id}-${kind}`} item={item} record={record} userId={user.id} />;
}
