// GET /api/patients/:id/trends: numeric labs and vitals per test over a window (the whole
// record when the window is open).
import type { EventFilter } from "./event-filter";
import { getPatientExtent } from "./get-patient-extent";
import { listTrends } from "./list-trends";
import type { TrendResponse } from "../timeline/timeline-types";

export const DEFAULT_TREND_POINTS = 240;

export async function getTrends(patientId: string, filter: EventFilter, points?: number): Promise<TrendResponse> {
  const extent = filter.from && filter.to ? null : await getPatientExtent(patientId);
  const from = filter.from ?? new Date(extent?.start ?? 0);
  const to = filter.to ?? new Date(extent ? Date.parse(extent.end) + 1 : 1);
  return listTrends(patientId, { ...filter, from, to }, points ?? DEFAULT_TREND_POINTS);
}
