// The body of POST /api/tokens.
import { z } from "zod";

export const NewTokenRequest = z.object({
  name: z.string().trim().min(1, "give the token a name").max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
