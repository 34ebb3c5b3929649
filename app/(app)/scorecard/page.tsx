import { requirePageUser } from "@/lib/api/guard";
import { getScorecard } from "@/lib/runs/get-scorecard";
import { TableScroll } from "@/components/ui/table-scroll";

export const dynamic = "force-dynamic";
export const metadata = { title: "Scorecard" };

const figure = (value: number | null) => (value === null ? "—" : value.toFixed(3));

export default async function ScorecardPage() {
  await requirePageUser("/scorecard");
  const rows = await getScorecard();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Scorecard</h1>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Finished runs against what the record says happened after each cut-off. Item tasks: mean precision, recall and
        F1 over lower-cased exact names (EHR-Bench&apos;s scoring). Yes/no tasks: accuracy, and AUROC where runs carry a
        probability. The baseline is not EHR-R1.
      </p>
      <TableScroll label="Scores">
        <table className="w-full bg-white text-sm tabular-nums dark:bg-slate-900">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              {["Task", "Backend", "Runs", "Scored", "Precision", "Recall", "F1", "Accuracy", "AUROC"].map((title) => (
                <th key={title} className="px-3 py-2 font-medium">
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.taskKey}-${row.backendId}`} className="border-b border-slate-100 dark:border-slate-800">
                <td className="px-3 py-1.5 font-mono">{row.taskKey}</td>
                <td className="px-3 py-1.5">{row.backendName}</td>
                <td className="px-3 py-1.5">{row.runs}</td>
                <td className="px-3 py-1.5">{row.scored}</td>
                <td className="px-3 py-1.5">{figure(row.precision)}</td>
                <td className="px-3 py-1.5">{figure(row.recall)}</td>
                <td className="px-3 py-1.5">{figure(row.f1)}</td>
                <td className="px-3 py-1.5">{figure(row.accuracy)}</td>
                <td className="px-3 py-1.5">{figure(row.auroc)}</td>
              </tr>
            ))}
            {rows.length === 0 ? (
              <tr>
                <td colSpan={9} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                  No finished runs yet.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
