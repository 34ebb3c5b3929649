// GET /api/export/ratings.csv and .jsonl: which ratings, which layout, which rater ids.
import { z } from "zod";

const Flag = z.enum(["1", "true", "0", "false"]).transform((value) => value === "1" || value === "true");

export const ExportQuery = z.object({
  /** One queue's ratings; without it every rating, queue or not. */
  queue: z.uuid().optional(),
  /** tidy: one row per (item, rater, criterion); wide: one row per (item, criterion), a column per rater. */
  layout: z.enum(["tidy", "wide"]).default("tidy"),
  /** Replace user ids by keyed pseudonyms (HMAC with the server secret and the salt). */
  pseudonymize: Flag.default(false),
  /** Same salt, same pseudonyms (to join exports); without one, each export gets a fresh salt. */
  salt: z.string().min(8).max(200).optional(),
  /** submitted (default): final ratings only; all: drafts too, with their status. */
  include: z.enum(["submitted", "all"]).default("submitted"),
});
export type ExportQuery = z.infer<typeof ExportQuery>;
