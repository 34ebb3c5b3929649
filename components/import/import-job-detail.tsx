import { formatDateTime } from "../ui/format";

type Detail = {
  id: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  sources: unknown;
  counts: unknown;
  rejected: unknown;
  error: string | null;
};

/** One job's sources, counts and the rejected rows (file:line and reason). */
export function ImportJobDetail({ job }: { job: Detail }) {
  const rejected = (job.rejected as { file: string; line: number; reason: string }[]) ?? [];
  const sources = (job.sources as { path: string; bytes: number }[]) ?? [];
  return (
    <section
      aria-label="Import job"
      className="space-y-3 rounded border border-slate-200 bg-white p-4 text-sm dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="font-semibold">
        Job {job.id.slice(0, 8)} — {job.status}, {formatDateTime(job.startedAt)} to {formatDateTime(job.finishedAt)}
      </h2>
      {job.error ? <p className="text-red-700 dark:text-red-400">{job.error}</p> : null}
      <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-950">
        {JSON.stringify(job.counts, null, 2)}
      </pre>
      <details>
        <summary>{sources.length} source file(s)</summary>
        <ul className="mt-1 font-mono text-xs">
          {sources.map((source) => (
            <li key={source.path}>
              {source.path} ({source.bytes.toLocaleString("en-US")} bytes)
            </li>
          ))}
        </ul>
      </details>
      {rejected.length ? (
        <table className="w-full text-xs">
          <caption className="text-left font-medium">Rejected rows</caption>
          <tbody>
            {rejected.map((row) => (
              <tr key={`${row.file}:${row.line}`} className="border-b border-slate-100 dark:border-slate-800">
                <td className="py-0.5 pr-3 font-mono">
                  {row.file}:{row.line}
                </td>
                <td>{row.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
