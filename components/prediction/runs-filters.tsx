import Link from "next/link";
import { RUN_STATUSES } from "@/lib/runs/list-runs";
import type { TaskOption } from "@/lib/runs/task-options";
import { inputClass } from "../ui/field";

export type RunFilterValues = { patient?: string; task?: string; backend?: string; status?: string; batch?: string };

type Props = {
  values: RunFilterValues;
  tasks: Pick<TaskOption, "key" | "title">[];
  backends: { id: string; name: string }[];
};

/** A plain GET form: the filters live in the URL, so a filtered list can be shared. */
export function RunsFilters({ values, tasks, backends }: Props) {
  return (
    <form role="search" aria-label="Filter runs" className="flex flex-wrap items-end gap-3 text-sm">
      <div>
        <label htmlFor="filter-patient" className="block font-medium">
          Patient
        </label>
        <input
          id="filter-patient"
          name="patient"
          defaultValue={values.patient}
          placeholder="Subject id or patient id"
          className={`mt-1 w-52 ${inputClass}`}
        />
      </div>
      <div>
        <label htmlFor="filter-task" className="block font-medium">
          Task
        </label>
        <select id="filter-task" name="task" defaultValue={values.task ?? ""} className={`mt-1 w-64 ${inputClass}`}>
          <option value="">Any task</option>
          {tasks.map((task) => (
            <option key={task.key} value={task.key}>
              {task.title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-backend" className="block font-medium">
          Backend
        </label>
        <select
          id="filter-backend"
          name="backend"
          defaultValue={values.backend ?? ""}
          className={`mt-1 w-56 ${inputClass}`}
        >
          <option value="">Any backend</option>
          {backends.map((backend) => (
            <option key={backend.id} value={backend.id}>
              {backend.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-status" className="block font-medium">
          Status
        </label>
        <select
          id="filter-status"
          name="status"
          defaultValue={values.status ?? ""}
          className={`mt-1 w-36 ${inputClass}`}
        >
          <option value="">Any status</option>
          {RUN_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      {values.batch ? <input type="hidden" name="batch" value={values.batch} /> : null}
      <button className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800">Filter</button>
      <Link href="/runs" className="py-1.5 text-sky-700 underline dark:text-sky-400">
        Clear
      </Link>
    </form>
  );
}
