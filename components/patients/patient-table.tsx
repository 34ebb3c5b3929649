// The patient list as a dense table: sortable columns (links, so sorting works without
// JavaScript and shows in the URL), a row per patient opening the record.
import Link from "next/link";
import type { PatientListItem, PatientSort } from "@/lib/ehr/queries/list-patients.types";
import { formatTime } from "@/lib/ehr/timeline/time-axis";
import { TableScroll } from "../ui/table-scroll";

type Column = { label: string; sort?: PatientSort; numeric?: boolean };

const COLUMNS: readonly Column[] = [
  { label: "Patient", sort: "externalId" },
  { label: "Name", sort: "name" },
  { label: "Source" },
  { label: "Sex" },
  { label: "Age", numeric: true },
  { label: "Admissions", sort: "admissions", numeric: true },
  { label: "Last admission", sort: "lastAdmission" },
  { label: "Events", sort: "events", numeric: true },
  { label: "Runs", sort: "runs", numeric: true },
  { label: "Assigned" },
];

type PatientTableProps = {
  patients: readonly PatientListItem[];
  sort: PatientSort;
  order: "asc" | "desc";
  /** The list URL with other parameters kept, for a given sort and order. */
  sortHref: (sort: PatientSort, order: "asc" | "desc") => string;
  emptyMessage: string;
};

export function PatientTable({ patients, sort, order, sortHref, emptyMessage }: PatientTableProps) {
  return (
    <TableScroll label="Patients">
      <table className="w-full border-collapse bg-white text-xs dark:bg-slate-900" data-testid="patient-table">
        <thead className="sticky top-0 bg-slate-100 dark:bg-slate-800">
          <tr className="border-b border-slate-300 text-left dark:border-slate-700">
            {COLUMNS.map((column) => {
              const isSorted = column.sort === sort;
              const nextOrder = isSorted && order === "asc" ? "desc" : "asc";
              return (
                <th
                  key={column.label}
                  scope="col"
                  aria-sort={isSorted ? (order === "asc" ? "ascending" : "descending") : undefined}
                  className={`px-2 py-1.5 font-medium whitespace-nowrap ${column.numeric ? "text-right" : ""}`}
                >
                  {column.sort ? (
                    <Link href={sortHref(column.sort, nextOrder)} className="hover:underline">
                      {column.label}
                      <span aria-hidden className="ml-0.5 text-slate-600 dark:text-slate-400">
                        {isSorted ? (order === "asc" ? "▲" : "▼") : ""}
                      </span>
                    </Link>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {patients.map((patient) => (
            <tr
              key={patient.id}
              className="relative border-b border-slate-100 hover:bg-sky-50 dark:border-slate-800 dark:hover:bg-slate-800/60"
            >
              <td className="px-2 py-1 font-mono">
                {/* The link covers the row (after:inset-0), so the whole row opens the record. */}
                <Link
                  href={`/patients/${patient.id}`}
                  className="text-sky-800 after:absolute after:inset-0 hover:underline dark:text-sky-300"
                >
                  {patient.externalId}
                </Link>
              </td>
              <td className="px-2 py-1">{patient.name ?? ""}</td>
              <td className="px-2 py-1">{patient.source}</td>
              <td className="px-2 py-1">{patient.gender ?? "—"}</td>
              <td className="px-2 py-1 text-right tabular-nums">{patient.anchorAge ?? "—"}</td>
              <td className="px-2 py-1 text-right tabular-nums">{patient.admissions}</td>
              <td className="px-2 py-1 tabular-nums">
                {patient.lastAdmission ? formatTime(patient.lastAdmission).slice(0, 10) : "—"}
              </td>
              <td className="px-2 py-1 text-right tabular-nums">{patient.events.toLocaleString("en-US")}</td>
              <td className="px-2 py-1 text-right tabular-nums">{patient.runs || ""}</td>
              <td className="px-2 py-1">
                {patient.assignedToMe ? (
                  <span className="rounded bg-amber-100 px-1.5 text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                    to me
                  </span>
                ) : null}
              </td>
            </tr>
          ))}
          {patients.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                {emptyMessage}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
    </TableScroll>
  );
}
