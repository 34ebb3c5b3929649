import Link from "next/link";
import { StartReviewButton } from "@/components/review/start-review-button";
import { formatDateTime } from "@/components/ui/format";
import { requirePageUser } from "@/lib/api/guard";
import { listMyAssignments } from "@/lib/review/list-my-assignments";
import { listQueues } from "@/lib/review/list-queues";

export const dynamic = "force-dynamic";
export const metadata = { title: "Review" };

const KIND_TEXT = {
  agreement: "Rate agreement with the predicted items",
  rubric: "Grade the reasoning against the rubric",
  pairwise: "Compare two predictions side by side",
} as const;

export default async function ReviewPage({ searchParams }: { searchParams: Promise<{ finished?: string }> }) {
  const user = await requirePageUser("/review");
  const { finished } = await searchParams;
  const [queues, mine] = await Promise.all([listQueues({ user }), listMyAssignments({ userId: user.id })]);
  const myQueues = queues.filter((queue) => queue.mine);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Review</h1>
      {finished ? (
        <p
          role="status"
          className="rounded bg-emerald-50 p-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          Nothing more for you in {queues.find((queue) => queue.id === finished)?.name ?? "that queue"} right now. Thank
          you.
        </p>
      ) : null}
      <section className="space-y-2">
        <h2 className="font-semibold">Your queues</h2>
        {myQueues.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            You are not a reviewer in any queue yet; the study lead assigns reviewers when creating a queue.
          </p>
        ) : null}
        <ul className="grid grid-cols-1 gap-3 md:grid-cols-2 xl:grid-cols-3">
          {myQueues.map((queue) => (
            <li
              key={queue.id}
              data-testid="review-queue"
              className="space-y-2 rounded border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900"
            >
              <div>
                <div className="font-medium">{queue.name}</div>
                <div className="text-sm text-slate-600 dark:text-slate-400">{KIND_TEXT[queue.kind]}</div>
              </div>
              <div className="text-sm tabular-nums">
                {queue.mine!.submitted} done · {queue.mine!.remaining} to do
                {queue.mine!.skipped ? ` · ${queue.mine!.skipped} skipped` : ""}
                {queue.hideAfterCutoff ? " · record hidden after the cut-off" : ""}
                {queue.groundTruthAfterRating ? " · ground truth after rating" : ""}
              </div>
              <StartReviewButton queueId={queue.id} label={queue.mine!.submitted ? "Continue" : "Start"} />
            </li>
          ))}
        </ul>
      </section>
      {mine.length ? (
        <section className="space-y-2">
          <h2 className="font-semibold">Your items</h2>
          <table className="w-full bg-white text-sm dark:bg-slate-900">
            <thead>
              <tr className="border-b border-slate-200 text-left dark:border-slate-800">
                <th className="px-3 py-2 font-medium">Queue</th>
                <th className="px-3 py-2 font-medium">Patient</th>
                <th className="px-3 py-2 font-medium">Task</th>
                <th className="px-3 py-2 font-medium">State</th>
                <th className="px-3 py-2 font-medium">Last change (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((entry) => (
                <tr key={entry.queueItemId} className="border-b border-slate-100 dark:border-slate-800">
                  <td className="px-3 py-1.5">{entry.queueName}</td>
                  <td className="px-3 py-1.5 font-mono">
                    <Link
                      className="text-sky-700 underline dark:text-sky-400"
                      href={`/review/items/${entry.queueItemId}`}
                    >
                      {entry.patientExternalId}
                    </Link>
                  </td>
                  <td className="px-3 py-1.5">{entry.taskKey}</td>
                  <td className="px-3 py-1.5">{entry.status === "reserved" ? "in progress" : entry.status}</td>
                  <td className="px-3 py-1.5 tabular-nums">{formatDateTime(entry.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
