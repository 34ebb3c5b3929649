import Link from "next/link";
import { CreateQueueForm } from "@/components/queue/create-queue-form";
import { QueueTable } from "@/components/queue/queue-table";
import { listUsers } from "@/lib/admin/manage-users";
import { requirePageUser } from "@/lib/api/guard";
import { listQueues } from "@/lib/review/list-queues";
import { listBackends } from "@/lib/runs/list-backends";
import { listTaskOptions } from "@/lib/runs/task-options";

export const dynamic = "force-dynamic";
export const metadata = { title: "Queues" };

export default async function QueuesPage({ searchParams }: { searchParams: Promise<{ archived?: string }> }) {
  const user = await requirePageUser("/queues");
  // Archived queues stay out of the list unless asked for (?archived=include).
  const includeArchived = (await searchParams).archived === "include";
  // Patients are not listed here: the form searches them (GET /api/patients?q=).
  const [queues, tasks, users] = await Promise.all([
    listQueues({ user, includeArchived }),
    listTaskOptions(),
    listUsers(),
  ]);
  const options = {
    tasks: tasks.tasks.map(({ key, title, group, available, reason }) => ({ key, title, group, available, reason })),
    backends: listBackends().map(({ id, name, kind, isEhrR1 }) => ({ id, name, kind, isEhrR1 })),
    reviewers: users
      .filter((candidate) => candidate.active && candidate.roles.length)
      .map(({ id, name, email, roles }) => ({ id, name, email, roles })),
  };
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline gap-x-4">
        <h1 className="text-2xl font-semibold">Review queues</h1>
        <Link
          className="text-sm text-sky-700 underline dark:text-sky-400"
          href={includeArchived ? "/queues" : "/queues?archived=include"}
        >
          {includeArchived ? "Hide archived queues" : "Show archived queues"}
        </Link>
      </div>
      <QueueTable queues={queues} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">New queue</h2>
        <CreateQueueForm options={options} />
      </section>
    </div>
  );
}
