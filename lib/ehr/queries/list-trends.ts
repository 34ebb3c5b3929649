// Numeric labs and vitals as one series per test, for the small trend charts. A series
// with more values than the chart has room for keeps each bucket's lowest and highest value
// (real events, so a click still finds its row, and no extreme value is ever smoothed away).
import "server-only";
import { db } from "../../db";
import type { EventCategory } from "../../generated/prisma/enums";
import { eventWhere, type EventFilter } from "./event-filter";
import { TREND_CATEGORIES } from "../timeline/timeline-lanes";
import type { TrendPoint, TrendResponse, TrendSeries } from "../timeline/timeline-types";

type TrendRow = {
  id: bigint;
  time: Date;
  category: EventCategory;
  seriesCode: string;
  label: string;
  unit: string | null;
  value: number;
  refLow: number | null;
  refHigh: number | null;
  abnormal: boolean;
  count: number;
};

export async function listTrends(
  patientId: string,
  filter: EventFilter & { from: Date; to: Date },
  points: number,
): Promise<TrendResponse> {
  const categories = (filter.categories ?? TREND_CATEGORIES).filter((c) => TREND_CATEGORIES.includes(c));
  if (categories.length === 0) return { from: filter.from.toISOString(), to: filter.to.toISOString(), series: [] };
  const buckets = Math.max(1, Math.floor(points / 2));
  // Bucket extremes by hash aggregation (min/max of [value, id] arrays): no sort of the
  // window's values, which at tens of thousands of vitals is three times faster than
  // ranking them with window functions. Ids travel as float8, exact below 2^53.
  const rows = await db.$queryRaw<TrendRow[]>`
    WITH w AS (
      SELECT "id", "category", coalesce("code", "label") AS "seriesCode", coalesce("unit", '') AS "unitKey",
             "valueNum" AS "value",
             width_bucket(date_part('epoch', "time") * 1000,
                          ${filter.from.getTime()}::float8, ${filter.to.getTime()}::float8, ${buckets}::int) AS "bucket"
      FROM "event"
      WHERE ${eventWhere(patientId, { ...filter, categories })} AND "valueNum" IS NOT NULL
    ), buckets AS (
      SELECT "category", "seriesCode", "unitKey", count(*) AS "n",
             min(ARRAY["value", "id"::float8]) AS "low", max(ARRAY["value", -"id"::float8]) AS "high"
      FROM w GROUP BY "category", "seriesCode", "unitKey", "bucket"
    ), series AS (
      SELECT "category", "seriesCode", "unitKey", sum("n")::int AS "count" FROM buckets GROUP BY 1, 2, 3
    ), picked AS (
      SELECT w."id" FROM w JOIN series USING ("category", "seriesCode", "unitKey") WHERE "count" <= ${points}
      UNION
      SELECT "low"[2]::bigint FROM buckets JOIN series USING ("category", "seriesCode", "unitKey") WHERE "count" > ${points}
      UNION
      SELECT (-"high"[2])::bigint FROM buckets JOIN series USING ("category", "seriesCode", "unitKey") WHERE "count" > ${points}
    )
    SELECT e."id", e."time", e."category", coalesce(e."code", e."label") AS "seriesCode", e."label", e."unit",
           e."valueNum" AS "value", e."refLow", e."refHigh",
           coalesce(e."flag" IS NOT NULL OR e."valueNum" < e."refLow" OR e."valueNum" > e."refHigh", false) AS "abnormal",
           s."count"
    FROM picked p
    JOIN "event" e ON e."id" = p."id"
    JOIN series s ON s."category" = e."category" AND s."seriesCode" = coalesce(e."code", e."label")
                 AND s."unitKey" = coalesce(e."unit", '')
    ORDER BY e."category", e."label", 4, e."unit", e."time", e."id"`;
  return { from: filter.from.toISOString(), to: filter.to.toISOString(), series: groupSeries(rows) };
}

function groupSeries(rows: TrendRow[]): TrendSeries[] {
  const series = new Map<string, TrendSeries>();
  for (const row of rows) {
    const key = `${row.category}:${row.seriesCode}:${row.unit ?? ""}`;
    let entry = series.get(key);
    if (!entry) {
      entry = {
        key,
        category: row.category,
        label: row.label,
        unit: row.unit,
        refLow: null,
        refHigh: null,
        count: row.count,
        points: [],
      };
      series.set(key, entry);
    }
    // Ranges can change over a stay (a new analyser); the chart shows the latest.
    entry.refLow = row.refLow ?? entry.refLow;
    entry.refHigh = row.refHigh ?? entry.refHigh;
    const point: TrendPoint = {
      id: row.id.toString(),
      time: row.time.toISOString(),
      value: row.value,
      abnormal: row.abnormal,
    };
    entry.points.push(point);
  }
  return [...series.values()];
}
