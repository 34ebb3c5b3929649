import Link from "next/link";
import { requirePageUser } from "@/lib/auth/guard";
import { listPatients } from "@/lib/ehr/queries/list-patients";

export const dynamic = "force-dynamic";
export const metadata = { title: "Patients" };

export default async function PatientsPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; cursor?: string }>;
}) {
  await requirePageUser("/patients");
  const { q, cursor } = await searchParams;
  const page = await listPatients({ q, cursor });
  return (
    <div className="space-y-4">
      <div className="flex items-end justify-between gap-4">
        <h1 className="text-2xl font-semibold">Patients</h1>
        <form role="search" className="flex gap-2">
          <label htmlFor="patient-search" className="sr-only">
            Search patients
          </label>
          <input
            id="patient-search"
            name="q"
            defaultValue={q}
            placeholder="Subject id or name"
            className="w-64 rounded border border-slate-300 bg-white px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900"
          />
          <button className="rounded bg-sky-700 px-3 py-1.5 text-white hover:bg-sky-800">Search</button>
        </form>
      </div>
      <table className="w-full border-collapse bg-white text-sm dark:bg-slate-900">
        <thead>
          <tr className="border-b border-slate-200 text-left dark:border-slate-800">
            <th className="px-3 py-2 font-medium">Patient</th>
            <th className="px-3 py-2 font-medium">Source</th>
            <th className="px-3 py-2 font-medium">Gender</th>
            <th className="px-3 py-2 font-medium">Age</th>
            <th className="px-3 py-2 text-right font-medium">Admissions</th>
          </tr>
        </thead>
        <tbody>
          {page.patients.map((patient) => (
            <tr key={patient.id} className="border-b border-slate-100 dark:border-slate-800">
              <td className="px-3 py-1.5 font-mono">
                {patient.externalId}
                {patient.name ? (
                  <span className="ml-2 font-sans text-slate-600 dark:text-slate-400">{patient.name}</span>
                ) : null}
              </td>
              <td className="px-3 py-1.5">{patient.source}</td>
              <td className="px-3 py-1.5">{patient.gender ?? "—"}</td>
              <td className="px-3 py-1.5 tabular-nums">{patient.anchorAge ?? "—"}</td>
              <td className="px-3 py-1.5 text-right tabular-nums">{patient.admissions}</td>
            </tr>
          ))}
          {page.patients.length === 0 ? (
            <tr>
              <td colSpan={5} className="px-3 py-6 text-center text-slate-600 dark:text-slate-400">
                No patients {q ? `match “${q}”` : "yet: import some with npm run import"}.
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {page.nextCursor ? (
        <Link
          className="text-sky-700 underline dark:text-sky-400"
          href={`/patients?${new URLSearchParams({ ...(q ? { q } : {}), cursor: page.nextCursor })}`}
        >
          Next page
        </Link>
      ) : null}
    </div>
  );
}
