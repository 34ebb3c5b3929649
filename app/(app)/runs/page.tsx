import Link from "next/link";
import { BatchPanel } from "@/components/prediction/batch-panel";
import { NewPredictionForm } from "@/components/prediction/new-prediction-form";
import { RunsFilters } from "@/components/prediction/runs-filters";
import { RunsTable } from "@/components/prediction/runs-table";
import { requirePageUser } from "@/lib/api/guard";
import { findPatient, listRuns } from "@/lib/runs/list-runs";
import { RUN_STATUSES } from "@/lib/runs/list-runs.types";
import { listBackends } from "@/lib/runs/list-backends";
import { listTaskOptions } from "@/lib/runs/task-options";

export const dynamic = "force-dynamic";
export const metadata = { title: "Prediction runs" };

type Search = { patient?: string; task?: string; backend?: string; status?: string; batch?: string; cursor?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function RunsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePageUser("/runs");
  const search = await searchParams;
  const status = RUN_STATUSES.find((s) => s === search.status);
  const patient = search.patient?.trim() ? await findPatient(search.patient.trim().slice(0, 100)) : null;
  const [page, options] = await Promise.all([
    listRuns(user, {
      patient: search.patient?.slice(0, 100),
      taskKey: search.task?.slice(0, 100),
      backendId: search.backend?.slice(0, 100),
      status,
      batchId: search.batch && UUID.test(search.batch) ? search.batch : undefined,
      cursor: search.cursor,
    }),
    listTaskOptions(),
  ]);
  const backends = listBackends();
  const { cursor: _cursor, ...filters } = search;
  const canStart = user.roles.includes("admin") || user.roles.includes("clinician");
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold">Prediction runs</h1>
        <RunsFilters values={filters} tasks={options.tasks} backends={backends} />
        {search.batch ? (
          <p className="text-sm">
            Runs of one batch.{" "}
            <Link href="/runs" className="text-sky-700 underline dark:text-sky-400">
              All runs
            </Link>
          </p>
        ) : null}
        {patient && canStart ? <NewPredictionForm patientId={patient.id} /> : null}
        <RunsTable runs={page.runs} />
        {page.nextCursor ? (
          <Link
            className="text-sm text-sky-700 underline dark:text-sky-400"
            href={`/runs?${new URLSearchParams({ ...filters, cursor: page.nextCursor })}`}
          >
            Older runs
          </Link>
        ) : null}
      </div>
      {user.roles.includes("admin") ? <BatchPanel tasks={options.tasks} backends={backends} /> : null}
    </div>
  );
}
