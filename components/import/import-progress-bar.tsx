export type Progress = {
  phase: "reading" | "writing" | "done";
  rows: number;
  bytesRead: number;
  bytesTotal: number;
  rowsPerSecond: number;
  etaSeconds: number | null;
};

export function ImportProgressBar({ progress }: { progress: Progress | null }) {
  if (!progress) return <span>starting…</span>;
  const percent = progress.bytesTotal ? Math.min(100, Math.round((progress.bytesRead / progress.bytesTotal) * 100)) : 0;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-valuenow={percent}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label="Import progress"
        className="h-2 w-64 rounded bg-slate-200 dark:bg-slate-700"
      >
        <div className="h-2 rounded bg-sky-600" style={{ width: `${percent}%` }} />
      </div>
      <div className="text-xs text-slate-600 tabular-nums dark:text-slate-400">
        {progress.phase === "writing"
          ? `writing ${progress.rows.toLocaleString("en-US")} rows…`
          : `${progress.rows.toLocaleString("en-US")} rows · ${Math.round(progress.rowsPerSecond).toLocaleString("en-US")} rows/s${
              progress.etaSeconds === null ? "" : ` · ${Math.ceil(progress.etaSeconds)} s left`
            }`}
      </div>
    </div>
  );
}
