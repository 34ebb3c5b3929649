import { requirePageUser } from "@/lib/api/guard";
import { getOverview } from "@/lib/overview/get-overview";

export const dynamic = "force-dynamic";

export default async function OverviewPage() {
  const user = await requirePageUser("/");
  const overview = await getOverview();
  const figures = [
    { label: "Patients", value: overview.patients.toLocaleString("en-US") },
    { label: "Events (approx.)", value: overview.events.toLocaleString("en-US") },
    { label: "Prediction runs", value: overview.runs.toLocaleString("en-US") },
    { label: "Review queues", value: overview.queues.toLocaleString("en-US") },
  ];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Welcome, {user.name}</h1>
        <p className="text-slate-600 dark:text-slate-400">
          Signed in as {user.email} with role{user.roles.length === 1 ? "" : "s"} {user.roles.join(", ")}.
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {figures.map((figure) => (
          <div
            key={figure.label}
            className="rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
          >
            <dt className="text-sm text-slate-600 dark:text-slate-400">{figure.label}</dt>
            <dd className="text-2xl font-semibold tabular-nums">{figure.value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Last import:{" "}
        {overview.lastImport ? overview.lastImport.toISOString().replace("T", " ").slice(0, 16) + " UTC" : "none yet"}
      </p>
    </div>
  );
}
