import Link from "next/link";
import { z } from "zod";
import { PatientFilters } from "@/components/patients/patient-filters";
import { PatientTable } from "@/components/patients/patient-table";
import { requirePageUser } from "@/lib/api/guard";
import { ValidationError } from "@/lib/http/errors";
import { listPatientSources, listPatients } from "@/lib/ehr/queries/list-patients";
import { PATIENT_SORTS, type PatientSort } from "@/lib/ehr/queries/list-patients.types";

export const dynamic = "force-dynamic";
export const metadata = { title: "Patients" };

// Unknown or malformed parameters fall back to their defaults rather than failing the page.
const Params = z.object({
  q: z.string().max(200).optional().catch(undefined),
  source: z.string().max(50).optional().catch(undefined),
  runs: z.enum(["yes", "no"]).optional().catch(undefined),
  assigned: z.literal("me").optional().catch(undefined),
  sort: z.enum(PATIENT_SORTS).optional().catch(undefined),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
  cursor: z.string().max(500).optional().catch(undefined),
});

type ListParams = z.infer<typeof Params>;

function href(params: ListParams, change: Partial<ListParams>): string {
  const merged = { ...params, ...change };
  const search = new URLSearchParams(
    Object.entries(merged).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
    ),
  );
  return `/patients${search.size ? `?${search}` : ""}`;
}

const control =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100";

export default async function PatientsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requirePageUser("/patients");
  const raw = await searchParams;
  const params = Params.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])),
  );
  const sort: PatientSort = params.sort ?? "externalId";
  const order = params.order ?? "asc";
  const [page, sources] = await Promise.all([
    listPatients({
      q: params.q,
      source: params.source,
      hasRuns: params.runs === undefined ? undefined : params.runs === "yes",
      assignedOnly: params.assigned === "me",
      viewerId: user.id,
      sort,
      order,
      cursor: params.cursor,
    }).catch((error) => {
      // A stale or hand-edited cursor starts the list over rather than failing the page.
      if (error instanceof ValidationError) return listPatients({ viewerId: user.id, sort, order });
      throw error;
    }),
    listPatientSources(),
  ]);
  const filtered = Boolean(params.q || params.source || params.runs || params.assigned);

  return (
    // 4K at 100% scaling: the same page, half again as large.
    <div className="space-y-3 min-[2400px]:[zoom:1.5]">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex items-baseline gap-3">
          <h1 className="text-xl font-semibold">Patients</h1>
          <span className="text-sm text-slate-600 tabular-nums dark:text-slate-400" data-testid="patient-total">
            {page.total.toLocaleString("en-US")} {filtered ? "matching" : "in total"}
          </span>
        </div>
        <PatientFilters>
          <div>
            <label htmlFor="patient-search" className="block text-xs font-medium">
              Search
            </label>
            <input
              id="patient-search"
              name="q"
              type="search"
              defaultValue={params.q}
              placeholder="Subject id, name or patient id"
              className={`w-64 ${control}`}
            />
          </div>
          <div>
            <label htmlFor="patient-source" className="block text-xs font-medium">
              Source
            </label>
            <select id="patient-source" name="source" defaultValue={params.source ?? ""} className={control}>
              <option value="">Any</option>
              {sources.map((source) => (
                <option key={source}>{source}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="patient-runs" className="block text-xs font-medium">
              Prediction runs
            </label>
            <select id="patient-runs" name="runs" defaultValue={params.runs ?? ""} className={control}>
              <option value="">Any</option>
              <option value="yes">Has runs</option>
              <option value="no">No runs</option>
            </select>
          </div>
          <label className="flex items-center gap-1.5 pb-1.5 text-sm">
            <input type="checkbox" name="assigned" value="me" defaultChecked={params.assigned === "me"} />
            Assigned to me
          </label>
          {params.sort ? <input type="hidden" name="sort" value={params.sort} /> : null}
          {params.order ? <input type="hidden" name="order" value={params.order} /> : null}
          <button className="rounded bg-sky-700 px-3 py-1 text-sm font-medium text-white hover:bg-sky-800">
            Search
          </button>
          {filtered ? (
            <Link href={href({}, { sort: params.sort, order: params.order })} className="pb-1 text-sm underline">
              Clear
            </Link>
          ) : null}
          <div className="pb-1"></div>
        </PatientFilters>
      </div>

      <PatientTable
        patients={page.patients}
        sort={sort}
        order={order}
        sortHref={(nextSort, nextOrder) => href(params, { sort: nextSort, order: nextOrder, cursor: undefined })}
        emptyMessage={
          filtered ? "No patient matches these filters." : "No patients yet: import some with npm run import."
        }
      />

      <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
        {page.prevCursor ? (
          <Link className="text-sky-800 underline dark:text-sky-300" href={href(params, { cursor: page.prevCursor })}>
            ← Previous page
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link className="text-sky-800 underline dark:text-sky-300" href={href(params, { cursor: page.nextCursor })}>
            Next page →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
