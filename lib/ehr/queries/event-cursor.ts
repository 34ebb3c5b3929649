// Keyset cursor over (time, id): the position after the last event of a page. Opaque to
// clients (base64url), so its layout can change without breaking them.
import { isStorableTime, MAX_BIGINT } from "../../db/storable";
import { ValidationError } from "../../http/errors";

export type EventPosition = { time: Date; id: bigint };

export function encodeEventCursor(position: EventPosition): string {
  return Buffer.from(`${position.time.toISOString()}|${position.id}`).toString("base64url");
}

export function decodeEventCursor(cursor: string): EventPosition {
  const [time, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(time ?? "");
  if (!isStorableTime(date) || !/^\d{1,19}$/.test(id ?? "") || BigInt(id) > MAX_BIGINT)
    throw new ValidationError("cursor: not a cursor");
  return { time: date, id: BigInt(id) };
}
