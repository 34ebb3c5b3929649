import Link from "next/link";
import { RUN_STATUSES } from "@/lib/runs/list-runs.types";
import type { TaskOption } from "@/lib/runs/task-options";
import { SelectField, inputClass } from "../ui/field";

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
      <SelectField
        id="filter-task"
        name="task"
        label="Task"
        defaultValue={values.task ?? ""}
        className="w-64"
        options={[{ value: "", label: "Any task" }, ...tasks.map((task) => ({ value: task.key, label: task.title }))]}
      />
      <SelectField
        id="filter-backend"
        name="backend"
        label="Backend"
        defaultValue={values.backend ?? ""}
        className="w-56"
        options={[
          { value: "", label: "Any backend" },
          ...backends.map((backend) => ({ value: backend.id, label: backend.name })),
        ]}
      />
      <SelectField
        id="filter-status"
        name="status"
        label="Status"
        defaultValue={values.status ?? ""}
        className="w-36"
        options={[
          { value: "", label: "Any status" },
          ...RUN_STATUSES.map((status) => ({ value: status, label: status })),
        ]}
      />
      {values.batch ? <input type="hidden" name="batch" value={values.batch} /> : null}
      <button className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800">Filter</button>
      <Link href="/runs" className="py-1.5 text-sky-700 underline dark:text-sky-400">
        Clear
      </Link>
    </form>
  );
}
