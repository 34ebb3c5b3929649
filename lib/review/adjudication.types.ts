// The final label's request and answer shapes (adjudication.ts), apart from the code that
// reads the database: the route table and the client read them.
import { z } from "zod";

export const FinalLabelRequest = z.object({
  criterion: z.string().min(1).max(100),
  /** The final value; null clears the final label. */
  value: z.union([z.number().int(), z.enum(["A", "B", "tie"])]).nullable(),
  note: z.string().max(2_000).default(""),
});
export type FinalLabelRequest = z.infer<typeof FinalLabelRequest>;

export type FinalLabel = {
  criterion: string;
  value: number | string;
  note: string;
  decidedBy: string | null;
  updatedAt: string;
};
