// Keyset cursor over (time, id): the position after the last event of a page. Opaque to
// clients (base64url), so its layout can change without breaking them.
import { ValidationError } from "../../http/errors";

export type EventPosition = { time: Date; id: bigint };

export function encodeEventCursor(position: EventPosition): string {
  return Buffer.from(`${position.time.toISOString()}|${position.id}`).toString("base64url");
}

export function decodeEventCursor(cursor: string): EventPosition {
  const [time, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(time ?? "");
  if (Number.isNaN(date.getTime()) || !/^\d+$/.test(id ?? "")) throw new ValidationError("cursor: not a cursor");
  return { time: date, id: BigInt(id) };
}
