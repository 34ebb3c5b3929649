import { CreateQueueForm } from "@/components/queue/create-queue-form";
import { QueueTable } from "@/components/queue/queue-table";
import { listUsers } from "@/lib/admin/manage-users";
import { requirePageUser } from "@/lib/auth/guard";
import { listPatients } from "@/lib/ehr/queries/list-patients";
import { listQueues } from "@/lib/review/list-queues";
import { listBackends } from "@/lib/runs/list-backends";
import { listTaskOptions } from "@/lib/runs/task-options";

export const dynamic = "force-dynamic";
export const metadata = { title: "Queues" };

export default async function QueuesPage() {
  const user = await requirePageUser("/queues");
  const [queues, patients, tasks, users] = await Promise.all([
    listQueues({ user }),
    listPatients({ limit: 200, sort: "externalId" }),
    listTaskOptions(),
    listUsers(),
  ]);
  const options = {
    patients: patients.patients.map(({ id, externalId, name, admissions }) => ({ id, externalId, name, admissions })),
    tasks: tasks.tasks.map(({ key, title, available }) => ({ key, title, available })),
    backends: listBackends().map(({ id, name }) => ({ id, name })),
    reviewers: users
      .filter((candidate) => candidate.active && candidate.roles.length)
      .map(({ id, name, email, roles }) => ({ id, name, email, roles })),
  };
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Review queues</h1>
      <QueueTable queues={queues} />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">New queue</h2>
        <CreateQueueForm options={options} />
      </section>
    </div>
  );
}
