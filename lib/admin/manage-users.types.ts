// The bodies of POST /api/admin/users and PATCH /api/admin/users/[id].
import { z } from "zod";
import { ROLES } from "../auth/roles";

export const NewUserRequest = z.object({
  email: z.email(),
  name: z.string().trim().min(1).max(200).optional(),
  roles: z.array(z.enum(ROLES)).min(1, "give at least one role"),
  password: z.string().min(10, "at least 10 characters").max(200),
});

export const UserChangeRequest = z
  .object({
    roles: z.array(z.enum(ROLES)).min(1, "give at least one role").optional(),
    active: z.boolean().optional(),
    name: z.string().trim().min(1).max(200).optional(),
    unlock: z.literal(true).optional(),
  })
  .refine((change) => Object.keys(change).length > 0, "nothing to change");
