// The events API's keyset position: after the last event of a page, in (time, id) order.
import { z } from "zod";
import { cursorBigInt, cursorTime, decodeCursor, encodeCursor } from "../../http/keyset-cursor";

const EventPosition = z.object({ time: cursorTime, id: cursorBigInt });

export type EventPosition = z.output<typeof EventPosition>;

export function encodeEventCursor(position: EventPosition): string {
  return encodeCursor({ time: position.time.toISOString(), id: String(position.id) });
}

export function decodeEventCursor(cursor: string): EventPosition {
  return decodeCursor(cursor, EventPosition);
}
