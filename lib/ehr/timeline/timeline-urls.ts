// URLs of the events and trends APIs, built in one place so every panel asks the same way.
import type { EventCategory } from "./timeline-types";

export type WindowQuery = {
  from?: number;
  to?: number;
  categories?: readonly EventCategory[];
  q?: string;
};

function params(query: WindowQuery, extra: Record<string, string | number | boolean | undefined>) {
  const search = new URLSearchParams();
  if (query.from !== undefined) search.set("from", new Date(query.from).toISOString());
  if (query.to !== undefined) search.set("to", new Date(query.to).toISOString());
  if (query.categories) search.set("category", query.categories.join(","));
  if (query.q) search.set("q", query.q);
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined && value !== false) search.set(key, value === true ? "1" : String(value));
  }
  return search.toString();
}

export function eventsUrl(
  patientId: string,
  query: WindowQuery,
  options: { cursor?: string; limit?: number; detail?: boolean; bins?: number } = {},
): string {
  return `/api/patients/${patientId}/events?${params(query, options)}`;
}

export function trendsUrl(patientId: string, query: WindowQuery, points: number): string {
  return `/api/patients/${patientId}/trends?${params(query, { points })}`;
}
