import Link from "next/link";
import { notFound } from "next/navigation";
import { QueueFlags } from "@/components/queue/queue-flags";
import { CompareView } from "@/components/review/compare-view";
import { formatDateTime } from "@/components/ui/format";
import { logPageView, requirePageUser } from "@/lib/api/guard";
import { NotFoundError } from "@/lib/http/errors";
import { getItemComparison } from "@/lib/review/get-item-comparison";
import { listQueueFlags } from "@/lib/review/list-queue-flags";

export const dynamic = "force-dynamic";
export const metadata = { title: "Compare ratings" };

const ROUTE = "/queues/[id]/items/[itemId]";
const UUID = /^[0-9a-f-]{36}$/i;

export default async function CompareRatingsPage({ params }: { params: Promise<{ id: string; itemId: string }> }) {
  const user = await requirePageUser(ROUTE);
  const { id, itemId } = await params;
  if (!UUID.test(id) || !UUID.test(itemId)) notFound();
  const comparison = await getItemComparison({ queueItemId: itemId }).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  if (comparison.queue.id !== id) notFound();
  if (comparison.runs[0]) {
    await logPageView(ROUTE, user, comparison.runs[0].runId);
  }
  const { item } = comparison;
  const flags = await listQueueFlags({ queueId: id, queueItemId: itemId });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-baseline gap-x-4">
        <h1 className="text-2xl font-semibold">Compare ratings</h1>
        <Link className="text-sm text-sky-700 underline dark:text-sky-400" href={`/queues/${id}`}>
          {comparison.queue.name}
        </Link>
        <span className="text-sm text-slate-600 dark:text-slate-400">
          Item {item.position + 1} · {item.taskKey} · cut-off {formatDateTime(item.cutoff)} UTC · {item.status}
        </span>
        <Link
          className="text-sm text-sky-700 underline dark:text-sky-400"
          href={`/patients/${item.patientId}?cutoff=${encodeURIComponent(item.cutoff)}`}
        >
          Patient record
        </Link>
        {comparison.adjudication.nextDisagreementId ? (
          <Link
            className="text-sm text-sky-700 underline dark:text-sky-400"
            href={`/queues/${id}/items/${comparison.adjudication.nextDisagreementId}`}
            data-testid="next-disagreement"
          >
            Next disagreement →
          </Link>
        ) : (
          <span className="text-sm text-slate-600 dark:text-slate-400">No other disagreement left to decide</span>
        )}
      </div>
      {flags.length ? <QueueFlags queueId={id} flags={flags} showItem={false} /> : null}
      <CompareView comparison={comparison} />
    </div>
  );
}
