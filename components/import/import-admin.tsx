"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { Button } from "../ui/button";
import { Field, SelectField } from "../ui/field";
import { formatDateTime } from "../ui/format";
import { ImportProgressBar, type Progress } from "./import-progress-bar";

type Counts = { added: number; skipped: number };
export type Job = {
  id: string;
  format: string;
  status: "running" | "done" | "failed";
  dryRun: boolean;
  startedAt: string;
  finishedAt: string | null;
  sources: { path: string; bytes: number }[];
  counts: { patients?: Counts; events?: Counts; rejectedCount?: number };
  error: string | null;
  createdBy: { email: string } | null;
  progress: Progress | null;
};

function FormatAndDryRun({ prefix }: { prefix: string }) {
  return (
    <>
      <SelectField
        id={`${prefix}-format`}
        name="format"
        label="Format"
        wrapperClassName="text-sm"
        defaultValue=""
        options={[
          { value: "", label: "detect" },
          { value: "mimic-iv", label: "MIMIC-IV (CSV / CSV.GZ)" },
          { value: "fhir", label: "FHIR R4 (JSON / NDJSON)" },
        ]}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="dryRun" /> Dry run (validate, write nothing)
      </label>
    </>
  );
}

export function ImportAdmin() {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const jobs = useQuery({
    queryKey: ["imports"],
    queryFn: () => fetchJson<{ jobs: Job[]; roots: string[] }>("/api/admin/imports"),
    // Follow running jobs closely; idle pages poll rarely.
    refetchInterval: (query) => (query.state.data?.jobs.some((job) => job.status === "running") ? 1000 : 10_000),
  });
  const started = () => {
    setError(null);
    void queryClient.invalidateQueries({ queryKey: ["imports"] });
  };
  const fromDirectory = useMutation({
    mutationFn: (body: { directory: string; format?: string; dryRun: boolean }) =>
      fetchJson<{ jobId: string }>("/api/admin/imports", { method: "POST", body }),
    onSuccess: started,
    onError: (failure) => setError(failure.message),
  });
  const upload = useMutation({
    mutationFn: async (form: FormData) => {
      const response = await fetch("/api/admin/imports", { method: "POST", body: form });
      const body = await response.json();
      if (!response.ok) throw new Error(body?.error?.message ?? `Upload failed (${response.status})`);
      return body as { jobId: string };
    },
    onSuccess: started,
    onError: (failure) => setError(failure.message),
  });

  function onUpload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const source = new FormData(event.currentTarget);
    const form = new FormData();
    for (const file of source.getAll("files") as File[]) {
      form.append("files", file);
      // A folder upload keeps each file's place (hosp/labevents.csv.gz): the importer needs it.
      form.append("paths", file.webkitRelativePath || file.name);
    }
    form.append("format", String(source.get("format") ?? ""));
    form.append("dryRun", source.get("dryRun") === "on" ? "true" : "false");
    upload.mutate(form);
  }

  function onDirectory(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    fromDirectory.mutate({
      directory: String(form.get("directory")),
      format: String(form.get("format") || "") || undefined,
      dryRun: form.get("dryRun") === "on",
    });
  }

  return (
    <div className="space-y-6">
      <div className="grid gap-4 lg:grid-cols-2">
        <form
          onSubmit={onUpload}
          aria-label="Upload files"
          className="space-y-3 rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 className="font-semibold">Upload files</h2>
          <div>
            <label htmlFor="upload-files" className="block text-sm font-medium">
              Files (MIMIC-IV tables or FHIR bundles / NDJSON)
            </label>
            <input id="upload-files" name="files" type="file" multiple required className="mt-1 block text-sm" />
          </div>
          <FormatAndDryRun prefix="upload" />
          <Button type="submit" disabled={upload.isPending}>
            {upload.isPending ? "Uploading…" : "Upload and import"}
          </Button>
        </form>
        <form
          onSubmit={onDirectory}
          aria-label="Import a server folder"
          className="space-y-3 rounded border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 className="font-semibold">Import a folder on the server</h2>
          <Field id="server-directory" name="directory" label="Folder or file path" required />
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Allowed under: {jobs.data?.roots.join(", ") ?? "…"} (IMPORT_DIRS). For a full MIMIC-IV download use this or{" "}
            <code>npm run import</code>.
          </p>
          <FormatAndDryRun prefix="server" />
          <Button type="submit" disabled={fromDirectory.isPending}>
            Import folder
          </Button>
        </form>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <table className="w-full bg-white text-sm dark:bg-slate-900">
        <caption className="px-3 py-2 text-left font-semibold">Imports</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th className="px-3 py-2 font-medium">Started (UTC)</th>
            <th className="px-3 py-2 font-medium">Format</th>
            <th className="px-3 py-2 font-medium">By</th>
            <th className="px-3 py-2 font-medium">Status</th>
            <th className="px-3 py-2 font-medium">Result</th>
          </tr>
        </thead>
        <tbody>
          {(jobs.data?.jobs ?? []).map((job) => (
            <tr
              key={job.id}
              className="border-b border-slate-100 align-top dark:border-slate-800"
              data-testid="import-job"
            >
              <td className="px-3 py-1.5 tabular-nums">
                <Link href={`/admin/import?job=${job.id}`} className="underline">
                  {formatDateTime(job.startedAt)}
                </Link>
              </td>
              <td className="px-3 py-1.5">
                {job.format}
                {job.dryRun ? " (dry run)" : ""}
              </td>
              <td className="px-3 py-1.5">{job.createdBy?.email ?? "CLI"}</td>
              <td className="px-3 py-1.5" data-testid="import-status">
                {job.status}
              </td>
              <td className="px-3 py-1.5">
                {job.status === "running" ? (
                  <ImportProgressBar progress={job.progress} />
                ) : job.status === "failed" ? (
                  <span className="text-red-700 dark:text-red-400">{job.error}</span>
                ) : (
                  <span data-testid="import-result">
                    {job.counts.patients?.added ?? 0} patients and {job.counts.events?.added ?? 0} events added
                    {job.counts.events?.skipped ? `, ${job.counts.events.skipped} already present` : ""}
                    {job.counts.rejectedCount ? `, ${job.counts.rejectedCount} rows rejected` : ""}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
