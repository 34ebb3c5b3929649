// Download links for the ratings export; the options map one to one onto the API's query.
export function ExportLinks({ queueId }: { queueId?: string }) {
  const href = (format: "csv" | "jsonl", extra: Record<string, string> = {}) =>
    `/api/export/ratings.${format}?${new URLSearchParams({ ...(queueId ? { queue: queueId } : {}), ...extra })}`;
  const codebook = (format: "json" | "csv") =>
    `/api/export/codebook.${format}?${new URLSearchParams(queueId ? { queue: queueId } : {})}`;
  const link =
    "rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="font-medium">Export ratings:</span>
      <a className={link} href={href("csv")} download data-testid="export-csv">
        CSV (tidy)
      </a>
      <a className={link} href={href("csv", { layout: "wide" })} download>
        CSV (wide)
      </a>
      <a className={link} href={href("csv", { pseudonymize: "1" })} download>
        CSV (pseudonymous)
      </a>
      <a className={link} href={href("jsonl")} download>
        JSONL
      </a>
      <a className={link} href={codebook("json")} download data-testid="export-codebook-json">
        Codebook (JSON)
      </a>
      <a className={link} href={codebook("csv")} download data-testid="export-codebook-csv">
        Data dictionary (CSV)
      </a>
    </div>
  );
}
