// Keyset cursor of the patient list: the sort key and id of the row to continue from, and
// which way. Opaque (base64url JSON) to callers.
import { z } from "zod";
import { ValidationError } from "../../http/errors";

export type PatientCursor = { key: string | number; id: string; direction: "next" | "prev" };

const Cursor = z.object({
  key: z.union([z.string(), z.number()]),
  id: z.string(),
  direction: z.enum(["next", "prev"]),
});

export function encodePatientCursor(cursor: PatientCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodePatientCursor(text: string): PatientCursor {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw new ValidationError("cursor: not a cursor");
  }
}
