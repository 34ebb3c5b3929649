// The patient list's keyset position: the sort key and id of the row to continue from, and
// which way.
import { z } from "zod";
import { decodeCursor, encodeCursor } from "../../http/keyset-cursor";

const PatientCursor = z.object({
  key: z.union([z.string(), z.number()]),
  id: z.string(),
  direction: z.enum(["next", "prev"]),
});

export type PatientCursor = z.output<typeof PatientCursor>;

export function encodePatientCursor(cursor: PatientCursor): string {
  return encodeCursor(cursor);
}

export function decodePatientCursor(text: string): PatientCursor {
  return decodeCursor(text, PatientCursor);
}
