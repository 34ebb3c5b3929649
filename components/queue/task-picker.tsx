"use client";

// The EHR-Bench tasks of a queue, any number of them: checkboxes by group. Tasks no imported
// table can answer are listed disabled with the reason, so their absence is not a mystery.
export type TaskChoice = {
  key: string;
  title: string;
  group: "decision_making" | "risk_prediction";
  available: boolean;
  reason: string | null;
};

const GROUPS = [
  ["decision_making", "Decision making"],
  ["risk_prediction", "Risk prediction"],
] as const;

export function TaskPicker({
  tasks,
  chosen,
  onChange,
}: {
  tasks: readonly TaskChoice[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
}) {
  function toggle(key: string) {
    // Kept in catalog order, so the queue's items come task by task as the catalog lists them.
    const next = chosen.includes(key) ? chosen.filter((held) => held !== key) : [...chosen, key];
    onChange(tasks.map((task) => task.key).filter((candidate) => next.includes(candidate)));
  }
  return (
    <fieldset className="min-w-0 text-sm">
      <legend className="font-medium">Tasks ({chosen.length})</legend>
      <div className="mt-1 max-h-72 space-y-2 overflow-auto rounded border border-slate-200 p-2 dark:border-slate-700">
        {GROUPS.map(([group, label]) => {
          const inGroup = tasks.filter((task) => task.group === group);
          if (!inGroup.length) return null;
          return (
            <fieldset key={group} className="min-w-0">
              <legend className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">
                {label}
              </legend>
              <ul className="mt-0.5 space-y-0.5">
                {inGroup.map((task) => (
                  <li key={task.key}>
                    <label
                      className={`flex items-start gap-1.5 ${task.available ? "" : "text-slate-600 dark:text-slate-400"}`}
                    >
                      <input
                        type="checkbox"
                        className="mt-0.5"
                        value={task.key}
                        checked={chosen.includes(task.key)}
                        disabled={!task.available}
                        onChange={() => toggle(task.key)}
                      />
                      <span className="min-w-0">
                        {task.title}
                        {task.available ? null : (
                          <span className="block text-xs">{task.reason ?? "not available"}</span>
                        )}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          );
        })}
      </div>
    </fieldset>
  );
}
