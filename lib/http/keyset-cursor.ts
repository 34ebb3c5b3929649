// Keyset cursors: the position after a page's last row, handed to clients as opaque text
// (base64url JSON) so its layout can change without breaking them. Every paged API continues
// this way (never OFFSET: page 100 costs what page 1 costs). Each names its position with a
// zod schema; text that does not decode to one is a 400, never a query parameter.
import { z } from "zod";
import { isStorableTime, MAX_BIGINT } from "../db/storable";
import { ValidationError } from "./errors";

export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw new ValidationError("cursor: not a cursor");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ValidationError("cursor: not a cursor");
  return parsed.data;
}

/** A time in a cursor: ISO text in, a Date PostgreSQL can store out. */
export const cursorTime = z
  .string()
  .transform((text) => new Date(text))
  .refine(isStorableTime);

/** A bigint id in a cursor: decimal text (JSON has no 64-bit integers). */
export const cursorBigInt = z
  .string()
  .regex(/^\d{1,19}$/)
  .transform(BigInt)
  .refine((id) => id <= MAX_BIGINT);
