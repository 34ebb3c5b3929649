// The queue form's patient search: GET /api/patients?q= (id prefix, name, exact id) as the
// study lead types, settled for a moment so each key is not a request; and every patient
// matching a search, page by page, for "add all matching".
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useDebounced } from "@/components/timeline/use-debounced";
import { fetchJson } from "@/lib/http/fetch-json";
import { MAX_QUEUE_PATIENTS, type ChosenPatient } from "@/lib/review/patient-selection";

type PatientPage = {
  patients: (ChosenPatient & { admissions: number })[];
  nextCursor: string | null;
  total: number;
};

export const SEARCH_LIMIT = 20;

const pageUrl = (q: string, limit: number, cursor?: string | null) => {
  const params = new URLSearchParams({ sort: "externalId", limit: String(limit) });
  if (q) params.set("q", q);
  if (cursor) params.set("cursor", cursor);
  return `/api/patients?${params}`;
};

export function usePatientSearch(query: string) {
  const q = useDebounced(query.trim(), 250);
  const search = useQuery({
    queryKey: ["queue-form-patients", q],
    queryFn: () => fetchJson<PatientPage>(pageUrl(q, SEARCH_LIMIT)),
    placeholderData: keepPreviousData,
  });
  return { q, settled: q === query.trim() && !search.isPlaceholderData, ...search };
}

/** Every patient matching `q` (at most a queue's worth), following the list's keyset pages. */
export async function fetchAllMatching(q: string): Promise<ChosenPatient[]> {
  const found: ChosenPatient[] = [];
  let cursor: string | null = null;
  do {
    const page: PatientPage = await fetchJson<PatientPage>(pageUrl(q, 200, cursor));
    found.push(...page.patients.map(({ id, externalId, name }) => ({ id, externalId, name })));
    cursor = page.nextCursor;
  } while (cursor && found.length < MAX_QUEUE_PATIENTS);
  return found;
}
