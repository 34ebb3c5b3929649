// Where a queue item sits for the reviewer looking at it: "Item 7 of 40" (its place in the
// queue's order, from 1, as exports number items), and the reviewer's own items before and
// after it (the ones they hold or submitted, in queue order; skipped and released ones are no
// longer theirs), for previous/next.
import "server-only";
import { db } from "../db";
import type { ReviewNavigation } from "./get-review-item.types";

export async function queueItemNavigation({
  userId,
  queueItemId,
}: {
  userId: string;
  queueItemId: string;
}): Promise<ReviewNavigation> {
  const [row] = await db.$queryRaw<ReviewNavigation[]>`
    WITH mine AS (
      SELECT o.id, o.position FROM queue_item o
      JOIN queue_item qi ON qi.id = ${queueItemId} AND o."queueId" = qi."queueId"
      JOIN assignment a ON a."queueItemId" = o.id AND a."userId" = ${userId}
      WHERE a.status IN ('reserved', 'submitted')
    )
    SELECT
      (SELECT count(*)::int FROM queue_item o
        WHERE o."queueId" = qi."queueId" AND (o.position, o.id) <= (qi.position, qi.id)) AS position,
      (SELECT count(*)::int FROM queue_item o WHERE o."queueId" = qi."queueId") AS total,
      (SELECT m.id FROM mine m WHERE (m.position, m.id) < (qi.position, qi.id)
        ORDER BY m.position DESC, m.id DESC LIMIT 1) AS "previousId",
      (SELECT m.id FROM mine m WHERE (m.position, m.id) > (qi.position, qi.id)
        ORDER BY m.position, m.id LIMIT 1) AS "nextId",
      (SELECT count(*)::int FROM mine m WHERE (m.position, m.id) <= (qi.position, qi.id)) AS "mineIndex",
      (SELECT count(*)::int FROM mine) AS "mineCount"
    FROM queue_item qi WHERE qi.id = ${queueItemId}`;
  return row;
}
