import Link from "next/link";
import { AgreementReport } from "@/components/queue/agreement-report";
import { ExportLinks } from "@/components/queue/export-links";
import { ProgressTable } from "@/components/queue/progress-table";
import { QueueTable } from "@/components/queue/queue-table";
import { requirePageUser } from "@/lib/api/guard";
import { getQueueAgreement } from "@/lib/review/get-queue-agreement";
import { getQueueProgress } from "@/lib/review/get-queue-progress";

export const dynamic = "force-dynamic";
export const metadata = { title: "Progress and agreement" };

export default async function StatsPage({ searchParams }: { searchParams: Promise<{ queue?: string }> }) {
  const user = await requirePageUser("/stats");
  const progress = await getQueueProgress({ user });
  const { queue: wanted } = await searchParams;
  const selected = progress.find((entry) => entry.queue.id === wanted) ?? progress[0];
  const agreement = selected ? await getQueueAgreement({ queueId: selected.queue.id }) : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Progress and agreement</h1>
      <QueueTable queues={progress.map((entry) => entry.queue)} />
      {selected ? (
        <>
          <nav aria-label="Queues" className="flex flex-wrap gap-2 text-sm">
            {progress.map((entry) => (
              <Link
                key={entry.queue.id}
                href={`/stats?queue=${entry.queue.id}`}
                aria-current={entry.queue.id === selected.queue.id ? "page" : undefined}
                className={`rounded px-2 py-1 ${
                  entry.queue.id === selected.queue.id
                    ? "bg-sky-700 text-white"
                    : "border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
                }`}
              >
                {entry.queue.name}
              </Link>
            ))}
          </nav>
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">{selected.queue.name}: reviewers</h2>
            <ProgressTable reviewers={selected.reviewers} />
          </section>
          <section className="space-y-2">
            <h2 className="text-lg font-semibold">{selected.queue.name}: inter-rater agreement</h2>
            {agreement ? <AgreementReport agreement={agreement} /> : null}
          </section>
          <ExportLinks queueId={selected.queue.id} />
        </>
      ) : null}
    </div>
  );
}
