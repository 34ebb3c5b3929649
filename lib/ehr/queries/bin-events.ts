// Counts per category per time bin, computed in PostgreSQL: at coarse zoom the browser
// draws densities instead of receiving every event.
import "server-only";
import { db } from "../../db";
import type { EventCategory } from "../../generated/prisma/enums";
import { eventWhere, type EventFilter } from "./event-filter";
import type { EventBins } from "../timeline/timeline-types";

export async function binEvents(
  patientId: string,
  filter: EventFilter & { from: Date; to: Date },
  binCount: number,
): Promise<EventBins> {
  const from = filter.from.getTime();
  const to = filter.to.getTime();
  // width_bucket numbers the bins 1..N for from <= t < to; the window's own condition keeps
  // out the N+1 bucket (t >= to) and bucket 0 (t < from).
  const rows = await db.$queryRaw<{ bin: number; category: EventCategory; count: number }[]>`
    SELECT width_bucket((extract(epoch FROM "time") * 1000)::float8, ${from}::float8, ${to}::float8, ${binCount}::int) - 1 AS "bin",
           "category", count(*)::int AS "count"
    FROM "event"
    WHERE ${eventWhere(patientId, filter)}
    GROUP BY 1, 2`;
  const counts: EventBins["counts"] = {};
  let total = 0;
  for (const row of rows) {
    const series = (counts[row.category] ??= new Array<number>(binCount).fill(0));
    series[row.bin] += row.count;
    total += row.count;
  }
  return {
    kind: "bins",
    from: filter.from.toISOString(),
    to: filter.to.toISOString(),
    binMs: (to - from) / binCount,
    binCount,
    total,
    counts,
  };
}
