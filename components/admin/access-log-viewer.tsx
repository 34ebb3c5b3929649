"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { fetchJson } from "@/lib/http/fetch-json";
import { Button } from "../ui/button";
import { Field, SelectField } from "../ui/field";
import { formatDateTime } from "../ui/format";
import { TableScroll } from "../ui/table-scroll";

type Row = {
  id: string;
  at: string;
  email: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  route: string | null;
  ip: string | null;
  patient: { source: string; externalId: string } | null;
};

const RESOURCE_TYPES = ["patient", "run", "export", "user", "api_token", "access_log", "import"];

export function AccessLogViewer() {
  const [filter, setFilter] = useState<Record<string, string>>({});
  const log = useInfiniteQuery({
    queryKey: ["access-log", filter],
    initialPageParam: "",
    queryFn: ({ pageParam }) =>
      fetchJson<{ rows: Row[]; nextCursor: string | null }>(
        `/api/admin/access-log?${new URLSearchParams({ ...filter, ...(pageParam ? { cursor: pageParam } : {}) })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilter(
      Object.fromEntries([...form.entries()].filter(([, value]) => String(value).trim() !== "")) as Record<
        string,
        string
      >,
    );
  }

  const rows = log.data?.pages.flatMap((page) => page.rows) ?? [];
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Filter the access log">
        <Field id="filter-email" name="email" label="User email contains" />
        <SelectField
          id="filter-type"
          name="resourceType"
          label="Resource"
          wrapperClassName="text-sm"
          defaultValue=""
          options={[{ value: "", label: "any" }, ...RESOURCE_TYPES.map((type) => ({ value: type, label: type }))]}
        />
        <Field id="filter-id" name="resourceId" label="Resource id" />
        <Field id="filter-from" name="from" label="From (UTC)" type="date" />
        <Field id="filter-to" name="to" label="Before (UTC)" type="date" />
        <Button type="submit">Filter</Button>
        <a
          className="rounded border border-slate-300 px-3 py-1.5 text-sm dark:border-slate-700"
          href={`/api/admin/access-log?${new URLSearchParams({ ...filter, format: "csv" })}`}
        >
          Export CSV
        </a>
      </form>
      <TableScroll label="Access log entries">
        <table className="w-full bg-white text-sm dark:bg-slate-900">
          <thead>
            <tr className="border-b border-slate-200 text-left dark:border-slate-800">
              <th className="px-3 py-2 font-medium">When (UTC)</th>
              <th className="px-3 py-2 font-medium">User</th>
              <th className="px-3 py-2 font-medium">Action</th>
              <th className="px-3 py-2 font-medium">Resource</th>
              <th className="px-3 py-2 font-medium">Route</th>
              <th className="px-3 py-2 font-medium">From</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 dark:border-slate-800">
                <td className="px-3 py-1 tabular-nums">{formatDateTime(row.at)}</td>
                <td className="px-3 py-1">{row.email ?? "—"}</td>
                <td className="px-3 py-1">{row.action}</td>
                <td className="px-3 py-1">
                  {row.resourceType}{" "}
                  {row.patient && row.resourceType === "patient" ? (
                    // The source's own id first; ours (a UUID) below it, for the filter above.
                    <span className="font-mono">
                      {row.patient.source} {row.patient.externalId}
                    </span>
                  ) : null}
                  <span
                    className={`font-mono break-all text-slate-600 dark:text-slate-400 ${row.patient && row.resourceType === "patient" ? "block text-xs" : ""}`}
                  >
                    {row.resourceId}
                  </span>
                  {row.patient && row.resourceType === "run" ? (
                    <span className="block text-xs text-slate-600 dark:text-slate-400">
                      patient <span className="font-mono">{`${row.patient.source} ${row.patient.externalId}`}</span>
                    </span>
                  ) : null}
                </td>
                <td className="px-3 py-1 font-mono text-xs">{row.route ?? ""}</td>
                <td className="px-3 py-1 font-mono text-xs">{row.ip ?? ""}</td>
              </tr>
            ))}
            {rows.length === 0 && !log.isPending ? (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                  No entries match.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </TableScroll>
      {log.hasNextPage ? (
        <Button variant="secondary" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
          Older entries
        </Button>
      ) : null}
    </div>
  );
}
