import { notFound } from "next/navigation";
import { ReviewWorkspaceLoader } from "@/components/review/review-workspace-loader";
import { logPageView, requirePageUser } from "@/lib/api/guard";
import { ForbiddenError, NotFoundError } from "@/lib/http/errors";
import { getQueueReviewItem } from "@/lib/review/get-review-item";
import { getReviewRecord } from "@/lib/review/get-review-record";

export const dynamic = "force-dynamic";
export const metadata = { title: "Review item" };

const ROUTE = "/review/items/[id]";

async function load(user: { id: string }, queueItemId: string) {
  try {
    return await getQueueReviewItem({ user, queueItemId });
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    if (error instanceof ForbiddenError) return null;
    throw error;
  }
}

export default async function ReviewItemPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser(ROUTE);
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const item = await load(user, id);
  if (!item) {
    return (
      <p className="p-6 text-slate-700 dark:text-slate-300">
        This item is not assigned to you. Take items from your queues on the Review page.
      </p>
    );
  }
  await logPageView(ROUTE, user, item.runs[0].runId);
  const record = await getReviewRecord(item.patient.id, item.cutoff);
  return <ReviewWorkspaceLoader key={id} item={item} record={record} userId={user.id} />;
}
