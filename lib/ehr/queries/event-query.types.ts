// The query string of the events and trends routes, validated once for both. A leaf: the
// route table reads it, so it imports nothing that reaches the database.
import { z } from "zod";
import { QueryTime } from "../../http/parse-input";
import { EventCategory } from "../../generated/prisma/enums";

/** `category=lab,vital` (comma-separated). */
const Categories = z
  .string()
  .transform((text) =>
    text
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(EventCategory)).min(1));

const Flag = z.enum(["1", "true", "0", "false"]).transform((value) => value === "1" || value === "true");

const Window = z.object({
  from: QueryTime.optional(),
  to: QueryTime.optional(),
  category: Categories.optional(),
  q: z.string().max(200).optional(),
});

/** The most events one page may hold (list-events). */
export const MAX_PAGE_SIZE = 5000;
/** The most time bins one density request may ask for (bin-events). */
export const MAX_BINS = 2000;

const ordered = (query: { from?: Date; to?: Date }) => !query.from || !query.to || query.from < query.to;
const orderMessage = { message: "from must be before to", path: ["to"] };

export const EventsQuery = Window.extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  detail: Flag.optional(),
  bins: z.coerce.number().int().min(1).max(MAX_BINS).optional(),
}).refine(ordered, orderMessage);

export const TrendsQuery = Window.extend({
  points: z.coerce.number().int().min(2).max(2000).optional(),
}).refine(ordered, orderMessage);
